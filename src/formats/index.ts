import { MIN_MESSAGE_SIZE } from '../core/component.js';
import { AuditRelayError } from '../core/errors.js';
import type { SecurityEvent } from '../core/event.js';
import { type CefJobKey, compileCefPayload } from './cef.js';
import { compileJsonPayload, type JsonStyle } from './json.js';
import { compileLeefPayload, leefDelimiterChar } from './leef.js';
import { compileRfc3164, compileRfc3164Header, RFC3164_MAX_SIZE } from './rfc3164.js';
import { checkRfc5424Options, compileRfc5424, compileRfc5424PayloadHeader } from './rfc5424.js';
import { checkSeverityOverrides, type SeverityOverrides } from './severity.js';
import { isControl } from './text.js';
import { assemble, type Header, type Payload } from './truncate.js';

/**
 * Every message format, behind one entry point: `compileFormat(options)` once per sink gives
 * a pure `(event) => string` that builds exactly the message the sink sends (without framing).
 */
export type FormatName = 'rfc5424' | 'rfc3164' | 'cef' | 'leef1' | 'leef2' | 'json';
export const FORMAT_NAMES: readonly FormatName[] = ['rfc5424', 'rfc3164', 'cef', 'leef1', 'leef2', 'json'];

/** The syslog header in front of a CEF, LEEF or JSON payload. */
export type HeaderName = 'rfc3164' | 'rfc5424' | 'none';
export const HEADER_NAMES: readonly HeaderName[] = ['rfc3164', 'rfc5424', 'none'];

/** The product version in CEF and LEEF headers; a unit test keeps it equal to package.json. */
export const AUDITRELAY_VERSION = '0.1.0';

export interface FormatOptions {
  format: FormatName;
  /**
   * Header for cef, leef1, leef2 and json: `rfc3164` (`<PRI>Mmm dd hh:mm:ss HOST `, what CEF and
   * LEEF receivers expect), `rfc5424` (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID - `) or `none`.
   * Default rfc3164 for CEF and LEEF, none for JSON. rfc3164 and rfc5424 bring their own.
   */
  header: HeaderName;
  /** Syslog facility 0–23 for PRI; 13 (log audit). */
  facility: number;
  /** RFC 5424 APP-NAME and RFC 3164 TAG; the event's origin (QAUDJRN) when empty. */
  appName: string;
  /** IANA Private Enterprise Number in the RFC 5424 SD-IDs `auditrelay@PEN` and `qaudjrn@PEN`. */
  enterpriseNumber: number;
  /** UTF-8 BOM before an RFC 5424 MSG (RFC 5424 §6.4); off, because SIEM matchers trip on it. */
  bom: boolean;
  /** Largest message in bytes of UTF-8 (at least 480); longer ones are cut and marked truncated. */
  maxMessageSize?: number;
  /** Hold every message with an RFC 3164 header to RFC 3164's 1024 bytes. */
  rfc3164Limit: boolean;
  /** LEEF 2.0 attribute delimiter: one character or `xHH`; `^` by default. */
  leefDelimiter: string;
  jsonStyle: JsonStyle;
  /** CEF and LEEF header vendor, product and version. */
  vendor: string;
  product: string;
  version: string;
  /** CEF key of the qualified job name. */
  cefJobKey: CefJobKey;
  /** Syslog severities by entry type (`PW`) or type and sub-type (`PW-P`). */
  severityOverrides: SeverityOverrides;
}

export const FORMAT_DEFAULTS: Readonly<FormatOptions> = {
  format: 'rfc5424',
  header: 'rfc3164',
  facility: 13,
  appName: '',
  enterpriseNumber: 0,
  bom: false,
  rfc3164Limit: false,
  leefDelimiter: '^',
  jsonStyle: 'native',
  vendor: 'AuditRelay',
  product: 'IBM i Audit',
  version: AUDITRELAY_VERSION,
  cefJobKey: 'deviceProcessName',
  severityOverrides: {},
};

/** Options as a format config or a command line gives them: any subset. */
export type FormatInput = Partial<FormatOptions>;

