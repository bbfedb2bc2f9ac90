import type { SecurityEvent, Severity } from '../../core/event.js';
import type { DecodedEntry, DecodeIssue } from './decode.js';
import { qualifiedJobName } from './entry.js';
import { toHex } from './fields.js';
import { formatUtcOffset } from './heading/timestamp.js';
import type { EntryLayout } from './layout.js';
import { applySpec, DECODE_ERROR_SEVERITY, type RuleInput, type TypeSpec } from './rules.js';

export interface NormalizeContext {
  /** The IBM i's offset from UTC in minutes (QUTCOFFSET); journal times are local. */
  utcOffsetMinutes: number;
}

/**
 * DecodedEntry → SecurityEvent with the rules of its type (`spec`). Pure. An entry with decode
 * or heading issues still becomes an event: it carries `decodeError` with the first issue and
 * the raw bytes in hex.
 */
export function normalize(
  decoded: DecodedEntry,
  spec: TypeSpec,
  headingIssues: readonly DecodeIssue[],
  ctx: NormalizeContext,
): SecurityEvent {
  const { entry, layout, fields, subtype } = decoded;
  const { position, timestamp: t } = entry;
  const user = entry.currentUser || entry.jobUser;
  const subtypeName = subtype === undefined || !layout ? undefined : subtypeNames(layout)?.[subtype];
  // Every property is assigned in the same order, so all events share one shape (fast to
  // format); the spec's own (action … direction) are filled in by applySpec below.
  const event: SecurityEvent = {
    id: `${entry.systemName}/${position.receiverLibrary}/${position.receiver}/${position.sequence}`,
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
    action: '',
    outcome: 'unknown',
    severity: spec.severity,
    message: '',
    user,
    jobUser: entry.jobUser,
    jobName: entry.jobName,
    jobNumber: entry.jobNumber,
    job: qualifiedJobName(entry),
    program: entry.programName,
    programLibrary: entry.programLibrary,
    targetUser: undefined,
    object: undefined,
    objectLibrary: undefined,
    objectType: undefined,
    path: undefined,
    remoteAddress: undefined,
    remotePort: undefined,
    localAddress: undefined,
    localPort: undefined,
    direction: undefined,
    receiverLibrary: position.receiverLibrary,
    receiver: position.receiver,
    sequence: position.sequence,
    fields,
    decodeError: undefined,
  };
  applySpec(spec, new EntryInput(decoded, subtypeName, user, entry.remoteAddress), event);
  // The heading's client wins; some entries (SK, IM, X0…) name the peer in their own fields.
  if (entry.remoteAddress) {
    event.remoteAddress = entry.remoteAddress;
    event.remotePort = entry.remotePort;
  }
  const issues = headingIssues.length === 0 ? decoded.issues : [...headingIssues, ...decoded.issues];
  const first = issues[0];
  if (first) {
    event.severity = Math.min(event.severity, DECODE_ERROR_SEVERITY) as Severity;
    event.decodeError = {
      code: first.code,
      message: issues.map((issue) => issue.message).join('; '),
      hex: toHex(entry.entryData),
    };
    event.message = `${event.message} [${first.code}]`;
  }
  return event;
}

/** What a spec reads: the decoded fields as text, the sub-type, the acting user and the client. */
class EntryInput implements RuleInput {
  constructor(
    readonly decoded: DecodedEntry,
    readonly subtypeName: string | undefined,
    readonly user: string,
    private readonly remoteAddress: string,
  ) {}

  get subtype(): string | undefined {
    return this.decoded.subtype;
  }

  f(key: string): string | undefined {
    const value = this.decoded.fields[key];
    return value === undefined || value === '' ? undefined : String(value);
  }

  get from(): string {
    return this.remoteAddress ? ` from ${this.remoteAddress}` : '';
  }
}

const subtypeNameCache = new WeakMap<EntryLayout, Readonly<Record<string, string>> | null>();

/** Meanings of the layout's sub-type codes, looked up once per layout. */
function subtypeNames(layout: EntryLayout): Readonly<Record<string, string>> | undefined {
  let names = subtypeNameCache.get(layout);
  if (names === undefined) {
    names = layout.fields.find((field) => field.key === layout.subtypeField)?.values ?? null;
    subtypeNameCache.set(layout, names);
  }
  return names ?? undefined;
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

/** The value of the decimal digits of `t` from `from` to `to`. */
function digits(t: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + (t.charCodeAt(i) - 48);
  return v;
}

// The last day seen and its epoch ms: entries come in time order, so nearly every entry is on
// the same day as the one before. A cache of a pure function's result; the output is the same.
let lastYear = Number.NaN;
let lastMonth = Number.NaN;
let lastDay = Number.NaN;
let lastDayMs = Number.NaN;

/**
 * Epoch ms of an SAA local timestamp at the given UTC offset, without parsing to a Date.
 * Date.UTC(y, m, d, h, mi, s, ms) is Date.UTC(y, m, d) plus the time of day in ms (ECMA-262
 * MakeDate/MakeTime, all integers here, far inside the time range), so the day is computed
 * once per day.
 */
function epochMs(t: string, utcOffsetMinutes: number): number {
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 7);
  const day = digits(t, 8, 10);
  if (year !== lastYear || month !== lastMonth || day !== lastDay) {
    lastDayMs = Date.UTC(year, month - 1, day);
    lastYear = year;
    lastMonth = month;
    lastDay = day;
  }
  const hour = digits(t, 11, 13);
  const minute = digits(t, 14, 16);
  const second = digits(t, 17, 19);
  const milli = digits(t, 20, 23);
  const timeOfDay = hour * 3_600_000 + minute * 60_000 + second * 1000 + milli;
  // Far from the end of the time range (±8.64e15 ms) the sum is exact and in range; a garbled
  // timestamp out there (or NaN) gets Date.UTC's own range check.
  const ms =
    Math.abs(lastDayMs) < 8e15 && Math.abs(timeOfDay) < 1e14
      ? lastDayMs + timeOfDay
      : Date.UTC(year, month - 1, day, hour, minute, second, milli);
  return ms - utcOffsetMinutes * 60_000;
}
