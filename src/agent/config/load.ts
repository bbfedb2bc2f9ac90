import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { ZodIssue } from 'zod';
import type { ConfigIssue } from '../../core/component.js';
import { AuditRelayError, type ErrorCode } from '../../core/errors.js';
import { FORMATS, SINKS, SOURCES } from '../registry.js';
import { prepareConfig } from './prepare.js';
import { type AgentConfig, configSchema } from './schema.js';

/** One problem in a configuration file, printed as `file:line key: message`. */
export interface ConfigProblem {
  code: ErrorCode;
  file: string;
  line: number;
  key: string;
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line} ${p.key || '(root)'}: ${p.message} [${p.code}]`;
}

export type LoadResult =
  | { ok: true; config: AgentConfig; directory: string; warnings: ConfigProblem[] }
  | { ok: false; problems: ConfigProblem[] };

/**
 * Reads and validates a YAML configuration. `${VAR}` in any string is replaced from the
 * environment; a missing variable is a problem at its line. Never throws for bad input.
 */
export function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): LoadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      ok: false,
      problems: [
        { code: 'AR_CONFIG_READ', file: path, line: 0, key: '', message: `cannot read the file (${reason})` },
      ],
    };
  }
  return parseConfig(text, path, env);
}

export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;
  const problems: ConfigProblem[] = [];
  for (const error of doc.errors) {
    problems.push({
      code: 'AR_CONFIG_SYNTAX',
      file,
      line: lineOf(error.pos[0]),
      key: '',
      message: error.message.split('\n')[0]!,
    });
  }
  if (problems.length) return { ok: false, problems };

  visit(doc, {
    Scalar(_key, node, path) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return;
      node.value = node.value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
        const value = env[name];
        if (value === undefined) {
          problems.push({
            code: 'AR_CONFIG_ENV_MISSING',
            file,
            line: lineOf(node.range?.[0]),
            key: keyPath(path),
            message: `environment variable ${name} is not set`,
          });
          return '';
        }
        return value;
      });
    },
  });
  if (problems.length) return { ok: false, problems };

  return validateData(doc.toJS() ?? {}, file, (path) => lineForPath(doc, path, lineOf));
}

/**
 * A configuration given as data (the `demo` command, tests): the same steps as a file,
 * without line numbers. Throws AR_CONFIG_INVALID with every problem.
 */
export function configFromData(data: unknown): AgentConfig {
  const result = validateData(data, '(built-in)', () => 0);
  if (!result.ok) throw configErrorFrom(result.problems);
  return result.config;
}

/** Deprecated forms rewritten, then the schema, then the checks that span several keys. */
function validateData(
  data: unknown,
  file: string,
  lineFor: (path: (string | number)[]) => number,
): LoadResult {
  const at = (code: ErrorCode, issue: ConfigIssue): ConfigProblem => ({
    code,
    file,
    line: lineFor(issue.path),
    key: pathText(issue.path),
    message: issue.message,
  });
  const prepared = prepareConfig(data);
  const warnings = prepared.warnings.map((issue) => at('AR_CONFIG_DEPRECATED', issue));
  const result = configSchema.safeParse(prepared.config);
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      // An unknown key is reported at its own line, under its own name.
      at('AR_CONFIG_INVALID', {
        path: issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path,
        message: describeIssue(issue),
      }),
    );
    return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  }
  const config = result.data as AgentConfig;
  const problems = crossChecks(config).map((issue) => at('AR_CONFIG_INVALID', issue));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config, directory: dirname(resolve(file)), warnings };
}

/** Checks that span several keys, from each component's `validate` (paths from the root). */
function crossChecks(config: AgentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const check = (
    path: (string | number)[],
    descriptor: { validate?(config: never): ConfigIssue[] } | undefined,
    component: unknown,
  ) => {
    for (const issue of descriptor?.validate?.(component as never) ?? []) {
      issues.push({ path: [...path, ...issue.path], message: issue.message });
    }
  };
  config.sources.forEach((source, index) => {
    check(
      ['sources', index],
      SOURCES.find((d) => d.type === source.type),
      source,
    );
  });
  config.sinks.forEach((sink, index) => {
    const descriptor = SINKS.find((d) => d.type === sink.type);
    check(['sinks', index], descriptor, sink);
    const unsuitable = descriptor?.formatCheck?.(sink.format as Record<string, unknown>);
    if (unsuitable) issues.push({ path: ['sinks', index, 'format'], message: unsuitable });
    check(
      ['sinks', index, 'format'],
      FORMATS.find((d) => d.type === sink.format.type),
      sink.format,
    );
  });
  return issues;
}

/** The line of the deepest node that exists on the issue's path (a missing key: its parent). */
function lineForPath(
  doc: ReturnType<typeof parseDocument>,
  path: (string | number)[],
  lineOf: (o?: number) => number,
): number {
  for (let depth = path.length; depth >= 0; depth--) {
    // A key's own line (not where its value, e.g. a list, starts).
    const parent = depth > 0 ? doc.getIn(path.slice(0, depth - 1), true) : undefined;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[depth - 1]);
      if (pair && isScalar(pair.key) && pair.key.range) return lineOf(pair.key.range[0]);
    }
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && (node as Node).range) return lineOf((node as Node).range![0]);
  }
  return 1;
}

function pathText(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The key path of a visited node, as `sources[0].connection.password`. */
function keyPath(ancestors: readonly unknown[]): string {
  const path: (string | number)[] = [];
  ancestors.forEach((node, i) => {
    const next = ancestors[i + 1];
    if (isSeq(node) && next !== undefined) path.push(node.items.indexOf(next as never));
    if (isPair(node) && isScalar(node.key)) path.push(String(node.key.value));
  });
  return pathText(path);
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

/** Throws the problems as one AuditRelayError (for code paths that cannot continue). */
export function configErrorFrom(problems: ConfigProblem[]): AuditRelayError {
  return new AuditRelayError(
    problems[0]?.code ?? 'AR_CONFIG_INVALID',
    problems.map(formatProblem).join('\n'),
  );
}
