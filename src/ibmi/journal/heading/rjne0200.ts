/**
 * The receiver variable of the Retrieve Journal Entries API (QjoRetrieveJournalEntries,
 * service program QJOURNAL) in format RJNE0200: a 64-byte header, then one section group per
 * entry, each found by displacement. Pure: bytes in, entries and issues out, never an exception.
 *
 * Provenance of the offsets (0-based, as IBM's API tables print them):
 * - NOT read on an IBM page: every stored copy of QJORJRNE stops at the parameter list, so no
 *   offset below is IBM-confirmed. They come from two independent open-source decoders that
 *   call this API:
 *   [iS] iSphere, biz.isphere.journalexplorer.core.model.api.RJNE0200 (structures + IBM-quoted
 *        field notes);
 *   [dz] jhc-systems/debezium-connector-ibmi, rjne0200/FirstHeaderDecoder.java,
 *        EntryHeaderDecoder.java, ReceiverNameDecoder.java, JdbcFileDecoder.java.
 * - Header 0–52, entry header 0–218, receiver information 0–31: [iS] and [dz] agree.
 * - Header reserved 53–63 and entry header 219–235: [iS] only.
 * - Entry-specific data prefix (Char(5) length, Char(11) reserved, data at +16): [iS] decodes
 *   it; [dz] decodes it the same way and its comment quotes it as IBM's 7.4 QJORJRNE table.
 * Verify against QSYSINC/H(QJOURNAL) on a real system before relying on [iS]-only offsets.
 */
import { textDecoder, trimmedEnd } from '../../ebcdic/index.js';
import type { DecodeIssue } from '../decode.js';
import type { JournalEntry } from '../entry.js';
import { readZoned, toHex } from '../fields.js';

/** Receiver-variable header. */
const H_BYTES_RETURNED = 0; // Binary(4)                                   [iS][dz]
const H_FIRST_ENTRY = 4; // Binary(4), from the start of the receiver variable [iS][dz]
const H_ENTRY_COUNT = 8; // Binary(4) number of entries retrieved            [iS][dz]
const H_CONTINUATION = 12; // Char(1) '1' = more entries than fit            [iS][dz]
const H_CONT_RECEIVER = 13; // Char(10)                                      [iS][dz]
const H_CONT_RECEIVER_LIB = 23; // Char(10)                                  [iS][dz]
const H_CONT_SEQUENCE = 33; // Char(20) decimal digits                       [iS][dz]
const HEADER_LENGTH = 64; // 53–63 reserved                                  [iS]

/** Journal entry header; displacements are from the start of this header. */
const E_NEXT = 0; // UBin(4), 0 on the last entry ([dz] relies on it)        [iS][dz]
const E_ENTRY_DATA = 8; // UBin(4) displacement to entry-specific data       [iS][dz]
const E_RECEIVER_INFO = 20; // UBin(4), 0 = same receiver as previous entry   [iS][dz]
const E_SEQUENCE = 24; // UBin(8)                                            [iS][dz]
const E_TIMESTAMP = 32; // Char(8) *DTS system time-stamp                    [iS][dz]
const E_THREAD = 40; // UBin(8)                                              [iS][dz]
const E_SYSTEM_SEQUENCE = 48; // UBin(8)                                     [iS][dz]
const E_COUNT_RRN = 56; // UBin(8)                                           [iS][dz]
const E_COMMIT_CYCLE = 64; // UBin(8)                                        [iS][dz]
const E_POINTER_HANDLE = 72; // UBin(4)                                      [iS][dz]
const E_REMOTE_PORT = 76; // UBin(2), 0 when not collected                   [iS][dz]
const E_ARM = 78; // UBin(2)                                                 [iS][dz]
const E_PGM_ASP_NUMBER = 80; // UBin(2)                                      [iS][dz]
const E_REMOTE_ADDRESS = 82; // Char(16)                                     [iS][dz]
const E_JOURNAL_CODE = 98; // Char(1)                                        [iS][dz]
const E_ENTRY_TYPE = 99; // Char(2)                                          [iS][dz]
const E_JOB_NAME = 101; // Char(10)                                          [iS][dz]
const E_JOB_USER = 111; // Char(10)                                          [iS][dz]
const E_JOB_NUMBER = 121; // Char(6)                                         [iS][dz]
const E_PROGRAM = 127; // Char(10)                                           [iS][dz]
const E_PROGRAM_LIB = 137; // Char(10)                                       [iS][dz]
const E_PGM_ASP_DEVICE = 147; // Char(10)                                    [iS][dz]
const E_OBJECT = 157; // Char(30): name, library, member (10 each)           [iS][dz]
const E_USER_PROFILE = 187; // Char(10)                                      [iS][dz]
const E_JOURNAL_ID = 197; // Char(10), binary                                [iS][dz]
const E_ADDRESS_FAMILY = 207; // Char(1) '0' none, '4' IPv4, '6' IPv6         [iS][dz]
const E_SYSTEM_NAME = 208; // Char(8)                                        [iS][dz]
const E_INDICATOR_FLAG = 216; // Char(1)                                     [iS][dz]
const E_OBJECT_NAME_IND = 217; // Char(1)                                    [iS][dz]
const E_BIT_FLAGS = 218; // Char(1), bit 0 = X'80'; [dz] copies IBM's bit table [iS][dz]
/** Bytes of the entry header both decoders agree on; a shorter entry is truncated. */
const ENTRY_HEADER_AGREED = 219;
const E_OBJECT_TYPE = 219; // Char(10)                                       [iS]
const E_NESTED_COMMIT = 232; // UBin(4); 229–231 reserved                    [iS]

