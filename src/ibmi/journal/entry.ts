/**
 * One journal entry as every heading reader (DISPLAY_JOURNAL row, *TYPE5 record, RJNE0200)
 * delivers it: the heading fields IBM documents, and the entry-specific data as raw bytes.
 */

/** Where an entry sits in the journal: enough to resume exactly after it. */
export interface JournalPosition {
  receiverLibrary: string;
  receiver: string;
  /** Up to 20 digits (exceeds 2^53), so kept as a decimal string. */
  sequence: string;
}

export interface JournalEntry {
  position: JournalPosition;
  /** 'T' for audit entries, 'J' for journal operations, 'U' for user entries. */
  journalCode: string;
  /** Two characters, e.g. 'PW'. */
  entryType: string;
  /** Local time of the IBM i as IBM writes it: `YYYY-MM-DD-HH.MM.SS.ffffff`. */
  timestamp: string;
  jobName: string;
  jobUser: string;
  jobNumber: string;
  programName: string;
  programLibrary: string;
  /** The user profile the job ran under when the entry was written (JOUSPF / CURRENT_USER). */
  currentUser: string;
  systemName: string;
  remoteAddress: string;
  remotePort: number | undefined;
  /** Entry-specific data: byte 0 is J5 offset 610 of the *TYPE5 layout. */
  entryData: Uint8Array;
  /** Set when the reader could not get all of the entry-specific data. */
  entryDataTruncated?: boolean;
}

/** J5 offset (1-based, as IBM's layout tables print it) of the first entry-specific byte. */
export const J5_ENTRY_DATA_OFFSET = 610;

export function compareSequence(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `123456/QUSER/QZDASOINIT`: IBM's qualified job name. */
export function qualifiedJobName(entry: Pick<JournalEntry, 'jobNumber' | 'jobUser' | 'jobName'>): string {
  return `${entry.jobNumber}/${entry.jobUser}/${entry.jobName}`;
}
