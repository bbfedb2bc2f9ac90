import { MIXED_TABLES } from './generated/japanese.js';
import { SBCS_TABLES } from './generated/sbcs.js';
import { type MixedDecodeFn, mixedDecoder, type UnmappedBytes } from './mixed.js';

export type { UnmappedBytes } from './mixed.js';

/** CCSIDs whose character data is UTF-16 big-endian (UCS-2 is its BMP subset). */
const UTF16_CCSIDS = new Set([1200, 13488]);
/** IBM i's "no conversion" tag: the caller must say which CCSID the bytes really are in. */
export const CCSID_HEX = 65535;

export type TextDecoderFn = (bytes: Uint8Array, start: number, end: number) => string;

/** Decoded text, and the bytes that did not map to a character (each shown as U+FFFD). */
export interface CheckedText {
  text: string;
  unmapped: UnmappedBytes[];
}

export type CheckedTextDecoderFn = (bytes: Uint8Array, start: number, end: number) => CheckedText;

const decoders = new Map<number, TextDecoderFn>();
const mixedDecoders = new Map<number, MixedDecodeFn>();
const utf16 = new TextDecoder('utf-16be', { fatal: false });

export function isSupportedCcsid(ccsid: number): boolean {
  return ccsid in SBCS_TABLES || ccsid in MIXED_TABLES || UTF16_CCSIDS.has(ccsid);
}

/**
 * True for the mixed single/double-byte CCSIDs (930, 939, 1399): their text is shifted with
 * SO/SI, so one byte is not one character and `encodeEbcdic` cannot produce them.
 */
export function isMixedCcsid(ccsid: number): boolean {
  return ccsid in MIXED_TABLES;
}

export function supportedCcsids(): number[] {
  return [
    ...Object.keys(SBCS_TABLES).map(Number),
    ...Object.keys(MIXED_TABLES).map(Number),
    ...UTF16_CCSIDS,
  ].sort((a, b) => a - b);
}

function mixed(ccsid: number): MixedDecodeFn | undefined {
  let decode = mixedDecoders.get(ccsid);
  if (decode) return decode;
  const tables = MIXED_TABLES[ccsid];
  if (tables === undefined) return undefined;
  decode = mixedDecoder(tables);
  mixedDecoders.set(ccsid, decode);
  return decode;
}

/**
 * A decoder for one CCSID. Single-byte tables come from glibc iconv (see
 * scripts/gen-ccsid-tables.mjs), mixed Japanese ones too (scripts/gen-dbcs-tables.mjs); both
 * are checked code by code against it in the tests. Bytes that do not map become U+FFFD; use
 * `checkedTextDecoder` to learn which. Returns undefined for CCSIDs we cannot decode, so
 * callers can flag the field.
 */
export function textDecoder(ccsid: number): TextDecoderFn | undefined {
  const cached = decoders.get(ccsid);
  if (cached) return cached;
  if (UTF16_CCSIDS.has(ccsid)) {
    return (bytes, start, end) => utf16.decode(bytes.subarray(start, end - ((end - start) & 1)));
  }
  const decodeMixed = mixed(ccsid);
  const table = SBCS_TABLES[ccsid];
  let decode: TextDecoderFn;
  if (decodeMixed) {
    decode = (bytes, start, end) => decodeMixed(bytes, start, end);
  } else if (table !== undefined) {
    decode = sbcsDecoder(table);
  } else {
    return undefined;
  }
  decoders.set(ccsid, decode);
  return decode;
}

/**
 * A single-byte table's decoder. Journal fields are mostly short names (a profile, an object,
 * a library): up to 10 bytes become one string in one call, where adding a character at a
 * time makes a new string per character; longer text is joined from 10-character pieces.
 * `short` takes 1 to 10 bytes.
 */
function sbcsDecoder(table: string): TextDecoderFn {
  const u = Uint16Array.from(table, (c) => c.charCodeAt(0));
  const char = String.fromCharCode;
  function short(b: Uint8Array, s: number, n: number): string {
    switch (n) {
      case 1:
        return table[b[s]!]!;
      case 2:
        return char(u[b[s]!]!, u[b[s + 1]!]!);
      case 3:
        return char(u[b[s]!]!, u[b[s + 1]!]!, u[b[s + 2]!]!);
      case 4:
        return char(u[b[s]!]!, u[b[s + 1]!]!, u[b[s + 2]!]!, u[b[s + 3]!]!);
      case 5:
        return char(u[b[s]!]!, u[b[s + 1]!]!, u[b[s + 2]!]!, u[b[s + 3]!]!, u[b[s + 4]!]!);
      case 6:
        return char(u[b[s]!]!, u[b[s + 1]!]!, u[b[s + 2]!]!, u[b[s + 3]!]!, u[b[s + 4]!]!, u[b[s + 5]!]!);
      case 7:
        return char(
          u[b[s]!]!,
          u[b[s + 1]!]!,
          u[b[s + 2]!]!,
          u[b[s + 3]!]!,
          u[b[s + 4]!]!,
          u[b[s + 5]!]!,
          u[b[s + 6]!]!,
        );
      case 8:
        return char(
          u[b[s]!]!,
          u[b[s + 1]!]!,
          u[b[s + 2]!]!,
          u[b[s + 3]!]!,
          u[b[s + 4]!]!,
          u[b[s + 5]!]!,
          u[b[s + 6]!]!,
          u[b[s + 7]!]!,
        );
      case 9:
        return char(
          u[b[s]!]!,
          u[b[s + 1]!]!,
          u[b[s + 2]!]!,
          u[b[s + 3]!]!,
          u[b[s + 4]!]!,
          u[b[s + 5]!]!,
          u[b[s + 6]!]!,
          u[b[s + 7]!]!,
          u[b[s + 8]!]!,
        );
      default:
        return char(
          u[b[s]!]!,
          u[b[s + 1]!]!,
          u[b[s + 2]!]!,
          u[b[s + 3]!]!,
          u[b[s + 4]!]!,
          u[b[s + 5]!]!,
          u[b[s + 6]!]!,
          u[b[s + 7]!]!,
          u[b[s + 8]!]!,
          u[b[s + 9]!]!,
        );
    }
  }
  return (bytes, start, end) => {
    if (end - start <= 10) return end > start ? short(bytes, start, end - start) : '';
    let text = '';
    for (let i = start; i < end; i += 10) text += short(bytes, i, Math.min(10, end - i));
    return text;
  };
}

