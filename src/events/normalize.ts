import type { DecodedEntry, DecodeIssue } from '../ibmi/journal/decode.js';
import { qualifiedJobName } from '../ibmi/journal/entry.js';
import { toHex } from '../ibmi/journal/fields.js';
import { formatUtcOffset, splitLocalTimestamp } from '../ibmi/journal/heading/timestamp.js';
import { DECODE_ERROR_SEVERITY, GENERIC_RULE, RULES, type RuleInput } from './rules.js';
import type { SecurityEvent } from './security-event.js';

export interface NormalizeContext {
  /** The IBM i's offset from UTC in minutes (QUTCOFFSET); journal times are local. */
  utcOffsetMinutes: number;
}

/**
 * DecodedEntry → SecurityEvent. Pure. An entry with decode or heading issues still becomes
 * an event: it carries `decodeError` with the first issue and the raw bytes in hex.
 */
export function normalize(
  decoded: DecodedEntry,
  headingIssues: readonly DecodeIssue[],
  ctx: NormalizeContext,
): SecurityEvent {
  const { entry, layout, fields } = decoded;
  const { wallMs, micros } = splitLocalTimestamp(entry.timestamp);
  const timeMs = wallMs + Math.floor(micros / 1000) - ctx.utcOffsetMinutes * 60_000;
  const local = new Date(wallMs).toISOString();
  const time = `${local.slice(0, 19)}.${String(micros).padStart(6, '0')}${formatUtcOffset(ctx.utcOffsetMinutes)}`;
  const user = entry.currentUser || entry.jobUser;
  const subtypeField = layout?.subtypeField
    ? layout.fields.find((field) => field.key === layout.subtypeField)
    : undefined;
  const subtypeName = decoded.subtype ? subtypeField?.values?.[decoded.subtype] : undefined;
  const input: RuleInput = {
    decoded,
    f: (key) => {
      const value = fields[key];
      return value === undefined || value === '' ? undefined : String(value);
    },
    subtype: decoded.subtype,
    subtypeName,
    user,
    from: entry.remoteAddress ? ` from ${entry.remoteAddress}` : '',
  };
  const rule = (layout && RULES[entry.entryType]) || GENERIC_RULE;
  const out = rule(input);
  const issues = [...headingIssues, ...decoded.issues];
  const event: SecurityEvent = {
    id: `${entry.systemName}/${entry.position.receiverLibrary}/${entry.position.receiver}/${entry.position.sequence}`,
    time,
    timeMs,
    system: entry.systemName,
    origin: 'QAUDJRN',
    journalCode: entry.journalCode,
    entryType: entry.entryType,
    entryTypeName: layout?.title ?? 'Unknown entry type',
    action: out.action,
    outcome: out.outcome,
    severity: issues.length
      ? (Math.min(out.severity, DECODE_ERROR_SEVERITY) as SecurityEvent['severity'])
      : out.severity,
    message: out.message,
    user,
    jobUser: entry.jobUser,
    jobName: entry.jobName,
    jobNumber: entry.jobNumber,
    job: qualifiedJobName(entry),
    program: entry.programName,
    programLibrary: entry.programLibrary,
    receiverLibrary: entry.position.receiverLibrary,
    receiver: entry.position.receiver,
    sequence: entry.position.sequence,
    fields,
  };
  if (decoded.subtype !== undefined) event.subtype = decoded.subtype;
  if (subtypeName !== undefined) event.subtypeName = subtypeName;
  if (out.targetUser) event.targetUser = out.targetUser;
  if (out.object) event.object = out.object;
  if (out.objectLibrary) event.objectLibrary = out.objectLibrary;
  if (out.objectType) event.objectType = out.objectType;
  if (out.path) event.path = out.path;
  if (entry.remoteAddress) event.remoteAddress = entry.remoteAddress;
  if (entry.remotePort !== undefined) event.remotePort = entry.remotePort;
  const first = issues[0];
  if (first) {
    event.decodeError = {
      code: first.code,
      message: issues.map((issue) => issue.message).join('; '),
      hex: toHex(entry.entryData),
    };
    event.message = `${event.message} [${first.code}]`;
  }
  return event;
}
