/**
 * QSYS2.HISTORY_LOG_INFO and QSYS2.MESSAGE_QUEUE_INFO over the simulated messages.
 *
 * V (IBM's pages, 7.3–7.6, rzajqudfhistoryloginfo.htm, rzajqudfmessagequeueinfo.htm,
 * rzajqviewmessagequeueinfo.htm): the parameters and their defaults; MESSAGE_QUEUE_INFO's
 * columns up to MESSAGE_TEXT with their types and null rules; that HISTORY_LOG_INFO has no
 * message key. K (names from IBM-authored sample SQL, types ours): the later columns. Every
 * K column is nullable here, so the agent must cope with nulls a real system may not send.
 * Text columns IBM declares VARGRAPHIC(n) CCSID 1200 are counted as 2n bytes.
 */

import type { SimulatedMessage } from './messages.js';
import {
  column,
  mapepireTimestamp,
  type ObjectArgs,
  type ObjectContext,
  rowOf,
  type SimulatedObject,
} from './objects.js';
import { sqlError } from './sql-errors.js';
import { binary, integer, smallint, timestamp, varbinary, varchar } from './sql-types.js';

const text = (characters: number) => varchar(characters * 2, true);

/** One named or positional argument of a table function call, NULL when not given. */
function argument(args: ObjectArgs, position: number, name: string) {
  return args.named.get(name) ?? args.positional[position] ?? null;
}

/** A TIMESTAMP argument in either form Db2 for i accepts; SQL0181 for anything else. */
function timestampArgument(value: unknown, fallback: string): string {
  if (value === null || value === undefined) return fallback;
  const match = /^(\d{4}-\d{2}-\d{2})[- ](\d{2})[.:](\d{2})[.:](\d{2})(?:\.(\d{1,6}))?$/.exec(
    String(value).trim(),
  );
  if (!match) throw sqlError('SQL0181');
  const [, date, hh, mm, ss, fraction = ''] = match;
  return `${date} ${hh}:${mm}:${ss}.${fraction.padEnd(6, '0')}`;
}

const messageColumns = (message: SimulatedMessage) => ({
  MESSAGE_ID: message.id,
  MESSAGE_TYPE: message.type,
  MESSAGE_SUBTYPE: message.subtype,
  SEVERITY: message.severity,
  MESSAGE_TIMESTAMP: message.timestamp,
  FROM_USER: message.fromUser,
  FROM_JOB: message.fromJob,
  FROM_PROGRAM: message.fromProgram,
  MESSAGE_TEXT: message.text,
  MESSAGE_SECOND_LEVEL_TEXT: message.secondLevel,
});

/**
 * HISTORY_LOG_INFO(START_TIME, END_TIME, GENERATE_SYSLOG, EOF_DELAY): QHST messages sent in
 * the range, in the order they were sent. START_TIME defaults to CURRENT DATE - 1 DAY
 * (midnight yesterday), END_TIME to 9999-12-30-00.00.00.000000 (IBM, V). EOF_DELAY is not
 * simulated: a query always ends at the end of the log.
 */
export const HISTORY_LOG_INFO: SimulatedObject = {
  schema: 'QSYS2',
  name: 'HISTORY_LOG_INFO',
  kind: 'function',
  columns: [
    column('ORDINAL_POSITION', integer(true)),
    column('MESSAGE_ID', varchar(7, true)),
    column('MESSAGE_TYPE', varchar(13, true)),
    column('MESSAGE_SUBTYPE', varchar(22, true)),
    column('SEVERITY', smallint(true)),
    column('MESSAGE_TIMESTAMP', timestamp(true)),
    column('FROM_USER', varchar(10, true)),
    column('FROM_JOB', varchar(28, true)),
    column('FROM_PROGRAM', varchar(10, true)),
    column('MESSAGE_LIBRARY', varchar(10, true)),
    column('MESSAGE_FILE', varchar(10, true)),
    column('MESSAGE_TOKENS', varbinary(4096, true)),
    column('MESSAGE_TEXT', text(1024)),
    column('MESSAGE_SECOND_LEVEL_TEXT', text(4096)),
  ],
  rows: (args, { messages }) => {
    const yesterday = new Date(Date.now() - 86_400_000);
    const start = timestampArgument(
      argument(args, 0, 'START_TIME'),
      `${mapepireTimestamp(yesterday).slice(0, 10)} 00:00:00.000000`,
    );
    const end = timestampArgument(argument(args, 1, 'END_TIME'), '9999-12-30 00:00:00.000000');
    return messages
      .history()
      .filter((m) => m.timestamp >= start && m.timestamp <= end)
      .map((message, i) =>
        rowOf({
          ORDINAL_POSITION: i + 1,
          ...messageColumns(message),
          MESSAGE_LIBRARY: message.fileLibrary,
          MESSAGE_FILE: message.file,
        }),
      );
  },
};

