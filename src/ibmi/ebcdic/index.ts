import { SBCS_TABLES } from './generated/sbcs.js';

/** CCSIDs whose character data is UTF-16 big-endian (UCS-2 is its BMP subset). */
const UTF16_CCSIDS = new Set([1200, 13488]);
/** IBM i's "no conversion" tag: the caller must say which CCSID the bytes really are in. */
export const CCSID_HEX = 65535;

export type TextDecoderFn = (bytes: Uint8Array, start: number, end: number) => string;

const sbcsDecoders = new Map<number, TextDecoderFn>();
const utf16 = new TextDecoder('utf-16be', { fatal: false });

export function isSupportedCcsid(ccsid: number): boolean {
  return ccsid in SBCS_TABLES || UTF16_CCSIDS.has(ccsid);
}

export function supportedCcsids(): number[] {
  return [...Object.keys(SBCS_TABLES).map(Number), ...UTF16_CCSIDS].sort((a, b) => a - b);
}

/**
 * A decoder for one CCSID. Single-byte tables come from glibc iconv (see
 * scripts/gen-ccsid-tables.mjs) and are checked byte by byte against it in the tests.
 * Returns undefined for CCSIDs we cannot decode, so callers can flag the field.
 */
export function textDecoder(ccsid: number): TextDecoderFn | undefined {
  const cached = sbcsDecoders.get(ccsid);
  if (cached) return cached;
  if (UTF16_CCSIDS.has(ccsid)) {
    return (bytes, start, end) => utf16.decode(bytes.subarray(start, end - ((end - start) & 1)));
  }
  const table = SBCS_TABLES[ccsid];
  if (table === undefined) return undefined;
  const decode: TextDecoderFn = (bytes, start, end) => {
    let text = '';
    for (let i = start; i < end; i++) text += table[bytes[i]!];
    return text;
  };
  sbcsDecoders.set(ccsid, decode);
  return decode;
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
