import type { ErrorCode } from '../../core/errors.js';
import {
  CCSID_HEX,
  checkedTextDecoder,
  isMixedCcsid,
  isSupportedCcsid,
  type TextDecoderFn,
  textDecoder,
  trimmedEnd,
} from '../ebcdic/index.js';
import { J5_ENTRY_DATA_OFFSET, type JournalEntry } from './entry.js';
import { readBin2, readBin4, readBin8, readPacked, readZoned, toHex } from './fields.js';
import type { EntryLayout, FieldKind, FieldLayout } from './layout.js';

export type FieldValue = string | number;

/** The field that holds the entry data in hex for types whose layout is not known. */
export const ENTRY_DATA_HEX = 'entryDataHex';

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
  const issues: DecodeIssue[] = [];
  if (!layout) {
    issues.push({
      code: 'AR_DECODE_UNKNOWN_TYPE',
      message: `entry type ${JSON.stringify(entry.entryType)} (journal code ${entry.journalCode}) is not in the catalog`,
    });
    return { entry, layout, subtype: undefined, fields: {}, issues };
  }
  const data = entry.entryData;
  if (!isSupportedCcsid(options.ccsid)) {
    issues.push({ code: 'AR_DECODE_BAD_CCSID', message: `CCSID ${options.ccsid} is not supported` });
    return { entry, layout, subtype: undefined, fields: {}, issues };
  }
  if (entry.entryDataTruncated) {
    issues.push({
      code: 'AR_DECODE_TRUNCATED',
      message: 'the source delivered only part of the entry data',
    });
  }
  const fields = fieldReader(layout)(data, issues, options, plainDecoder(options.ccsid));
  // A type known by name only still carries its bytes, so nothing the IBM i wrote is lost.
  if (layout.fields.length === 0 && data.length > 0) fields[ENTRY_DATA_HEX] = toHex(data);
  let subtype: string | undefined;
  if (layout.subtypeField) {
    const value = fields[layout.subtypeField];
    if (typeof value === 'string' && value !== '') subtype = value;
  }
  if (data.length === 0) {
    issues.push({ code: 'AR_DECODE_TRUNCATED', message: 'the entry has no entry-specific data' });
  }
  return { entry, layout, subtype, fields, issues };
}

/** Reads the fields of one layout, up to the first that starts past the data. */
type FieldReader = (
  data: Uint8Array,
  issues: DecodeIssue[],
  options: DecodeOptions,
  plain: TextDecoderFn | undefined,
) => Record<string, FieldValue>;

/**
 * What reading a field needs of its layout, in one object shape for every field: the catalog's
 * fields differ in which optional properties they have, and reading those through one function
 * made every property read a megamorphic look-up.
 */
interface FieldPlan {
  key: string;
  ibmName: string;
  offset: number;
  length: number;
  kind: FieldKind;
  scale: number;
  varlen: boolean;
  lengthField: string | undefined;
  ccsidField: string | undefined;
}

function fieldPlan(field: FieldLayout): FieldPlan {
  return {
    key: field.key,
    ibmName: field.ibmName,
    offset: field.offset,
    length: field.length,
    kind: field.kind,
    scale: field.scale ?? 0,
    varlen: field.varlen === true,
    lengthField: field.lengthField,
    ccsidField: field.ccsidField,
  };
}

const fieldReaders = new WeakMap<EntryLayout, FieldReader>();

/** The fields read so far, for layouts whose fields name no sibling (nothing reads or writes it). */
const NO_SIBLINGS: Readonly<Record<string, FieldValue>> = Object.freeze({});

/**
 * The field loop of a layout, unrolled once per layout into straight-line code: each field
 * gets its own property store, which V8 keeps monomorphic (one loop storing the keys of all
 * 85 layouts was the largest single cost of decoding). It does what the loop would do, in
 * the same order: the same fields, stored in layout order, stopping at the first field that
 * starts at or past the end of the data. Keys enter the code only as JSON string literals.
 *
 * When every field starts inside the data and reads to a value (nearly every entry), the
 * fields are made as one object literal, in layout order as the stores would add them: one
 * allocation instead of an object grown property by property. Not for layouts whose fields
 * read a sibling (a length or CCSID) while decoding, which need the fields read so far.
 */
