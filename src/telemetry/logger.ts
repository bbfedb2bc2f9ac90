/**
 * The agent's own log: one line per happening (never per event), to stderr, as text for
 * people or JSON for machines. Components log through a child with their name bound.
 */
import type { LogFields, Logger, LogLevel } from '../core/telemetry.js';

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface LoggerOptions {
  level?: LogLevel;
  format?: 'text' | 'json';
  write?: (line: string) => void;
  now?: () => Date;
}

/** The root logger; `configure` changes level and format for it and every child (a reload). */
export interface RootLogger extends Logger {
  configure(options: Pick<LoggerOptions, 'level' | 'format'>): void;
}

export function createLogger(options: LoggerOptions = {}): RootLogger {
  const settings = { ...options };
  return { ...childLogger(settings, {}), configure: (changes) => Object.assign(settings, changes) };
}

function childLogger(settings: LoggerOptions, bindings: LogFields): Logger {
  const log = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (ORDER[level] > ORDER[settings.level ?? 'info']) return;
    const write = settings.write ?? ((line: string) => process.stderr.write(line));
    const now = (settings.now ?? (() => new Date()))();
    const all = { ...bindings, ...fields };
    if (settings.format === 'json') {
      write(`${JSON.stringify({ time: now.toISOString(), level, message, ...all })}\n`);
      return;
    }
    const pairs = Object.entries(all)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === 'string' && NEEDS_QUOTES.test(v) ? quoted(v) : v}`)
      .join(' ');
    write(
      `${now.toISOString()} ${level.toUpperCase().padEnd(5)} ${escaped(message)}${pairs ? ` ${pairs}` : ''}\n`,
    );
  };
  return {
    error: (m, f) => log('error', m, f),
    warn: (m, f) => log('warn', m, f),
    info: (m, f) => log('info', m, f),
    debug: (m, f) => log('debug', m, f),
    child: (more) => childLogger(settings, { ...bindings, ...more }),
  };
}

/**
 * Remote text (an IBM i object name, a receiver's TLS error) in a text log line: control
 * characters and Unicode line separators escaped, so no text can start a line of its own.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NEEDS_QUOTES = /[\s"=\u0000-\u001f\u007f-\u009f\u2028\u2029]|^$/;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escaped(text: string): string {
  return text.replace(CONTROL, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function quoted(text: string): string {
  return `"${escaped(text.replace(/["\\]/g, '\\$&'))}"`;
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger({ write: () => {} });
