import { resolve } from 'node:path';
import { z } from 'zod';
import { configPath, durationSchema } from '../../config/schema-helpers.js';
import type { Sink, SinkDescriptor } from '../../core/component.js';
import { DEFAULT_BACKOFF } from '../../core/retry.js';
import type { SecurityEvent } from '../../events/security-event.js';
import {
  checkFormatOptions,
  compileFormat,
  FORMAT_NAMES,
  type FormatInput,
  type FormatName,
  HEADER_NAMES,
  type HeaderName,
  MIN_MESSAGE_SIZE,
  resolveFormatOptions,
} from '../../formats/index.js';
import { PROFILE_NAMES, siemProfile } from '../../formats/profiles.js';
import type { ComponentCounters } from '../../telemetry/metrics.js';
import { type Destination, FailoverGroup } from '../failover.js';
import { type Framing, frame } from './framing.js';
import { parsePin } from './pinning.js';
import { RelpConnection } from './relp.js';
import { StreamConnection, type TlsFiles } from './stream.js';
import { UdpConnection } from './udp.js';

const tlsSchema = z
  .object({
    ca: configPath
      .optional()
      .describe('PEM file of the CA that signed the receiver certificate (default: the system store)'),
    cert: configPath.optional().describe('client certificate (PEM) for receivers that require mutual TLS'),
    key: configPath.optional().describe('private key (PEM) of the client certificate'),
    servername: z
      .string()
      .optional()
      .describe('name to verify and send as SNI (default: host, unless it is an IP address)'),
    rejectUnauthorized: z
      .boolean()
      .default(true)
      .describe(
        'verify the receiver certificate chain and name; false with fingerprints = pin only (self-signed receivers)',
      ),
    fingerprints: z
      .array(
        z.string().superRefine((pin, ctx) => {
          try {
            parsePin(pin);
          } catch (error) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
          }
        }),
      )
      .optional()
      .describe('pinned receiver certificate fingerprints, RFC 5425 style: sha-256:AB:CD:…'),
  })
  .strict();

const destinationSchema = z
  .object({
    host: z.string().min(1).describe('receiver host name or IP address'),
    port: z.number().int().min(1).max(65535).optional().describe('receiver port (default: the sink port)'),
  })
  .strict();

