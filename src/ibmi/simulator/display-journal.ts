import { readType5Heading } from '../journal/heading/type5.js';
import { TYPE5_HEADING_LENGTH } from '../journal/heading/type5-layout.js';
import type { ReceiverInfo, SimulatedJournal, StoredEntry } from './journal.js';
import { type ColumnDef, column, type ObjectContext, type Row, type SimulatedObject } from './objects.js';
import { sqlError } from './sql-errors.js';
import { blob, char, decimal, integer, type SqlValue, timestamp, varchar } from './sql-types.js';

/**
 * QSYS2.DISPLAY_JOURNAL over the simulated journal. Follows IBM's documented parameters
 * (STARTING_RECEIVER_LIBRARY/NAME with *CURRENT, *CURCHAIN, *CURAVLCHN; STARTING_SEQUENCE;
 * JOURNAL_CODES; JOURNAL_ENTRY_TYPES; ENDING_SEQUENCE).
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

export function displayJournalArgs(named: ReadonlyMap<string, SqlValue>): DisplayJournalArgs {
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
    if (!/^\d{1,21}$/.test(value)) throw sqlError('SQL0171', name, 'DISPLAY_JOURNAL');
    return BigInt(value);
  };
  const journalLibrary = text('JOURNAL_LIBRARY');
  const journal = text('JOURNAL_NAME');
  if (!journalLibrary || !journal) throw sqlError('SQL0440', 'DISPLAY_JOURNAL', 'QSYS2');
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

/**
 * DISPLAY_JOURNAL's rows. Where IBM documents no answer (a starting receiver or sequence
 * that no longer exists) the behaviour is the test's choice: SQL0443 with only the generic
 * first-level text, the CPF message left in the job log as the real function leaves its
 * escape message (CPF ids here are our guess, not confirmed); or no rows at all.
 */