/** Receiver information section, relative to its own start. */
const R_NAME = 0; // Char(10)                                                [iS][dz]
const R_LIBRARY = 10; // Char(10)                                            [iS][dz]
const R_ASP_DEVICE = 20; // Char(10)                                         [iS][dz]
const R_ASP_NUMBER = 30; // Binary(2)                                        [iS][dz]
const RECEIVER_INFO_LENGTH = 32;

/** Entry-specific data section, relative to its own start. */
const D_LENGTH = 0; // Char(5) decimal digits                                [iS][dz]
const D_DATA = 16; // after Char(11) reserved                                [iS][dz]

/** Stands in for an unreadable timestamp, as the DISPLAY_JOURNAL reader does. */
const NO_TIMESTAMP = '0001-01-01-00.00.00.000000';

export interface Rjne0200Continuation {
  /** The continuation handle: more matching entries exist than fitted in the buffer. */
  moreEntries: boolean;
  /** Where the next call should start (meaningful when `moreEntries`). */
  receiver: string;
  receiverLibrary: string;
  /** Decimal digits without leading zeros; '' when the field holds none. */
  sequence: string;
}

export interface Rjne0200Header {
  bytesReturned: number;
  firstEntryOffset: number;
  entriesRetrieved: number;
  continuation: Rjne0200Continuation;
}

/** The bit flags at entry-header offset 218 (bit 0 = X'80'). */
export interface Rjne0200EntryFlags {
  referentialConstraint: boolean;
  trigger: boolean;
  /** The entry-specific data holds pointers (over 32 KB, LOBs) valid only in the calling job. */
  incompleteData: boolean;
  ignoredByApplyRemove: boolean;
  minimizedEntryData: boolean;
  /** File type indicator: the entry is for a logical file. */
  logicalFile: boolean;
  minimizedOnFieldBoundaries: boolean;
}

/** Heading fields of RJNE0200 that JournalEntry has no place for. */
export interface Rjne0200EntryDetails {
  /** Offset of this entry's header in the receiver variable. */
  offset: number;
  /** The raw 8-byte *DTS value, as hex. */
  timestampDts: string;
  systemSequence: string;
  threadId: string;
  countOrRrn: string;
  commitCycleId: string;
  pointerHandle: number;
  armNumber: number;
  programAspDevice: string;
  programAspNumber: number;
  /** Object fields of the heading; for IFS object types the 30 bytes are a file ID, not names. */
  objectName: string;
  objectLibrary: string;
  memberName: string;
  /** [iS] only. */
  objectType: string;
  journalIdentifier: string;
  addressFamily: string;
  indicatorFlag: string;
  objectNameIndicator: string;
  flags: Rjne0200EntryFlags;
  /** [iS] only. */
  nestedCommitLevel: number;
  receiverAspDevice: string;
  receiverAspNumber: number | undefined;
}

export interface Rjne0200EntryResult {
  entry: JournalEntry;
  issues: DecodeIssue[];
  details: Rjne0200EntryDetails;
}

export interface Rjne0200ReadResult {
  header: Rjne0200Header;
  entries: Rjne0200EntryResult[];
  /** Problems with the buffer rather than one entry: unusable header, broken entry chain. */
  issues: DecodeIssue[];
  /**
   * Entries the header announces that could not be reached. When non-zero, resuming at the
   * continuation point would skip them: resume after the last entry read instead.
   */
  unreadEntries: number;
}

