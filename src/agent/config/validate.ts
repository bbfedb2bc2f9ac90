import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ZodIssue } from 'zod';
import type { ConfigFile, ConfigIssue } from '../../core/component.js';
import type { ErrorCode } from '../../core/errors.js';
import { wildcard } from '../../events/filter.js';
import { ANY_MESSAGE_ID } from '../../ibmi/messages/catalog.js';
import { FORMATS, SINKS, SOURCES } from '../registry.js';
import { prepareConfig } from './prepare.js';
import { type AgentConfig, configSchema, sinkSchema, sourceSchema } from './schema.js';

/** One problem in a configuration file, printed as `file:line key: message [code]`. */
export interface ConfigProblem {
  code: ErrorCode;
  file: string;
  line: number;
  key: string;
  message: string;
}

export interface ValidateContext {
  file: string;
  /** Relative file paths resolve against it. */
  directory: string;
  lineFor(path: (string | number)[]): number;
  /** Paths (as pathText) of values that came whole from one `${VAR}`: typed where the schema says. */
  typedCandidates: ReadonlySet<string>;
}

export type Validated =
  | { ok: true; config: AgentConfig; directory: string; warnings: ConfigProblem[] }
  | { ok: false; problems: ConfigProblem[]; warnings: ConfigProblem[] };

type Plain = Record<string, unknown>;
type Path = (string | number)[];

/**
 * Deprecated forms rewritten, then the schema, then the checks across keys and files. The
 * checks run on every source and sink that passed the schema on its own, so one pass reports
 * every problem, not only the first kind found.
 */
export function validateData(data: unknown, context: ValidateContext): Validated {
  const at = (code: ErrorCode, issue: ConfigIssue): ConfigProblem => ({
    code,
    file: context.file,
    line: context.lineFor(issue.path),
    key: pathText(issue.path),
    message: issue.message,
  });
  const prepared = prepareConfig(data);
  const warnings = prepared.warnings.map((issue) => at('AR_CONFIG_DEPRECATED', issue));
  const result = parseTyped(prepared.config, context.typedCandidates);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) =>
        // An unknown key is reported at its own line, under its own name.
        at('AR_CONFIG_INVALID', {
          path: issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path,
          message: describeIssue(issue),
        }),
      );
  for (const issue of crossChecks(prepared.config, data, context.directory)) {
    if (issue.warning) warnings.push(at(issue.code, issue));
    else problems.push(at(issue.code, issue));
  }
  const byLine = (a: ConfigProblem, b: ConfigProblem) => a.line - b.line;
  warnings.sort(byLine);
  if (problems.length > 0 || !result.success) return { ok: false, problems: problems.sort(byLine), warnings };
  return { ok: true, config: result.data as AgentConfig, directory: context.directory, warnings };
}

/**
 * The schema, after turning values that came whole from one `${VAR}` into numbers or booleans
 * where the schema wants those (a port, a switch). Other values stay strings, so a password
 * of digits is still a string.
 */
function parseTyped(config: unknown, candidates: ReadonlySet<string>) {
  let result = configSchema.safeParse(config);
  for (let round = 0; !result.success && round < candidates.size; round++) {
    let changed = false;
    for (const issue of result.error.issues) {
      if (issue.code !== 'invalid_type' || issue.received !== 'string') continue;
      if (!candidates.has(pathText(issue.path))) continue;
      const typed = typedValue(getIn(config, issue.path) as string, issue.expected);
      if (typed === undefined) continue;
      setIn(config, issue.path, typed);
      changed = true;
    }
    if (!changed) break;
    result = configSchema.safeParse(config);
  }
  return result;
}

function typedValue(text: string, expected: string): number | boolean | undefined {
  if (expected === 'number' || expected === 'integer') {
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : undefined;
  }
  if (expected === 'boolean') {
    const lower = text.trim().toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : undefined;
  }
  return undefined;
}

interface Issue extends ConfigIssue {
  code: ErrorCode;
}

interface Part {
  path: Path;
  config: Plain;
  written: Plain;
}

/**
 * Checks that span several keys: each component's own `validate`; unique names; the files
 * components will read; entry types and severity keys the sources can produce. Run on the
 * parts that passed the schema on their own.
 */
