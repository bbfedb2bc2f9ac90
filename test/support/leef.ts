import { isIPv4, isIPv6 } from 'node:net';
import type { SecurityEvent } from '../../src/core/event.js';
import { endpointsOf, meaningOf, rolesOf, roleUser, USER_ROLES } from '../../src/formats/semantics.js';

const LEEF_SEVERITY = [10, 10, 9, 7, 6, 4, 2, 1];
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The documented LEEF attributes of an event (docs/fields.md, "LEEF"), each value sanitized for
 * the delimiter. Which key carries the user and which side of an exchange comes from the one
 * mapping table (semantics.ts); the rest is written out here, independently of leef.ts.
 */
export function expectedLeefAttributes(event: SecurityEvent, delimiter: string): Map<string, string> {
  const clean = (value: string) =>
    [...value].map((c) => (c === delimiter || CONTROL.test(c) ? ' ' : c)).join('');
  const attributes = new Map<string, string>([
    ['devTime', String(event.timeMs)],
    ['sev', String(LEEF_SEVERITY[event.severity])],
  ]);
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') attributes.set(key, clean(String(value)));
  };
  const meaning = meaningOf(event);
  put('cat', meaning.category);
  const roles = rolesOf(meaning);
  const user = USER_ROLES.find((role) => roles[role]?.leef === 'usrName');
  put('usrName', user && roleUser(user, event, meaning));
  const ends = endpointsOf(event);
  const ipOf = (address: string | undefined) =>
    address && (isIPv4(address) || (isIPv6(address) && !address.includes('%')))
      ? address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')
      : undefined;
  const src = ipOf(ends.sourceAddress);
  const dst = ipOf(ends.destinationAddress);
  put('src', src);
  if (!src) put('srcName', ends.sourceAddress);
  put('srcPort', ends.sourcePort);
  put('dst', dst);
  if (!dst) put('dstName', ends.destinationAddress);
  put('dstPort', ends.destinationPort);
  if (src && meaning.family === 'authentication') put('identSrc', src);
  put('direction', event.direction);
  for (const key of [
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
  ] as const) {
    put(key, event[key]);
  }
  if (event.decodeError) {
    put('decodeError', event.decodeError.code);
    put('entryHex', event.decodeError.hex);
  }
  for (const [key, value] of Object.entries(event.fields)) {
    if (/^[a-z][A-Za-z0-9]*$/.test(key)) put(`ibmi${key[0]!.toUpperCase()}${key.slice(1)}`, value);
  }
  return attributes;
}