function fieldReader(layout: EntryLayout): FieldReader {
  let read = fieldReaders.get(layout);
  if (read === undefined) {
    const fields = layout.fields;
    const starts = fields.map((field) => field.offset - J5_ENTRY_DATA_OFFSET);
    const keys = fields.map((field) => JSON.stringify(field.key));
    let body = 'return function readFields(data, issues, options, plain) {\n';
    const independent = !fields.some(
      (field) =>
        field.lengthField !== undefined ||
        field.ccsidField !== undefined ||
        field.kind === 'tagged' ||
        field.kind === 'utf16',
    );
    if (independent && fields.length > 0) {
      const values = fields.map((_, index) => `v${index}`);
      body += `if (data.length > ${Math.max(...starts)}) {\n`;
      fields.forEach((_, index) => {
        body += `const v${index} = readField(plans[${index}], data, ${starts[index]}, noSiblings, issues, options, plain);\n`;
      });
      body += `if (${values.map((v) => `${v} !== undefined`).join(' && ')}) return { ${keys.map((key, index) => `${key}: v${index}`).join(', ')} };\n`;
      body += 'const fields = {};\n';
      fields.forEach((_, index) => {
        body += `if (v${index} !== undefined) fields[${keys[index]}] = v${index};\n`;
      });
      body += 'return fields;\n}\n';
    }
    body += 'const fields = {};\nlet value;\n';
    fields.forEach((_, index) => {
      body +=
        `if (${starts[index]} >= data.length) return fields;\n` +
        `value = readField(plans[${index}], data, ${starts[index]}, fields, issues, options, plain);\n` +
        `if (value !== undefined) fields[${keys[index]}] = value;\n`;
    });
    read = new Function('plans', 'readField', 'noSiblings', `${body}return fields;\n};`)(
      fields.map(fieldPlan),
      readField,
      NO_SIBLINGS,
    ) as FieldReader;
    fieldReaders.set(layout, read);
  }
  return read;
}

const plainDecoders = new Map<number, TextDecoderFn | null>();

/**
 * The decoder of a single-byte CCSID, whose every byte maps to a character; undefined for
 * mixed (SO/SI) and UTF-16 data, which can hold bytes that map to nothing and are checked.
 */
function plainDecoder(ccsid: number): TextDecoderFn | undefined {
  let decode = plainDecoders.get(ccsid);
  if (decode === undefined) {
    decode = (!isMixedCcsid(ccsid) && ccsid !== 1200 && ccsid !== 13488 && textDecoder(ccsid)) || null;
    plainDecoders.set(ccsid, decode);
  }
  return decode ?? undefined;
}

function flag(issues: DecodeIssue[], field: FieldPlan, code: ErrorCode, message: string): void {
  issues.push({
    code,
    message: `${field.ibmName} (offset ${field.offset}): ${message}`,
    field: field.key,
  });
}

function readField(
  field: FieldPlan,
  data: Uint8Array,
  fieldStart: number,
  fields: Record<string, FieldValue>,
  issues: DecodeIssue[],
  options: DecodeOptions,
  plain: TextDecoderFn | undefined,
): FieldValue | undefined {
  let start = fieldStart;
  let available = Math.min(field.length, data.length - start);
  if (field.varlen) {
    // Two length bytes, then the data: narrow the field to the data they announce.
    if (available < 2) return undefined;
    const declared = readBin2(data, start);
    if (declared < 0 || declared > available - 2) {
      flag(
        issues,
        field,
        'AR_DECODE_BAD_LENGTH',
        `variable-length prefix ${declared} points past the field or the entry`,
      );
    }
    start += 2;
    available = Math.max(0, Math.min(declared, available - 2));
  }
  switch (field.kind) {
    case 'char':
      return plain
        ? plain(data, start, trimmedEnd(data, start, start + available))
        : readText(field, data, start, trimmedEnd(data, start, start + available), options.ccsid, issues);
    case 'hex': {
      // Binary data with a sibling length (e.g. VO's entry ID): only the bytes it announces.
      const declared = field.lengthField === undefined ? undefined : fields[field.lengthField];
      const length =
        typeof declared === 'number' && declared >= 0 && declared <= available ? declared : available;
      return toHex(data, start, start + length);
    }
    case 'zoned':
    case 'packed': {
      if (available < field.length) {
        flag(
          issues,
          field,
          'AR_DECODE_TRUNCATED',
          `entry ends inside the field (${available} of ${field.length} bytes)`,
        );
        return undefined;
      }
      const value = (field.kind === 'zoned' ? readZoned : readPacked)(data, start, field.length, field.scale);
      if (value === undefined) {
        flag(
          issues,
          field,
          'AR_DECODE_BAD_NUMBER',
          `not a valid ${field.kind} number: X'${toHex(data, start, start + field.length)}'`,
        );
      }
      return value;
    }
    case 'bin2':
    case 'bin4':
    case 'bin8':
      if (available < field.length) {
        flag(
          issues,
          field,
          'AR_DECODE_TRUNCATED',
          `entry ends inside the field (${available} of ${field.length} bytes)`,
        );
        return undefined;
      }
      return field.kind === 'bin2'
        ? readBin2(data, start)
        : field.kind === 'bin4'
          ? readBin4(data, start)
          : readBin8(data, start);
    case 'tagged':
    case 'utf16':
      return readTagged(field, data, start, available, fields, issues, options);
  }
}

