import type { Db2Parameter } from '../../ibmi/db2/port.js';
import type { JournalPosition } from '../../ibmi/journal/entry.js';

/**
 * The SQL the audit-journal source sends. Pure: builds SQL text and parameters.
 *
 * The journal query:
 * - starts AT the last delivered entry (inclusive); the reader checks that the first row is
 *   that entry (see position-check.ts) and drops it.
 * - ENTRY_DATA (a BLOB) crosses Mapepire as HEX() text, which every Mapepire server version
 *   returns the same way (v2.3.3 sends a BLOB as hex, the newer BLOB support as a download
 *   URL). Only the first ENTRY_CHUNK bytes come with the row: HEX takes at most 16 336 bytes
 *   (SQL reference, HEX, 7.3), and Db2 for i limits a record to 32 766 bytes, so a row with a
 *   16 000-character hex column and the heading columns stays near 16 KB whatever the
 *   release's column widths. Longer entries (rare) get the rest from `chunkQuery`.
 * - SEQUENCE_NUMBER is cast to text: 20-digit values exceed JavaScript's safe integers.
 * - Columns are qualified by the correlation name J, and "CURRENT_USER" is delimited so it
 *   can never be read as the special register.
 * - SYSTEM_NAME, REMOTE_ADDRESS and REMOTE_PORT appear in no IBM example we could find; they
 *   are selected only when the connect-time probe found them on this release.
 */
export const ENTRY_CHUNK = 8000;
/** Entry data chunks per follow-up query: two 16 000-character hex columns, about 32 050 bytes a row. */
export const CHUNKS_PER_QUERY = 2;
/** Entry data beyond this is not fetched; the entry is flagged truncated. */
export const MAX_ENTRY_DATA = 1024 * 1024;

