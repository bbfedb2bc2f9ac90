import { isIPv6 } from 'node:net';

/**
 * Character-level helpers shared by the formats. Pure.
 *
 * "Line-breaking or invisible control characters" here are C0 (U+0000–U+001F), DEL, C1
 * (U+0080–U+009F: EBCDIC NL arrives as U+0085 NEL) and U+2028/U+2029. Text formats replace
 * each of them with one space, so no value can end a line, a field or an event, whatever
 * framing or line splitting the receiver uses.
 *
 * The checks are charCode loops, not regular expressions: almost every value is short
 * printable ASCII, and the loop returns the same string without allocating.
 */

/**
 * A table for the fast check of the escaping functions: 1 for each printable US-ASCII character
 * (U+0020–U+007E) that is not in `special`. One load per character instead of a comparison
 * per special character; callers test `c > 0x7e` first.
 */
export function plainAsciiTable(special: string): Uint8Array {
  const table = new Uint8Array(0x7f);
  for (let c = 0x20; c < 0x7f; c++) table[c] = special.includes(String.fromCharCode(c)) ? 0 : 1;
  return table;
}

/** True for the control characters described above. */
export function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Replaces every control character with a space. */
export function plainText(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && (c <= 0x9f || c === 0x2028 || c === 0x2029))) return plainTextSlow(value);
  }
  return value;
}

function plainTextSlow(value: string): string {
  return value.replace(CONTROLS, ' ');
}

/** True when every character is printable US-ASCII (33–126), as syslog header fields require. */
export function isPrintUsAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/** UTF-8 length of one UTF-16 code unit sequence, as Buffer.byteLength counts it (a lone surrogate is 3). */
export function utf8Length(value: string): number {
  let bytes = value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A pair is 2 units and 4 bytes.
        bytes += 2;
        i++;
      } else bytes += 2;
    } else bytes += 2;
  }
  return bytes;
}

/** Whether `value` fits in `maxBytes` of UTF-8; skips counting when even 3 bytes per unit would fit. */
export function fitsBytes(value: string, maxBytes: number): boolean {
  if (value.length * 3 <= maxBytes) return true;
  if (value.length > maxBytes) return false;
  return Buffer.byteLength(value, 'utf8') <= maxBytes;
}

/** At most `maxUnits` UTF-16 units, never splitting a surrogate pair. */
export function cutUnits(value: string, maxUnits: number): string {
  if (value.length <= maxUnits) return value;
  let end = maxUnits;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return value.slice(0, end);
}

/**
 * The longest prefix of `value` whose rendering fits in `maxBytes` of UTF-8, where `render`
 * maps one character (a code point) to its output text. Rendering character by character
 * equals rendering the whole for every escape used here, so a cut never falls inside an
 * escape sequence or a UTF-8 sequence. Returns the rendered prefix.
 */
export function renderPrefix(value: string, maxBytes: number, render: (char: string) => string): string {
  let out = '';
  let bytes = 0;
  for (const char of value) {
    const piece = render(char);
    const size = utf8Length(piece);
    if (bytes + size > maxBytes) break;
    out += piece;
    bytes += size;
  }
  return out;
}

/** Control characters become spaces; everything else stays. The per-character form of plainText. */
export function plainChar(char: string): string {
  return isControl(char.charCodeAt(0)) ? ' ' : char;
}

export type AddressKind = 'ipv4' | 'mapped' | 'ipv6' | 'other';

/** Dotted-quad IPv4, no leading zeros (a charCode loop: this runs for every event with a client). */
export function isIPv4(value: string): boolean {
  let parts = 0;
  let digits = 0;
  let octet = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = i === value.length ? 0x2e : value.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || octet > 255 || ++parts > 4) return false;
      digits = 0;
      octet = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if (digits === 1 && octet === 0) return false;
      octet = octet * 10 + c - 0x30;
      if (++digits > 3) return false;
    } else return false;
  }
  return parts === 4;
}

/**
 * What kind of client address a SIEM address field can take: IPv4, IPv4-mapped IPv6
 * (`::ffff:a.b.c.d`, sent as its IPv4 tail), IPv6 (no zone id), or something else.
 */
export function addressKind(value: string): AddressKind {
  if (isIPv4(value)) return 'ipv4';
  if (!isIPv6(value) || value.includes('%')) return 'other';
  return /^::ffff:/i.test(value) && isIPv4(value.slice(7)) ? 'mapped' : 'ipv6';
}

/** A TCP/UDP port number: an integer 0–65535. */
export function isPort(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 65535;
}

/** Decimal texts of 0–65535, each made on first use (the table itself is 512 KiB of slots). */
const portTexts: (string | undefined)[] = Array.from({ length: 65536 }, () => undefined);

/**
 * `String(port)`, for a TCP/UDP port (an integer 0–65535) from a table: V8 converts a number
 * to text anew whenever its small number cache misses, which the spread of client ports makes
 * the usual case.
 */
export function portText(port: number): string {
  if (!isPort(port)) return String(port);
  let text = portTexts[port];
  if (text === undefined) {
    text = String(port);
    portTexts[port] = text;
  }
  return text;
}