function crossChecks(prepared: unknown, written: unknown, directory: string): Issue[] {
  const issues: Issue[] = [];
  const raw = isPlain(prepared) ? prepared : {};
  const asWritten = isPlain(written) ? written : {};
  const listOf = (key: string) => (Array.isArray(raw[key]) ? (raw[key] as unknown[]) : []);
  const writtenOf = (key: string, index: number): Plain => {
    const list = asWritten[key];
    const item = Array.isArray(list) ? list[index] : undefined;
    return isPlain(item) ? item : {};
  };
  const parts = (key: 'sources' | 'sinks', schema: typeof sourceSchema | typeof sinkSchema): Part[] =>
    listOf(key).flatMap((item, index) => {
      const parsed = schema.safeParse(item);
      return parsed.success
        ? [{ path: [key, index], config: parsed.data as Plain, written: writtenOf(key, index) }]
        : [];
    });
  const sources = parts('sources', sourceSchema);
  const sinks = parts('sinks', sinkSchema);

  const component = (
    part: Part,
    descriptor:
      | {
          validate?(c: never, w: never): ConfigIssue[];
          warnings?(c: never): ConfigIssue[];
          files?(c: never): ConfigFile[];
        }
      | undefined,
    config: Plain,
    written: Plain,
    under: Path = [],
  ) => {
    for (const issue of descriptor?.validate?.(config as never, written as never) ?? []) {
      issues.push({
        ...issue,
        path: [...part.path, ...under, ...issue.path],
        code: issue.warning ? 'AR_CONFIG_UNUSED' : 'AR_CONFIG_INVALID',
      });
    }
    for (const issue of descriptor?.warnings?.(config as never) ?? []) {
      issues.push({
        ...issue,
        path: [...part.path, ...under, ...issue.path],
        warning: true,
        code: 'AR_CONFIG_UNSAFE',
      });
    }
    for (const { path, file } of descriptor?.files?.(config as never) ?? []) {
      const problem = unreadable(resolve(directory, file));
      if (problem) {
        issues.push({ path: [...part.path, ...under, ...path], message: problem, code: 'AR_CONFIG_FILE' });
      }
    }
  };
  for (const part of sources) {
    component(
      part,
      SOURCES.find((d) => d.type === part.config['type']),
      part.config,
      part.written,
    );
  }
  for (const part of sinks) {
    const descriptor = SINKS.find((d) => d.type === part.config['type']);
    component(part, descriptor, part.config, part.written);
    const format = part.config['format'] as Plain;
    const unsuitable = descriptor?.formatCheck?.(format);
    if (unsuitable)
      issues.push({ path: [...part.path, 'format'], message: unsuitable, code: 'AR_CONFIG_INVALID' });
    const writtenFormat = isPlain(part.written['format']) ? part.written['format'] : {};
    component(
      part,
      FORMATS.find((d) => d.type === format['type']),
      format,
      writtenFormat,
      ['format'],
    );
  }

  issues.push(...nameChecks(listOf('sources'), listOf('sinks')));
  const sourceTypes = listOf('sources').map((item) => (isPlain(item) ? item['type'] : undefined));
  issues.push(...eventTypeChecks(sourceTypes, sources, sinks));
  return issues;
}