/** A bounds-checked view of one section: readers return undefined past its end. */
class Section {
  constructor(
    readonly bytes: Uint8Array,
    readonly start: number,
    readonly end: number,
    private readonly decode: (bytes: Uint8Array, start: number, end: number) => string,
  ) {}

  has(offset: number, length: number): boolean {
    return offset >= 0 && this.start + offset + length <= this.end;
  }

  char(offset: number, length: number): string {
    if (!this.has(offset, length)) return '';
    const at = this.start + offset;
    return this.decode(this.bytes, at, trimmedEnd(this.bytes, at, at + length));
  }

  hex(offset: number, length: number): string {
    return this.has(offset, length)
      ? toHex(this.bytes, this.start + offset, this.start + offset + length)
      : '';
  }

  u8(offset: number): number | undefined {
    return this.has(offset, 1) ? this.bytes[this.start + offset] : undefined;
  }

  u16(offset: number): number | undefined {
    if (!this.has(offset, 2)) return undefined;
    const at = this.start + offset;
    return (this.bytes[at]! << 8) | this.bytes[at + 1]!;
  }

  i16(offset: number): number | undefined {
    const value = this.u16(offset);
    return value === undefined ? undefined : value & 0x8000 ? value - 0x10000 : value;
  }

  u32(offset: number): number | undefined {
    if (!this.has(offset, 4)) return undefined;
    const at = this.start + offset;
    return (
      this.bytes[at]! * 0x1000000 +
      ((this.bytes[at + 1]! << 16) | (this.bytes[at + 2]! << 8) | this.bytes[at + 3]!)
    );
  }

  i32(offset: number): number | undefined {
    const value = this.u32(offset);
    return value === undefined ? undefined : value | 0;
  }

  u64(offset: number): bigint | undefined {
    if (!this.has(offset, 8)) return undefined;
    return new DataView(this.bytes.buffer, this.bytes.byteOffset + this.start + offset, 8).getBigUint64(0);
  }
}

/** The *DTS value 2^63 is 2000-01-01-00.00.00.000000: 2^51 microseconds after its epoch. */
const DTS_2000_MS = Date.UTC(2000, 0, 1);
const DTS_2000_MICROS = 1n << 51n;

/**
 * Converts an 8-byte *DTS ("standard time format") value to IBM's local timestamp form
 * `YYYY-MM-DD-HH.MM.SS.ffffff`.
 *
 * The conversion (NOT confirmed on an IBM documentation page: the QWCCVTDT and MI pages were
 * not readable in full): bits 0–51 count microseconds, bits 52–63 are uniqueness bits to drop,
 * and the value X'8000000000000000' is 2000-01-01-00.00.00.000000 in the time zone of the
 * IBM i (so 0 is 1928-08-23-12.03.06.314752). Source: IBM's own JTOpen, AS400Timestamp
 * FORMAT_DTS (its comments quote the MI "Standard Time Format" and QWCCVTDT specs), which
 * debezium-connector-ibmi uses for this very field. Whether RJNE0200 writes local time or
 * UTC is the unconfirmed part: JTOpen says the system's time zone; check one entry against
 * DSPJRN on a real system.
 */
