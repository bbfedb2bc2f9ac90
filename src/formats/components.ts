import { z } from 'zod';
import type { ConfigIssue, FormatDescriptor, FormatLimits, Formatter } from '../core/component.js';
import {
  checkFormatOptions,
  checkHeaderText,
  compileFormat,
  FORMAT_DEFAULTS,
  type FormatInput,
  resolveFormatOptions,
} from './index.js';
import { leefDelimiterChar } from './leef.js';
import { checkSeverityOverrides } from './severity.js';

/**
 * The formats as components: one descriptor per format, each with its own schema. A sink
 * embeds one as `format: { type: cef, … }` (or just `format: cef`). The option names and
 * defaults are those of FormatOptions (formats/index.ts); the schemas only expose, per
 * format, the options that format uses.
 */

/** A check that throws AR_FORMAT_OPTION, as a zod refinement with the same message. */
function checked<T>(check: (value: T) => void) {
  return (value: T, ctx: z.RefinementCtx) => {
    try {
      check(value);
    } catch (error) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
    }
  };
}

const facility = z
  .number()
  .int()
  .min(0)
  .max(23)
  .default(FORMAT_DEFAULTS.facility)
  .describe('syslog facility of PRI (13: log audit)');
const appName = z
  .string()
  .max(48)
  .optional()
  .describe('RFC 5424 APP-NAME / RFC 3164 tag (default: the event origin, e.g. QAUDJRN)');
const severity = z
  .record(z.number().int().min(0).max(7))
  .superRefine(checked(checkSeverityOverrides))
  .optional()
  .describe('syslog severity by entry type (PW) or type and sub-type (PW-P), e.g. { PW-Q: 1 }');
const rfc3164Limit = z
  .boolean()
  .default(FORMAT_DEFAULTS.rfc3164Limit)
  .describe("hold messages with an RFC 3164 header to RFC 3164's 1024 bytes");
const bom = z
  .boolean()
  .default(FORMAT_DEFAULTS.bom)
  .describe('UTF-8 BOM before the MSG of an RFC 5424 message');
const headerText = (name: string, fallback: string) =>
  z
    .string()
    .superRefine(checked((value: string) => checkHeaderText(name, value, 63)))
    .default(fallback)
    .describe(`CEF/LEEF header ${name}`);
const header = (fallback: 'rfc3164' | 'none') =>
  z.enum(['rfc3164', 'rfc5424', 'none']).default(fallback).describe('syslog header in front of the payload');

const rfc5424Schema = z
  .object({
    type: z.literal('rfc5424'),
    facility,
    appName,
    severity,
    enterpriseNumber: z
      .number()
      .int()
      .min(0)
      .default(FORMAT_DEFAULTS.enterpriseNumber)
      .describe(
        'IANA Private Enterprise Number in the SD-IDs auditrelay@N and qaudjrn@N (see docs/fields.md)',
      ),
    bom,
  })
  .strict();

const rfc3164Schema = z
  .object({ type: z.literal('rfc3164'), facility, appName, severity, rfc3164Limit })
  .strict();

const payloadBase = {
  facility,
  appName,
  severity,
  rfc3164Limit,
  bom,
  vendor: headerText('vendor', FORMAT_DEFAULTS.vendor),
  product: headerText('product', FORMAT_DEFAULTS.product),
};

const cefSchema = z
  .object({
    type: z.literal('cef'),
    header: header('rfc3164'),
    ...payloadBase,
    jobKey: z
      .enum(['deviceProcessName', 'sproc'])
      .default(FORMAT_DEFAULTS.cefJobKey)
      .describe('CEF key of the qualified job name'),
  })
  .strict();

const leef1Schema = z
  .object({ type: z.literal('leef1'), header: header('rfc3164'), ...payloadBase })
  .strict();

const leef2Schema = z
  .object({
    type: z.literal('leef2'),
    header: header('rfc3164'),
    ...payloadBase,
    delimiter: z
      .string()
      .superRefine(checked(leefDelimiterChar))
      .default(FORMAT_DEFAULTS.leefDelimiter)
      .describe('attribute delimiter: one character or xHH'),
  })
  .strict();