/**
 * MESSAGE_QUEUE_INFO(QUEUE_LIBRARY, QUEUE_NAME, MESSAGE_FILTER, SEVERITY_FILTER): the messages
 * of one queue (defaults QSYS/QSYSOPR, ALL, 0: IBM, V), in key order. A queue that does not
 * exist fails the statement (K: IBM documents no answer; SQL0443 with CPF2403 in the job log
 * is what a failing external routine gives, and failing is the stricter choice).
 */
export const MESSAGE_QUEUE_INFO: SimulatedObject = {
  schema: 'QSYS2',
  name: 'MESSAGE_QUEUE_INFO',
  kind: 'function',
  columns: [
    column('MESSAGE_QUEUE_LIBRARY', varchar(10)),
    column('MESSAGE_QUEUE_NAME', varchar(10)),
    column('MESSAGE_ID', varchar(7, true)),
    column('MESSAGE_TYPE', varchar(13)),
    column('MESSAGE_SUBTYPE', varchar(22, true)),
    column('MESSAGE_TEXT', text(1024)),
    column('SEVERITY', smallint(true)),
    column('MESSAGE_TIMESTAMP', timestamp(true)),
    column('MESSAGE_KEY', binary(4, true)),
    column('ASSOCIATED_MESSAGE_KEY', binary(4, true)),
    column('FROM_USER', varchar(10, true)),
    column('FROM_JOB', varchar(28, true)),
    column('FROM_PROGRAM', varchar(10, true)),
    column('MESSAGE_FILE_LIBRARY', varchar(10, true)),
    column('MESSAGE_FILE_NAME', varchar(10, true)),
    column('MESSAGE_TOKENS', varbinary(4096, true)),
    column('MESSAGE_SECOND_LEVEL_TEXT', text(4096)),
  ],
  rows: (args, context: ObjectContext) => {
    const library = String(argument(args, 0, 'QUEUE_LIBRARY') ?? 'QSYS')
      .trim()
      .toUpperCase();
    const name = String(argument(args, 1, 'QUEUE_NAME') ?? 'QSYSOPR')
      .trim()
      .toUpperCase();
    const filter = String(argument(args, 2, 'MESSAGE_FILTER') ?? 'ALL')
      .trim()
      .toUpperCase();
    const minimum = Number(argument(args, 3, 'SEVERITY_FILTER') ?? 0);
    const queue = context.messages.queue(`${library}/${name}`);
    if (!queue) {
      context.jobLog.add('CPF2403', 'ESCAPE', 40, `Message queue ${name} in ${library} not found.`);
      throw sqlError('SQL0443');
    }
    const answered = new Set(queue.flatMap((m) => (m.associatedKey ? [m.associatedKey] : [])));
    const wanted = (m: SimulatedMessage) => {
      if (filter === 'ALL') return true;
      const words = filter.split(/\s+/);
      if (m.type === 'INQUIRY') return words.includes('INQUIRY') && !answered.has(m.key!);
      if (m.type === 'SENDER') return words.includes('SENDER');
      return words.includes('COMPLETE');
    };
    return queue
      .filter((m) => m.severity >= minimum && wanted(m))
      .map((message) =>
        rowOf({
          MESSAGE_QUEUE_LIBRARY: library,
          MESSAGE_QUEUE_NAME: name,
          ...messageColumns(message),
          MESSAGE_KEY: keyBytes(message.key),
          ASSOCIATED_MESSAGE_KEY: keyBytes(message.associatedKey),
          MESSAGE_FILE_LIBRARY: message.fileLibrary,
          MESSAGE_FILE_NAME: message.file,
        }),
      );
  },
};

function keyBytes(key: number | null | undefined): Uint8Array | null {
  if (key === null || key === undefined) return null;
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, key);
  return bytes;
}
