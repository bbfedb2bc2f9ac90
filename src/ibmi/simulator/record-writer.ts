import { encodeEbcdic } from '../ebcdic/index.js';
import { J5_ENTRY_DATA_OFFSET } from '../journal/entry.js';
import { TYPE5_HEADING, TYPE5_HEADING_LENGTH } from '../journal/heading/type5-layout.js';

/**
 * Writes entry-specific data the way IBM i lays it out: callers give J5 offsets exactly as
 * IBM's tables print them, so each simulated entry type reads like its IBM page.
 * Unwritten bytes stay EBCDIC blanks (X'40'), as in a real outfile record.
 */
export class EntryWriter {
  readonly bytes: Uint8Array;

  constructor(
    /** J5 offset of the last byte (the "record ends at" offset). */
    lastOffset: number,
    private readonly ccsid = 37,
  ) {
    this.bytes = new Uint8Array(lastOffset - J5_ENTRY_DATA_OFFSET + 1).fill(0x40);
  }

  private at(offset: number): number {
    const index = offset - J5_ENTRY_DATA_OFFSET;
    if (index < 0 || index >= this.bytes.length)
      throw new RangeError(`J5 offset ${offset} outside the entry`);
    return index;
  }

  char(offset: number, length: number, text: string): this {
    this.bytes.set(encodeEbcdic(text, this.ccsid, length), this.at(offset));
    return this;
  }

  zoned(offset: number, length: number, value: number): this {
    const digits = String(Math.abs(value)).padStart(length, '0').slice(-length);
    const index = this.at(offset);
    for (let i = 0; i < length; i++) this.bytes[index + i] = 0xf0 | Number(digits[i]);
    if (value < 0) this.bytes[index + length - 1] = 0xd0 | Number(digits[length - 1]);
    return this;
  }

  /** Packed decimal of `length` bytes: 2·length−1 digits and a sign nibble (F positive, D negative). */
  packed(offset: number, length: number, value: number): this {
    const digits = String(Math.abs(value))
      .padStart(length * 2 - 1, '0')
      .slice(-(length * 2 - 1));
    const nibbles = [...digits].map(Number);
    nibbles.push(value < 0 ? 0xd : 0xf);
    const index = this.at(offset);
    for (let i = 0; i < length; i++) this.bytes[index + i] = (nibbles[i * 2]! << 4) | nibbles[i * 2 + 1]!;
    return this;
  }

  /** IBM "Binary(4)": 2 bytes, big-endian. */
  bin2(offset: number, value: number): this {
    const index = this.at(offset);
    this.bytes[index] = (value >> 8) & 0xff;
    this.bytes[index + 1] = value & 0xff;
    return this;
  }

  /** IBM "Binary(5)": 4 bytes, big-endian. */
  bin4(offset: number, value: number): this {
    const index = this.at(offset);
    new DataView(this.bytes.buffer, this.bytes.byteOffset + index, 4).setInt32(0, value);
    return this;
  }

  /** UTF-16BE text (CCSID 1200), e.g. IFS path names; pads with U+0000. */
  utf16(offset: number, length: number, text: string): this {
    const index = this.at(offset);
    this.bytes.fill(0, index, index + length);
    for (let i = 0; i < text.length && i * 2 + 1 < length; i++) {
      const code = text.charCodeAt(i);
      this.bytes[index + i * 2] = code >> 8;
      this.bytes[index + i * 2 + 1] = code & 0xff;
    }
    return this;
  }

  raw(offset: number, data: Uint8Array): this {
    this.bytes.set(data, this.at(offset));
    return this;
  }
}

/** Heading values of one simulated entry (keys of TYPE5_HEADING). */
export type HeadingValues = Partial<Record<(typeof TYPE5_HEADING)[number]['key'], string | number>>;

/** Builds a complete *TYPE5 outfile record: 609-byte heading, then the entry-specific data. */
export function buildType5Record(heading: HeadingValues, entryData: Uint8Array, ccsid = 37): Uint8Array {
  const record = new Uint8Array(TYPE5_HEADING_LENGTH + entryData.length).fill(0x40);
  const values: HeadingValues = { ...heading, entryLength: record.length };
  for (const field of TYPE5_HEADING) {
    const value = values[field.key as keyof HeadingValues];
    if (value === undefined) continue;
    const start = field.offset - 1;
    if (field.kind === 'zoned') {
      const digits = String(value).padStart(field.length, '0');
      for (let i = 0; i < field.length; i++) record[start + i] = 0xf0 | Number(digits[i]);
    } else if (field.kind === 'hex') {
      record.set(Buffer.from(String(value).padStart(field.length * 2, '0'), 'hex'), start);
    } else {
      record.set(encodeEbcdic(String(value), ccsid, field.length), start);
    }
  }
  record.set(entryData, TYPE5_HEADING_LENGTH);
  return record;
}
