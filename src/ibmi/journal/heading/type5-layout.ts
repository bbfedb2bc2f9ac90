/**
 * The standard heading of audit journal entries in the *TYPE5 outfile format (record format
 * QJORDJE5, model file QADSPJR5), offsets 1–609; entry-specific data follows at 610.
 *
 * Provenance:
 * - Offsets 1–126: IBM, "Standard heading fields for audit journal entries QJORDJE5 Record
 *   Format (*TYPE5)", 7.3 (rzarlf01.htm) and 7.6 (IBM Docs); both copies agree.
 * - Offsets 136–609: NOT read on an IBM page (every stored copy stops at 126). Derived by
 *   summing the field sizes of QADSPJR5 in IBM's field order (JOCTRR is Char(20) for *TYPE5
 *   per IBM's "Layouts for variable-length portion of journal entries", 7.4). The sizes add up
 *   exactly to 609, which matches IBM's "entry-specific data at J5 offset 610" on every
 *   entry page; two compensating errors would go unnoticed. Verify with
 *   `DSPFFD QSYS/QADSPJR5` on a real system before relying on them.
 */
export interface HeadingField {
  key: string;
  offset: number;
  length: number;
  kind: 'char' | 'zoned' | 'hex';
  /** True when the offset was read on IBM's page, false when derived. */
  confirmed: boolean;
}

export const TYPE5_HEADING: readonly HeadingField[] = [
  { key: 'entryLength', offset: 1, length: 5, kind: 'zoned', confirmed: true },
  { key: 'sequence', offset: 6, length: 20, kind: 'char', confirmed: true },
  { key: 'journalCode', offset: 26, length: 1, kind: 'char', confirmed: true },
  { key: 'entryType', offset: 27, length: 2, kind: 'char', confirmed: true },
  { key: 'timestamp', offset: 29, length: 26, kind: 'char', confirmed: true },
  { key: 'jobName', offset: 55, length: 10, kind: 'char', confirmed: true },
  { key: 'jobUser', offset: 65, length: 10, kind: 'char', confirmed: true },
  { key: 'jobNumber', offset: 75, length: 6, kind: 'zoned', confirmed: true },
  { key: 'programName', offset: 81, length: 10, kind: 'char', confirmed: true },
  { key: 'programLibrary', offset: 91, length: 10, kind: 'char', confirmed: true },
  { key: 'programAspDevice', offset: 101, length: 10, kind: 'char', confirmed: true },
  { key: 'programAspNumber', offset: 111, length: 5, kind: 'zoned', confirmed: true },
  { key: 'objectName', offset: 116, length: 10, kind: 'char', confirmed: true },
  { key: 'objectLibrary', offset: 126, length: 10, kind: 'char', confirmed: true },
  { key: 'memberName', offset: 136, length: 10, kind: 'char', confirmed: false },
  { key: 'countOrRrn', offset: 146, length: 20, kind: 'char', confirmed: false },
  { key: 'flag', offset: 166, length: 1, kind: 'char', confirmed: false },
  { key: 'commitCycleId', offset: 167, length: 20, kind: 'char', confirmed: false },
  { key: 'currentUser', offset: 187, length: 10, kind: 'char', confirmed: false },
  { key: 'systemName', offset: 197, length: 8, kind: 'char', confirmed: false },
  { key: 'journalIdentifier', offset: 205, length: 10, kind: 'char', confirmed: false },
  { key: 'referentialConstraint', offset: 215, length: 1, kind: 'char', confirmed: false },
  { key: 'trigger', offset: 216, length: 1, kind: 'char', confirmed: false },
  { key: 'incompleteData', offset: 217, length: 1, kind: 'char', confirmed: false },
  { key: 'ignoredByApply', offset: 218, length: 1, kind: 'char', confirmed: false },
  { key: 'minimizedEntryData', offset: 219, length: 1, kind: 'char', confirmed: false },
  { key: 'objectIndicator', offset: 220, length: 1, kind: 'char', confirmed: false },
  { key: 'systemSequence', offset: 221, length: 20, kind: 'char', confirmed: false },
  { key: 'receiver', offset: 241, length: 10, kind: 'char', confirmed: false },
  { key: 'receiverLibrary', offset: 251, length: 10, kind: 'char', confirmed: false },
  { key: 'receiverAspDevice', offset: 261, length: 10, kind: 'char', confirmed: false },
  { key: 'receiverAspNumber', offset: 271, length: 5, kind: 'zoned', confirmed: false },
  { key: 'armNumber', offset: 276, length: 5, kind: 'zoned', confirmed: false },
  { key: 'threadId', offset: 281, length: 8, kind: 'hex', confirmed: false },
  { key: 'threadIdHex', offset: 289, length: 16, kind: 'char', confirmed: false },
  { key: 'addressFamily', offset: 305, length: 1, kind: 'char', confirmed: false },
  { key: 'remotePort', offset: 306, length: 5, kind: 'zoned', confirmed: false },
  { key: 'remoteAddress', offset: 311, length: 46, kind: 'char', confirmed: false },
  { key: 'logicalUnitOfWork', offset: 357, length: 39, kind: 'char', confirmed: false },
  { key: 'transactionId', offset: 396, length: 140, kind: 'char', confirmed: false },
  { key: 'objectType', offset: 536, length: 7, kind: 'char', confirmed: false },
  { key: 'fileTypeIndicator', offset: 543, length: 1, kind: 'char', confirmed: false },
  { key: 'nestedCommitLevel', offset: 544, length: 7, kind: 'char', confirmed: false },
  { key: 'reserved', offset: 551, length: 59, kind: 'char', confirmed: false },
];

export const TYPE5_HEADING_LENGTH = 609;