export function* displayJournal(
  journal: SimulatedJournal,
  args: DisplayJournalArgs,
  context: Pick<ObjectContext, 'behaviour' | 'jobLog' | 'system' | 'user'>,
): Generator<StoredEntry> {
  const fail = (cpf: string, text: string) => {
    context.jobLog.add(cpf, 'ESCAPE', 40, text);
    context.jobLog.add('SQL0443', 'DIAGNOSTIC', 30, 'Trigger program or external routine detected an error.');
    return sqlError('SQL0443');
  };
  const state = journal.state;
  if (args.journalLibrary !== state.journalLibrary || args.journal !== state.journal) {
    throw fail('CPF9801', `Object ${args.journal} in library ${args.journalLibrary} not found.`);
  }
  // *USE on the journal and receivers, *OBJEXIST on the journal (IBM, DISPLAY_JOURNAL, 7.4/7.5).
  // The CPF id in the job log is our guess (K).
  if (!context.system.journalReaders.has(context.user)) {
    throw fail('CPF9802', `Not authorized to object ${args.journal} in ${args.journalLibrary} type *JRN.`);
  }
  if (context.behaviour.returnNothing) return;
  const lost = (cpf: string, text: string) => {
    if (context.behaviour.lostPosition === 'empty') return undefined;
    throw fail(cpf, text);
  };
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
        return lost(
          'CPF9801',
          `Object ${args.startingReceiverName} in library ${args.startingReceiverLibrary} not found.`,
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
    if (found < 0) return lost('CPF7054', 'FROM and TO values not valid.');
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

/**
 * DISPLAY_JOURNAL's result columns. The names are those public code selects from the real
 * function (codefori/vscode-ibmi-fs, journal readers); IBM's column table could not be read
 * in full, so the types and null rules are our reading (K): names VARCHAR, codes CHAR,
 * sequence numbers DECIMAL(21,0) (Char(20) digits in the *TYPE5 heading), ENTRY_DATA a BLOB
 * (BLOB(2G) per IBM's support page on DISPLAY_JOURNAL). All nullable, as in IBM's other
 * journal services.
 */
export const DISPLAY_JOURNAL_RESULT: readonly ColumnDef[] = [
  column('ENTRY_TIMESTAMP', timestamp(true)),
  column('SEQUENCE_NUMBER', decimal(21, 0, true)),
  column('JOURNAL_CODE', char(1, true)),
  column('JOURNAL_ENTRY_TYPE', char(2, true)),
  column('COUNT_OR_RRN', decimal(21, 0, true)),
  column('INDICATOR_FLAG', char(1, true)),
  column('JOB_NAME', varchar(10, true)),
  column('JOB_USER', varchar(10, true)),
  column('JOB_NUMBER', char(6, true)),
  column('PROGRAM_NAME', varchar(10, true)),
  column('PROGRAM_LIBRARY', varchar(10, true)),
  column('PROGRAM_LIBRARY_ASP_DEVICE', varchar(10, true)),
  column('PROGRAM_LIBRARY_ASP_NUMBER', integer(true)),
  column('CURRENT_USER', varchar(10, true)),
  column('USER_NAME', varchar(10, true)),
  column('SYSTEM_NAME', varchar(8, true)),
  column('SYSTEM_SEQUENCE_NUMBER', decimal(21, 0, true)),
  column('RECEIVER_NAME', varchar(10, true)),
  column('RECEIVER_LIBRARY', varchar(10, true)),
  column('RECEIVER_ASP_DEVICE', varchar(10, true)),
  column('RECEIVER_ASP_NUMBER', integer(true)),
  column('ARM_NUMBER', integer(true)),
  column('REMOTE_PORT', integer(true)),
  column('REMOTE_ADDRESS', varchar(46, true)),
  column('ENTRY_DATA', blob(2_147_483_647, true)),
];

/** Column values of one entry, read from its *TYPE5 record. */
export function displayJournalRow(entry: StoredEntry): Row {
  const heading = readType5Heading(entry.record, 37);
  const text = (key: string) => heading[key] || null;
  const number = (key: string) => (heading[key] ? Number(heading[key]) : null);
  const big = (key: string) => (/^\d+$/.test(heading[key] ?? '') ? BigInt(heading[key]!) : null);
  return (name) => {
    switch (name) {
      case 'ENTRY_TIMESTAMP': {
        const t = heading['timestamp'] ?? '';
        return `${t.slice(0, 10)} ${t.slice(11, 13)}:${t.slice(14, 16)}:${t.slice(17, 19)}.${t.slice(20)}`;
      }
      case 'SEQUENCE_NUMBER':
        return entry.sequence;
      case 'JOURNAL_CODE':
        return text('journalCode');
      case 'JOURNAL_ENTRY_TYPE':
        return text('entryType');
      case 'COUNT_OR_RRN':
        return big('countOrRrn');
      case 'INDICATOR_FLAG':
        return text('flag');
      case 'JOB_NAME':
        return text('jobName');
      case 'JOB_USER':
        return text('jobUser');
      case 'JOB_NUMBER':
        return (heading['jobNumber'] ?? '').padStart(6, '0');
      case 'PROGRAM_NAME':
        return text('programName');
      case 'PROGRAM_LIBRARY':
        return text('programLibrary');
      case 'PROGRAM_LIBRARY_ASP_DEVICE':
        return text('programAspDevice');
      case 'PROGRAM_LIBRARY_ASP_NUMBER':
        return number('programAspNumber');
      case 'CURRENT_USER':
      case 'USER_NAME':
        return text('currentUser');
      case 'SYSTEM_NAME':
        return text('systemName');
      case 'SYSTEM_SEQUENCE_NUMBER':
        return big('systemSequence');
      case 'RECEIVER_LIBRARY':
        return entry.receiver.library;
      case 'RECEIVER_NAME':
        return entry.receiver.name;
      case 'RECEIVER_ASP_DEVICE':
        return text('receiverAspDevice');
      case 'RECEIVER_ASP_NUMBER':
        return number('receiverAspNumber');
      case 'ARM_NUMBER':
        return number('armNumber');
      case 'REMOTE_ADDRESS':
        return text('remoteAddress');
      case 'REMOTE_PORT': {
        const port = Number(heading['remotePort']);
        return port > 0 ? port : null;
      }
      case 'ENTRY_DATA':
        return entry.record.subarray(TYPE5_HEADING_LENGTH);
      default:
        return null;
    }
  };
}

/** The parameters in the order of IBM's syntax diagram, for positional arguments. */
const PARAMETER_ORDER = [
  'JOURNAL_LIBRARY',
  'JOURNAL_NAME',
  'STARTING_RECEIVER_LIBRARY',
  'STARTING_RECEIVER_NAME',
  'STARTING_TIMESTAMP',
  'STARTING_SEQUENCE',
  'JOURNAL_CODES',
  'JOURNAL_ENTRY_TYPES',
];

export const DISPLAY_JOURNAL: SimulatedObject = {
  schema: 'QSYS2',
  name: 'DISPLAY_JOURNAL',
  kind: 'function',
  columns: DISPLAY_JOURNAL_RESULT,
  *rows(args, context) {
    const named = new Map(args.named);
    args.positional.forEach((value, i) => {
      if (PARAMETER_ORDER[i]) named.set(PARAMETER_ORDER[i], value);
    });
    for (const entry of displayJournal(context.journal, displayJournalArgs(named), context)) {
      yield displayJournalRow(entry);
    }
  },
};
