import type { DecodeIssue } from '../decode.js';
import type { JournalEntry } from '../entry.js';
import { fromHex } from '../fields.js';
import { parseLocalTimestamp } from './timestamp.js';

/**
 * A row of QSYS2.DISPLAY_JOURNAL as Mapepire (JSON) returns it, keyed by IBM's column names.
 * ENTRY_DATA is the entry-specific data as hex text: our query selects HEX(...) so the bytes
 * travel the same way through every Mapepire server version (see docs/ibmi-setup.md), and
 * `auditrelay decode` reads the same shape from JSON Lines. ENTRY_DATA_LENGTH, when present,
 * is the entry's real length: more than the hex holds marks the entry truncated.
 */
export type DisplayJournalRow = Record<string, unknown>;

/** Columns the agent's journal query selects, in order. */
export const DISPLAY_JOURNAL_COLUMNS = [
  'ENTRY_TIMESTAMP',
  'SEQUENCE_NUMBER',
  'JOURNAL_CODE',
  'JOURNAL_ENTRY_TYPE',
  'JOB_NAME',
  'JOB_USER',
  'JOB_NUMBER',
  'PROGRAM_NAME',
  'PROGRAM_LIBRARY',
  'CURRENT_USER',
  'SYSTEM_NAME',
  'RECEIVER_LIBRARY',
  'RECEIVER_NAME',
  'REMOTE_ADDRESS',
  'REMOTE_PORT',
] as const;

export interface RowReadResult {
  entry: JournalEntry;
  issues: DecodeIssue[];
}

/** Never throws: a malformed row yields an entry with what could be read, plus issues. */
export function entryFromDisplayJournalRow(row: DisplayJournalRow): RowReadResult {
  const issues: DecodeIssue[] = [];
  const text = (column: string): string => {
    const value = row[column];
    if (value === null || value === undefined) return '';
    return String(value).trimEnd();
  };
  const rawTimestamp = text('ENTRY_TIMESTAMP');
  const timestamp = parseLocalTimestamp(rawTimestamp);
  if (!timestamp) {
    issues.push({
      code: 'AR_DECODE_BAD_HEADING',
      message: `ENTRY_TIMESTAMP ${JSON.stringify(rawTimestamp)} is not a timestamp`,
    });
  }
  const sequence = text('SEQUENCE_NUMBER');
  if (!/^\d{1,20}$/.test(sequence)) {
    issues.push({
      code: 'AR_DECODE_BAD_HEADING',
      message: `SEQUENCE_NUMBER ${JSON.stringify(sequence)} is not a sequence number`,
    });
  }
  const entryType = text('JOURNAL_ENTRY_TYPE');
  if (entryType.length !== 2) {
    issues.push({
      code: 'AR_DECODE_BAD_HEADING',
      message: `JOURNAL_ENTRY_TYPE ${JSON.stringify(entryType)} is not two characters`,
    });
  }
  const hex = text('ENTRY_DATA');
  let entryData = fromHex(hex);
  if (!entryData) {
    issues.push({ code: 'AR_DECODE_BAD_HEADING', message: 'ENTRY_DATA is not a hex string' });
    entryData = new Uint8Array(0);
  }
  const declaredLength = Number(row['ENTRY_DATA_LENGTH'] ?? entryData.length);
  const port = Number(row['REMOTE_PORT']);
  const entry: JournalEntry = {
    position: {
      receiverLibrary: text('RECEIVER_LIBRARY'),
      receiver: text('RECEIVER_NAME'),
      sequence: sequence.replace(/^0+(?=\d)/, ''),
    },
    journalCode: text('JOURNAL_CODE') || 'T',
    entryType,
    timestamp: timestamp ?? '0001-01-01-00.00.00.000000',
    jobName: text('JOB_NAME'),
    jobUser: text('JOB_USER'),
    jobNumber: text('JOB_NUMBER'),
    programName: text('PROGRAM_NAME'),
    programLibrary: text('PROGRAM_LIBRARY'),
    currentUser: text('CURRENT_USER') || text('USER_NAME'),
    systemName: text('SYSTEM_NAME'),
    remoteAddress: text('REMOTE_ADDRESS'),
    remotePort: Number.isInteger(port) && port > 0 ? port : undefined,
    entryData,
  };
  if (declaredLength > entryData.length) entry.entryDataTruncated = true;
  return { entry, issues };
}
