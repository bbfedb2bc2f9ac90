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
export const STATE_FORMAT = 3;

/**
 * The formats this version reads, and what changed:
 * 1: cursor files of one JSON line, replaced by rename (and every state without format.json);
 * 2: cursor files of two slots written in place (store/wal/cursor-file.ts). A format 1 cursor
 *    file is rewritten in the new form when its WAL is opened.
 * 3: new WAL records are written in record version 1 (a binary header, store/event-records.ts);
 *    records of formats 1 and 2 (JSON) are still read, so a WAL upgrades as it drains.
 */
const READABLE: readonly number[] = [1, 2, 3];
export const FORMAT_FILE = 'format.json';

/**
 * Refuses a state written in a format this version cannot read. Records this version's format
 * in a new state and in one of an older format it reads (a state without format.json is
 * format 1): from now on it writes its own.
 */
export async function checkStateFormat(directory: string, writtenBy: string): Promise<void> {
  const format = await readStateFormat(directory);
  const refused = formatRefusal(directory, format, writtenBy);
  if (refused) throw refused;
  if (format === STATE_FORMAT) return;
  const text = `${JSON.stringify({ format: STATE_FORMAT, writtenBy })}\n`;
  await replaceFile(nodeFileSystem, join(directory, FORMAT_FILE), Buffer.from(text));
}

/** AR_STATE_VERSION for a recorded format this version cannot read, else undefined. */
export function formatRefusal(
  directory: string,
  format: number | undefined,
  writtenBy: string,
): AuditRelayError | undefined {
  if (format === undefined || READABLE.includes(format)) return undefined;
  return new AuditRelayError(
    'AR_STATE_VERSION',
    `${join(directory, FORMAT_FILE)} says state format ${format}; this AuditRelay (${writtenBy}) reads formats ${READABLE.slice(0, -1).join(', ')} and ${READABLE.at(-1)}. ${
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