export function dtsToLocalTimestamp(value: bigint): string {
  const micros = (value >> 12n) - DTS_2000_MICROS;
  let millis = micros / 1000n;
  let micro = micros % 1000n;
  if (micro < 0n) {
    millis -= 1n;
    micro += 1000n;
  }
  const time = new Date(DTS_2000_MS + Number(millis));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${pad(time.getUTCFullYear(), 4)}-${pad(time.getUTCMonth() + 1)}-${pad(time.getUTCDate())}-` +
    `${pad(time.getUTCHours())}.${pad(time.getUTCMinutes())}.${pad(time.getUTCSeconds())}.` +
    pad(time.getUTCMilliseconds() * 1000 + Number(micro), 6)
  );
}

/**
 * Reads a whole RJNE0200 receiver variable. Entries are walked from the header's first-entry
 * offset by each header's displacement to the next, up to the number of entries retrieved;
 * `ccsid` is the CCSID of the character fields (the job's). Never throws.
 */
export function readRjne0200(buffer: Uint8Array, ccsid: number): Rjne0200ReadResult {
  const issues: DecodeIssue[] = [];
  let decode = textDecoder(ccsid);
  if (!decode) {
    issues.push({
      code: 'AR_DECODE_BAD_CCSID',
      message: `CCSID ${ccsid} is not supported; read as CCSID 37`,
    });
    decode = textDecoder(37)!;
  }
  const result: Rjne0200ReadResult = {
    header: {
      bytesReturned: 0,
      firstEntryOffset: 0,
      entriesRetrieved: 0,
      continuation: { moreEntries: false, receiver: '', receiverLibrary: '', sequence: '' },
    },
    entries: [],
    issues,
    unreadEntries: 0,
  };
  if (buffer.length < HEADER_LENGTH) {
    issues.push({
      code: 'AR_DECODE_TRUNCATED',
      message: `receiver variable of ${buffer.length} bytes is shorter than its ${HEADER_LENGTH}-byte header`,
    });
    return result;
  }
  const all = new Section(buffer, 0, buffer.length, decode);
  const header = result.header;
  header.bytesReturned = all.i32(H_BYTES_RETURNED)!;
  header.firstEntryOffset = all.i32(H_FIRST_ENTRY)!;
  header.entriesRetrieved = all.i32(H_ENTRY_COUNT)!;
  const sequence = all.char(H_CONT_SEQUENCE, 20);
  header.continuation = {
    moreEntries: all.char(H_CONTINUATION, 1) === '1',
    receiver: all.char(H_CONT_RECEIVER, 10),
    receiverLibrary: all.char(H_CONT_RECEIVER_LIB, 10),
    sequence: /^\d+$/.test(sequence) ? sequence.replace(/^0+(?=\d)/, '') : '',
  };
  if (header.continuation.moreEntries && header.continuation.sequence === '') {
    issues.push({
      code: 'AR_DECODE_BAD_HEADING',
      message: `continuation sequence number ${JSON.stringify(sequence)} is not a number`,
    });
  }

  let limit = header.bytesReturned;
  if (limit > buffer.length) {
    issues.push({
      code: 'AR_DECODE_TRUNCATED',
      message: `header says ${limit} bytes were returned but the buffer holds ${buffer.length}`,
    });
    limit = buffer.length;
  } else if (limit < HEADER_LENGTH) {
    issues.push({
      code: 'AR_DECODE_BAD_LENGTH',
      message: `bytes returned (${limit}) is less than the header; reading the whole buffer`,
    });
    limit = buffer.length;
  }
  const count = Math.max(0, header.entriesRetrieved);
  if (count === 0) return result;

  let at = header.firstEntryOffset;
  if (at < HEADER_LENGTH || at + ENTRY_HEADER_AGREED > limit) {
    issues.push({
      code: 'AR_DECODE_BAD_LENGTH',
      message: `offset to the first entry header (${at}) is outside the ${limit} bytes returned; ${count} entries not read`,
    });
    result.unreadEntries = count;
    return result;
  }
  let receiver: ReceiverInfo | undefined;
  for (let index = 0; index < count; index++) {
    const displacement = new Section(buffer, at, limit, decode).u32(E_NEXT)!;
    const last = index === count - 1;
    const next = at + displacement;
    let broken: string | undefined;
    if (!last) {
      if (displacement === 0) broken = 'is 0 before the last entry';
      else if (displacement < ENTRY_HEADER_AGREED) broken = `(${displacement}) overlaps this entry's header`;
      else if (next + ENTRY_HEADER_AGREED > limit)
        broken = `(${displacement}) points past the ${limit} bytes returned`;
    }
    const end = !broken && displacement >= ENTRY_HEADER_AGREED && next <= limit ? next : limit;
    const read = readEntry(new Section(buffer, at, end, decode), receiver);
    receiver = read.receiver;
    result.entries.push(read.result);
    if (broken) {
      const remaining = count - index - 1;
      issues.push({
        code: 'AR_DECODE_BAD_LENGTH',
        message: `entry ${index + 1} of ${count} at offset ${at}: displacement to the next entry ${broken}; ${remaining} entries not read`,
      });
      result.unreadEntries = remaining;
      break;
    }
    at = next;
  }
  return result;
}

interface ReceiverInfo {
  name: string;
  library: string;
  aspDevice: string;
  aspNumber: number | undefined;
}

