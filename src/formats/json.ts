import { SEVERITY, type SecurityEvent, type Severity } from '../core/event.js';
import { baseName, eventClassId, qualified } from './cef.js';
import {
  actionSpec,
  CIM_SEVERITY,
  cimAction,
  ecsTypes,
  endpointsOf,
  FAMILY_SPECS,
  type Meaning,
  meaningOf,
  roleUser,
  userKeys,
} from './semantics.js';
import { cefSeverity } from './severity.js';
import { addressKind } from './text.js';
import { fitParts, type Part, type Payload, valuePart } from './truncate.js';

/**
 * JSON payloads, one object per line. Pure; compiled once per sink.
 * - `native`: the SecurityEvent as docs/fields.md documents it, with the effective severity.
 * - `ecs`: Elastic Common Schema: event.kind/category/type/outcome, user.*, source.*,
 *   destination.*, related.* by the event's family (semantics.ts), everything IBM-specific
 *   under `ibmi`.
 * - `cim`: Splunk Common Information Model names at the top level (action, app, user,
 *   src_user, src, dest, object…), everything IBM-specific under `ibmi`.
 * Every string is JSON-escaped, and C1 controls, U+2028 and U+2029 are written as \uXXXX, so
 * the line holds no character any reader could take for a line break.
 */
export type JsonStyle = 'native' | 'ecs' | 'cim';

const SEVERITY_NAMES = Object.keys(SEVERITY) as (keyof typeof SEVERITY)[];

const LINE_BREAKERS = /[\u007f-\u009f\u2028\u2029]/g;
const hex4 = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A JSON string literal. */
export function quote(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c)
      return JSON.stringify(value).replace(LINE_BREAKERS, hex4);
  }
  return `"${value}"`;
}

function jsonValue(value: string | number): string {
  return typeof value === 'string' ? quote(value) : Number.isFinite(value) ? String(value) : 'null';
}

/** `,"key":"value"`, or nothing for an absent value. */
function member(start: string, value: string | number | undefined): string {
  return value === undefined ? '' : start + jsonValue(value);
}

/** `{"key":value,…}` for the entry fields; each key's quoted form is built once per sink. */
type FieldsRenderer = (fields: SecurityEvent['fields']) => string;

function compileFields(): FieldsRenderer {
  const starts: Record<string, string> = Object.create(null);
  return (fields) => {
    let out = '{';
    let first = true;
    for (const key in fields) {
      let start = starts[key];
      if (start === undefined) {
        start = `,${quote(key)}:`;
        starts[key] = start;
      }
      out += (first ? start.slice(1) : start) + jsonValue(fields[key]!);
      first = false;
    }
    return `${out}}`;
  };
}

function renderNative(event: SecurityEvent, severity: Severity, fieldsObject: FieldsRenderer): string {
  let out =
    '{"id":' +
    quote(event.id) +
    ',"time":' +
    quote(event.time) +
    ',"timeMs":' +
    jsonValue(event.timeMs) +
    ',"system":' +
    quote(event.system) +
    ',"origin":' +
    quote(event.origin) +
    member(',"journalCode":', event.journalCode) +
    ',"entryType":' +
    quote(event.entryType) +
    ',"entryTypeName":' +
    quote(event.entryTypeName) +
    member(',"subtype":', event.subtype) +
    member(',"subtypeName":', event.subtypeName) +
    ',"action":' +
    quote(event.action) +
    ',"outcome":' +
    quote(event.outcome) +
    ',"severity":' +
    severity +
    ',"message":' +
    quote(event.message) +
    ',"user":' +
    quote(event.user) +
    ',"jobUser":' +
    quote(event.jobUser) +
    ',"jobName":' +
    quote(event.jobName) +
    ',"jobNumber":' +
    quote(event.jobNumber) +
    ',"job":' +
    quote(event.job) +
    ',"program":' +
    quote(event.program) +
    ',"programLibrary":' +
    quote(event.programLibrary) +
    member(',"targetUser":', event.targetUser) +
    member(',"object":', event.object) +
    member(',"objectLibrary":', event.objectLibrary) +
    member(',"objectType":', event.objectType) +
    member(',"path":', event.path) +
    member(',"remoteAddress":', event.remoteAddress) +
    member(',"remotePort":', event.remotePort) +
    member(',"localAddress":', event.localAddress) +
    member(',"localPort":', event.localPort) +
    member(',"direction":', event.direction) +
    member(',"receiverLibrary":', event.receiverLibrary) +
    member(',"receiver":', event.receiver) +
    member(',"sequence":', event.sequence) +
    ',"fields":' +
    fieldsObject(event.fields);
  const error = event.decodeError;
  if (error) {
    out += `,"decodeError":{"code":${quote(error.code)},"message":${quote(error.message)},"hex":${quote(error.hex)}}`;
  }
  return `${out}}`;
}

