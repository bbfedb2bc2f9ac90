import type { Db2Parameter, Db2Row } from '../../ibmi/db2/port.js';
import { LOG_TABLE } from '../../ibmi/exit-points/sql.js';
import type { ExitLogRow } from '../../ibmi/exit-points/to-event.js';
import { parseLocalTimestamp } from '../../ibmi/journal/heading/timestamp.js';

export interface ExitLogQuery {
  sql: string;
  parameters: Db2Parameter[];
}

const COLUMNS =
  'ENTRY_ID, LOGGED_AT, EXIT_POINT, EXIT_FORMAT, JOB_NAME, USER_NAME, SERVER_ID, FUNCTION_ID, ' +
  'REMOTE_ADDRESS, OBJECT_LIBRARY, OBJECT_NAME, OBJECT_MEMBER, PATH_NAME, STATEMENT_LENGTH, ' +
  'STATEMENT_TEXT, DETAIL';

/** The rows after `entryId`, oldest first: the identity column is the position. */
export function rowsAfterQuery(library: string, entryId: number, limit: number): ExitLogQuery {
  return {
    sql: `SELECT ${COLUMNS} FROM ${library}.${LOG_TABLE} WHERE ENTRY_ID > ? ORDER BY ENTRY_ID FETCH FIRST ${limit} ROWS ONLY`,
    parameters: [entryId],
  };
}

/** One row by its entry id: is the row a saved position names still the same row? */
export function rowQuery(library: string, entryId: number): ExitLogQuery {
  return {
    sql: `SELECT ENTRY_ID, LOGGED_AT FROM ${library}.${LOG_TABLE} WHERE ENTRY_ID = ?`,
    parameters: [entryId],
  };
}

/** The newest row (no aggregate: the primary key index answers it). */
export function newestRowQuery(library: string): ExitLogQuery {
  return {
    sql: `SELECT ENTRY_ID, LOGGED_AT FROM ${library}.${LOG_TABLE} ORDER BY ENTRY_ID DESC FETCH FIRST 1 ROWS ONLY`,
    parameters: [],
  };
}

const text = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : String(value).trimEnd() || undefined;
const number = (value: unknown): number | undefined =>
  value === null || value === undefined || value === '' ? undefined : Number(value);

/** A result row as a log row; undefined when its id or time is unreadable. */
export function exitLogRowFromRow(row: Db2Row): ExitLogRow | undefined {
  const entryId = number(row['ENTRY_ID']);
  const loggedAt = parseLocalTimestamp(String(row['LOGGED_AT'] ?? ''));
  if (entryId === undefined || !Number.isSafeInteger(entryId) || !loggedAt) return undefined;
  return {
    entryId,
    loggedAt,
    exitPoint: text(row['EXIT_POINT']) ?? '',
    exitFormat: text(row['EXIT_FORMAT']) ?? '',
    job: text(row['JOB_NAME']),
    user: text(row['USER_NAME']),
    serverId: text(row['SERVER_ID']),
    functionId: number(row['FUNCTION_ID']),
    remoteAddress: text(row['REMOTE_ADDRESS']),
    objectLibrary: text(row['OBJECT_LIBRARY']),
    objectName: text(row['OBJECT_NAME']),
    objectMember: text(row['OBJECT_MEMBER']),
    path: text(row['PATH_NAME']),
    statementLength: number(row['STATEMENT_LENGTH']),
    statementText: text(row['STATEMENT_TEXT']),
    detail: text(row['DETAIL']),
  };
}