function readEntry(
  h: Section,
  previousReceiver: ReceiverInfo | undefined,
): { result: Rjne0200EntryResult; receiver: ReceiverInfo | undefined } {
  const issues: DecodeIssue[] = [];
  const length = h.end - h.start;
  if (length < ENTRY_HEADER_AGREED) {
    issues.push({
      code: 'AR_DECODE_TRUNCATED',
      message: `entry header at offset ${h.start} has ${length} of ${ENTRY_HEADER_AGREED} bytes`,
    });
  }

  const sequence = h.u64(E_SEQUENCE);
  if (sequence === undefined) {
    issues.push({ code: 'AR_DECODE_BAD_HEADING', message: 'entry ends before its sequence number' });
  }
  const dts = h.u64(E_TIMESTAMP);
  let timestamp = NO_TIMESTAMP;
  if (dts === undefined || dts === 0n) {
    issues.push({ code: 'AR_DECODE_BAD_HEADING', message: 'the entry has no timestamp' });
  } else {
    timestamp = dtsToLocalTimestamp(dts);
  }
  const entryType = h.char(E_ENTRY_TYPE, 2);
  if (entryType.length !== 2) {
    issues.push({
      code: 'AR_DECODE_BAD_HEADING',
      message: `entry type ${JSON.stringify(entryType)} is not two characters`,
    });
  }

  const receiver = readReceiver(h, previousReceiver, issues);
  const flagByte = h.u8(E_BIT_FLAGS) ?? 0;
  const flags: Rjne0200EntryFlags = {
    referentialConstraint: (flagByte & 0x80) !== 0,
    trigger: (flagByte & 0x40) !== 0,
    incompleteData: (flagByte & 0x20) !== 0,
    ignoredByApplyRemove: (flagByte & 0x10) !== 0,
    minimizedEntryData: (flagByte & 0x08) !== 0,
    logicalFile: (flagByte & 0x04) !== 0,
    minimizedOnFieldBoundaries: (flagByte & 0x02) !== 0,
  };
  const { data, truncated } = readEntryData(h, issues);
  if (flags.incompleteData) {
    issues.push({
      code: 'AR_DECODE_TRUNCATED',
      message: 'incomplete-data flag is on: the entry-specific data holds pointers this reader cannot follow',
    });
  }
  const port = h.u16(E_REMOTE_PORT) ?? 0;
  const addressFamily = h.char(E_ADDRESS_FAMILY, 1);
  const entry: JournalEntry = {
    position: {
      receiverLibrary: receiver?.library ?? '',
      receiver: receiver?.name ?? '',
      sequence: sequence?.toString() ?? '',
    },
    journalCode: h.char(E_JOURNAL_CODE, 1),
    entryType,
    timestamp,
    jobName: h.char(E_JOB_NAME, 10),
    jobUser: h.char(E_JOB_USER, 10),
    jobNumber: h.char(E_JOB_NUMBER, 6),
    programName: h.char(E_PROGRAM, 10),
    programLibrary: h.char(E_PROGRAM_LIB, 10),
    currentUser: h.char(E_USER_PROFILE, 10),
    systemName: h.char(E_SYSTEM_NAME, 8),
    remoteAddress: remoteAddress(h, addressFamily),
    remotePort: port > 0 ? port : undefined,
    entryData: data,
  };
  if (truncated || flags.incompleteData) entry.entryDataTruncated = true;
  const details: Rjne0200EntryDetails = {
    offset: h.start,
    timestampDts: h.hex(E_TIMESTAMP, 8),
    systemSequence: h.u64(E_SYSTEM_SEQUENCE)?.toString() ?? '',
    threadId: h.hex(E_THREAD, 8),
    countOrRrn: h.u64(E_COUNT_RRN)?.toString() ?? '',
    commitCycleId: h.u64(E_COMMIT_CYCLE)?.toString() ?? '',
    pointerHandle: h.u32(E_POINTER_HANDLE) ?? 0,
    armNumber: h.u16(E_ARM) ?? 0,
    programAspDevice: h.char(E_PGM_ASP_DEVICE, 10),
    programAspNumber: h.u16(E_PGM_ASP_NUMBER) ?? 0,
    objectName: h.char(E_OBJECT, 10),
    objectLibrary: h.char(E_OBJECT + 10, 10),
    memberName: h.char(E_OBJECT + 20, 10),
    objectType: h.char(E_OBJECT_TYPE, 10),
    journalIdentifier: h.hex(E_JOURNAL_ID, 10),
    addressFamily,
    indicatorFlag: h.char(E_INDICATOR_FLAG, 1),
    objectNameIndicator: h.char(E_OBJECT_NAME_IND, 1),
    flags,
    nestedCommitLevel: h.u32(E_NESTED_COMMIT) ?? 0,
    receiverAspDevice: receiver?.aspDevice ?? '',
    receiverAspNumber: receiver?.aspNumber,
  };
  return { result: { entry, issues, details }, receiver };
}

