import type { SecurityEvent, Severity } from '../core/event.js';
import { type SeverityOverrides, severityFor } from './severity.js';
import { fitsBytes, renderPrefix, utf8Length } from './text.js';

/**
 * Fitting a message into a maximum size (the slow path: only messages that are too long get
 * here). A message is a fixed frame plus parts: an SD parameter, a CEF or LEEF key=value pair
 * with its separator, a JSON member, the free-text MSG. Parts are kept whole or left out;
 * free-text parts may instead be shortened, which renders their value character by character
 * (see renderPrefix) so a cut never falls inside an escape sequence, a UTF-8 sequence or a
 * key=value pair. Every format then marks the message as truncated.
 *
 * Policy: parts with a negative rank are the frame (SD-ID, brackets, the marker) and always
 * stay; then, in two passes over the other parts in rank order (lower rank first):
 *   1. keep every part that still fits whole, so short identifying fields survive;
 *   2. shorten the left-out parts that allow it, each to an equal share of what remains.
 * When even the frame does not fit, the result is the frame and the sink refuses it
 * (AR_SINK_MESSAGE_TOO_LARGE); with IBM i names (system 8, job number 6, entry type 2
 * characters) the frame takes well under the smallest allowed size, 480 bytes.
 */
export interface Part {
  /** The part as it appears in the message, separator included. */
  text: string;
  /** Lower ranks are kept first. */
  rank: number;
  /** Renders the part with a shortened value in at most `maxBytes`; '' when nothing useful fits. */
  shorten?: (maxBytes: number) => string;
}

/** Parts in output order, each either whole, shortened or '' (left out). */
export function fitParts(parts: readonly Part[], budget: number): string[] {
  const chosen = parts.map(() => '');
  const order = parts.map((_, index) => index).sort((a, b) => parts[a]!.rank - parts[b]!.rank || a - b);
  let left = budget;
  const skipped: number[] = [];
  for (const index of order) {
    const part = parts[index]!;
    const size = utf8Length(part.text);
    if (part.rank < 0 || size <= left) {
      chosen[index] = part.text;
      left -= size;
    } else skipped.push(index);
  }
  const shortenable = skipped.filter((index) => parts[index]!.shorten);
  shortenable.forEach((index, position) => {
    // An equal share of what is left, so one long value cannot crowd out the others.
    const share = Math.floor(left / (shortenable.length - position));
    if (share <= 0) return;
    const text = parts[index]!.shorten!(share);
    if (text === '') return;
    chosen[index] = text;
    left -= utf8Length(text);
  });
  return chosen;
}

/**
 * A `prefix value suffix` part whose value can be shortened. `render` escapes one character;
 * a shortened value keeps at least `minChars` characters or the part is left out.
 */
export function valuePart(
  prefix: string,
  value: string,
  suffix: string,
  rank: number,
  render: (char: string) => string,
  whole: string,
  minChars = 8,
): Part {
  return {
    text: whole,
    rank,
    shorten(maxBytes) {
      const room = maxBytes - utf8Length(prefix) - utf8Length(suffix);
      if (room <= 0) return '';
      const shown = renderPrefix(value, room, render);
      if ([...shown].length < Math.min(minChars, [...value].length)) return '';
      return prefix + shown + suffix;
    },
  };
}

/** A syslog header (or nothing) in front of the payload, from the event and its effective severity. */
export type Header = (event: SecurityEvent, severity: Severity) => string;

export interface Payload {
  /** The whole payload. */
  render(event: SecurityEvent, severity: Severity): string;
  /** The payload in at most `maxBytes` of UTF-8, marked as truncated. */
  fit(event: SecurityEvent, severity: Severity, maxBytes: number): string;
}

/**
 * One formatter: header + payload, severity overrides applied, and the size limit enforced.
 * The whole message is built first; only a message over the limit is rebuilt by `fit`.
 */
export function assemble(
  header: Header,
  payload: Payload,
  maxBytes: number | undefined,
  overrides: SeverityOverrides,
): (event: SecurityEvent) => string {
  const hasOverrides = Object.keys(overrides).length > 0;
  return (event) => {
    const severity = hasOverrides ? severityFor(event, overrides) : event.severity;
    const head = header(event, severity);
    const message = head + payload.render(event, severity);
    if (maxBytes === undefined || fitsBytes(message, maxBytes)) return message;
    return head + payload.fit(event, severity, maxBytes - utf8Length(head));
  };
}
