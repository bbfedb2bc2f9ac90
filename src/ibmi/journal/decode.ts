import type { ErrorCode } from '../../core/errors.js';
import { CCSID_HEX, textDecoder, trimmedEnd } from '../ebcdic/index.js';
import type { EntryLayout, FieldLayout } from './catalog/types.js';
import { J5_ENTRY_DATA_OFFSET, type JournalEntry } from './entry.js';
import { readBin2, readBin4, readBin8, readPacked, readZoned, toHex } from './fields.js';

export type FieldValue = string | number;

export interface DecodeIssue {
  code: ErrorCode;
  message: string;
  /** Field key the issue is about, when there is one. */
  field?: string;
}

export interface DecodedEntry {
  entry: JournalEntry;
  layout: EntryLayout | undefined;
  /** Value of the layout's sub-type field, e.g. 'P' for a PW "password not valid" entry. */
  subtype: string | undefined;
  fields: Record<string, FieldValue>;
  issues: DecodeIssue[];
}

export interface DecodeOptions {
  /** CCSID of the entry's character fields (the job CCSID of whoever wrote the entry). */
  ccsid: number;
  /** Used instead of 65535 ("hex") for fields that carry that tag. */
  hexCcsidFallback?: number;
}

/**
 * Decodes the entry-specific data of one entry with its catalog layout. Never throws:
 * anything wrong with the bytes becomes an issue, and every field that can be read is read.
 */
export function decodeEntry(
  entry: JournalEntry,
  layout: EntryLayout | undefined,
  options: DecodeOptions,
): DecodedEntry {
  const decoded: DecodedEntry = { entry, layout, subtype: undefined, fields: {}, issues: [] };
  if (!layout) {
    decoded.issues.push({
      code: 'AR_DECODE_UNKNOWN_TYPE',
      message: `entry type ${JSON.stringify(entry.entryType)} (journal code ${entry.journalCode}) is not in the catalog`,
    });
    return decoded;
  }
  const data = entry.entryData;
  const charDecoder = textDecoder(options.ccsid);
  if (!charDecoder) {
    decoded.issues.push({ code: 'AR_DECODE_BAD_CCSID', message: `CCSID ${options.ccsid} is not supported` });
    return decoded;
  }
  if (entry.entryDataTruncated) {
    decoded.issues.push({
      code: 'AR_DECODE_TRUNCATED',
      message: 'the source delivered only part of the entry data',
    });
  }
  for (const field of layout.fields) {
    const start = field.offset - J5_ENTRY_DATA_OFFSET;
    if (start >= data.length) break;
    const value = readField(field, data, start, decoded, options);
    if (value !== undefined) decoded.fields[field.key] = value;
  }
  if (layout.subtypeField) {
    const subtype = decoded.fields[layout.subtypeField];
    if (typeof subtype === 'string' && subtype !== '') decoded.subtype = subtype;
  }
  if (data.length === 0) {
    decoded.issues.push({ code: 'AR_DECODE_TRUNCATED', message: 'the entry has no entry-specific data' });
  }
  return decoded;
}

function readField(
  field: FieldLayout,
  data: Uint8Array,
  start: number,
  decoded: DecodedEntry,
  options: DecodeOptions,
): FieldValue | undefined {
  const available = Math.min(field.length, data.length - start);
  const cut = available < field.length;
  const flag = (code: ErrorCode, message: string) => {
    decoded.issues.push({
      code,
      message: `${field.ibmName} (offset ${field.offset}): ${message}`,
      field: field.key,
    });
  };
  switch (field.kind) {
    case 'char': {
      const decode = textDecoder(options.ccsid)!;
      return decode(data, start, trimmedEnd(data, start, start + available));
    }
    case 'hex':
      return toHex(data, start, start + available);
    case 'zoned':
    case 'packed': {
      if (cut) {
        flag('AR_DECODE_TRUNCATED', `entry ends inside the field (${available} of ${field.length} bytes)`);
        return undefined;
      }
      const read = field.kind === 'zoned' ? readZoned : readPacked;
      const value = read(data, start, field.length, field.scale ?? 0);
      if (value === undefined) {
        flag(
          'AR_DECODE_BAD_NUMBER',
          `not a valid ${field.kind} number: X'${toHex(data, start, start + field.length)}'`,
        );
        return undefined;
      }
      return value;
    }
    case 'bin2':
    case 'bin4':
    case 'bin8': {
      if (cut) {
        flag('AR_DECODE_TRUNCATED', `entry ends inside the field (${available} of ${field.length} bytes)`);
        return undefined;
      }
      return field.kind === 'bin2'
        ? readBin2(data, start)
        : field.kind === 'bin4'
          ? readBin4(data, start)
          : readBin8(data, start);
    }
    case 'tagged':
    case 'utf16':
      return readTagged(field, data, start, available, decoded, options, flag);
  }
}

function readTagged(
  field: FieldLayout,
  data: Uint8Array,
  start: number,
  available: number,
  decoded: DecodedEntry,
  options: DecodeOptions,
  flag: (code: ErrorCode, message: string) => void,
): FieldValue | undefined {
  let length = available;
  if (field.lengthField) {
    const declared = decoded.fields[field.lengthField];
    if (typeof declared === 'number') {
      // For UTF-16 fields IBM gives the length in bytes for some types, characters for others;
      // the layout says which by setting kind 'utf16' (bytes) — see each layout's notes.
      if (declared < 0 || declared > field.length) {
        flag('AR_DECODE_BAD_LENGTH', `declared length ${declared} exceeds the field's ${field.length} bytes`);
        length = available;
      } else if (declared > available) {
        flag('AR_DECODE_BAD_LENGTH', `declared length ${declared} points past the end of the entry`);
        length = available;
      } else {
        length = declared;
      }
    }
  }
  let ccsid = field.kind === 'utf16' ? 1200 : options.ccsid;
  if (field.ccsidField) {
    const tagged = decoded.fields[field.ccsidField];
    if (typeof tagged === 'number' && tagged !== 0) ccsid = tagged;
  }
  if (ccsid === CCSID_HEX) ccsid = options.hexCcsidFallback ?? options.ccsid;
  const decode = textDecoder(ccsid);
  if (!decode) {
    flag('AR_DECODE_BAD_CCSID', `CCSID ${ccsid} is not supported; kept as hex`);
    return toHex(data, start, start + length);
  }
  const end = ccsid === 1200 || ccsid === 13488 ? start + length : trimmedEnd(data, start, start + length);
  return decode(data, start, end).replace(/\u0000+$/, '');
}