/**
 * Like `textDecoder`, but also reports the bytes that did not map, so the decode stage can
 * flag AR_DECODE_UNMAPPED: invalid or half double-byte codes in mixed CCSIDs, unpaired
 * surrogates and an odd trailing byte in UTF-16. Single-byte tables map all 256 bytes (the
 * generator refuses tables that do not), so they never report any.
 */
export function checkedTextDecoder(ccsid: number): CheckedTextDecoderFn | undefined {
  if (UTF16_CCSIDS.has(ccsid)) return checkedUtf16;
  const decodeMixed = mixed(ccsid);
  if (decodeMixed) {
    return (bytes, start, end) => {
      const unmapped: UnmappedBytes[] = [];
      return { text: decodeMixed(bytes, start, end, unmapped), unmapped };
    };
  }
  const decode = textDecoder(ccsid);
  if (!decode) return undefined;
  return (bytes, start, end) => ({ text: decode(bytes, start, end), unmapped: [] });
}

function checkedUtf16(bytes: Uint8Array, start: number, end: number): CheckedText {
  const unmapped: UnmappedBytes[] = [];
  const even = end - ((end - start) & 1);
  for (let i = start; i < even; i += 2) {
    const unit = (bytes[i]! << 8) | bytes[i + 1]!;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = i + 3 < even ? (bytes[i + 2]! << 8) | bytes[i + 3]! : 0;
      if (next >= 0xdc00 && next <= 0xdfff) i += 2;
      else unmapped.push({ offset: i, length: 2 });
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      unmapped.push({ offset: i, length: 2 });
    }
  }
  let text = utf16.decode(bytes.subarray(start, even));
  if (even < end) {
    unmapped.push({ offset: even, length: 1 });
    text += '\ufffd';
  }
  return { text, unmapped };
}

/** The outcome of decoding character data under the CCSID it is tagged with. */
export interface TaggedText extends CheckedText {
  /** The CCSID the bytes were decoded with. */
  ccsid: number;
  /**
   * True when the data was tagged 65535 ("binary, no conversion") and was decoded with the
   * configured CCSID instead, an assumption the event should state.
   */
  assumedFromHexTag: boolean;
}

/**
 * Decodes character data tagged with `taggedCcsid`. Data tagged 65535 is decoded with
 * `configuredCcsid` (the agent's setting for the system) and says so. Undefined when the CCSID
 * that applies has no decoder: the caller flags AR_DECODE_BAD_CCSID and keeps the hex.
 */
export function decodeTaggedText(
  bytes: Uint8Array,
  start: number,
  end: number,
  taggedCcsid: number,
  configuredCcsid: number,
): TaggedText | undefined {
  const assumedFromHexTag = taggedCcsid === CCSID_HEX;
  const ccsid = assumedFromHexTag ? configuredCcsid : taggedCcsid;
  const decode = checkedTextDecoder(ccsid);
  if (!decode) return undefined;
  return { ...decode(bytes, start, end), ccsid, assumedFromHexTag };
}

/** End index of a fixed-length EBCDIC field without its trailing blanks (X'40') and nulls. */
export function trimmedEnd(bytes: Uint8Array, start: number, end: number): number {
  let e = end;
  while (e > start && (bytes[e - 1] === 0x40 || bytes[e - 1] === 0x00)) e--;
  return e;
}

const encoders = new Map<number, Map<string, number>>();

/**
 * Encodes text to a single-byte EBCDIC CCSID, padded with blanks to `length` bytes.
 * Characters the CCSID lacks become the EBCDIC substitute character X'3F'.
 * Used by the simulator and tests, never on the agent's hot path.
 */
export function encodeEbcdic(text: string, ccsid: number, length?: number): Uint8Array {
  const table = SBCS_TABLES[ccsid];
  if (table === undefined) throw new RangeError(`CCSID ${ccsid} has no single-byte table`);
  let reverse = encoders.get(ccsid);
  if (!reverse) {
    reverse = new Map();
    for (let b = 255; b >= 0; b--) reverse.set(table[b]!, b);
    encoders.set(ccsid, reverse);
  }
  const size = length ?? text.length;
  const out = new Uint8Array(size).fill(0x40);
  for (let i = 0; i < Math.min(size, text.length); i++) out[i] = reverse.get(text[i]!) ?? 0x3f;
  return out;
}
