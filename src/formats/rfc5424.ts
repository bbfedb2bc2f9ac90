import { AuditRelayError } from '../core/errors.js';
import type { SecurityEvent, Severity } from '../core/event.js';
import type { SeverityOverrides } from './severity.js';
import { isPrintUsAscii, plainAsciiTable, plainChar, plainText, portText } from './text.js';
import { assemble, fitParts, type Header, type Part, type Payload, valuePart } from './truncate.js';

/**
 * RFC 5424 syslog messages. Pure; compiled once per sink.
 *   <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD…][SD…] MSG
 * HOSTNAME is the IBM i system name, PROCID the job number, MSGID the journal entry type.
 * Two SD elements: the normalized fields (`auditrelay@PEN`) and the entry-specific fields
 * decoded from the journal (`qaudjrn@PEN`), a message's fields (`ibmimsg@PEN`), or an exit
 * program's log row (`exitpgm@PEN`).
 */
export interface Rfc5424Options {
  /** Syslog facility 0–23; 13 (log audit) by default. */
  facility: number;
  /** APP-NAME; the event's origin (QAUDJRN) when empty. */
  appName: string;
  /** IANA Private Enterprise Number for the SD-IDs. */
  enterpriseNumber: number;
  /** Prefix MSG with a UTF-8 BOM (RFC 5424 §6.4); off by default, SIEM matchers trip on it. */
  bom: boolean;
  /** Largest message in bytes of UTF-8; longer ones are cut and carry `truncated="true"`. */
  maxMessageSize?: number;
  /** Syslog severities by entry type / sub-type (see severity.ts). */
  severityOverrides?: SeverityOverrides;
}

export const RFC5424_DEFAULTS: Rfc5424Options = {
  facility: 13,
  appName: '',
  enterpriseNumber: 0,
  bom: false,
};

/** Normalized fields carried in the first SD element, in this order. */
const EVENT_PARAMS = [
  'id',
  'entryType',
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
  'remoteAddress',
  'remotePort',
  'localAddress',
  'localPort',
  'direction',
  'receiverLibrary',
  'receiver',
  'sequence',
] as const satisfies ReadonlyArray<keyof SecurityEvent>;

/** Free text that may be shortened when a message is too long; the other values are kept whole or left out. */
const SHORTENABLE = new Set<string>(['entryTypeName', 'subtypeName', 'object', 'path']);

/** SD-NAME (SD-ID and PARAM-NAME): 1–32 printable US-ASCII except `= ] "` and space. */
export function isSdName(name: string): boolean {
  return /^[!#-<>-\\^-~]{1,32}$/.test(name);
}

/** One character of a PARAM-VALUE: `\`, `"` and `]` escaped (RFC 5424 §6.3.3); control characters become spaces. */
function paramChar(char: string): string {
  return char === '\\' || char === '"' || char === ']' ? `\\${char}` : plainChar(char);
}

const PARAM_SPECIALS = /[\\"\]]/g;

const PARAM_PLAIN = plainAsciiTable('\\"]');

/** PARAM-VALUE escaping (RFC 5424 §6.3.3): `\`, `"` and `]`; control characters become spaces. */
export function escapeParamValue(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7e || PARAM_PLAIN[c] === 0) return escapeParamSlow(value);
  }
  return value;
}

function escapeParamSlow(value: string): string {
  return plainText(value).replace(PARAM_SPECIALS, '\\$&');
}

/** `start` and the escaped value, or nothing for an absent or empty value. */
function param(start: string, value: string | undefined, end = ''): string {
  return value === undefined || value === '' ? '' : start + escapeParamValue(value) + end;
}

/** Header fields are PRINTUSASCII (33–126) with a length limit; anything else becomes `_`; empty is NILVALUE. */
export function headerField(value: string, max: number): string {
  if (value.length > 0 && value.length <= max && isPrintUsAscii(value)) return value;
  const clean = value.replace(/[^\u0021-\u007e]/g, '_').slice(0, max);
  return clean === '' ? '-' : clean;
}