export const syslogConfigSchema = z
  .object({
    type: z.literal('syslog'),
    name: z.string().min(1).optional().describe('name in logs and metrics (default: sink-N)'),
    host: z.string().min(1).optional().describe('receiver host name or IP address (or use destinations)'),
    port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .optional()
      .describe('receiver port (default 514; 6514 for tls; 2514 for relp)'),
    destinations: z
      .array(destinationSchema)
      .min(1)
      .optional()
      .describe('failover group: receivers in order of preference, used instead of host/port'),
    failback: durationSchema
      .default('60s')
      .describe('after this long on a backup destination, try the primary again'),
    transport: z
      .enum(['udp', 'tcp', 'tls', 'relp', 'relp-tls'])
      .optional()
      .describe(
        "udp (best effort), tcp, tls, or relp / relp-tls (acknowledged); default tcp, or the profile's",
      ),
    relpWindow: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(128)
      .describe('RELP: messages sent and not yet acknowledged, at most'),
    framing: z
      .enum(['octet-counting', 'lf'])
      .optional()
      .describe("TCP/TLS framing (RFC 6587); default octet-counting, or the profile's"),
    resendWindow: z
      .number()
      .int()
      .min(0)
      .default(100)
      .describe('TCP/TLS: messages written again after a reconnect, since TCP cannot say which arrived'),
    profile: z
      .enum(PROFILE_NAMES)
      .optional()
      .describe(
        'SIEM profile: the format, header, transport and keys that SIEM expects (docs/siem-profiles.md)',
      ),
    format: z
      .enum(FORMAT_NAMES as [FormatName, ...FormatName[]])
      .optional()
      .describe('rfc5424 (default), rfc3164, cef, leef1, leef2 or json'),
    header: z
      .enum(HEADER_NAMES as [HeaderName, ...HeaderName[]])
      .optional()
      .describe('syslog header before a CEF, LEEF or JSON payload (default rfc3164; none for json)'),
    facility: z.number().int().min(0).max(23).optional().describe('syslog facility (default 13, log audit)'),
    appName: z.string().max(48).optional().describe('RFC 5424 APP-NAME / RFC 3164 tag (default: QAUDJRN)'),
    enterpriseNumber: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('IANA Private Enterprise Number in the RFC 5424 SD-IDs (default 0, see docs/fields.md)'),
    bom: z.boolean().optional().describe('UTF-8 BOM before an RFC 5424 MSG (default off)'),
    maxMessageSize: z
      .number()
      .int()
      .min(MIN_MESSAGE_SIZE)
      .optional()
      .describe(
        'bytes; longer messages are cut on a safe boundary and marked truncated (default: 1472 for udp, none otherwise)',
      ),
    rfc3164Limit: z.boolean().optional().describe("hold RFC 3164 messages to RFC 3164's 1024 bytes"),
    leefDelimiter: z
      .string()
      .optional()
      .describe('LEEF 2.0 attribute delimiter: one character or xHH (default ^)'),
    jsonStyle: z
      .enum(['native', 'ecs'])
      .optional()
      .describe('JSON field names: native (docs/fields.md) or ECS-like'),
    cefJobKey: z
      .enum(['deviceProcessName', 'sproc'])
      .optional()
      .describe('CEF key of the qualified job name'),
    vendor: z.string().optional().describe('CEF/LEEF header vendor (default AuditRelay)'),
    product: z.string().optional().describe('CEF/LEEF header product (default IBM i Audit)'),
    severity: z
      .record(z.number().int().min(0).max(7))
      .optional()
      .describe('syslog severity by entry type (PW) or type and sub-type (PW-P), e.g. { PW-Q: 1 }'),
    connectTimeout: durationSchema.default('10s').describe('give up a connection attempt after this long'),
    tls: tlsSchema.default({}).describe('TLS settings (transport: tls); the receiver is verified by default'),
  })
  .strict();

export type SyslogConfig = z.infer<typeof syslogConfigSchema>;

export const syslogSink: SinkDescriptor<SyslogConfig> = {
  kind: 'sink',
  type: 'syslog',
  description:
    'Sends events as syslog messages over UDP, TCP, TLS or RELP, to one receiver or a failover group.',
  configSchema: syslogConfigSchema,
  validate(config) {
    const issues: { path: string[]; message: string }[] = [];
    if (!config.host === !config.destinations) {
      issues.push({
        path: [config.host ? 'destinations' : 'host'],
        message: 'give either host (and port) or destinations, not both and not neither',
      });
    }
    try {
      checkFormatOptions(resolveFormatOptions(formatInput(config)));
    } catch (error) {
      issues.push({ path: ['format'], message: (error as Error).message });
    }
    return issues;
  },
  create(config, context): Sink {
    // Explicit settings win over the profile's, which win over the built-in defaults.
    const profile = config.profile ? siemProfile(config.profile).transport : undefined;
    const transport = config.transport ?? profile?.transport ?? 'tcp';
    const framing: Framing = config.framing ?? profile?.framing ?? 'octet-counting';
    const isIpv6 = (config.host ?? config.destinations?.[0]?.host ?? '').includes(':');
    const format = compileFormat({
      ...formatInput(config),
      // A datagram should not be fragmented: below the Ethernet path MTU (RFC 5426).
      maxMessageSize: config.maxMessageSize ?? (transport === 'udp' ? (isIpv6 ? 1452 : 1472) : undefined),
    });
    const counters = context.metrics.component(context.name);
    const defaultPort = config.port ?? profile?.port ?? DEFAULT_PORTS[transport];
    const targets = config.destinations ?? [{ host: config.host!, port: config.port }];
    const inConfigDir = (path: string | undefined) => path && resolve(context.configDirectory, path);
    const tls: TlsFiles = {
      ...config.tls,
      ca: inConfigDir(config.tls.ca),
      cert: inConfigDir(config.tls.cert),
      key: inConfigDir(config.tls.key),
    };
    const destinations = targets.map(({ host, port = defaultPort }): Destination => {
      if (transport === 'udp') return udpDestination(new UdpConnection(host, port), format, counters);
      if (transport === 'relp' || transport === 'relp-tls') {
        const relp = new RelpConnection({
          host,
          port,
          tls: transport === 'relp-tls' ? tls : undefined,
          connectTimeoutMs: config.connectTimeout,
          window: config.relpWindow,
        });
        return relpDestination(relp, format, counters);
      }
      const stream = new StreamConnection({
        host,
        port,
        transport: transport as 'tcp' | 'tls',
        tls,
        connectTimeoutMs: config.connectTimeout,
        resendWindow: config.resendWindow,
      });
      return streamDestination(stream, format, framing, counters);
    });
    return new FailoverGroup(destinations, {
      failbackMs: config.failback,
      backoff: DEFAULT_BACKOFF,
      logger: context.logger,
    });
  },
};

