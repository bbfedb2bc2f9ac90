import { AuditRelayError } from '../core/errors.js';
import type { SecurityEvent, Severity } from '../core/event.js';
import { eventClassId } from './cef.js';
import { endpointsOf, type Meaning, meaningOf, roleUser, userKeys } from './semantics.js';
import { leefSeverity } from './severity.js';
import { addressKind, isControl } from './text.js';
import { fitParts, type Part, type Payload, valuePart } from './truncate.js';

/**
 * IBM QRadar LEEF payloads. Pure; compiled once per sink.
 *   LEEF:1.0|Vendor|Product|Version|EventID|key=value<TAB>key=value…
 *   LEEF:2.0|Vendor|Product|Version|EventID|^|key=value^key=value…
 *
 * LEEF defines no escaping, so values are sanitized: the attribute delimiter and every control
 * character (CR, LF, tab, NUL, C1…) become a space (an underscore when the delimiter is the
 * space). `=` and `|` stay: a value runs to the next delimiter. Each key appears once.
 * `devTime` is epoch milliseconds, so no devTimeFormat is needed. `cat` (with the event id the QID
 * map key), `usrName` and the addresses follow the event's family (semantics.ts); docs/fields.md
 * lists the keys.
 */
export interface LeefOptions {
  version: '1.0' | '2.0';
  /** LEEF 2.0 attribute delimiter: one character, or its code as `xHH`/`0xHH`. LEEF 1.0 always uses tab. */
  delimiter: string;
  vendor: string;
  product: string;
  productVersion: string;
}

/** Prefix of the keys that carry entry-specific fields: `userName` → `ibmiUserName`. */
export const LEEF_FIELD_PREFIX = 'ibmi';
/** Key set on messages cut to the maximum size. */
export const LEEF_TRUNCATED = 'truncated';

/** The keys after devTime and sev, apart from the addresses and the entry fields. */
const FIXED_KEYS = [
  'cat',
  'usrName',
  'srcName',
  'dstName',
  'direction',
  'id',
  'system',
  'entryTypeName',
  'subtype',
  'subtypeName',
  'action',
  'outcome',
  'user',
  'targetUser',
  'job',
  'program',
  'programLibrary',
  'object',
  'objectLibrary',
  'objectType',
  'path',
  'receiverLibrary',
  'receiver',
  'sequence',
  'message',
  'decodeError',
  'entryHex',
] as const;
type FixedKey = (typeof FIXED_KEYS)[number];

/** The delimiter character for a LEEF 2.0 option value (`^`, `x5E`, `0x09`…). */
export function leefDelimiterChar(option: string): string {
  const hex = /^(?:0x|x)([0-9A-Fa-f]{1,4})$/.exec(option);
  const char = hex ? String.fromCharCode(Number.parseInt(hex[1]!, 16)) : option;
  if (char.length !== 1 || /[A-Za-z0-9=|\\\r\n\0]/.test(char) || char.charCodeAt(0) > 0x7e) {
    throw new AuditRelayError(
      'AR_FORMAT_OPTION',
      `leefDelimiter must be one ASCII character other than a letter, digit, =, |, \\, CR, LF or NUL (or xHH), got ${JSON.stringify(option)}`,
    );
  }
  return char;
}

