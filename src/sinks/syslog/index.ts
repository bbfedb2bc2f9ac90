import { resolve } from 'node:path';
import { z } from 'zod';
import { type ConfigIssue, MIN_MESSAGE_SIZE, type Sink, type SinkDescriptor } from '../../core/component.js';
import { durationSchema, fingerprintsSchema, sizeSchema } from '../../core/schema.js';
import { deliverySink } from '../delivery.js';
import { tlsFileKeys } from '../tls-files.js';
import { relpDestination, streamDestination, udpDestination } from './destinations.js';
import type { Framing } from './framing.js';
import { RelpConnection } from './relp/connection.js';
import { StreamConnection, type TlsFiles } from './stream.js';
import { UdpConnection } from './udp.js';

/** A datagram should not be fragmented: below the Ethernet path MTU (RFC 5426); 20 less over IPv6. */
const UDP_MAX_MESSAGE = 1472;

/**
 * rsyslog 8's default maxMessageSize (measured: 8096 bytes arrive whole, 8097 are split and
 * the rest is taken for a message of its own, which lets a long field forge an event).
 * syslog-ng's default (64 KiB) is larger, so this is what the common receivers accept.
 */
export const STREAM_MAX_MESSAGE = 8096;

const tlsSchema = z
  .object({
    ...tlsFileKeys,
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
    fingerprints: fingerprintsSchema.describe(
      'pinned receiver certificate fingerprints, RFC 5425 style: sha-256:AB:CD:…',
    ),
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
    confirmBytes: sizeSchema
      .default('4MiB')
      .describe(
        'TCP/TLS: a connection that carried this much is ended to confirm delivery (see docs/delivery.md); at most this much is sent twice after a loss',
      ),
    confirmInterval: durationSchema
      .default('5s')
      .describe('TCP/TLS: ... or once its oldest unconfirmed message is this old'),
    confirmIdle: durationSchema
      .default('200ms')
      .describe('TCP/TLS: ... or when nothing was sent for this long'),
    confirmTimeout: durationSchema
      .default('10s')
      .describe(
        'TCP/TLS: how long to wait for the receiver to end its side; after that the messages are sent again',
      ),
    maxMessageSize: z
      .number()
      .int()
      .min(MIN_MESSAGE_SIZE)
      .optional()
      .describe(
        `bytes; longer messages are cut inside their fields and marked truncated (default: ${UDP_MAX_MESSAGE} for udp, ${STREAM_MAX_MESSAGE} otherwise, rsyslog's default limit)`,
      ),
    connectTimeout: durationSchema.default('10s').describe('give up a connection attempt after this long'),
    sendTimeout: durationSchema
      .default('30s')
      .describe('a batch a destination has not taken after this long fails over to the next destination'),
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
  validate(config, written) {
    const issues: ConfigIssue[] = [];
    if (!config.host === !config.destinations) {
      issues.push({
        path: [config.host ? 'destinations' : 'host'],
        message: 'give either host (and port) or destinations, not both and not neither',
      });
    }
    const transport = config.transport ?? 'tcp';
    for (const [key, transports] of TRANSPORT_KEYS) {
      if (written[key] === undefined || transports.includes(transport)) continue;
      issues.push({
        path: [key],
        message: `does not apply to transport ${transport} (only ${transports.join(', ')}): ignored${key === 'tls' ? '; events go out unencrypted' : ''}`,
        warning: true,
      });
    }
    return issues;
  },
  files(config) {
    if (config.transport !== 'tls' && config.transport !== 'relp-tls') return [];
    return (['ca', 'cert', 'key'] as const).flatMap((key) => {
      const file = config.tls[key];
      return file === undefined ? [] : [{ path: ['tls', key], file }];
    });
  },
  warnings(config) {
    const transport = config.transport ?? 'tcp';
    const warnings: { path: string[]; message: string }[] = [];
    const usesTls = transport === 'tls' || transport === 'relp-tls';
    const { tls } = config;
    if (usesTls && !tls.rejectUnauthorized && !tls.fingerprints?.length) {
      warnings.push({
        path: ['tls', 'rejectUnauthorized'],
        message:
          'the receiver certificate is not verified and no fingerprint is pinned: anyone in the path can read and change the events',
      });
    }
    if (transport === 'udp') {
      warnings.push({
        path: ['transport'],
        message:
          'udp is best effort: a datagram lost on the way or dropped by a busy receiver is gone, and nothing says so (use tcp, tls or relp)',
      });
    }
    return warnings;
  },
  messages: (config, context) => context.format({ maxMessageSize: messageLimit(config) }),
  create(config, context): Sink {
    const transport = config.transport ?? 'tcp';
    const framing: Framing = config.framing ?? 'octet-counting';
    const limit = messageLimit(config);
    const format = syslogSink.messages(config, context);
    const defaultPort = config.port ?? DEFAULT_PORTS[transport];
    const targets = config.destinations ?? [{ host: config.host!, port: config.port }];
    const inConfigDir = (path: string | undefined) => path && resolve(context.configDirectory, path);
    const tls: TlsFiles = {
      ...config.tls,
      ca: inConfigDir(config.tls.ca),
      cert: inConfigDir(config.tls.cert),
      key: inConfigDir(config.tls.key),
    };
    const destinations = targets.map(({ host, port = defaultPort }) => {
      if (transport === 'udp') return udpDestination(new UdpConnection(host, port));
      if (transport === 'relp' || transport === 'relp-tls') {
        const relp = new RelpConnection({
          host,
          port,
          tls: transport === 'relp-tls' ? tls : undefined,
          connectTimeoutMs: config.connectTimeout,
          window: config.relpWindow,
        });
        return relpDestination(relp);
      }
      const stream = new StreamConnection({
        host,
        port,
        transport,
        tls,
        connectTimeoutMs: config.connectTimeout,
        checkpointBytes: config.confirmBytes,
        checkpointIntervalMs: config.confirmInterval,
        idleMs: config.confirmIdle,
        closeTimeoutMs: config.confirmTimeout,
      });
      return streamDestination(stream, framing);
    });
    const shorter = [STREAM_MAX_MESSAGE, 2048]
      .filter((size) => size < limit)
      .map((size) => ({ maxMessageSize: size, format: context.format({ maxMessageSize: size }) }));
    return deliverySink(destinations, {
      format,
      shorter,
      deadLetters: context.deadLetters,
      failbackMs: config.failback,
      sendTimeoutMs: config.sendTimeout,
      backoff: context.backoff,
      logger: context.logger,
      counters: context.counters,
      name: context.name,
    });
  },
};

/** Settings that only some transports use: given for another one, they are ignored (a warning). */
const TRANSPORT_KEYS: readonly (readonly [string, readonly Transport[]])[] = [
  ['tls', ['tls', 'relp-tls']],
  ['relpWindow', ['relp', 'relp-tls']],
  ['framing', ['tcp', 'tls']],
  ['confirmBytes', ['tcp', 'tls']],
  ['confirmInterval', ['tcp', 'tls']],
  ['confirmIdle', ['tcp', 'tls']],
  ['confirmTimeout', ['tcp', 'tls']],
];

type Transport = NonNullable<SyslogConfig['transport']>;
/** The largest message: the configured one, else below the path MTU for UDP (RFC 5426), rsyslog's limit otherwise. */
function messageLimit(config: SyslogConfig): number {
  const isIpv6 = (config.host ?? config.destinations?.[0]?.host ?? '').includes(':');
  return (
    config.maxMessageSize ??
    ((config.transport ?? 'tcp') === 'udp'
      ? isIpv6
        ? UDP_MAX_MESSAGE - 20
        : UDP_MAX_MESSAGE
      : STREAM_MAX_MESSAGE)
  );
}

/** 514 is customary for syslog over UDP and TCP, 6514 is RFC 5425's TLS port; RELP has none (rsyslog's examples use 2514). */
export const DEFAULT_PORTS = { udp: 514, tcp: 514, tls: 6514, relp: 2514, 'relp-tls': 2514 } as const;
