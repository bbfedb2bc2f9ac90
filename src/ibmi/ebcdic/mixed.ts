/**
 * Mixed EBCDIC (encoding scheme 1301): single-byte characters, and double-byte characters
 * between shift-out X'0E' and shift-in X'0F'. Tables come from glibc iconv
 * (scripts/gen-dbcs-tables.mjs) and are compared with it code by code in the tests.
 *
 * Where the bytes are malformed we differ from glibc on purpose, because a journal field must
 * decode to something and the next field must not inherit the damage:
 * - every call starts in single-byte mode (each fixed-length field is shifted on its own);
 * - a field may end in double-byte mode without a shift-in: decoded without complaint;
 * - a lone byte where a double-byte character should be (field ends after one byte, or the
 *   next byte is SO/SI) is U+FFFD and reported; glibc would swallow the following SI as the
 *   second byte and stay in double-byte mode;
 * - redundant SO in double-byte mode, or SI in single-byte mode, is ignored (glibc's IBM930
 *   and IBM939 do the same; its IBM1399 rejects them).
 */

export const SHIFT_OUT = 0x0e;
export const SHIFT_IN = 0x0f;

/** Sentinels in the generated code-unit arrays (no table maps to these noncharacters). */
const UNMAPPED = 0xffff;
const SPECIAL = 0xfffe;
const REPLACEMENT = '\ufffd';

/**
 * One part of a double-byte table as the generator writes it, all base64 of little-endian
 * Uint16 values (read byte by byte so big-endian hosts such as IBM i PASE decode them too):
 * `ranges` holds first,last pairs of the valid codes, `units` one code unit per valid code in
 * code order, SPECIAL where the text is listed in `specials` (non-BMP or two code points).
 */
export interface DbcsTablePart {
  ranges: string;
  units: string;
  specials: ReadonlyArray<readonly [code: number, text: string]>;
}

export interface MixedCcsidTables {
  /** UTF-16 code unit of each byte in single-byte mode; U+FFFF where nothing maps. */
  sbcs: string;
  dbcs: readonly DbcsTablePart[];
}

/** A run of bytes that did not decode, by absolute index into the decoded array. */
export interface UnmappedBytes {
  offset: number;
  length: number;
}

interface Lookup {
  sbcs: Uint16Array;
  dbcs: Uint16Array;
  specials: Map<number, string>;
}

function readUint16LE(base64: string): Uint16Array {
  const bytes = Buffer.from(base64, 'base64');
  const out = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
  return out;
}

function buildLookup(tables: MixedCcsidTables): Lookup {
  const sbcs = new Uint16Array(256);
  for (let b = 0; b < 256; b++) sbcs[b] = tables.sbcs.charCodeAt(b);
  const dbcs = new Uint16Array(0x10000).fill(UNMAPPED);
  const specials = new Map<number, string>();
  for (const part of tables.dbcs) {
    const ranges = readUint16LE(part.ranges);
    const units = readUint16LE(part.units);
    let next = 0;
    for (let r = 0; r < ranges.length; r += 2) {
      for (let code = ranges[r]!; code <= ranges[r + 1]!; code++) dbcs[code] = units[next++]!;
    }
    for (const [code, text] of part.specials) specials.set(code, text);
  }
  return { sbcs, dbcs, specials };
}

export type MixedDecodeFn = (
  bytes: Uint8Array,
  start: number,
  end: number,
  unmapped?: UnmappedBytes[],
) => string;

/**
 * A decoder for one mixed CCSID. The tables are expanded (128 KiB) on the first call, not
 * before: most agents never meet a mixed CCSID. Bytes that do not decode become U+FFFD and,
 * when `unmapped` is given, are appended to it (adjacent runs merged).
 */
export function mixedDecoder(tables: MixedCcsidTables): MixedDecodeFn {
  let lookup: Lookup | undefined;
  return (bytes, start, end, unmapped) => {
    lookup ??= buildLookup(tables);
    const { sbcs, dbcs, specials } = lookup;
    const flag = (offset: number, length: number) => {
      if (!unmapped) return;
      const last = unmapped[unmapped.length - 1];
      if (last && last.offset + last.length === offset) last.length += length;
      else unmapped.push({ offset, length });
    };
    let text = '';
    let doubleByte = false;
    let i = start;
    while (i < end) {
      const b = bytes[i]!;
      if (b === SHIFT_OUT || b === SHIFT_IN) {
        doubleByte = b === SHIFT_OUT;
        i++;
        continue;
      }
      if (!doubleByte) {
        const unit = sbcs[b]!;
        if (unit === UNMAPPED) {
          text += REPLACEMENT;
          flag(i, 1);
        } else {
          text += String.fromCharCode(unit);
        }
        i++;
        continue;
      }
      const second = i + 1 < end ? bytes[i + 1]! : SHIFT_IN;
      if (second === SHIFT_OUT || second === SHIFT_IN) {
        // Half a double-byte character: the field ends here or a shift follows.
        text += REPLACEMENT;
        flag(i, 1);
        i++;
        continue;
      }
      const code = (b << 8) | second;
      const unit = dbcs[code]!;
      if (unit === UNMAPPED) {
        text += REPLACEMENT;
        flag(i, 2);
      } else {
        text += unit === SPECIAL ? specials.get(code)! : String.fromCharCode(unit);
      }
      i += 2;
    }
    return text;
  };
}
