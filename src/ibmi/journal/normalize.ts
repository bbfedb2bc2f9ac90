import type { SecurityEvent, Severity } from '../../core/event.js';
import { specFor } from './catalog.js';
import type { DecodedEntry, DecodeIssue } from './decode.js';
import { qualifiedJobName } from './entry.js';
import { toHex } from './fields.js';
import { formatUtcOffset } from './heading/timestamp.js';
import type { EntryLayout } from './layout.js';
import { applySpec, DECODE_ERROR_SEVERITY, GENERIC_SPEC, type RuleInput } from './rules.js';

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
  const t = entry.timestamp;
  const user = entry.currentUser || entry.jobUser;
  const subtype = decoded.subtype;
  const subtypeName = subtype === undefined || !layout ? undefined : subtypeNames(layout)?.[subtype];
  const input: RuleInput = {
    decoded,
    f: (key) => {
      const value = fields[key];
      return value === undefined || value === '' ? undefined : String(value);
    },
    subtype,
    subtypeName,
    user,
    from: entry.remoteAddress ? ` from ${entry.remoteAddress}` : '',
  };
  const out = applySpec(layout ? specFor(entry.entryType) : GENERIC_SPEC, input);
  const issues = headingIssues.length === 0 ? decoded.issues : [...headingIssues, ...decoded.issues];
  // The heading's client wins; some entries (SK, IM, X0…) name the peer in their own fields.
  const remoteAddress = entry.remoteAddress || out.remoteAddress;
  const remotePort = entry.remoteAddress ? entry.remotePort : out.remotePort;
  // Every property is assigned in the same order, so all events share one shape (fast to format).
  const event: SecurityEvent = {
    id: `${entry.systemName}/${entry.position.receiverLibrary}/${entry.position.receiver}/${entry.position.sequence}`,
    // SAA `YYYY-MM-DD-HH.MM.SS.ffffff` local time → ISO-8601 with the system's offset.
    time: `${t.slice(0, 10)}T${t.slice(11, 13)}:${t.slice(14, 16)}:${t.slice(17, 26)}${offsetText(ctx.utcOffsetMinutes)}`,
    timeMs: epochMs(t, ctx.utcOffsetMinutes),
    system: entry.systemName,
    origin: 'QAUDJRN',
    journalCode: entry.journalCode,
    entryType: entry.entryType,
    entryTypeName: layout?.title ?? 'Unknown entry type',
    subtype,
    subtypeName,
    action: out.action,
    outcome: out.outcome,
    severity: issues.length ? (Math.min(out.severity, DECODE_ERROR_SEVERITY) as Severity) : out.severity,
    message: out.message,
    user,
    jobUser: entry.jobUser,
    jobName: entry.jobName,
    jobNumber: entry.jobNumber,
    job: qualifiedJobName(entry),
    program: entry.programName,
    programLibrary: entry.programLibrary,
    targetUser: out.targetUser,
    object: out.object,
    objectLibrary: out.objectLibrary,
    objectType: out.objectType,
    path: out.path,
    remoteAddress: remoteAddress || undefined,
    remotePort,
    localAddress: out.localAddress,
    localPort: out.localPort,
    direction: out.direction,
    receiverLibrary: entry.position.receiverLibrary,
    receiver: entry.position.receiver,
    sequence: entry.position.sequence,
    fields,
    decodeError: undefined,
  };
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

const subtypeNameCache = new WeakMap<EntryLayout, Readonly<Record<string, string>> | undefined>();

/** Meanings of the layout's sub-type codes, looked up once per layout. */
function subtypeNames(layout: EntryLayout): Readonly<Record<string, string>> | undefined {
  if (!subtypeNameCache.has(layout)) {
    subtypeNameCache.set(layout, layout.fields.find((field) => field.key === layout.subtypeField)?.values);
  }
  return subtypeNameCache.get(layout);
}

const offsetTexts = new Map<number, string>();

function offsetText(minutes: number): string {
  let text = offsetTexts.get(minutes);
  if (text === undefined) {
    text = formatUtcOffset(minutes);
    offsetTexts.set(minutes, text);
  }
  return text;
}

/** Epoch ms of an SAA local timestamp at the given UTC offset, without parsing to a Date. */
function epochMs(t: string, utcOffsetMinutes: number): number {
  const n = (from: number, to: number) => {
    let v = 0;
    for (let i = from; i < to; i++) v = v * 10 + (t.charCodeAt(i) - 48);
    return v;
  };
  return (
    Date.UTC(n(0, 4), n(5, 7) - 1, n(8, 10), n(11, 13), n(14, 16), n(17, 19), n(20, 23)) -
    utcOffsetMinutes * 60_000
  );
}