type Format = (event: SecurityEvent) => string;

/** The format options of a sink config, as the formats module takes them. */
function formatInput(config: SyslogConfig): FormatInput {
  return {
    profile: config.profile,
    format: config.format,
    header: config.header,
    facility: config.facility,
    appName: config.appName,
    enterpriseNumber: config.enterpriseNumber,
    bom: config.bom,
    maxMessageSize: config.maxMessageSize,
    rfc3164Limit: config.rfc3164Limit,
    leefDelimiter: config.leefDelimiter,
    jsonStyle: config.jsonStyle,
    cefJobKey: config.cefJobKey,
    vendor: config.vendor,
    product: config.product,
    severityOverrides: config.severity,
  };
}

/** 514 is customary for syslog over UDP and TCP, 6514 is RFC 5425's TLS port; RELP has none (rsyslog's examples use 2514). */
const DEFAULT_PORTS = { udp: 514, tcp: 514, tls: 6514, relp: 2514, 'relp-tls': 2514 } as const;

function udpDestination(udp: UdpConnection, format: Format, counters: ComponentCounters): Destination {
  return {
    description: udp.description,
    async send(events) {
      const messages = events.map((event) => Buffer.from(format(event), 'utf8'));
      await udp.sendAll(messages);
      counters.eventsSent += events.length;
      counters.bytesSent += messages.reduce((n, m) => n + m.length, 0);
    },
    close: () => udp.close(),
  };
}

function relpDestination(relp: RelpConnection, format: Format, counters: ComponentCounters): Destination {
  return {
    description: relp.description,
    async send(events) {
      const messages = events.map((event) => Buffer.from(format(event), 'utf8'));
      const resentBefore = relp.counters.resent;
      try {
        await relp.send(messages);
      } finally {
        counters.resent += relp.counters.resent - resentBefore;
      }
      counters.eventsSent += events.length;
      counters.bytesSent += messages.reduce((n, m) => n + m.length, 0);
    },
    close: () => relp.close(),
  };
}

function streamDestination(
  stream: StreamConnection,
  format: Format,
  framing: Framing,
  counters: ComponentCounters,
): Destination {
  return {
    description: stream.description,
    async send(events) {
      const frames = events.map((event) => Buffer.from(frame(format(event), framing), 'utf8'));
      const { resent } = await stream.write(frames);
      counters.eventsSent += events.length;
      counters.bytesSent += frames.reduce((n, f) => n + f.length, 0);
      counters.resent += resent;
    },
    close: () => stream.close(),
  };
}