/**
 * IBM returns receiver information for the first entry of a buffer and whenever it changes
 * ([iS] quotes this); otherwise the previous entry's applies.
 */
function readReceiver(
  h: Section,
  previous: ReceiverInfo | undefined,
  issues: DecodeIssue[],
): ReceiverInfo | undefined {
  const displacement = h.u32(E_RECEIVER_INFO) ?? 0;
  if (displacement === 0) {
    if (!previous) {
      issues.push({
        code: 'AR_DECODE_BAD_HEADING',
        message: 'no receiver information, and no earlier entry in this buffer to take it from',
      });
    }
    return previous;
  }
  if (displacement < ENTRY_HEADER_AGREED || !h.has(displacement, RECEIVER_INFO_LENGTH)) {
    issues.push({
      code: 'AR_DECODE_BAD_LENGTH',
      message: `displacement to receiver information (${displacement}) points outside the entry's ${h.end - h.start} bytes`,
    });
    return previous;
  }
  return {
    name: h.char(displacement + R_NAME, 10),
    library: h.char(displacement + R_LIBRARY, 10),
    aspDevice: h.char(displacement + R_ASP_DEVICE, 10),
    aspNumber: h.i16(displacement + R_ASP_NUMBER),
  };
}

function readEntryData(h: Section, issues: DecodeIssue[]): { data: Uint8Array; truncated: boolean } {
  const none = { data: new Uint8Array(0), truncated: false };
  const displacement = h.u32(E_ENTRY_DATA) ?? 0;
  if (displacement === 0) return none; // the decode stage flags an entry without data
  if (displacement < ENTRY_HEADER_AGREED || !h.has(displacement, D_DATA)) {
    issues.push({
      code: 'AR_DECODE_BAD_LENGTH',
      message: `displacement to entry-specific data (${displacement}) points outside the entry's ${h.end - h.start} bytes`,
    });
    return none;
  }
  const { bytes } = h;
  const lengthAt = h.start + displacement + D_LENGTH;
  const start = h.start + displacement + D_DATA;
  const available = h.end - start;
  const digits = readZoned(bytes, lengthAt, 5);
  const declared = digits === undefined || digits === '' ? Number.NaN : Number(digits);
  if (!Number.isInteger(declared) || declared < 0) {
    issues.push({
      code: 'AR_DECODE_BAD_LENGTH',
      message: `length of entry-specific data X'${toHex(bytes, lengthAt, lengthAt + 5)}' is not a number; taking the ${available} bytes to the end of the entry`,
    });
    return { data: bytes.subarray(start, h.end), truncated: false };
  }
  if (declared > available) {
    issues.push({
      code: 'AR_DECODE_BAD_LENGTH',
      message: `entry-specific data length ${declared} runs past the end of the entry (${available} bytes there)`,
    });
    return { data: bytes.subarray(start, h.end), truncated: true };
  }
  return { data: bytes.subarray(start, start + declared), truncated: false };
}

/**
 * [iS] (unconfirmed): IPv4 as characters, IPv6 as 16 binary bytes. [iS] also reports (IBM PMR
 * 33254,031,724) IPv4 addresses arriving as 4 binary bytes followed by zeros; both are read.
 */
function remoteAddress(h: Section, family: string): string {
  if (!h.has(E_REMOTE_ADDRESS, 16)) return '';
  const raw = h.hex(E_REMOTE_ADDRESS, 16);
  if (family === '4') {
    if (/^[0-9A-F]{8}0{24}$/.test(raw) && raw !== '0'.repeat(32)) {
      return [0, 2, 4, 6].map((i) => Number.parseInt(raw.slice(i, i + 2), 16)).join('.');
    }
    return h.char(E_REMOTE_ADDRESS, 16);
  }
  if (family === '6') return formatIpv6(raw);
  return '';
}

/** RFC 5952 text: lowercase, no leading zeros, the longest run of two or more zero groups as ::. */
function formatIpv6(hex: string): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number.parseInt(hex.slice(i * 4, i * 4 + 4), 16));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const text = (list: number[]) => list.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return text(groups);
  return `${text(groups.slice(0, bestStart))}::${text(groups.slice(bestStart + bestLength))}`;
}