/** Defaults, then the given options (undefined ones ignored); the header follows the format unless given. */
export function resolveFormatOptions(input: FormatInput = {}): FormatOptions {
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const merged: FormatOptions = { ...FORMAT_DEFAULTS, ...defined };
  if (input.header === undefined) merged.header = merged.format === 'json' ? 'none' : 'rfc3164';
  return merged;
}

function option(condition: boolean, message: string): void {
  if (!condition) throw new AuditRelayError('AR_FORMAT_OPTION', message);
}

export function checkHeaderText(name: string, value: string, max: number): void {
  option(
    value !== '' && value.length <= max && ![...value].some((c) => c === '|' || isControl(c.charCodeAt(0))),
    `${name} must be 1–${max} characters without | or control characters, got ${JSON.stringify(value)}`,
  );
}

/** Throws AR_FORMAT_OPTION, naming the option, for anything a formatter cannot honour. */
export function checkFormatOptions(options: FormatOptions): void {
  option(FORMAT_NAMES.includes(options.format), `format must be one of ${FORMAT_NAMES.join(', ')}`);
  option(HEADER_NAMES.includes(options.header), `header must be one of ${HEADER_NAMES.join(', ')}`);
  option(
    options.jsonStyle === 'native' || options.jsonStyle === 'ecs' || options.jsonStyle === 'cim',
    'jsonStyle must be native, ecs or cim',
  );
  option(
    options.cefJobKey === 'deviceProcessName' || options.cefJobKey === 'sproc',
    'cefJobKey must be deviceProcessName or sproc',
  );
  checkRfc5424Options(options);
  if (options.maxMessageSize !== undefined) {
    option(
      Number.isInteger(options.maxMessageSize) && options.maxMessageSize >= MIN_MESSAGE_SIZE,
      `maxMessageSize must be a whole number of bytes, at least ${MIN_MESSAGE_SIZE}`,
    );
  }
  // CEF header lengths (deviceVendor 63, deviceProduct 63, deviceVersion 31) hold for LEEF too.
  checkHeaderText('vendor', options.vendor, 63);
  checkHeaderText('product', options.product, 63);
  checkHeaderText('version', options.version, 31);
  if (options.format === 'leef2') leefDelimiterChar(options.leefDelimiter);
  checkSeverityOverrides(options.severityOverrides);
}

function payloadOf(options: FormatOptions): Payload {
  switch (options.format) {
    case 'cef':
      return compileCefPayload({
        vendor: options.vendor,
        product: options.product,
        version: options.version,
        jobKey: options.cefJobKey,
      });
    case 'leef1':
    case 'leef2':
      return compileLeefPayload({
        version: options.format === 'leef1' ? '1.0' : '2.0',
        delimiter: options.leefDelimiter,
        vendor: options.vendor,
        product: options.product,
        productVersion: options.version,
      });
    default:
      return compileJsonPayload(options.jsonStyle);
  }
}

const NO_HEADER: Header = () => '';

/** Compiles the formatter of one sink. Throws AR_FORMAT_OPTION for invalid options. */
export function compileFormat(input: FormatInput = {}): (event: SecurityEvent) => string {
  const options = resolveFormatOptions(input);
  checkFormatOptions(options);
  const usesRfc3164 =
    options.format === 'rfc3164' || (options.format !== 'rfc5424' && options.header === 'rfc3164');
  const maxMessageSize =
    options.rfc3164Limit && usesRfc3164
      ? Math.min(options.maxMessageSize ?? RFC3164_MAX_SIZE, RFC3164_MAX_SIZE)
      : options.maxMessageSize;
  const overrides = { ...options.severityOverrides };
  if (options.format === 'rfc5424') {
    return compileRfc5424({ ...options, maxMessageSize, severityOverrides: overrides });
  }
  if (options.format === 'rfc3164') {
    return compileRfc3164({ ...options, maxMessageSize, severityOverrides: overrides });
  }
  const header =
    options.header === 'rfc5424'
      ? compileRfc5424PayloadHeader(options)
      : options.header === 'rfc3164'
        ? compileRfc3164Header(options)
        : NO_HEADER;
  return assemble(header, payloadOf(options), maxMessageSize, overrides);
}

export type { CefJobKey } from './cef.js';
export type { JsonStyle } from './json.js';
export { cefSeverity, leefSeverity, type SeverityOverrides, severityFor } from './severity.js';