export const OPTIONAL_COLUMNS = ['SYSTEM_NAME', 'REMOTE_ADDRESS', 'REMOTE_PORT'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

export interface JournalQuery {
  sql: string;
  parameters: Db2Parameter[];
}

export interface JournalQueryOptions {
  journalLibrary: string;
  journal: string;
  batchSize: number;
  /** Journal entry types to ask for (empty: all of journal code T). */
  entryTypes: readonly string[];
  /** The optional columns this release has. */
  columns: ReadonlySet<OptionalColumn>;
}

/** Where a query begins: at an entry (inclusive), or at a receiver given by name or special value. */
export type JournalStart =
  | JournalPosition
  | { receiverLibrary: string; receiver: string; sequence?: undefined }
  | '*CURRENT'
  | '*CURAVLCHN';

const hexChunk = (index: number) =>
  `HEX(CAST(SUBSTRING(J.ENTRY_DATA, ${index * ENTRY_CHUNK + 1}, ${ENTRY_CHUNK}) AS VARBINARY(${ENTRY_CHUNK})))`;

const SEQUENCE = 'CAST(J.SEQUENCE_NUMBER AS VARCHAR(21)) AS SEQUENCE_NUMBER';

function headingColumns(columns: ReadonlySet<OptionalColumn>): string[] {
  const optional = (name: OptionalColumn) => (columns.has(name) ? [`J.${name}`] : []);
  return [
    'J.ENTRY_TIMESTAMP',
    SEQUENCE,
    'J.JOURNAL_CODE',
    'J.JOURNAL_ENTRY_TYPE',
    'J.JOB_NAME',
    'J.JOB_USER',
    'J.JOB_NUMBER',
    'J.PROGRAM_NAME',
    'J.PROGRAM_LIBRARY',
    'J."CURRENT_USER"',
    ...optional('SYSTEM_NAME'),
    'J.RECEIVER_LIBRARY',
    'J.RECEIVER_NAME',
    ...optional('REMOTE_ADDRESS'),
    ...optional('REMOTE_PORT'),
  ];
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

function fromDisplayJournal(
  start: JournalStart,
  options: Pick<JournalQueryOptions, 'journalLibrary' | 'journal' | 'entryTypes'>,
): { from: string; parameters: Db2Parameter[] } {
  const args = [
    `JOURNAL_LIBRARY => ${quote(options.journalLibrary)}`,
    `JOURNAL_NAME => ${quote(options.journal)}`,
  ];
  const parameters: Db2Parameter[] = [];
  if (typeof start === 'string') {
    args.push(`STARTING_RECEIVER_NAME => '${start}'`);
  } else {
    args.push('STARTING_RECEIVER_LIBRARY => ?', 'STARTING_RECEIVER_NAME => ?');
    parameters.push(start.receiverLibrary, start.receiver);
    if (start.sequence !== undefined) {
      args.push('STARTING_SEQUENCE => ?');
      parameters.push(start.sequence);
    }
  }
  args.push("JOURNAL_CODES => 'T'");
  if (options.entryTypes.length) args.push(`JOURNAL_ENTRY_TYPES => ${quote(options.entryTypes.join(' '))}`);
  return { from: `TABLE(QSYS2.DISPLAY_JOURNAL(${args.join(', ')})) AS J`, parameters };
}

/** Entries from `start` on: at most `rows` of them. */
export function journalQuery(start: JournalStart, rows: number, options: JournalQueryOptions): JournalQuery {
  const { from, parameters } = fromDisplayJournal(start, options);
  const columns = [
    ...headingColumns(options.columns),
    'LENGTH(J.ENTRY_DATA) AS ENTRY_DATA_LENGTH',
    `${hexChunk(0)} AS ENTRY_DATA`,
  ];
  return { sql: `SELECT ${columns.join(', ')} FROM ${from} FETCH FIRST ${rows} ROWS ONLY`, parameters };
}

/**
 * The next chunks of entry data (chunk `first` and the one after it, 0 being what the journal
 * query brought) for `rows` entries from `start` on. Entries shorter than a chunk's start
 * get NULL for it.
 */
export function chunkQuery(
  start: JournalPosition,
  rows: number,
  first: number,
  options: JournalQueryOptions,
): JournalQuery {
  const { from, parameters } = fromDisplayJournal(start, options);
  const chunks = Array.from({ length: CHUNKS_PER_QUERY }, (_, i) => first + i).map(
    (index) =>
      `CASE WHEN LENGTH(J.ENTRY_DATA) > ${index * ENTRY_CHUNK} THEN ${hexChunk(index)} END AS ${chunkColumn(index)}`,
  );
  const columns = [SEQUENCE, 'J.RECEIVER_LIBRARY', 'J.RECEIVER_NAME', ...chunks];
  return { sql: `SELECT ${columns.join(', ')} FROM ${from} FETCH FIRST ${rows} ROWS ONLY`, parameters };
}

export const chunkColumn = (index: number) => `ENTRY_DATA_${index + 1}`;

/**
 * Whether this release's DISPLAY_JOURNAL has the given columns: Db2 resolves columns when it
 * prepares the statement, so a missing one fails with SQLCODE -206 before any entry is read.
 */
export function columnProbeQuery(
  columns: readonly OptionalColumn[],
  options: Pick<JournalQueryOptions, 'journalLibrary' | 'journal'>,
): JournalQuery {
  const { from, parameters } = fromDisplayJournal('*CURRENT', { ...options, entryTypes: [] });
  return {
    sql: `SELECT ${columns.map((c) => `J.${c}`).join(', ')} FROM ${from} FETCH FIRST 1 ROW ONLY`,
    parameters,
  };
}

/** The journal's attached receiver (QSYS2.JOURNAL_INFO, IBM i 7.3+). */
export function journalInfoQuery(journalLibrary: string, journal: string): JournalQuery {
  return {
    sql:
      'SELECT ATTACHED_JOURNAL_RECEIVER_LIBRARY, ATTACHED_JOURNAL_RECEIVER_NAME FROM QSYS2.JOURNAL_INFO' +
      ' WHERE JOURNAL_LIBRARY = ? AND JOURNAL_NAME = ?',
    parameters: [journalLibrary, journal],
  };
}

/** One receiver's status and sequence range (QSYS2.JOURNAL_RECEIVER_INFO); no row when it is gone. */
export function receiverInfoQuery(receiverLibrary: string, receiver: string): JournalQuery {
  return {
    sql:
      'SELECT JOURNAL_RECEIVER_LIBRARY, JOURNAL_RECEIVER_NAME, STATUS,' +
      ' CAST(FIRST_SEQUENCE_NUMBER AS VARCHAR(21)) AS FIRST_SEQUENCE_NUMBER,' +
      ' CAST(LAST_SEQUENCE_NUMBER AS VARCHAR(21)) AS LAST_SEQUENCE_NUMBER' +
      ' FROM QSYS2.JOURNAL_RECEIVER_INFO WHERE JOURNAL_RECEIVER_LIBRARY = ? AND JOURNAL_RECEIVER_NAME = ?',
    parameters: [receiverLibrary, receiver],
  };
}

/**
 * The newest CPF escape or diagnostic message in this connection's job log: the reason a
 * failed IBM i service (SQL0443) leaves there, since the error text carries none.
 */
export const JOB_LOG_QUERY =
  "SELECT MESSAGE_ID, MESSAGE_TEXT FROM TABLE(QSYS2.JOBLOG_INFO('*')) AS L" +
  " WHERE MESSAGE_TYPE IN ('ESCAPE', 'DIAGNOSTIC') AND MESSAGE_ID LIKE 'CPF%'" +
  ' ORDER BY ORDINAL_POSITION DESC FETCH FIRST 1 ROW ONLY';