/**
 * Text in a CCSID. Single-byte tables map every byte, so only mixed (SO/SI) and UTF-16 data
 * can hold bytes that map to nothing: those are checked and flagged AR_DECODE_UNMAPPED.
 */
function readText(
  field: FieldPlan,
  data: Uint8Array,
  start: number,
  end: number,
  ccsid: number,
  issues: DecodeIssue[],
): string | undefined {
  if (!isMixedCcsid(ccsid) && ccsid !== 1200 && ccsid !== 13488)
    return textDecoder(ccsid)?.(data, start, end);
  const checked = checkedTextDecoder(ccsid)!(data, start, end);
  if (checked.unmapped.length) {
    const where = checked.unmapped
      .map((u) => `X'${toHex(data, u.offset, u.offset + u.length)}' at byte ${u.offset - start}`)
      .join(', ');
    flag(issues, field, 'AR_DECODE_UNMAPPED', `bytes that map to no character in CCSID ${ccsid}: ${where}`);
  }
  return checked.text;
}

function readTagged(
  field: FieldPlan,
  data: Uint8Array,
  start: number,
  available: number,
  fields: Record<string, FieldValue>,
  issues: DecodeIssue[],
  options: DecodeOptions,
): FieldValue | undefined {
  let length = available;
  if (field.lengthField) {
    const declared = fields[field.lengthField];
    if (typeof declared === 'number') {
      if (declared < 0 || declared > field.length) {
        flag(
          issues,
          field,
          'AR_DECODE_BAD_LENGTH',
          `declared length ${declared} exceeds the field's ${field.length} bytes`,
        );
      } else if (declared > available) {
        flag(
          issues,
          field,
          'AR_DECODE_BAD_LENGTH',
          `declared length ${declared} points past the end of the entry`,
        );
      } else {
        length = declared;
      }
    }
  }
  let ccsid = field.kind === 'utf16' ? 1200 : options.ccsid;
  if (field.ccsidField) {
    const tagged = fields[field.ccsidField];
    // 0 means "not tagged": the job's CCSID applies.
    if (typeof tagged === 'number' && tagged !== 0) ccsid = tagged;
  }
  if (ccsid === CCSID_HEX) {
    // 65535 marks binary data; IBM i leaves the real CCSID to the reader. Say which we assumed.
    ccsid = options.hexCcsidFallback ?? options.ccsid;
    fields[`${field.key}AssumedCcsid`] = ccsid;
  }
  if (!isSupportedCcsid(ccsid)) {
    flag(issues, field, 'AR_DECODE_BAD_CCSID', `CCSID ${ccsid} is not supported; kept as hex`);
    return toHex(data, start, start + length);
  }
  const utf16 = ccsid === 1200 || ccsid === 13488;
  const end = utf16 ? start + length : trimmedEnd(data, start, start + length);
  return readText(field, data, start, end, ccsid, issues)?.replace(/\u0000+$/, '');
}
