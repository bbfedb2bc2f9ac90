import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditRelayError } from '../../core/errors.js';
import { nodeFileSystem, replaceFile } from '../fs.js';

/**
 * The version of everything under the state directory: the WAL framing (store/wal/record.ts),
 * the record payload (store/event-records.ts), cursor files and the directory layout. Raise it
 * with any change an older agent would misread, and teach the new one to read (or convert)
 * the old format before it writes the new number.
 */
export const STATE_FORMAT = 1;
export const FORMAT_FILE = 'format.json';

/**
 * Refuses a state written in a format this version does not know; writes the format into a
 * state that has none (new, or written before the format was recorded — which is format 1).
 */
export async function checkStateFormat(directory: string, writtenBy: string): Promise<void> {
  const format = await readStateFormat(directory);
  if (format === undefined) {
    const text = `${JSON.stringify({ format: STATE_FORMAT, writtenBy })}\n`;
    await replaceFile(nodeFileSystem, join(directory, FORMAT_FILE), Buffer.from(text));
    return;
  }
  const refused = formatRefusal(directory, format, writtenBy);
  if (refused) throw refused;
}

/** AR_STATE_VERSION for a recorded format this version cannot read, else undefined. */
export function formatRefusal(
  directory: string,
  format: number | undefined,
  writtenBy: string,
): AuditRelayError | undefined {
  if (format === undefined || format === STATE_FORMAT) return undefined;
  return new AuditRelayError(
    'AR_STATE_VERSION',
    `${join(directory, FORMAT_FILE)} says state format ${format}; this AuditRelay (${writtenBy}) reads format ${STATE_FORMAT} only. ${
      format > STATE_FORMAT
        ? 'It was written by a newer AuditRelay: run that version, or see docs/operations.md (Upgrades) to go back.'
        : 'See docs/operations.md (Upgrades).'
    }`,
  );
}

/** The recorded format, or undefined when none is recorded. Throws AR_STATE_CORRUPT for a damaged file. */
export async function readStateFormat(directory: string): Promise<number | undefined> {
  const path = join(directory, FORMAT_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AuditRelayError('AR_STATE_IO', `cannot read ${path}`, { cause: error });
  }
  let format: unknown;
  try {
    format = (JSON.parse(text) as { format?: unknown }).format;
  } catch {
    format = undefined;
  }
  if (!Number.isSafeInteger(format) || (format as number) < 1) {
    throw new AuditRelayError('AR_STATE_CORRUPT', `${path} does not hold a state format number`);
  }
  return format as number;
}
