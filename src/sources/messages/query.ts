import type { Db2Parameter, Db2Row } from '../../ibmi/db2/port.js';
import { parseLocalTimestamp } from '../../ibmi/journal/heading/timestamp.js';
import type { IbmiMessage } from '../../ibmi/messages/message.js';

/**
 * The SQL of the message sources. Columns are selected by name, never by position: IBM added
 * columns to both functions in Technology Refreshes (FROM_JOB_NAME… at 7.4 SF99704 level 23),
 * and only those read here exist on every release that has the functions (7.3 TR1 and later).
 * Every row stays far below Db2's 32,766-byte record limit (the longest: two texts of 1,024
 * and 4,096 UTF-16 characters, about 10.3 KB).
 */
export interface MessageQuery {
  sql: string;
  parameters: Db2Parameter[];
}

const COMMON =
  'MESSAGE_ID, MESSAGE_TYPE, MESSAGE_SUBTYPE, SEVERITY, MESSAGE_TIMESTAMP, FROM_USER, FROM_JOB, FROM_PROGRAM, MESSAGE_TEXT, MESSAGE_SECOND_LEVEL_TEXT';

/** A timestamp parameter in the ISO form Db2 for i accepts (and returns) for TIMESTAMP. */
function isoParameter(saa: string): string {
  return `${saa.slice(0, 10)} ${saa.slice(11, 13)}:${saa.slice(14, 16)}:${saa.slice(17, 26)}`;
}

/** Before any message: START_TIME's default (midnight yesterday) would leave older ones out. */
const EARLIEST = '0001-01-01-00.00.00.000000';

/**
 * QHST from `after` on (START_TIME is inclusive), oldest first; without a time from the
 * oldest message kept, newest first when only the newest is wanted (startAt newest).
 */
export function historyQuery(after: string, rows: number, newest = false): MessageQuery {
  return {
    sql:
      `SELECT ${COMMON}, MESSAGE_LIBRARY, MESSAGE_FILE FROM TABLE(QSYS2.HISTORY_LOG_INFO(START_TIME => ?)) X` +
      ` ORDER BY MESSAGE_TIMESTAMP${newest ? ' DESC' : ''} FETCH FIRST ${rows} ROWS ONLY`,
    parameters: [isoParameter(after === '' ? EARLIEST : after)],
  };
}

/** One queue's messages at or after `after`, in time and key order (keys compare as hex text). */
export function queueQuery(
  library: string,
  queue: string,
  after: string,
  rows: number,
  newest = false,
): MessageQuery {
  const order = newest ? 'DESC' : 'ASC';
  return {
    sql:
      `SELECT ${COMMON}, HEX(MESSAGE_KEY) AS MESSAGE_KEY, HEX(ASSOCIATED_MESSAGE_KEY) AS ASSOCIATED_MESSAGE_KEY, MESSAGE_FILE_LIBRARY, MESSAGE_FILE_NAME` +
      ` FROM TABLE(QSYS2.MESSAGE_QUEUE_INFO(QUEUE_LIBRARY => ?, QUEUE_NAME => ?)) X` +
      (after === '' ? '' : ' WHERE MESSAGE_TIMESTAMP >= ?') +
      ` ORDER BY MESSAGE_TIMESTAMP ${order}, HEX(MESSAGE_KEY) ${order} FETCH FIRST ${rows} ROWS ONLY`,
    parameters: after === '' ? [library, queue] : [library, queue, isoParameter(after)],
  };
}

/** Keys of the replies to these inquiries, to tell which still wait for one. */
export function repliesQuery(library: string, queue: string): MessageQuery {
  return {
    sql:
      'SELECT HEX(ASSOCIATED_MESSAGE_KEY) AS ASSOCIATED_MESSAGE_KEY FROM TABLE(QSYS2.MESSAGE_QUEUE_INFO(QUEUE_LIBRARY => ?, QUEUE_NAME => ?)) X' +
      " WHERE MESSAGE_TYPE = 'REPLY'",
    parameters: [library, queue],
  };
}

const text = (value: unknown) =>
  value === null || value === undefined ? null : String(value).trim() || null;

/** A result row as a message; undefined when its timestamp is missing or unreadable. */
export function messageFromRow(row: Db2Row, origin: string, queue?: string): IbmiMessage | undefined {
  const timestamp = parseLocalTimestamp(String(row['MESSAGE_TIMESTAMP'] ?? ''));
  if (!timestamp) return undefined;
  const severity = row['SEVERITY'];
  return {
    origin,
    ...(queue !== undefined && { queue }),
    id: text(row['MESSAGE_ID']),
    type: text(row['MESSAGE_TYPE']),
    subtype: text(row['MESSAGE_SUBTYPE']),
    severity: severity === null || severity === undefined ? null : Number(severity),
    timestamp,
    fromUser: text(row['FROM_USER']),
    fromJob: text(row['FROM_JOB']),
    fromProgram: text(row['FROM_PROGRAM']),
    file: text(row['MESSAGE_FILE'] ?? row['MESSAGE_FILE_NAME']),
    fileLibrary: text(row['MESSAGE_LIBRARY'] ?? row['MESSAGE_FILE_LIBRARY']),
    // Second-level text carries IBM's format controls (&N new line, &P and &B indents).
    text: text(row['MESSAGE_TEXT']),
    secondLevel: text(row['MESSAGE_SECOND_LEVEL_TEXT']),
    ...(queue !== undefined && {
      key: text(row['MESSAGE_KEY']) ?? '',
      associatedKey: text(row['ASSOCIATED_MESSAGE_KEY']),
    }),
  };
}
