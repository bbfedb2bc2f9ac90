import { readType5Heading } from '../journal/heading/type5.js';
import { TYPE5_HEADING_LENGTH } from '../journal/heading/type5-layout.js';
import type { ReceiverInfo, SimulatedJournal, StoredEntry } from './journal.js';
import { SqlError, type SqlValue } from './sql.js';

/**
 * QSYS2.DISPLAY_JOURNAL over the simulated journal. Follows IBM's documented parameters
 * (STARTING_RECEIVER_LIBRARY/NAME with *CURRENT, *CURCHAIN, *CURAVLCHN; STARTING_SEQUENCE;
 * JOURNAL_CODES; JOURNAL_ENTRY_TYPES; ENDING_SEQUENCE). Behaviour at edges that IBM does
 * not document (an unknown starting sequence) is our choice and says so in its error text.
 */
export interface DisplayJournalArgs {
  journalLibrary: string;
  journal: string;
  startingReceiverLibrary: string;
  startingReceiverName: string;
  startingSequence: bigint | undefined;
  endingSequence: bigint | undefined;
  journalCodes: Set<string> | undefined;
  entryTypes: Set<string> | undefined;
}

export function displayJournalArgs(named: Map<string, SqlValue>): DisplayJournalArgs {
  const text = (name: string) => {
    const value = named.get(name);
    return value === null || value === undefined ? undefined : String(value).trim().toUpperCase();
  };
  const list = (name: string) => {
    const value = text(name);
    if (value === undefined || value === '*ALL') return undefined;
    return new Set(value.split(/[\s,]+/).filter(Boolean));
  };
  const sequence = (name: string) => {
    const value = text(name);
    if (value === undefined || value === '') return undefined;
    if (!/^\d{1,21}$/.test(value)) throw new SqlError(`Value for ${name} not valid.`, '22023', -171);
    return BigInt(value);
  };
  const journalLibrary = text('JOURNAL_LIBRARY');
  const journal = text('JOURNAL_NAME');
  if (!journalLibrary || !journal)
    throw new SqlError('JOURNAL_LIBRARY and JOURNAL_NAME are required.', '42886', -469);
  return {
    journalLibrary,
    journal,
    startingReceiverLibrary: text('STARTING_RECEIVER_LIBRARY') ?? '*LIBL',
    startingReceiverName: text('STARTING_RECEIVER_NAME') ?? '*CURRENT',
    startingSequence: sequence('STARTING_SEQUENCE'),
    endingSequence: sequence('ENDING_SEQUENCE'),
    journalCodes: list('JOURNAL_CODES'),
    entryTypes: list('JOURNAL_ENTRY_TYPES'),
  };
}

