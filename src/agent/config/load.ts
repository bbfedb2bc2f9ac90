import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from 'yaml';
import { AuditRelayError, type ErrorCode } from '../../core/errors.js';
import type { AgentConfig } from './schema.js';
import { type ConfigProblem, pathText, validateData } from './validate.js';

export type { ConfigProblem } from './validate.js';

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line} ${p.key || '(root)'}: ${p.message} [${p.code}]`;
}

export type LoadResult =
  | { ok: true; config: AgentConfig; directory: string; warnings: ConfigProblem[] }
  | { ok: false; problems: ConfigProblem[]; warnings: ConfigProblem[] };

/**
 * Reads and validates a YAML configuration in one pass that reports every problem it finds,
 * each at its file:line. `check`, `run` and a reload all use this. Never throws for bad input.
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
      warnings: [],
    };
  }
  return parseConfig(text, path, env);
}

/**
 * The steps, in order: YAML; `${VAR}` and `${VAR:-default}` from the environment; `KEY_FILE:
 * path` read into `KEY`; then validateData (deprecated forms, the schema, the checks across
 * keys and files). Relative paths resolve against the file's directory.
 */
export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): LoadResult {
  const directory = dirname(resolve(file));
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;
  const problems: ConfigProblem[] = [];
  const problem = (code: ErrorCode, line: number, key: string, message: string) =>
    problems.push({ code, file, line, key, message });
  for (const error of doc.errors) {
    problem('AR_CONFIG_SYNTAX', lineOf(error.pos[0]), '', error.message.split('\n')[0]!);
  }
  if (problems.length) return { ok: false, problems, warnings: [] };

  // Whole values from one reference (`port: ${PORT}`): the schema may want them typed.
  const typedCandidates = new Set<string>();
  visit(doc, {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return;
      const path = keyPath(ancestors);
      const whole = REFERENCE.exec(node.value)?.[0] === node.value;
      node.value = node.value.replace(REFERENCES, (_match, name: string, fallback?: string) => {
        const value = env[name];
        if (value !== undefined && (value !== '' || fallback === undefined)) return value;
        if (fallback !== undefined) return fallback;
        problem(
          'AR_CONFIG_ENV_MISSING',
          lineOf(node.range?.[0]),
          pathText(path),
          `environment variable ${name} is not set`,
        );
        return '';
      });
      if (whole && node.type === 'PLAIN') typedCandidates.add(pathText(path));
    },
  });
  readSecretFiles(doc, directory, lineOf, problem);

  const result = validateData(doc.toJS() ?? {}, {
    file,
    directory,
    lineFor: (path) => lineForPath(doc, path, lineOf),
    typedCandidates,
  });
  if (problems.length === 0) return result;
  const all = [...problems, ...(result.ok ? [] : result.problems)].sort((a, b) => a.line - b.line);
  return { ok: false, problems: all, warnings: result.warnings };
}

/** `${NAME}` or `${NAME:-default}` (the default also when NAME is set but empty, as in sh). */
const REFERENCES = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const REFERENCE = new RegExp(REFERENCES.source);

/** The suffix that makes a key read its value from a file: `password_FILE: /run/secrets/pw`. */
const FILE_SUFFIX = '_FILE';

/**
 * `KEY_FILE: path` becomes `KEY: <the file's content>`, without one trailing newline: the
 * Docker secrets and systemd credentials habit, for any string setting. The key keeps its
 * line, so problems with the value are still reported there.
 */
function readSecretFiles(
  doc: Document,
  directory: string,
  lineOf: (offset: number | undefined) => number,
  problem: (code: ErrorCode, line: number, key: string, message: string) => void,
): void {
  visit(doc, {
    Pair(_key, pair, ancestors) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string') return;
      const name = pair.key.value;
      if (!name.endsWith(FILE_SUFFIX) || name.length === FILE_SUFFIX.length) return;
      const target = name.slice(0, -FILE_SUFFIX.length);
      const path = keyPath([...ancestors, pair]);
      const line = lineOf(pair.key.range?.[0]);
      const parent = ancestors.at(-1);
      if (isMap(parent) && parent.has(target)) {
        problem('AR_CONFIG_INVALID', line, pathText(path), `give ${target} or ${name}, not both`);
        return;
      }
      if (!isScalar(pair.value) || typeof pair.value.value !== 'string') {
        problem('AR_CONFIG_INVALID', line, pathText(path), 'expected the path of a file');
        return;
      }
      const file = resolve(directory, pair.value.value);
      pair.key.value = target;
      try {
        pair.value.value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        problem('AR_CONFIG_FILE', line, pathText(path), `cannot read ${file} (${reason})`);
        // Reported once, as that: not again as a missing or empty value.
        pair.value.value = `(unreadable ${name})`;
      }
    },
  });
}

/**
 * A configuration given as data (the `demo` command, tests): the same steps as a file,
 * without line numbers. Throws AR_CONFIG_INVALID with every problem.
 */
export function configFromData(data: unknown, directory = process.cwd()): AgentConfig {
  const result = validateData(data, {
    file: '(built-in)',
    directory,
    lineFor: () => 0,
    typedCandidates: new Set(),
  });
  if (!result.ok) throw configErrorFrom(result.problems);
  return result.config;
}

/** The line of the deepest node that exists on the issue's path (a missing key: its parent). */
function lineForPath(doc: Document, path: (string | number)[], lineOf: (o?: number) => number): number {
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

/** The key path of a visited node from its ancestors, as ['sources', 0, 'connection', 'password']. */
function keyPath(ancestors: readonly unknown[]): (string | number)[] {
  const path: (string | number)[] = [];
  ancestors.forEach((node, i) => {
    const next = ancestors[i + 1];
    if (isSeq(node) && next !== undefined) path.push(node.items.indexOf(next as never));
    if (isPair(node) && isScalar(node.key)) path.push(String(node.key.value));
  });
  return path;
}

/** Throws the problems as one AuditRelayError (for code paths that cannot continue). */
export function configErrorFrom(problems: ConfigProblem[]): AuditRelayError {
  return new AuditRelayError(
    problems[0]?.code ?? 'AR_CONFIG_INVALID',
    problems.map(formatProblem).join('\n'),
  );
}
