import { join } from 'node:path';
import { AuditRelayError } from '../../core/errors.js';
import { type FileSystem, replaceFile } from '../fs.js';

const CURSOR_SUFFIX = '.cursor';

/** `<name>.cursor`, the name percent-encoded so that any sink name is a safe file name. */
export function cursorPath(directory: string, name: string): string {
  return join(directory, `${encodeURIComponent(name)}${CURSOR_SUFFIX}`);
}

/** The cursor name a file holds, or undefined when it is not a cursor file. */
export function parseCursorFileName(fileName: string): string | undefined {
  if (!fileName.endsWith(CURSOR_SUFFIX)) return undefined;
  try {
    return decodeURIComponent(fileName.slice(0, -CURSOR_SUFFIX.length));
  } catch {
    return undefined;
  }
}

/** Reads the acknowledged id of a cursor file (`{"cursor":"name","acked":123}`). */
export async function readCursorFile(fs: FileSystem, path: string, name: string): Promise<number> {
  const text = (await fs.readFile(path)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw corrupt(path, 'is not valid JSON', error);
  }
  const acked = (parsed as { acked?: unknown } | null)?.acked;
  if (
    (parsed as { cursor?: unknown } | null)?.cursor !== name ||
    !Number.isSafeInteger(acked) ||
    Number(acked) < 0
  ) {
    throw corrupt(path, `does not hold the position of cursor "${name}"`);
  }
  return Number(acked);
}

export function writeCursorFile(
  fs: FileSystem,
  path: string,
  name: string,
  acked: number,
  sync: boolean,
): Promise<void> {
  return replaceFile(fs, path, Buffer.from(`${JSON.stringify({ cursor: name, acked })}\n`), { sync });
}

function corrupt(path: string, what: string, cause?: unknown): AuditRelayError {
  return new AuditRelayError(
    'AR_STATE_CORRUPT',
    `the WAL cursor file ${path} ${what}; delete it to re-deliver everything still in the WAL to that sink`,
    { cause },
  );
}
