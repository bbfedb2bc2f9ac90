/**
 * Readers for IBM's field formats. Pure functions over a byte array; each returns undefined
 * when the bytes are not a valid value of that format, so the caller can flag the field.
 */

/** Zoned decimal: digits X'F0'–X'F9'; the last byte's zone nibble carries the sign (D = negative). */
export function readZoned(bytes: Uint8Array, start: number, length: number, scale = 0): string | undefined {
  let digits = '';
  let negative = false;
  for (let i = 0; i < length; i++) {
    const b = bytes[start + i]!;
    const zone = b >> 4;
    const digit = b & 0x0f;
    if (digit > 9) return undefined;
    const last = i === length - 1;
    if (!last && zone !== 0xf) {
      // Blanks (X'40') are what IBM writes into unused numeric fields.
      if (b === 0x40) return blanksOnly(bytes, start, length) ? '' : undefined;
      return undefined;
    }
    if (last) {
      if (zone === 0xd || zone === 0xb) negative = true;
      else if (zone < 0xa) return b === 0x40 && blanksOnly(bytes, start, length) ? '' : undefined;
    }
    digits += digit;
  }
  return formatDecimal(digits, scale, negative);
}

/** Packed decimal: two digits per byte, last nibble is the sign (B or D = negative). */
export function readPacked(bytes: Uint8Array, start: number, length: number, scale = 0): string | undefined {
  let digits = '';
  for (let i = 0; i < length; i++) {
    const b = bytes[start + i]!;
    const high = b >> 4;
    const low = b & 0x0f;
    if (high > 9) return undefined;
    digits += high;
    if (i < length - 1) {
      if (low > 9) return undefined;
      digits += low;
    } else if (low < 0xa) {
      return undefined;
    } else {
      return formatDecimal(digits, scale, low === 0xb || low === 0xd);
    }
  }
  return undefined;
}

function blanksOnly(bytes: Uint8Array, start: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[start + i] !== 0x40) return false;
  return true;
}

function formatDecimal(digits: string, scale: number, negative: boolean): string {
  let whole = digits.slice(0, digits.length - scale).replace(/^0+(?=\d)/, '');
  if (whole === '') whole = '0';
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  const text = whole + fraction;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

export function readBin2(bytes: Uint8Array, start: number): number {
  const v = (bytes[start]! << 8) | bytes[start + 1]!;
  return v & 0x8000 ? v - 0x10000 : v;
}

export function readBin4(bytes: Uint8Array, start: number): number {
  return (bytes[start]! << 24) | (bytes[start + 1]! << 16) | (bytes[start + 2]! << 8) | bytes[start + 3]! | 0;
}

export function readBin8(bytes: Uint8Array, start: number): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, 8);
  return view.getBigInt64(0).toString();
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i < end; i++) out += HEX[bytes[i]!];
  return out;
}

export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(hex)) return undefined;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
