import type { SecurityEvent, Severity } from '../core/event.js';
import { CEF_HOST, CEF_IPV6, endpointsOf, meaningOf, roleUser, userKeys } from './semantics.js';
import { cefSeverity } from './severity.js';
import { addressKind, cutUnits, isControl, isPort, plainAsciiTable, portText } from './text.js';
import { fitParts, type Part, type Payload, valuePart } from './truncate.js';

/**
 * ArcSight CEF:0 payloads. Pure; compiled once per sink.
 *   CEF:0|Vendor|Product|Version|DeviceEventClassId|Name|Severity|Extension
 *
 * Header fields escape `\` and `|` and turn control characters into spaces. Extension values
 * escape `\`, `=`, LF (`\n`) and CR (`\r`), never `|`; other control characters become
 * spaces. Values are cut to their dictionary length before escaping, empty values are left
 * out, and every csN comes with its csNLabel. Which key carries which user and which side of an
 * exchange follows the event's family (semantics.ts); docs/fields.md lists the mapping.
 *
 * `rt` is always the first key: liblognorm 2.0.6 drops the first character of the first key,
 * and a fixed first key keeps that harmless and testable.
 */
export interface CefOptions {
  vendor: string;
  product: string;
  version: string;
  /** Where the qualified job name goes: `deviceProcessName` (default) or `sproc` (as IBM's own Db2 syslog service writes it). */
  jobKey: CefJobKey;
}

export type CefJobKey = 'deviceProcessName' | 'sproc';

/** Prefix of the custom keys that carry entry-specific fields: `userName` → `ibmiUserName`. */
export const CEF_FIELD_PREFIX = 'ibmi';
/** Custom key set on messages cut to the maximum size. */
export const CEF_TRUNCATED = 'auditrelayTruncated';

/** Dictionary lengths (OpenText CEF standard, extension dictionary) of the keys used here. */
export const CEF_LENGTHS = {
  act: 63,
  cat: 1023,
  cs: 4000,
  deviceProcessName: 1023,
  dvchost: 100,
  externalId: 40,
  filePath: 1023,
  fileType: 1023,
  fname: 1023,
  msg: 1023,
  name: 512,
  outcome: 63,
  reason: 1023,
  shost: 1023,
  sproc: 1023,
  suser: 1023,
  duser: 1023,
} as const;

/** Custom keys have no dictionary length; they get the csN length. */
const CUSTOM_LENGTH = 4000;

function headerChar(char: string): string {
  if (char === '\\' || char === '|') return `\\${char}`;
  return isControl(char.charCodeAt(0)) ? ' ' : char;
}