/** How the delimiter is declared in the LEEF 2.0 header: the character itself when printable, else `xHH`. */
function declaredDelimiter(char: string): string {
  const code = char.charCodeAt(0);
  return code > 0x20 && code < 0x7f ? char : `x${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** A LEEF header field: no `|` (the header separator) and no control characters. */
function headerText(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x7c)
      return value.replace(/[|\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '_');
  }
  return value;
}

export function compileLeefPayload(options: LeefOptions): Payload {
  const delimiter = options.version === '1.0' ? '\t' : leefDelimiterChar(options.delimiter);
  const replacement = delimiter === ' ' ? '_' : ' ';
  const prefix = `LEEF:${options.version}|${headerText(options.vendor)}|${headerText(options.product)}|${headerText(options.productVersion)}|`;
  const afterId = options.version === '1.0' ? '|' : `|${declaredDelimiter(delimiter)}|`;
  const delimiterCode = delimiter.charCodeAt(0);

  const valueChar = (char: string): string =>
    char === delimiter || isControl(char.charCodeAt(0)) ? replacement : char;
  const sanitize = (value: string): string => {
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === delimiterCode) {
        let out = '';
        for (const char of value) out += valueChar(char);
        return out;
      }
    }
    return value;
  };
  /** `<delimiter>key=value`, or nothing for an absent or empty value. */
  const attr = (start: string, value: string | undefined): string =>
    value === undefined || value === '' ? '' : start + sanitize(value);

  const customKeys: Record<string, string | null> = Object.create(null);
  /** The start of an entry field's pair for lowerCamelCase alphanumeric keys (every catalog key), null for others. */
  const customStart = (key: string): string | null => {
    let start = customKeys[key];
    if (start === undefined) {
      start = /^[a-z][A-Za-z0-9]*$/.test(key)
        ? `${delimiter}${LEEF_FIELD_PREFIX}${key[0]!.toUpperCase()}${key.slice(1)}=`
        : null;
      customKeys[key] = start;
    }
    return start;
  };
  const d = delimiter;
  /** `<delimiter>key=` for every fixed key, built once. */
  const at = Object.fromEntries(FIXED_KEYS.map((key) => [key, `${delimiter}${key}=`])) as Record<
    FixedKey,
    string
  >;

  const header = (event: SecurityEvent) => prefix + headerText(eventClassId(event)) + afterId;

  /** `src`/`dst` for an IP address (IPv4-mapped IPv6 as IPv4), `srcName`/`dstName` for anything else. */
  const side = (key: 'src' | 'dst', address: string | undefined): string => {
    if (address === undefined || address === '') return '';
    const kind = addressKind(address);
    if (kind === 'other') return attr(key === 'src' ? at.srcName : at.dstName, address);
    return `${d}${key}=${sanitize(kind === 'mapped' ? address.slice(7) : address)}`;
  };
  const port = (key: 'srcPort' | 'dstPort', value: number | undefined): string =>
    value !== undefined && Number.isInteger(value) && value >= 0 && value <= 65535
      ? `${d}${key}=${value}`
      : '';
  /** The addresses, and for authentication the client as identSrc (QRadar's identity source). */
  const exchange = (event: SecurityEvent, meaning: Meaning): string => {
    const ends = endpointsOf(event);
    const src = side('src', ends.sourceAddress);
    const identity =
      meaning.family === 'authentication' && src.startsWith(`${d}src=`) ? `${d}identSrc=${src.slice(5)}` : '';
    return (
      src +
      port('srcPort', ends.sourcePort) +
      side('dst', ends.destinationAddress) +
      port('dstPort', ends.destinationPort) +
      identity
    );
  };
  /** QRadar's one normalized user (usrName): the role the event's family gives that key (semantics.ts). */
  const userName = (event: SecurityEvent, meaning: Meaning): string | undefined => {
    for (const [role, key] of userKeys(meaning, 'leef')) {
      if (key === 'usrName') return roleUser(role, event, meaning);
    }
    return undefined;
  };

  return {
    render(event, severity) {
      const meaning = meaningOf(event);
      let out =
        header(event) +
        'devTime=' +
        event.timeMs +
        d +
        'sev=' +
        leefSeverity(severity) +
        attr(at.cat, meaning.category) +
        attr(at.usrName, userName(event, meaning)) +
        exchange(event, meaning) +
        attr(at.direction, event.direction) +
        attr(at.id, event.id) +
        attr(at.system, event.system) +
        attr(at.entryTypeName, event.entryTypeName) +
        attr(at.subtype, event.subtype) +
        attr(at.subtypeName, event.subtypeName) +
        attr(at.action, event.action) +
        attr(at.outcome, event.outcome) +
        attr(at.user, event.user) +
        attr(at.targetUser, event.targetUser) +
        attr(at.job, event.job) +
        attr(at.program, event.program) +
        attr(at.programLibrary, event.programLibrary) +
        attr(at.object, event.object) +
        attr(at.objectLibrary, event.objectLibrary) +
        attr(at.objectType, event.objectType) +
        attr(at.path, event.path) +
        attr(at.receiverLibrary, event.receiverLibrary) +
        attr(at.receiver, event.receiver) +
        attr(at.sequence, event.sequence) +
        attr(at.message, event.message);
      const error = event.decodeError;
      if (error) out += attr(at.decodeError, error.code) + attr(at.entryHex, error.hex);
      const fields = event.fields;
      for (const key in fields) {
        const value = fields[key]!;
        if (value === '') continue;
        const start = customStart(key);
        if (start === null) continue;
        out += start + (typeof value === 'string' ? sanitize(value) : value);
      }
      return out;
    },

    fit(event, severity: Severity, maxBytes) {
      const head = header(event);
      const meaning = meaningOf(event);
      const parts: Part[] = [{ text: `devTime=${event.timeMs}${d}sev=${leefSeverity(severity)}`, rank: -1 }];
      let rank = 0;
      const add = (key: string, raw: string | undefined, free: boolean) => {
        if (raw === undefined || raw === '') return;
        const start = `${d}${key}=`;
        const whole = start + sanitize(raw);
        parts.push(
          free ? valuePart(start, raw, '', rank++, valueChar, whole) : { text: whole, rank: rank++ },
        );
      };
      add('cat', meaning.category, false);
      add('usrName', userName(event, meaning), false);
      const addresses = exchange(event, meaning);
      if (addresses !== '') parts.push({ text: addresses, rank: rank++ });
      add('direction', event.direction, false);
      add('id', event.id, false);
      add('system', event.system, false);
      add('entryTypeName', event.entryTypeName, true);
      add('subtype', event.subtype, false);
      add('subtypeName', event.subtypeName, true);
      add('action', event.action, false);
      add('outcome', event.outcome, false);
      add('user', event.user, false);
      add('targetUser', event.targetUser, false);
      add('job', event.job, false);
      add('program', event.program, false);
      add('programLibrary', event.programLibrary, false);
      add('object', event.object, true);
      add('objectLibrary', event.objectLibrary, false);
      add('objectType', event.objectType, false);
      add('path', event.path, true);
      add('receiverLibrary', event.receiverLibrary, false);
      add('receiver', event.receiver, false);
      add('sequence', event.sequence, false);
      rank = 100;
      add('message', event.message, true);
      if (event.decodeError) {
        rank = 50;
        add('decodeError', event.decodeError.code, false);
        rank = 400;
        add('entryHex', event.decodeError.hex, true);
      }
      rank = 200;
      for (const key in event.fields) {
        const value = event.fields[key]!;
        const start = customStart(key);
        if (value !== '' && start !== null) add(start.slice(1, -1), String(value), true);
      }
      parts.push({ text: `${d}${LEEF_TRUNCATED}=true`, rank: -1 });
      return head + fitParts(parts, maxBytes - Buffer.byteLength(head, 'utf8')).join('');
    },
  };
}
