import { type Db2Connection, isMissingObject, isRoutineFailure } from '../../ibmi/db2/port.js';
import type { JournalPosition } from '../../ibmi/journal/entry.js';
import {
  JOB_LOG_QUERY,
  type JournalQueryOptions,
  journalInfoQuery,
  journalQuery,
  receiverInfoQuery,
} from './query.js';

/**
 * What became of a saved position when DISPLAY_JOURNAL did not answer with it: asked of the
 * IBM i's own view of its receivers, never read from an error text (a failing IBM i service
 * reports only "[SQL0443] Trigger program or external routine detected an error.").
 */
export type PositionFinding =
  /** The saved entry is gone for good: its receiver was deleted or freed. */
  | { kind: 'lost'; reason: string }
  /** The saved entry still exists; `journalMoved`: entries were written after it. */
  | { kind: 'present'; journalMoved: boolean }
  /** The IBM i could not tell (an older release without the services, or they failed). */
  | { kind: 'unknown'; reason: string };

export interface ReceiverFacts {
  exists: boolean;
  status?: string;
  first?: bigint;
  last?: bigint;
}

export interface Receiver {
  receiverLibrary: string;
  receiver: string;
}

/**
 * Receiver statuses whose entries can no longer be read: IBM's receiver statuses are
 * attached, online, saved (still on the system), freed (saved and storage freed), partial
 * and empty (QjoRtvJrnReceiverInformation). The view's exact texts are not confirmed (K).
 */
const UNREADABLE = new Set(['FREED', 'PARTIAL', 'EMPTY']);

/** Pure: the finding from the facts. */
export function judge(
  saved: JournalPosition,
  facts: ReceiverFacts,
  attached: Receiver | undefined,
): PositionFinding {
  if (!facts.exists) {
    return {
      kind: 'lost',
      reason: 'the receiver holding the saved position no longer exists (deleted before it was read)',
    };
  }
  if (facts.status && UNREADABLE.has(facts.status.toUpperCase())) {
    return {
      kind: 'lost',
      reason: `the receiver holding the saved position no longer holds its entries (status ${facts.status})`,
    };
  }
  const sequence = BigInt(saved.sequence);
  if (
    (facts.first !== undefined && sequence < facts.first) ||
    (facts.last !== undefined && sequence > facts.last)
  ) {
    return {
      kind: 'lost',
      reason: `the saved sequence number is outside its receiver's range ${facts.first ?? '?'}–${facts.last ?? '?'} (the receiver was replaced?)`,
    };
  }
  const detached =
    attached !== undefined &&
    (attached.receiver !== saved.receiver || attached.receiverLibrary !== saved.receiverLibrary);
  return { kind: 'present', journalMoved: detached || (facts.last !== undefined && facts.last > sequence) };
}

export async function checkPosition(
  connection: Db2Connection,
  saved: JournalPosition,
  options: JournalQueryOptions,
): Promise<PositionFinding> {
  let facts: ReceiverFacts | undefined;
  try {
    facts = await receiverFacts(connection, saved, options);
  } catch (error) {
    return { kind: 'unknown', reason: error instanceof Error ? error.message : String(error) };
  }
  if (!facts) return { kind: 'unknown', reason: 'DISPLAY_JOURNAL returned no entries of the saved receiver' };
  const attached = await attachedReceiver(connection, options).catch(() => undefined);
  return judge(saved, facts, attached);
}

/** One receiver's facts from QSYS2.JOURNAL_RECEIVER_INFO; fails with SQLCODE -204 where the view does not exist. */
export async function receiverInfo(connection: Db2Connection, receiver: Receiver): Promise<ReceiverFacts> {
  const query = receiverInfoQuery(receiver.receiverLibrary, receiver.receiver);
  const [row] = (await connection.query(query.sql, query.parameters)).rows;
  if (!row) return { exists: false };
  const sequence = (value: unknown) =>
    value === null || value === undefined || String(value).trim() === ''
      ? undefined
      : BigInt(String(value).trim());
  return {
    exists: true,
    status: row['STATUS'] == null ? undefined : String(row['STATUS']).trim(),
    first: sequence(row['FIRST_SEQUENCE_NUMBER']),
    last: sequence(row['LAST_SEQUENCE_NUMBER']),
  };
}

/**
 * One receiver's facts. QSYS2.JOURNAL_RECEIVER_INFO is documented from IBM i 7.5 on (earlier
 * releases may lack it); without it (SQLCODE -204), DISPLAY_JOURNAL itself is asked for the
 * receiver's first entry: a routine failure means the receiver is gone, no rows mean we
 * cannot tell (undefined).
 */
export async function receiverFacts(
  connection: Db2Connection,
  receiver: Receiver,
  options: JournalQueryOptions,
): Promise<ReceiverFacts | undefined> {
  try {
    return await receiverInfo(connection, receiver);
  } catch (error) {
    if (!isMissingObject(error)) throw error;
  }
  try {
    const query = journalQuery(
      { receiverLibrary: receiver.receiverLibrary, receiver: receiver.receiver },
      1,
      { ...options, entryTypes: [] },
    );
    const [row] = (await connection.query(query.sql, query.parameters)).rows;
    return row ? { exists: true, first: BigInt(String(row['SEQUENCE_NUMBER']).trim()) } : undefined;
  } catch (error) {
    if (isRoutineFailure(error)) return { exists: false };
    throw error;
  }
}

export async function attachedReceiver(
  connection: Db2Connection,
  options: Pick<JournalQueryOptions, 'journalLibrary' | 'journal'>,
): Promise<Receiver | undefined> {
  const query = journalInfoQuery(options.journalLibrary, options.journal);
  const [row] = (await connection.query(query.sql, query.parameters)).rows;
  const name = row?.['ATTACHED_JOURNAL_RECEIVER_NAME'];
  const library = row?.['ATTACHED_JOURNAL_RECEIVER_LIBRARY'];
  return name && library
    ? { receiverLibrary: String(library).trim(), receiver: String(name).trim() }
    : undefined;
}

/** `CPF9801 Object … not found.`: the newest CPF message in the job log, or undefined. */
export async function jobLogReason(connection: Db2Connection): Promise<string | undefined> {
  try {
    const [row] = (await connection.query(JOB_LOG_QUERY)).rows;
    if (!row?.['MESSAGE_ID']) return undefined;
    return `${String(row['MESSAGE_ID']).trim()} ${String(row['MESSAGE_TEXT'] ?? '').trim()}`.trim();
  } catch {
    return undefined;
  }
}