const jsonSchema = z
  .object({
    type: z.literal('json'),
    header: header('none'),
    facility,
    appName,
    severity,
    rfc3164Limit,
    bom,
    style: z
      .enum(['native', 'ecs', 'cim'])
      .default(FORMAT_DEFAULTS.jsonStyle)
      .describe('field names: native (docs/fields.md), ECS (Elastic) or CIM (Splunk)'),
  })
  .strict();

type AnyFormatConfig = z.infer<
  | typeof rfc5424Schema
  | typeof rfc3164Schema
  | typeof cefSchema
  | typeof leef1Schema
  | typeof leef2Schema
  | typeof jsonSchema
>;

/** Where the flat FormatOptions names differ from the names in a format config. */
const NESTED_NAMES: Partial<Record<keyof FormatInput, string>> = {
  format: 'type',
  severityOverrides: 'severity',
  cefJobKey: 'jobKey',
  leefDelimiter: 'delimiter',
  jsonStyle: 'style',
};

/** The name of a FormatOptions option inside a format config (`cefJobKey` → `jobKey`). */
export function nestedFormatKey(flat: string): string {
  return NESTED_NAMES[flat as keyof FormatInput] ?? flat;
}

/** Flat FormatOptions (as a SIEM profile states them) as a format config. */
export function nestedFormatConfig(flat: FormatInput): Record<string, unknown> {
  return Object.fromEntries(Object.entries(flat).map(([key, value]) => [nestedFormatKey(key), value]));
}

/** A format config as FormatOptions input (the flat names the formatters and tests use). */
export function formatInputOf(config: AnyFormatConfig, limits: FormatLimits = {}): FormatInput {
  const input: FormatInput = {
    format: config.type,
    facility: config.facility,
    appName: config.appName,
    severityOverrides: config.severity,
    maxMessageSize: limits.maxMessageSize,
  };
  if ('enterpriseNumber' in config) input.enterpriseNumber = config.enterpriseNumber;
  if ('bom' in config) input.bom = config.bom;
  if ('rfc3164Limit' in config) input.rfc3164Limit = config.rfc3164Limit;
  if ('header' in config) input.header = config.header;
  if ('vendor' in config) {
    input.vendor = config.vendor;
    input.product = config.product;
  }
  if ('jobKey' in config) input.cefJobKey = config.jobKey;
  if ('delimiter' in config) input.leefDelimiter = config.delimiter;
  if ('style' in config) input.jsonStyle = config.style;
  return input;
}

function descriptor<Config extends AnyFormatConfig>(
  type: Config['type'],
  description: string,
  configSchema: z.ZodType<Config, z.ZodTypeDef, unknown>,
): FormatDescriptor<Config> {
  return {
    kind: 'format',
    type,
    description,
    configSchema,
    validate(config): ConfigIssue[] {
      try {
        checkFormatOptions(resolveFormatOptions(formatInputOf(config)));
        return [];
      } catch (error) {
        return [{ path: [], message: (error as Error).message }];
      }
    },
    create(config, limits): Formatter {
      return compileFormat(formatInputOf(config, limits));
    },
  };
}

export const rfc5424Format = descriptor(
  'rfc5424',
  'RFC 5424 syslog: the normalized fields and the entry fields as structured data, the message as MSG.',
  rfc5424Schema,
);
export const rfc3164Format = descriptor(
  'rfc3164',
  'RFC 3164 (BSD) syslog: one readable line with the local time of the IBM i.',
  rfc3164Schema,
);
export const cefFormat = descriptor('cef', 'ArcSight CEF:0 with the extension dictionary keys.', cefSchema);
export const leef1Format = descriptor(
  'leef1',
  'IBM QRadar LEEF 1.0 (tab-delimited attributes).',
  leef1Schema,
);
export const leef2Format = descriptor(
  'leef2',
  'IBM QRadar LEEF 2.0 with a configurable attribute delimiter.',
  leef2Schema,
);
export const jsonFormat = descriptor(
  'json',
  'One JSON object per line: the event as docs/fields.md documents it, or with ECS names.',
  jsonSchema,
);