const HEADER_SPECIALS = /[\\|\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A CEF header field: `\` and `|` escaped, control characters (CR and LF too) as spaces. */
export function escapeCefHeader(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x5c || c === 0x7c) return escapeCefHeaderSlow(value);
  }
  return value;
}

function escapeCefHeaderSlow(value: string): string {
  return value.replace(HEADER_SPECIALS, headerChar);
}

/** One character of an extension value. */
export function cefValueChar(char: string): string {
  switch (char) {
    case '\\':
      return '\\\\';
    case '=':
      return '\\=';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    default:
      return isControl(char.charCodeAt(0)) ? ' ' : char;
  }
}

const VALUE_SPECIALS = /[\\=\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const VALUE_PLAIN = plainAsciiTable('\\=');

/** An extension value: cut to `max` UTF-16 units (dictionary lengths), then escaped. */
export function escapeCefValue(value: string, max: number): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7e || VALUE_PLAIN[c] === 0) return escapeCefSlow(value, max);
  }
  return value.length > max ? value.slice(0, max) : value;
}

function escapeCefSlow(value: string, max: number): string {
  return cutUnits(value, max).replace(VALUE_SPECIALS, cefValueChar);
}

/** ` key=value`, or nothing for an absent or empty value. */
function pair(start: string, value: string | undefined, max: number): string {
  return value === undefined || value === '' ? '' : start + escapeCefValue(value, max);
}

/** `LIB/NAME`, or the name alone. */
export function qualified(library: string | undefined, name: string | undefined): string | undefined {
  if (name === undefined || name === '') return undefined;
  return library ? `${library}/${name}` : name;
}

/** `PW`, or `PW-P` for an entry with a sub-type. */
export function eventClassId(event: SecurityEvent): string {
  return event.subtype === undefined || event.subtype === ''
    ? event.entryType
    : `${event.entryType}-${event.subtype}`;
}

/** Sentinel's CommonSecurityLog.ExternalID is an int: larger sequence numbers are left out (the id is in cs6). */
const EXTERNAL_ID_MAX = 2_147_483_647;

/** `externalId`: the journal sequence number while it fits Sentinel's int column. */
export function externalId(event: SecurityEvent): string | undefined {
  const sequence = event.sequence;
  if (sequence === undefined || sequence === '') return undefined;
  // Leading zeros dropped (one kept for zero itself); digits only, at most 10 of them.
  let first = 0;
  while (first < sequence.length - 1 && sequence.charCodeAt(first) === 0x30) first++;
  if (sequence.length - first > 10) return undefined;
  for (let i = first; i < sequence.length; i++) {
    const c = sequence.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  const digits = first === 0 ? sequence : sequence.slice(first);
  return Number(digits) <= EXTERNAL_ID_MAX ? digits : undefined;
}

/** The last part of an IFS path (CEF `fname` is the name alone, `filePath` the whole path). */
export function baseName(path: string | undefined): string | undefined {
  if (path === undefined || path === '') return undefined;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === '' ? undefined : name;
}

/** ` src=…`, ` c6a2=… c6a2Label=…` or ` shost=…` for one side of an exchange. */
function endpoint(side: 'src' | 'dst', address: string | undefined): string {
  if (address === undefined || address === '') return '';
  switch (addressKind(address)) {
    case 'ipv4':
      return ` ${side}=${address}`;
    case 'mapped':
      return ` ${side}=${address.slice(7)}`;
    case 'ipv6':
      return ` ${CEF_IPV6[side].key}=${address} ${CEF_IPV6[side].key}Label=${CEF_IPV6[side].label}`;
    default:
      return pair(` ${CEF_HOST[side]}=`, address, CEF_LENGTHS.shost);
  }
}

const portOf = (start: ' spt=' | ' dpt=', value: number | undefined): string =>
  value !== undefined && isPort(value) ? start + portText(value) : '';

/** CEF deviceDirection: 0 inbound, 1 outbound (Sentinel's CommunicationDirection). */
const directionOf = (event: SecurityEvent): string =>
  event.direction === undefined ? '' : ` deviceDirection=${event.direction === 'outbound' ? 1 : 0}`;

export function compileCefPayload(options: CefOptions): Payload {
  const prefix = `CEF:0|${escapeCefHeader(options.vendor)}|${escapeCefHeader(options.product)}|${escapeCefHeader(options.version)}|`;
  const jobStart = ` ${options.jobKey}=`;
  const customKeys: Record<string, string | null> = Object.create(null);
  /** The start of an entry field's pair for lowerCamelCase alphanumeric keys (every catalog key), null for others. */
  const customStart = (key: string): string | null => {
    let start = customKeys[key];
    if (start === undefined) {
      start = /^[a-z][A-Za-z0-9]*$/.test(key)
        ? ` ${CEF_FIELD_PREFIX}${key[0]!.toUpperCase()}${key.slice(1)}=`
        : null;
      customKeys[key] = start;
    }
    return start;
  };

  /** The header per class id, name and severity: a handful of distinct ones per entry type. */
  const headers = new Map<string, { name: string; severity: Severity; header: string }>();
  const header = (event: SecurityEvent, severity: Severity): string => {
    const classId = eventClassId(event);
    const name = event.subtypeName || event.entryTypeName;
    const cached = headers.get(classId);
    if (cached !== undefined && cached.name === name && cached.severity === severity) return cached.header;
    const built = `${prefix}${escapeCefHeader(classId)}|${escapeCefHeader(cutUnits(name, CEF_LENGTHS.name))}|${cefSeverity(severity)}|`;
    if (headers.size < 4096) headers.set(classId, { name, severity, header: built });
    return built;
  };

  return {
    render(event, severity) {
      const meaning = meaningOf(event);
      const ends = endpointsOf(event);
      let ext =
        'rt=' +
        event.timeMs +
        pair(' externalId=', externalId(event), CEF_LENGTHS.externalId) +
        (event.id === '' ? '' : ` cs6=${escapeCefValue(event.id, CEF_LENGTHS.cs)} cs6Label=eventId`) +
        pair(' dvchost=', event.system, CEF_LENGTHS.dvchost) +
        pair(' act=', event.action, CEF_LENGTHS.act) +
        pair(' outcome=', event.outcome, CEF_LENGTHS.outcome) +
        ' cat=' +
        meaning.category;
      for (const [role, key] of userKeys(meaning, 'cef')) {
        const value = roleUser(role, event, meaning);
        if (value !== undefined) ext += ` ${key}=${escapeCefValue(value, CEF_LENGTHS.suser)}`;
      }
      ext +=
        endpoint('src', ends.sourceAddress) +
        portOf(' spt=', ends.sourcePort) +
        endpoint('dst', ends.destinationAddress) +
        portOf(' dpt=', ends.destinationPort) +
        directionOf(event) +
        pair(jobStart, event.job, CEF_LENGTHS.deviceProcessName);
      const program = qualified(event.programLibrary, event.program);
      if (program !== undefined) ext += ` cs1=${escapeCefValue(program, CEF_LENGTHS.cs)} cs1Label=program`;
      const object = qualified(event.objectLibrary, event.object);
      if (object !== undefined) ext += ` cs3=${escapeCefValue(object, CEF_LENGTHS.cs)} cs3Label=object`;
      if (event.objectType)
        ext += ` cs2=${escapeCefValue(event.objectType, CEF_LENGTHS.cs)} cs2Label=objectType`;
      ext +=
        pair(' filePath=', event.path, CEF_LENGTHS.filePath) +
        pair(' fname=', baseName(event.path), CEF_LENGTHS.fname) +
        pair(' msg=', event.message, CEF_LENGTHS.msg);
      const error = event.decodeError;
      if (error) {
        ext +=
          ` cs4=${escapeCefValue(error.code, CEF_LENGTHS.cs)} cs4Label=decodeError` +
          pair(' reason=', error.message, CEF_LENGTHS.reason) +
          (error.hex === '' ? '' : ` cs5=${escapeCefValue(error.hex, CEF_LENGTHS.cs)} cs5Label=entryHex`);
      }
      const fields = event.fields;
      for (const key in fields) {
        const value = fields[key]!;
        if (value === '') continue;
        const start = customStart(key);
        if (start === null) continue;
        ext += start + (typeof value === 'string' ? escapeCefValue(value, CUSTOM_LENGTH) : value);
      }
      return header(event, severity) + ext;
    },

    fit(event, severity, maxBytes) {
      const head = header(event, severity);
      const meaning = meaningOf(event);
      const ends = endpointsOf(event);
      const parts: Part[] = [{ text: `rt=${event.timeMs}`, rank: -1 }];
      let rank = 0;
      /** ` key=value[ keyLabel=label]`; free text may be shortened. */
      const add = (key: string, raw: string | undefined, max: number, free: boolean, label?: string) => {
        if (raw === undefined || raw === '') return;
        const value = cutUnits(raw, max);
        const start = ` ${key}=`;
        const end = label === undefined ? '' : ` ${key}Label=${label}`;
        const whole = start + escapeCefValue(value, max) + end;
        parts.push(
          free ? valuePart(start, value, end, rank++, cefValueChar, whole) : { text: whole, rank: rank++ },
        );
      };
      const fixed = (text: string) => {
        if (text !== '') parts.push({ text, rank: rank++ });
      };
      add('externalId', externalId(event), CEF_LENGTHS.externalId, false);
      add('cs6', event.id, CEF_LENGTHS.cs, false, 'eventId');
      add('dvchost', event.system, CEF_LENGTHS.dvchost, false);
      add('act', event.action, CEF_LENGTHS.act, false);
      add('outcome', event.outcome, CEF_LENGTHS.outcome, false);
      add('cat', meaning.category, CEF_LENGTHS.cat, false);
      for (const [role, key] of userKeys(meaning, 'cef'))
        add(key, roleUser(role, event, meaning), CEF_LENGTHS.suser, false);
      fixed(endpoint('src', ends.sourceAddress));
      fixed(portOf(' spt=', ends.sourcePort));
      fixed(endpoint('dst', ends.destinationAddress));
      fixed(portOf(' dpt=', ends.destinationPort));
      fixed(directionOf(event));
      add(options.jobKey, event.job, CEF_LENGTHS.deviceProcessName, false);
      add('cs1', qualified(event.programLibrary, event.program), CEF_LENGTHS.cs, false, 'program');
      add('cs3', qualified(event.objectLibrary, event.object), CEF_LENGTHS.cs, true, 'object');
      add('cs2', event.objectType, CEF_LENGTHS.cs, false, 'objectType');
      add('filePath', event.path, CEF_LENGTHS.filePath, true);
      add('fname', baseName(event.path), CEF_LENGTHS.fname, true);
      rank = 100;
      add('msg', event.message, CEF_LENGTHS.msg, true);
      if (event.decodeError) {
        rank = 50;
        add('cs4', event.decodeError.code, CEF_LENGTHS.cs, false, 'decodeError');
        add('reason', event.decodeError.message, CEF_LENGTHS.reason, true);
        rank = 400;
        add('cs5', event.decodeError.hex, CEF_LENGTHS.cs, true, 'entryHex');
      }
      rank = 200;
      for (const key in event.fields) {
        const value = event.fields[key]!;
        const start = customStart(key);
        if (value !== '' && start !== null) add(start.slice(1, -1), String(value), CUSTOM_LENGTH, true);
      }
      parts.push({ text: ` ${CEF_TRUNCATED}=true`, rank: -1 });
      return head + fitParts(parts, maxBytes - Buffer.byteLength(head, 'utf8')).join('');
    },
  };
}
