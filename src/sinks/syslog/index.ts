import { resolve } from 'node:path';
import { z } from 'zod';
import { configPath, durationSchema } from '../../config/schema-helpers.js';
import type { Sink, SinkDescriptor } from '../../core/component.js';
import { compileRfc5424, RFC5424_DEFAULTS } from '../../formats/rfc5424.js';
import { type Framing, frame } from './framing.js';
import { StreamConnection } from './stream.js';
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
      .describe('verify the receiver certificate; turn off only for tests'),
  })
  .strict();

export const syslogConfigSchema = z
  .object({
    type: z.literal('syslog'),
    name: z.string().min(1).optional().describe('name in logs and metrics (default: sink-N)'),
    host: z.string().min(1).describe('receiver host name or IP address'),
    port: z.number().int().min(1).max(65535).optional().describe('receiver port (default 514; 6514 for tls)'),
    transport: z.enum(['udp', 'tcp', 'tls']).default('tcp').describe('udp (best effort), tcp or tls'),
    framing: z
      .enum(['octet-counting', 'lf'])
      .default('octet-counting')
      .describe('TCP/TLS framing (RFC 6587)'),
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
  description: 'Sends events as syslog messages over UDP, TCP or TLS.',
  configSchema: syslogConfigSchema,
  create(config, context): Sink {
    const format = compileRfc5424({
      ...RFC5424_DEFAULTS,
      facility: config.facility,
      appName: config.appName,
      enterpriseNumber: config.enterpriseNumber,
    });
    const counters = context.metrics.component(context.name);
    const port = config.port ?? (config.transport === 'tls' ? 6514 : 514);
    if (config.transport === 'udp') {
      const udp = new UdpConnection(config.host, port);
      return {
        async send(events) {
          const messages = events.map((event) => Buffer.from(format(event), 'utf8'));
          await udp.sendAll(messages);
          counters.eventsSent += events.length;
          counters.bytesSent += messages.reduce((n, m) => n + m.length, 0);
        },
        close: () => udp.close(),
      };
    }
    const stream = new StreamConnection({
      host: config.host,
      port,
      transport: config.transport,
      tls: {
        ...config.tls,
        ca: config.tls.ca && resolve(context.configDirectory, config.tls.ca),
        cert: config.tls.cert && resolve(context.configDirectory, config.tls.cert),
        key: config.tls.key && resolve(context.configDirectory, config.tls.key),
      },
      connectTimeoutMs: config.connectTimeout,
    });
    const framing: Framing = config.framing;
    return {
      async send(events) {
        let payload = '';
        for (const event of events) payload += frame(format(event), framing);
        const bytes = Buffer.from(payload, 'utf8');
        await stream.write(bytes);
        counters.eventsSent += events.length;
        counters.bytesSent += bytes.length;
      },
      close: () => stream.close(),
    };
  },
};
