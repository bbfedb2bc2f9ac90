import type { SecurityEvent } from '../core/event.js';
import type { SeverityOverrides } from './severity.js';
import { isPrintUsAscii, plainChar, plainText, renderPrefix } from './text.js';
import { assemble, type Header, type Payload } from './truncate.js';

/**
 * RFC 3164 (BSD) syslog: `<PRI>Mmm dd hh:mm:ss HOST TAG: MSG`. Pure; compiled once per sink.
 * The timestamp is the IBM i's local wall time taken from the event's own time (RFC 3164 has
 * no year and no zone), the day padded with a space. HOST is the system name without a domain,
 * TAG the APP-NAME (default QAUDJRN) reduced to at most 32 letters and digits, MSG the event's
 * message on one line.
 */
export interface Rfc3164Options {
  facility: number;
  /** TAG; the event's origin (QAUDJRN) when empty. */
  appName: string;
  /** Largest message in bytes; longer ones are cut and end with ` [truncated]`. */
  maxMessageSize?: number;
  severityOverrides?: SeverityOverrides;
}

/** The packet limit of RFC 3164 §4.1. */
export const RFC3164_MAX_SIZE = 1024;

/** Ends a cut RFC 3164 MSG, which has no structure to carry a flag. */
export const RFC3164_TRUNCATED = ' [truncated]';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mmm dd hh:mm:ss` from `YYYY-MM-DDThh:mm:ss…`: the local wall time the event's time states. */
export function rfc3164Timestamp(time: string): string {
  const month = MONTHS[(time.charCodeAt(5) - 48) * 10 + time.charCodeAt(6) - 49];
  if (month === undefined || time.length < 19) return '-';
  const day = time.charCodeAt(8) === 48 ? ` ${time[9]}` : time.slice(8, 10);
  return `${month} ${day} ${time.slice(11, 19)}`;
}

/** HOSTNAME: no domain (RFC 3164 §4.1.2), printable US-ASCII, `-` when empty. */
export function rfc3164Host(system: string): string {
  const dot = system.indexOf('.');
  const host = dot < 0 ? system : system.slice(0, dot);
  if (host !== '' && isPrintUsAscii(host)) return host;
  const clean = host.replace(/[^\u0021-\u007e]/g, '_');
  return clean === '' ? '-' : clean;
}

/** TAG: letters and digits only, at most 32 (the first other character would end it). */
export function rfc3164Tag(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '').slice(0, 32) || 'auditrelay';
}

/** `<PRI>Mmm dd hh:mm:ss HOST ` — the header CEF and LEEF receivers expect before `CEF:`/`LEEF:`. */
export function compileRfc3164Header(options: Pick<Rfc3164Options, 'facility'>): Header {
  const pri = Array.from({ length: 8 }, (_, severity) => `<${options.facility * 8 + severity}>`);
  let lastSystem = '';
  let lastHost = '-';
  let lastTime = '';
  let lastStamp = '-';
  return (event, severity) => {
    if (event.system !== lastSystem) {
      lastSystem = event.system;
      lastHost = rfc3164Host(event.system);
    }
    // Events come in time order, many within one second.
    const second = event.time.slice(0, 19);
    if (second !== lastTime) {
      lastTime = second;
      lastStamp = rfc3164Timestamp(second);
    }
    return pri[severity]! + lastStamp + ' ' + lastHost + ' ';
  };
}

/** `TAG: MSG`. */
export function compileRfc3164Payload(options: Pick<Rfc3164Options, 'appName'>): Payload {
  const fixedTag = options.appName === '' ? undefined : `${rfc3164Tag(options.appName)}: `;
  let lastOrigin = '';
  let lastTag = '';
  const tagOf = (event: SecurityEvent) => {
    if (fixedTag !== undefined) return fixedTag;
    if (event.origin !== lastOrigin) {
      lastOrigin = event.origin;
      lastTag = `${rfc3164Tag(event.origin)}: `;
    }
    return lastTag;
  };
  return {
    render: (event) => tagOf(event) + plainText(event.message),
    fit(event, _severity, maxBytes) {
      const tag = tagOf(event);
      const room = maxBytes - tag.length - RFC3164_TRUNCATED.length;
      return tag + renderPrefix(event.message, room, plainChar) + RFC3164_TRUNCATED;
    },
  };
}

export function compileRfc3164(options: Rfc3164Options): (event: SecurityEvent) => string {
  return assemble(
    compileRfc3164Header(options),
    compileRfc3164Payload(options),
    options.maxMessageSize,
    options.severityOverrides ?? {},
  );
}
