import { type ParseArgsConfig, parseArgs } from 'node:util';
import { AuditRelayError } from '../core/errors.js';

/** What a command writes to; injectable so commands are testable in-process. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTty: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY),
  env: process.env,
};

export type OptionValues = Record<string, string | boolean | undefined>;

export interface Command {
  name: string;
  summary: string;
  /** Full `--help` text. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  run(values: OptionValues, positionals: string[], io: Io): Promise<number>;
}

export const EXIT = { ok: 0, failure: 1, usage: 2, auth: 3 } as const;

export function parseCommandLine(
  command: Command,
  argv: string[],
): { values: OptionValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(command, argv),
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    throw new AuditRelayError(
      'AR_CLI_USAGE',
      `${(error as Error).message}\nRun: auditrelay ${command.name} --help`,
    );
  }
}

/** `--utc-offset -05:00` → `--utc-offset=-05:00`: parseArgs would take the value for an option. */
function joinNegativeValues(command: Command, argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name && command.options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Reads a numeric option, failing with a usage error that names it. */
export function numberOption(values: OptionValues, name: string, fallback: number, min = 0): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || n < min) {
    throw new AuditRelayError(
      'AR_CLI_USAGE',
      `--${name} expects a number >= ${min}, got ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

/** `HOST:PORT`, `[IPv6]:PORT` or `:PORT`. */
export function hostPort(text: string, option: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text);
  const port = Number(m?.[3]);
  if (!m || port < 0 || port > 65535) {
    throw new AuditRelayError('AR_CLI_USAGE', `--${option} expects HOST:PORT, got ${JSON.stringify(text)}`);
  }
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}
