import { textDecoder, trimmedEnd } from '../../ebcdic/index.js';
import type { DecodeIssue } from '../decode.js';
import type { JournalEntry } from '../entry.js';
import { readZoned, toHex } from '../fields.js';
import { TYPE5_HEADING, TYPE5_HEADING_LENGTH } from './type5-layout.js';

export type Type5Heading = Record<string, string>;

/** Reads the 609-byte *TYPE5 heading; values are trimmed text (zoned as digits, hex as hex). */
export function readType5Heading(record: Uint8Array, ccsid: number): Type5Heading {
  const decode = textDecoder(ccsid) ?? textDecoder(37)!;
  const heading: Type5Heading = {};
  for (const field of TYPE5_HEADING) {
    const start = field.offset - 1;
    const end = start + field.length;
    if (end > record.length) break;
    heading[field.key] =
      field.kind === 'zoned'
        ? (readZoned(record, start, field.length) ?? '')
        : field.kind === 'hex'
          ? toHex(record, start, end)
          : decode(record, start, trimmedEnd(record, start, end));
  }
  return heading;
}

export interface Type5ReadResult {
  entry: JournalEntry;
  issues: DecodeIssue[];
  /** Bytes consumed from the input (the record's own length field). */
  length: number;
}

/**
 * Reads one *TYPE5 outfile record (as CPYAUDJRNE / DSPJRN OUTFILFMT(*TYPE5) write them) that
 * starts at `offset`. The record's first field, Zoned(5,0), gives its total length.
 */
export function readType5Record(buffer: Uint8Array, offset: number, ccsid: number): Type5ReadResult {
  const issues: DecodeIssue[] = [];
  const declared = Number(readZoned(buffer, offset, 5) ?? Number.NaN);
  let length = declared;
  if (!Number.isInteger(declared) || declared < TYPE5_HEADING_LENGTH || offset + declared > buffer.length) {
    issues.push({
      code: 'AR_DECODE_BAD_LENGTH',
      message: `record length field X'${toHex(buffer, offset, Math.min(offset + 5, buffer.length))}' is not usable; taking the rest of the input`,
    });
    length = buffer.length - offset;
  }
  const record = buffer.subarray(offset, offset + length);
  const h = readType5Heading(record, ccsid);
  const port = Number(h['remotePort']);
  const entry: JournalEntry = {
    position: {
      receiverLibrary: h['receiverLibrary'] ?? '',
      receiver: h['receiver'] ?? '',
      sequence: (h['sequence'] ?? '').replace(/^0+(?=\d)/, ''),
    },
    journalCode: h['journalCode'] ?? '',
    entryType: h['entryType'] ?? '',
    timestamp: h['timestamp'] ?? '',
    jobName: h['jobName'] ?? '',
    jobUser: h['jobUser'] ?? '',
    jobNumber: (h['jobNumber'] ?? '').padStart(6, '0'),
    programName: h['programName'] ?? '',
    programLibrary: h['programLibrary'] ?? '',
    currentUser: h['currentUser'] ?? '',
    systemName: h['systemName'] ?? '',
    remoteAddress: h['remoteAddress'] ?? '',
    remotePort: port > 0 ? port : undefined,
    entryData: record.subarray(Math.min(TYPE5_HEADING_LENGTH, record.length)),
  };
  if (!/^\d{1,20}$/.test(entry.position.sequence)) {
    issues.push({ code: 'AR_DECODE_BAD_HEADING', message: 'sequence number field holds no digits' });
  }
  return { entry, issues, length };
}
