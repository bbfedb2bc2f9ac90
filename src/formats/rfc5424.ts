import type { SecurityEvent } from '../events/security-event.js';

/**
 * RFC 5424 syslog messages. Pure; compiled once per sink.
 *   <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD…][SD…] MSG
 * HOSTNAME is the IBM i system name, PROCID the job number, MSGID the journal entry type.
 * Two SD elements: the normalized fields (`auditrelay@PEN`) and the entry-specific fields
 * decoded from the journal (`qaudjrn@PEN`).
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
}

export const RFC5424_DEFAULTS: Rfc5424Options = {
  facility: 13,
  appName: '',
  enterpriseNumber: 0,
  bom: false,
};

/** Normalized fields carried in the first SD element, in this order. */
const EVENT_PARAMS: ReadonlyArray<keyof SecurityEvent> = [
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
  'receiverLibrary',
  'receiver',
  'sequence',
];

/** SD-NAME (SD-ID and PARAM-NAME): 1–32 printable US-ASCII except `= ] "` and space. */
export function isSdName(name: string): boolean {
  return /^[!#-<>-\\^-~]{1,32}$/.test(name);
}

/** PARAM-VALUE escaping (RFC 5424 §6.3.3): `\`, `"` and `]`; control characters become spaces. */
export function escapeParamValue(value: string): string {
  return value.replace(/[\\"\]]/g, '\\$&').replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** Header fields are PRINTUSASCII (33–126) with a length limit; anything else becomes `_`. */
export function headerField(value: string, max: number): string {
  const clean = value.replace(/[^\u0021-\u007e]/g, '_').slice(0, max);
  return clean === '' ? '-' : clean;
}

export function compileRfc5424(options: Rfc5424Options): (event: SecurityEvent) => string {
  const eventSdId = `auditrelay@${options.enterpriseNumber}`;
  const entrySdId = `qaudjrn@${options.enterpriseNumber}`;
  const priPrefix = Array.from({ length: 8 }, (_, severity) => `<${options.facility * 8 + severity}>1 `);
  const bom = options.bom ? '\ufeff' : '';
  let lastSystem = '';
  let lastHost = '-';
  return (event) => {
    if (event.system !== lastSystem) {
      lastSystem = event.system;
      lastHost = headerField(event.system, 255);
    }
    let sd = `[${eventSdId}`;
    for (const key of EVENT_PARAMS) {
      const value = event[key];
      if (value !== undefined && value !== '') sd += ` ${key}="${escapeParamValue(String(value))}"`;
    }
    if (event.decodeError) {
      sd += ` decodeError="${event.decodeError.code}" entryHex="${event.decodeError.hex}"`;
    }
    sd += `][${entrySdId}`;
    for (const key in event.fields) {
      const value = event.fields[key];
      if (value !== '' && isSdName(key)) sd += ` ${key}="${escapeParamValue(String(value))}"`;
    }
    sd += ']';
    const message = event.message.replace(/[\r\n]+/g, ' ');
    return `${priPrefix[event.severity]}${event.time} ${lastHost} ${headerField(options.appName || event.origin, 48)} ${headerField(event.jobNumber, 128)} ${headerField(event.entryType, 32)} ${sd} ${bom}${message}`;
  };
}