export function* displayJournal(journal: SimulatedJournal, args: DisplayJournalArgs): Generator<StoredEntry> {
  const state = journal.state;
  if (args.journalLibrary !== state.journalLibrary || args.journal !== state.journal) {
    throw new SqlError(
      `Journal ${args.journal} in ${args.journalLibrary} not found. (CPF7002)`,
      '38501',
      -443,
    );
  }
  const chain = journal.receivers;
  let startIndex: number;
  switch (args.startingReceiverName) {
    case '*CURRENT':
      startIndex = chain.findIndex((r) => r.status === 'ATTACHED');
      break;
    case '*CURCHAIN':
    case '*CURAVLCHN':
      startIndex = firstAvailable(chain);
      break;
    default: {
      startIndex = chain.findIndex(
        (r) =>
          r.name === args.startingReceiverName &&
          (args.startingReceiverLibrary === '*LIBL' || r.library === args.startingReceiverLibrary),
      );
      if (startIndex < 0 || chain[startIndex]!.status === 'DELETED') {
        throw new SqlError(
          `Receiver ${args.startingReceiverName} in ${args.startingReceiverLibrary} not found. (CPF7007)`,
          '38501',
          -443,
        );
      }
    }
  }
  if (startIndex < 0) return;
  const receivers = chain.slice(startIndex).filter((r) => r.status !== 'DELETED');
  // Where to start: the first occurrence of the starting sequence in chain order (sequence
  // numbers only go up within a receiver, so each receiver is searched by bisection).
  let first = { receiver: 0, entry: 0 };
  if (args.startingSequence !== undefined) {
    const starts = receivers.map((r) => indexOfSequence(journal.entriesOf(r), args.startingSequence!));
    const found = starts.findIndex((index) => index >= 0);
    if (found < 0) {
      // Simulator's choice (IBM documents no message for this): CPF7053-style failure.
      throw new SqlError(
        `Starting sequence ${args.startingSequence} not found in the receiver range. (CPF7053)`,
        '38501',
        -443,
      );
    }
    first = { receiver: found, entry: starts[found]! };
  }
  for (let r = first.receiver; r < receivers.length; r++) {
    const entries = journal.entriesOf(receivers[r]!);
    for (let i = r === first.receiver ? first.entry : 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (args.endingSequence !== undefined && entry.sequence > args.endingSequence) return;
      if (args.journalCodes && !args.journalCodes.has(entry.journalCode)) continue;
      if (
        args.entryTypes &&
        !args.entryTypes.has(readType5Heading(entry.record.subarray(0, 29), 37)['entryType']!)
      ) {
        continue;
      }
      yield entry;
    }
  }
}

function indexOfSequence(entries: readonly StoredEntry[], sequence: bigint): number {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = entries[middle]!.sequence;
    if (found === sequence) return middle;
    if (found < sequence) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

function firstAvailable(chain: readonly ReceiverInfo[]): number {
  return chain.findIndex((r) => r.status !== 'DELETED');
}

/** Column values of one entry as DISPLAY_JOURNAL returns them (CHAR columns trimmed as Mapepire does). */
export function displayJournalColumns(entry: StoredEntry): (name: string) => SqlValue {
  const heading = readType5Heading(entry.record, 37);
  return (name) => {
    switch (name) {
      case 'ENTRY_TIMESTAMP': {
        // Mapepire/JTOpen render TIMESTAMP as `YYYY-MM-DD HH:MM:SS.ffffff`.
        const t = heading['timestamp'] ?? '';
        return `${t.slice(0, 10)} ${t.slice(11, 13)}:${t.slice(14, 16)}:${t.slice(17, 19)}.${t.slice(20)}`;
      }
      case 'SEQUENCE_NUMBER':
        return Number(entry.sequence) <= Number.MAX_SAFE_INTEGER
          ? Number(entry.sequence)
          : String(entry.sequence);
      case 'JOURNAL_CODE':
        return heading['journalCode'] ?? null;
      case 'JOURNAL_ENTRY_TYPE':
        return heading['entryType'] ?? null;
      case 'JOB_NAME':
        return heading['jobName'] ?? null;
      case 'JOB_USER':
        return heading['jobUser'] ?? null;
      case 'JOB_NUMBER':
        return (heading['jobNumber'] ?? '').padStart(6, '0');
      case 'PROGRAM_NAME':
        return heading['programName'] ?? null;
      case 'PROGRAM_LIBRARY':
        return heading['programLibrary'] ?? null;
      case 'CURRENT_USER':
      case 'USER_NAME':
        return heading['currentUser'] ?? null;
      case 'SYSTEM_NAME':
        return heading['systemName'] ?? null;
      case 'RECEIVER_LIBRARY':
        return entry.receiver.library;
      case 'RECEIVER_NAME':
        return entry.receiver.name;
      case 'REMOTE_ADDRESS':
        return heading['remoteAddress'] || null;
      case 'REMOTE_PORT': {
        const port = Number(heading['remotePort']);
        return port > 0 ? port : null;
      }
      case 'ENTRY_DATA':
        return entry.record.subarray(TYPE5_HEADING_LENGTH);
      default:
        throw new SqlError(`Column or global variable ${name} not found.`, '42703', -206);
    }
  };
}
