import type { Db2Parameter } from '../../ibmi/db2/port.js';
import type { JournalPosition } from '../../ibmi/journal/entry.js';

/**
 * The DISPLAY_JOURNAL query the audit-journal source sends. Pure: builds SQL text and
 * parameters from a position.
 *
 * - Starts AT the last delivered entry (inclusive) and drops it from the result: the start
 *   entry then always exists while its receiver does, and a first row that is not the last
 *   delivered entry reveals a gap (receiver deleted, sequence reset).
 * - ENTRY_DATA is a BLOB; it crosses Mapepire as HEX() text, which every Mapepire server
 *   version serializes the same way (newer servers stream BLOBs as separate binary frames,
 *   older ones call getString()). HEX takes at most 16 336 bytes (Db2 for i SQL reference),
 *   so longer entries come in two chunks; ENTRY_DATA_LENGTH tells the reader when even that
 *   was not enough.
 * - SEQUENCE_NUMBER is cast to text: 20-digit values exceed JavaScript's safe integers.
 * - Columns are qualified (J.CURRENT_USER) so none is taken for a special register.
 */
export const HEX_CHUNK = 16000;

export interface JournalQuery {
  sql: string;
  parameters: Db2Parameter[];
}

export interface JournalQueryOptions {
  journalLibrary: string;
  journal: string;
  batchSize: number;
  /** Where to begin without a saved position. */
  startAt: 'current' | 'oldest';
  /** Journal entry types to ask for (empty: all of journal code T). */
  entryTypes: readonly string[];
}

const COLUMNS = [
  'J.ENTRY_TIMESTAMP',
  'CAST(J.SEQUENCE_NUMBER AS VARCHAR(21)) AS SEQUENCE_NUMBER',
  'J.JOURNAL_CODE',
  'J.JOURNAL_ENTRY_TYPE',
  'J.JOB_NAME',
  'J.JOB_USER',
  'J.JOB_NUMBER',
  'J.PROGRAM_NAME',
  'J.PROGRAM_LIBRARY',
  'J.CURRENT_USER',
  'J.SYSTEM_NAME',
  'J.RECEIVER_LIBRARY',
  'J.RECEIVER_NAME',
  'J.REMOTE_ADDRESS',
  'J.REMOTE_PORT',
  'LENGTH(J.ENTRY_DATA) AS ENTRY_DATA_LENGTH',
  `HEX(CAST(SUBSTRING(J.ENTRY_DATA, 1, ${HEX_CHUNK}) AS VARBINARY(${HEX_CHUNK}))) AS ENTRY_DATA`,
  `CASE WHEN LENGTH(J.ENTRY_DATA) > ${HEX_CHUNK} THEN HEX(CAST(SUBSTRING(J.ENTRY_DATA, ${HEX_CHUNK + 1}, ${HEX_CHUNK}) AS VARBINARY(${HEX_CHUNK}))) END AS ENTRY_DATA_MORE`,
].join(', ');

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

export function journalQuery(after: JournalPosition | undefined, options: JournalQueryOptions): JournalQuery {
  const args = [
    `JOURNAL_LIBRARY => ${quote(options.journalLibrary)}`,
    `JOURNAL_NAME => ${quote(options.journal)}`,
  ];
  const parameters: Db2Parameter[] = [];
  if (after) {
    args.push('STARTING_RECEIVER_LIBRARY => ?', 'STARTING_RECEIVER_NAME => ?', 'STARTING_SEQUENCE => ?');
    parameters.push(after.receiverLibrary, after.receiver, after.sequence);
  } else {
    args.push(`STARTING_RECEIVER_NAME => ${options.startAt === 'oldest' ? "'*CURAVLCHN'" : "'*CURRENT'"}`);
  }
  args.push("JOURNAL_CODES => 'T'");
  if (options.entryTypes.length) args.push(`JOURNAL_ENTRY_TYPES => ${quote(options.entryTypes.join(' '))}`);
  // One extra row: the first is the already-delivered start entry.
  const rows = options.batchSize + (after ? 1 : 0);
  return {
    sql: `SELECT ${COLUMNS} FROM TABLE(QSYS2.DISPLAY_JOURNAL(${args.join(', ')})) AS J FETCH FIRST ${rows} ROWS ONLY`,
    parameters,
  };
}

/** Asks the IBM i for its UTC offset (QUTCOFFSET) and name. */
export const SYSTEM_INFO_QUERY =
  'SELECT CURRENT TIMEZONE AS UTC_OFFSET, CURRENT SERVER AS SYSTEM_NAME FROM SYSIBM.SYSDUMMY1';