/** `,"key":"value"` for a present, non-empty string. */
function text(start: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : start + quote(value);
}

/** `"group":{…}` from members that each start with a comma, or nothing when all are absent. */
function group(start: string, members: string): string {
  return members === '' ? '' : `${start}{${members.slice(1)}}`;
}

/** `[“a”,“b”]` for the non-empty, distinct values, or undefined when there are none. */
function list(values: readonly (string | undefined)[]): string | undefined {
  const seen: string[] = [];
  for (const value of values) if (value && !seen.includes(value)) seen.push(value);
  return seen.length === 0 ? undefined : `[${seen.map(quote).join(',')}]`;
}

/** `,"key":[…]` for a list, or nothing. */
function array(start: string, values: readonly (string | undefined)[]): string {
  const rendered = list(values);
  return rendered === undefined ? '' : start + rendered;
}

/** The IP of an address (IPv4-mapped IPv6 as IPv4), undefined for host names. */
function ipOf(address: string | undefined): string | undefined {
  if (address === undefined || address === '') return undefined;
  const kind = addressKind(address);
  return kind === 'ipv4' || kind === 'ipv6' ? address : kind === 'mapped' ? address.slice(7) : undefined;
}

function port(start: string, value: number | undefined): string {
  return value === undefined || !Number.isInteger(value) ? '' : start + value;
}

/** The job number as ECS process.pid (an integer). */
function pidOf(jobNumber: string): string | undefined {
  return /^\d{1,10}$/.test(jobNumber) ? jobNumber.replace(/^0+(?=\d)/, '') : undefined;
}