const HOST_CHARACTERS = /^[A-Za-z0-9._:#$@-]+$/;

/**
 * HOSTNAME: RFC 5424 allows any PRINTUSASCII, but syslog-ng 3.38 refuses a whole message whose
 * HOSTNAME holds `[`. Host names, IPv4 and IPv6 addresses and IBM i system names need only
 * letters, digits and `. - _ : # $ @`; anything else becomes `_`.
 */
export function hostnameField(value: string): string {
  if (value.length > 0 && value.length <= 255 && HOST_CHARACTERS.test(value)) return value;
  const clean = value.replace(/[^A-Za-z0-9._:#$@-]/g, '_').slice(0, 255);
  return clean === '' ? '-' : clean;
}

export function checkRfc5424Options(options: Pick<Rfc5424Options, 'facility' | 'enterpriseNumber'>): void {
  if (!Number.isInteger(options.facility) || options.facility < 0 || options.facility > 23) {
    throw new AuditRelayError('AR_FORMAT_OPTION', `facility must be 0–23, got ${options.facility}`);
  }
  if (!Number.isSafeInteger(options.enterpriseNumber) || options.enterpriseNumber < 0) {
    throw new AuditRelayError(
      'AR_FORMAT_OPTION',
      `enterpriseNumber must be an IANA Private Enterprise Number, got ${options.enterpriseNumber}`,
    );
  }
}

/**
 * `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID ` — everything before STRUCTURED-DATA.
 * The timestamp is the event's own RFC 3339 time with the IBM i's UTC offset.
 */
export function compileRfc5424Header(options: Pick<Rfc5424Options, 'facility' | 'appName'>): Header {
  const pri = Array.from({ length: 8 }, (_, severity) => `<${options.facility * 8 + severity}>1 `);
  const fixedApp = options.appName === '' ? undefined : headerField(options.appName, 48);
  let lastSystem: string | undefined;
  let lastOrigin: string | undefined;
  /** ` HOSTNAME APP-NAME `: the same for every event of a sink in practice. */
  let hostApp = '';
  return (event, severity) => {
    if (event.system !== lastSystem || (fixedApp === undefined && event.origin !== lastOrigin)) {
      lastSystem = event.system;
      lastOrigin = event.origin;
      hostApp = ` ${hostnameField(event.system)} ${fixedApp ?? headerField(event.origin, 48)} `;
    }
    return (
      pri[severity]! +
      (event.time || '-') +
      hostApp +
      headerField(event.jobNumber, 128) +
      ' ' +
      headerField(event.entryType, 32) +
      ' '
    );
  };
}

/** STRUCTURED-DATA SP MSG: the payload of an RFC 5424 message. */
export function compileRfc5424Payload(options: Pick<Rfc5424Options, 'enterpriseNumber' | 'bom'>): Payload {
  const eventOpen = `[auditrelay@${options.enterpriseNumber}`;
  const journalOpen = `][qaudjrn@${options.enterpriseNumber}`;
  // A message's fields (QHST, QSYSOPR…) are not journal entry fields: an SD-ID of their own.
  const messageOpen = `][ibmimsg@${options.enterpriseNumber}`;
  // An exit program's log row has its own as well.
  const exitOpen = `][exitpgm@${options.enterpriseNumber}`;
  const fieldsOpen = (event: SecurityEvent) =>
    'messageQueue' in event.fields ? messageOpen : 'exitPoint' in event.fields ? exitOpen : journalOpen;
  const bom = options.bom ? '\ufeff' : '';
  // Entry keys repeat, so their parameter starts are built once: ` key="` for the first
  // parameter of the element, `" key="` (closing the previous value) for the others, null
  // for keys that are not SD-NAMEs.
  const firstStarts: Record<string, string | null> = Object.create(null);
  const nextStarts: Record<string, string | null> = Object.create(null);
  const learn = (key: string): void => {
    const usable = isSdName(key);
    firstStarts[key] = usable ? ` ${key}="` : null;
    nextStarts[key] = usable ? `" ${key}="` : null;
  };
  const isParamName = (key: string): boolean => {
    if (firstStarts[key] === undefined) learn(key);
    return firstStarts[key] !== null;
  };

  return {
    // Unrolled in EVENT_PARAMS order: a loop of keyed loads over events of several shapes is
    // several times slower. The unit tests check the order against `fit`, which loops.
    render(event) {
      // Each start closes the previous value: `" key="`. The id is always there (it is built
      // from the system, receiver and sequence), so it opens the element.
      let sd =
        eventOpen +
        ' id="' +
        escapeParamValue(event.id) +
        param('" entryType="', event.entryType) +
        param('" entryTypeName="', event.entryTypeName) +
        param('" subtype="', event.subtype) +
        param('" subtypeName="', event.subtypeName) +
        param('" action="', event.action) +
        param('" outcome="', event.outcome) +
        param('" user="', event.user) +
        param('" targetUser="', event.targetUser) +
        param('" job="', event.job) +
        param('" program="', event.program) +
        param('" programLibrary="', event.programLibrary) +
        param('" object="', event.object) +
        param('" objectLibrary="', event.objectLibrary) +
        param('" objectType="', event.objectType) +
        param('" path="', event.path) +
        param('" remoteAddress="', event.remoteAddress) +
        (event.remotePort === undefined ? '' : '" remotePort="' + portText(event.remotePort)) +
        param('" localAddress="', event.localAddress) +
        (event.localPort === undefined ? '' : '" localPort="' + portText(event.localPort)) +
        param('" direction="', event.direction) +
        param('" receiverLibrary="', event.receiverLibrary) +
        param('" receiver="', event.receiver) +
        param('" sequence="', event.sequence) +
        '"';
      const error = event.decodeError;
      if (error) sd += param(' decodeError="', error.code, '"') + param(' entryHex="', error.hex, '"');
      sd += fieldsOpen(event);
      const fields = event.fields;
      let open = false;
      for (const key in fields) {
        const value = fields[key]!;
        if (value === '') continue;
        let start = open ? nextStarts[key] : firstStarts[key];
        if (start === undefined) {
          learn(key);
          start = (open ? nextStarts[key] : firstStarts[key]) ?? null;
        }
        if (start === null) continue;
        sd += start + (typeof value === 'string' ? escapeParamValue(value) : value);
        open = true;
      }
      sd += open ? '"]' : ']';
      return event.message === '' ? sd : sd + ' ' + bom + plainText(event.message);
    },

    fit(event, _severity, maxBytes) {
      const parts: Part[] = [{ text: eventOpen, rank: -1 }];
      const param = (key: string, raw: string, rank: number, shortenable: boolean): Part => {
        const whole = ` ${key}="${escapeParamValue(raw)}"`;
        return shortenable ? valuePart(` ${key}="`, raw, '"', rank, paramChar, whole) : { text: whole, rank };
      };
      EVENT_PARAMS.forEach((key, index) => {
        const value = event[key];
        if (value !== undefined && (value !== '' || key === 'id')) {
          parts.push(param(key, String(value), index, SHORTENABLE.has(key)));
        }
      });
      if (event.decodeError) {
        parts.push(param('decodeError', event.decodeError.code, 50, false));
        parts.push(param('entryHex', event.decodeError.hex, 400, true));
      }
      parts.push({ text: ' truncated="true"', rank: -1 }, { text: fieldsOpen(event), rank: -1 });
      let rank = 200;
      for (const key in event.fields) {
        const value = event.fields[key]!;
        if (value !== '' && isParamName(key)) parts.push(param(key, String(value), rank++, true));
      }
      parts.push({ text: ']', rank: -1 });
      if (event.message !== '') {
        const whole = ` ${bom}${plainText(event.message)}`;
        parts.push(valuePart(` ${bom}`, event.message, '', 100, plainChar, whole));
      }
      return fitParts(parts, maxBytes).join('');
    },
  };
}

export function compileRfc5424(options: Rfc5424Options): (event: SecurityEvent) => string {
  checkRfc5424Options(options);
  return assemble(
    compileRfc5424Header(options),
    compileRfc5424Payload(options),
    options.maxMessageSize,
    options.severityOverrides ?? {},
  );
}

/** RFC 5424 header with NILVALUE structured data, for CEF, LEEF and JSON payloads. */
export function compileRfc5424PayloadHeader(
  options: Pick<Rfc5424Options, 'facility' | 'appName' | 'bom'>,
): Header {
  const header = compileRfc5424Header(options);
  const rest = options.bom ? '- \ufeff' : '- ';
  return (event: SecurityEvent, severity: Severity) => header(event, severity) + rest;
}