/** Names are unique across sources and sinks (logs and metrics use them); state ids within each kind. */
function nameChecks(sources: unknown[], sinks: unknown[]): Issue[] {
  const issues: Issue[] = [];
  const names = new Map<string, Path>();
  const ids = new Map<string, Path>();
  const each = (kind: 'sources' | 'sinks', list: unknown[]) => {
    list.forEach((item, index) => {
      const value = isPlain(item) ? item : {};
      const name = typeof value['name'] === 'string' ? value['name'] : `${kind.slice(0, -1)}-${index + 1}`;
      const id = typeof value['id'] === 'string' ? value['id'] : name;
      const namePath: Path = [kind, index, 'name'];
      const idPath: Path = [kind, index, typeof value['id'] === 'string' ? 'id' : 'name'];
      const other = names.get(name);
      if (other) {
        issues.push({
          path: namePath,
          message: `${name} is already the name of ${pathText(other)}; names must be unique across sources and sinks`,
          code: 'AR_CONFIG_INVALID',
        });
      } else names.set(name, namePath);
      const sameId = ids.get(`${kind}/${id}`);
      if (sameId && !other) {
        issues.push({
          path: idPath,
          message: `state id ${id} is already used by ${pathText(sameId)}; two ${kind} cannot share state`,
          code: 'AR_CONFIG_INVALID',
        });
      } else ids.set(`${kind}/${id}`, idPath);
      if (kind === 'sources' && (/[/\\]/.test(id) || id === '.' || id === '..' || /^\s|\s$/.test(id))) {
        issues.push({
          path: idPath,
          message: `${JSON.stringify(id)} names a directory of the state: no slashes, not . or .., no outer spaces`,
          code: 'AR_CONFIG_INVALID',
        });
      }
    });
  };
  each('sources', sources);
  each('sinks', sinks);
  return issues;
}

/**
 * Entry types in filters and severity keys must be ones the sources produce: a typo would
 * silently match nothing (an include filter would then drop every event).
 */
function eventTypeChecks(sourceTypes: unknown[], sources: Part[], sinks: Part[]): Issue[] {
  const issues: Issue[] = [];
  const typesOf = (type: unknown) => SOURCES.find((d) => d.type === type)?.eventTypes ?? [];
  const all = new Set(sourceTypes.flatMap(typesOf));
  const checkFilter = (part: Part, known: ReadonlySet<string>) => {
    const filter = part.config['filter'] as { include?: Plain[]; exclude?: Plain[] } | undefined;
    for (const list of ['include', 'exclude'] as const) {
      filter?.[list]?.forEach((rule, r) => {
        ((rule['entryTypes'] as string[] | undefined) ?? []).forEach((pattern, p) => {
          if (matchesKnownType(pattern, known)) return;
          issues.push({
            path: [...part.path, 'filter', list, r, 'entryTypes', p],
            message: `${pattern} matches no entry type the sources produce (docs/entry-types.md)`,
            code: 'AR_CONFIG_INVALID',
          });
        });
      });
    }
  };
  for (const source of sources) checkFilter(source, new Set(typesOf(source.config['type'])));
  if (all.size === 0) return issues;
  for (const sink of sinks) {
    checkFilter(sink, all);
    const severity = (sink.config['format'] as Plain)['severity'];
    for (const key of Object.keys(isPlain(severity) ? severity : {})) {
      if (matchesKnownType(key.split('-')[0]!, all)) continue;
      issues.push({
        path: [...sink.path, 'format', 'severity', key],
        message: `${key.split('-')[0]} is not an entry type the sources produce (docs/entry-types.md)`,
        code: 'AR_CONFIG_INVALID',
      });
    }
  }
  return issues;
}

/** `PW`, `PW-P`, `Z*`: the entry type part (before a sub-type) must match a known type. */
function matchesKnownType(pattern: string, known: ReadonlySet<string>): boolean {
  const type = pattern.split('-')[0]!;
  // Message sources produce any IBM message ID (CPF1393, CPF22*).
  if (known.has(ANY_MESSAGE_ID) && /^[A-Z]{2,3}[0-9A-F*?]{1,5}$/i.test(type)) return true;
  if (!/[*?]/.test(type)) return known.has(type.toUpperCase());
  const glob = wildcard(type);
  return [...known].some((k) => glob.test(k));
}

/** Why a file cannot be read, or undefined when it can. */
function unreadable(file: string): string | undefined {
  try {
    readFileSync(file);
    return undefined;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return `cannot read ${file} (${reason})`;
  }
}

export function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function describeIssue(issue: ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_union_discriminator':
      return `type must be one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}`;
    case 'invalid_type':
      return issue.received === 'undefined'
        ? 'required'
        : `expected ${issue.expected}, got ${issue.received}`;
    default:
      return issue.message;
  }
}

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function getIn(data: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], data);
}

function setIn(data: unknown, path: Path, value: unknown): void {
  const parent = getIn(data, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
}
