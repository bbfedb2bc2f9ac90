import { resolve } from 'node:path';
import { z } from 'zod';
import { configPath, durationSchema } from '../../config/schema-helpers.js';
import type { Sink, SinkDescriptor } from '../../core/component.js';
import { DEFAULT_BACKOFF } from '../../core/retry.js';
import type { SecurityEvent } from '../../events/security-event.js';
import { compileRfc5424, RFC5424_DEFAULTS } from '../../formats/rfc5424.js';
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
      .default('tcp')
      .describe('udp (best effort), tcp, tls, or relp / relp-tls (acknowledged delivery)'),
    relpWindow: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(128)
      .describe('RELP: messages sent and not yet acknowledged, at most'),
    framing: z
      .enum(['octet-counting', 'lf'])
      .default('octet-counting')
      .describe('TCP/TLS framing (RFC 6587)'),
    resendWindow: z
      .number()
      .int()
      .min(0)
      .default(100)
      .describe('TCP/TLS: messages written again after a reconnect, since TCP cannot say which arrived'),
    format: z.enum(['rfc5424']).default('rfc5424').describe('message format'),
    facility: z
      .number()
      .int()
      .min(0)
      .max(23)
      .default(RFC5424_DEFAULTS.facility)
      .describe('syslog facility (13 = log audit)'),
    appName: z.string().max(48).default('').describe('APP-NAME (default: QAUDJRN)'),
    enterpriseNumber: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('IANA Private Enterprise Number used in SD-IDs'),
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
    if (!config.host === !config.destinations) {
      return [
        {
          path: [config.host ? 'destinations' : 'host'],
          message: 'give either host (and port) or destinations, not both and not neither',
        },
      ];
    }
    return [];
  },
  create(config, context): Sink {
    const format = compileRfc5424({
      ...RFC5424_DEFAULTS,
      facility: config.facility,
      appName: config.appName,
      enterpriseNumber: config.enterpriseNumber,
    });
    const counters = context.metrics.component(context.name);
    const defaultPort = config.port ?? DEFAULT_PORTS[config.transport];
    const targets = config.destinations ?? [{ host: config.host!, port: config.port }];
    const inConfigDir = (path: string | undefined) => path && resolve(context.configDirectory, path);
    const tls: TlsFiles = {
      ...config.tls,
      ca: inConfigDir(config.tls.ca),
      cert: inConfigDir(config.tls.cert),
      key: inConfigDir(config.tls.key),
    };
    const destinations = targets.map(({ host, port = defaultPort }): Destination => {
      if (config.transport === 'udp') return udpDestination(new UdpConnection(host, port), format, counters);
      if (config.transport === 'relp' || config.transport === 'relp-tls') {
        const relp = new RelpConnection({
          host,
          port,
          tls: config.transport === 'relp-tls' ? tls : undefined,
          connectTimeoutMs: config.connectTimeout,
          window: config.relpWindow,
        });
        return relpDestination(relp, format, counters);
      }
      const stream = new StreamConnection({
        host,
        port,
        transport: config.transport as 'tcp' | 'tls',
        tls,
        connectTimeoutMs: config.connectTimeout,
        resendWindow: config.resendWindow,
      });
      return streamDestination(stream, format, config.framing, counters);
    });
    return new FailoverGroup(destinations, {
      failbackMs: config.failback,
      backoff: DEFAULT_BACKOFF,
      logger: context.logger,
    });
  },
};

type Format = (event: SecurityEvent) => string;

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