/** The user roles of the event with their value, keyed by the SIEM field the family gives them. */
function userFields(
  event: SecurityEvent,
  meaning: Meaning,
  siem: 'ecs' | 'cim',
): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const [role, key] of userKeys(meaning, siem)) {
    const value = roleUser(role, event, meaning);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const decodeErrorMember = (error: SecurityEvent['decodeError']) =>
  error
    ? `,"decodeError":{"code":${quote(error.code)},"message":${quote(error.message)},"hex":${quote(error.hex)}}`
    : '';

/** The IBM i specifics both ECS and CIM nest under `ibmi`. */
function ibmiObject(event: SecurityEvent, fieldsObject: FieldsRenderer): string {
  return (
    ',"ibmi":{' +
    (event.journalCode === undefined ? '' : `"journalCode":${quote(event.journalCode)},`) +
    '"entryType":' +
    quote(event.entryType) +
    text(',"entryTypeName":', event.entryTypeName) +
    text(',"subtype":', event.subtype) +
    text(',"subtypeName":', event.subtypeName) +
    text(',"action":', event.action) +
    text(',"user":', event.user) +
    text(',"targetUser":', event.targetUser) +
    text(',"job":', event.job) +
    text(',"jobNumber":', event.jobNumber) +
    text(',"program":', event.program) +
    text(',"programLibrary":', event.programLibrary) +
    group(
      ',"object":',
      text(',"name":', event.object) +
        text(',"library":', event.objectLibrary) +
        text(',"type":', event.objectType),
    ) +
    text(',"receiverLibrary":', event.receiverLibrary) +
    text(',"receiver":', event.receiver) +
    text(',"sequence":', event.sequence) +
    ',"fields":' +
    fieldsObject(event.fields) +
    decodeErrorMember(event.decodeError) +
    '}'
  );
}

/** `{"address":…,"ip":…,"port":…}` members of one side of an exchange. */
function side(address: string | undefined, portValue: number | undefined): string {
  return text(',"address":', address) + text(',"ip":', ipOf(address)) + port(',"port":', portValue);
}

function renderEcs(event: SecurityEvent, severity: Severity, fieldsObject: FieldsRenderer): string {
  const meaning = meaningOf(event);
  const spec = FAMILY_SPECS[meaning.family].ecs;
  const ends = endpointsOf(event);
  const users = userFields(event, meaning, 'ecs');
  const pid = pidOf(event.jobNumber);
  const path = event.path;
  return (
    '{"@timestamp":' +
    quote(event.time) +
    text(',"message":', event.message) +
    group(
      ',"event":',
      text(',"id":', event.id) +
        `,"kind":"${spec.kind}"` +
        array(',"category":', spec.category) +
        array(',"type":', spec.category.length === 0 ? [] : ecsTypes(meaning, event.outcome)) +
        text(',"code":', eventClassId(event)) +
        text(',"action":', event.action) +
        text(',"outcome":', event.outcome) +
        text(',"reason":', event.subtypeName) +
        ',"severity":' +
        cefSeverity(severity) +
        text(',"provider":', event.origin),
    ) +
    group(',"host":', text(',"name":', event.system) + text(',"hostname":', event.system)) +
    group(
      ',"user":',
      text(',"name":', users['user.name']) +
        group(',"target":', text(',"name":', users['user.target.name'])) +
        group(',"effective":', text(',"name":', users['user.effective.name'])),
    ) +
    group(',"source":', side(ends.sourceAddress, ends.sourcePort)) +
    group(',"destination":', side(ends.destinationAddress, ends.destinationPort)) +
    group(',"network":', text(',"direction":', event.direction)) +
    group(
      ',"related":',
      array(',"user":', [event.user, event.targetUser, event.jobUser]) +
        array(',"ip":', [ipOf(event.remoteAddress), ipOf(event.localAddress)]) +
        array(',"hosts":', [event.system]),
    ) +
    group(
      ',"process":',
      (pid === undefined ? '' : `,"pid":${pid}`) +
        text(',"name":', event.jobName) +
        group(',"user":', text(',"name":', event.jobUser)),
    ) +
    group(
      ',"file":',
      text(',"path":', path) +
        text(',"name":', baseName(path)) +
        text(',"directory":', path ? path.slice(0, path.lastIndexOf('/')) || undefined : undefined),
    ) +
    `,"log":{"syslog":{"severity":{"code":${severity},"name":"${SEVERITY_NAMES[severity]}"}}}` +
    ibmiObject(event, fieldsObject) +
    '}'
  );
}

/** CIM object_category from an IBM i object type: `*FILE` → `file`, `*DIR` → `directory`, `*USRPRF` → `user`. */
export function cimObjectCategory(objectType: string | undefined): string | undefined {
  if (!objectType) return undefined;
  const type = objectType.replace(/^\*/, '').toLowerCase();
  return type === 'dir' ? 'directory' : type === 'stmf' ? 'file' : type === 'usrprf' ? 'user' : type;
}

/**
 * Splunk CIM names at the top level (docs/fields.md): `action`, `app`, `user`, `src_user`,
 * `src`, `dest`, `object*`, `signature*`, `status`, … and the IBM i specifics under `ibmi`.
 */
function renderCim(event: SecurityEvent, severity: Severity, fieldsObject: FieldsRenderer): string {
  const meaning = meaningOf(event);
  const ends = endpointsOf(event);
  const users = userFields(event, meaning, 'cim');
  const spec = FAMILY_SPECS[meaning.family].cim;
  const account = meaning.family === 'account-management';
  const object = account ? event.targetUser : event.object || baseName(event.path);
  const objectPath = account ? undefined : event.path || qualified(event.objectLibrary, event.object);
  return (
    '{"time":' +
    quote(event.time) +
    `,"family":"${meaning.family}"` +
    text(',"action":', cimAction(meaning, event.outcome)) +
    (spec.status && event.outcome !== 'unknown' ? `,"status":"${event.outcome}"` : '') +
    text(',"app":', actionSpec(event.action).app ?? 'ibmi') +
    text(',"user":', users['user']) +
    text(',"src_user":', users['src_user']) +
    text(',"src":', ends.sourceAddress) +
    port(',"src_port":', ends.sourcePort) +
    text(',"dest":', ends.destinationAddress || event.system) +
    port(',"dest_port":', ends.destinationPort) +
    text(',"dvc":', event.system) +
    text(',"object":', object) +
    text(
      ',"object_category":',
      account ? (object ? 'user' : undefined) : cimObjectCategory(event.objectType),
    ) +
    text(',"object_path":', objectPath) +
    text(',"signature":', event.subtypeName || event.entryTypeName) +
    text(',"signature_id":', eventClassId(event)) +
    text(',"result":', event.outcome === 'failure' ? event.subtypeName : undefined) +
    text(',"process":', event.job) +
    text(',"process_name":', event.jobName) +
    text(',"process_id":', pidOf(event.jobNumber)) +
    `,"severity":"${CIM_SEVERITY[severity]}","severity_id":${severity}` +
    ',"vendor_product":"IBM i"' +
    text(',"id":', event.id) +
    text(',"message":', event.message) +
    ibmiObject(event, fieldsObject) +
    '}'
  );
}

const utf8 = (value: string) => Buffer.byteLength(value, 'utf8');
/** One character as it appears inside a JSON string. */
const jsonChar = (char: string) => quote(char).slice(1, -1);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * The slow path: the whole object, parsed back, fitted leaf by leaf with the same policy as
 * the other formats (truncate.ts). Entry-specific fields rank last; strings may be shortened.
 */
function fitJson(whole: string, marker: [string, Json], maxBytes: number): string {
  const root = JSON.parse(whole) as { [key: string]: Json };
  root[marker[0]] = marker[1];
  const parts: Part[] = [];
  const leafIndex = new Map<object, Map<string, number>>();
  const collect = (object: { [key: string]: Json }, inFields: boolean, depth: number) => {
    const indexes = new Map<string, number>();
    leafIndex.set(object, indexes);
    for (const [key, value] of Object.entries(object)) {
      const start = `${quote(key)}:`;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        collect(value, inFields || key === 'fields', depth + 1);
        continue;
      }
      const rank = depth === 0 && key === marker[0] ? -1 : (inFields ? 1000 : 0) + parts.length;
      const whole = start + JSON.stringify(value).replace(LINE_BREAKERS, hex4);
      indexes.set(key, parts.length);
      parts.push(
        typeof value === 'string' && value !== ''
          ? valuePart(`${start}"`, value, '"', rank, jsonChar, whole)
          : { text: whole, rank },
      );
    }
  };
  collect(root, false, 0);
  // Braces, group keys and commas between groups are the frame.
  const frame = (object: { [key: string]: Json }): number => {
    let bytes = 2;
    let members = 0;
    for (const [key, value] of Object.entries(object)) {
      members++;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        bytes += utf8(quote(key)) + 1 + frame(value);
      }
    }
    return bytes + Math.max(0, members - 1);
  };
  const chosen = fitParts(parts, maxBytes - frame(root));
  const render = (object: { [key: string]: Json }): string => {
    const indexes = leafIndex.get(object)!;
    const members: string[] = [];
    for (const [key, value] of Object.entries(object)) {
      const index = indexes.get(key);
      if (index !== undefined) {
        if (chosen[index] !== '') members.push(chosen[index]!);
      } else {
        const inner = render(value as { [key: string]: Json });
        if (inner !== '{}' || key === 'fields') members.push(`${quote(key)}:${inner}`);
      }
    }
    return `{${members.join(',')}}`;
  };
  return render(root);
}

export function compileJsonPayload(style: JsonStyle): Payload {
  const fields = compileFields();
  const renderStyle = style === 'ecs' ? renderEcs : style === 'cim' ? renderCim : renderNative;
  const render = (event: SecurityEvent, severity: Severity) => renderStyle(event, severity, fields);
  const marker: [string, Json] = style === 'ecs' ? ['tags', ['truncated']] : ['truncated', true];
  return {
    render,
    fit: (event, severity, maxBytes) => fitJson(render(event, severity), marker, maxBytes),
  };
}
