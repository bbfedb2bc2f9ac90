import { z } from 'zod';
import { configPath, durationSchema, sizeSchema } from '../../core/schema.js';
import { type FilterConfig, filterSchema } from '../../events/filter.js';
import { PROFILE_NAMES, type ProfileName } from '../profiles.js';
import { FORMATS, SINKS, SOURCES } from '../registry.js';

/**
 * The root schema, assembled from each component's own schema (discriminated by `type`).
 * The agent adds what every source and sink has: a filter, and for sinks a format and a
 * SIEM profile.
 */
const objectSchema = (schema: unknown): z.AnyZodObject => {
  if (!(schema instanceof z.ZodObject)) throw new Error('a component schema must be a zod object');
  return schema;
};

const filter = filterSchema.optional().describe('which events go on (see Filters below)');
const stateId = (what: string) =>
  z
    .string()
    .min(1)
    .optional()
    .describe(
      `identity of this ${what}'s state (${what === 'sink' ? 'its WAL cursors' : 'its WAL and position'}); keeps it across a rename (default: name)`,
    );

export const formatSchema = z.preprocess(
  // `format: cef` is short for `format: { type: cef }`.
  (value) => (typeof value === 'string' ? { type: value } : value),
  z.discriminatedUnion('type', FORMATS.map((f) => objectSchema(f.configSchema)) as never),
);

export const sourceSchema = z.discriminatedUnion(
  'type',
  SOURCES.map((s) => objectSchema(s.configSchema).extend({ id: stateId('source'), filter })) as never,
);

export const sinkSchema = z.discriminatedUnion(
  'type',
  SINKS.map((s) =>
    objectSchema(s.configSchema).extend({
      id: stateId('sink'),
      profile: z
        .enum(PROFILE_NAMES)
        .optional()
        .describe(
          'SIEM profile: the format, header, transport and keys that SIEM expects (docs/siem-profiles.md)',
        ),
      format: formatSchema
        .default((s as { defaultFormat?: Record<string, unknown> }).defaultFormat ?? { type: 'rfc5424' })
        .describe(
          "message format: `rfc5424` (default, or the profile's), or `{ type: cef, … }` (see Formats)",
        ),
      filter,
    }),
  ) as never,
);

/** `HOST:PORT` or `[IPv6]:PORT`, as the metrics endpoint listens. */
export function parseListen(text: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/.exec(text);
  const port = Number(m?.[3]);
  return m && port <= 65535 ? { host: m[1] ?? m[2]!, port } : undefined;
}

export const configSchema = z
  .object({
    state: configPath
      .default('./state')
      .describe('directory for the agent state: one write-ahead log per source, one cursor per sink'),
    buffer: z
      .object({
        maxSize: sizeSchema
          .default('1GiB')
          .describe('disk buffer bound per source; when full the source pauses (nothing is dropped)'),
        segmentSize: sizeSchema.default('64MiB').describe('size of one WAL segment file'),
        sync: z
          .boolean()
          .default(true)
          .describe('fdatasync every commit group; turning it off trades crash safety for speed'),
      })
      .strict()
      .default({})
      .describe('the write-ahead log between sources and sinks'),
    log: z
      .object({
        level: z
          .enum(['error', 'warn', 'info', 'debug'])
          .default('info')
          .describe('least severe level written'),
        format: z
          .enum(['text', 'json'])
          .default('text')
          .describe('text for people, JSON lines for log collectors'),
        progressInterval: durationSchema
          .default('60s')
          .describe('a progress line (rates, backlog) this often; 0 turns it off'),
      })
      .strict()
      .default({})
      .describe("the agent's own log, on stderr (never one line per event)"),
    metrics: z
      .object({
        listen: z
          .string()
          .refine((value) => parseListen(value) !== undefined, 'expected HOST:PORT, e.g. 127.0.0.1:9464')
          .describe('address of the Prometheus endpoint, served at /metrics (no TLS: keep it local)'),
      })
      .strict()
      .optional()
      .describe('a Prometheus endpoint (off unless given)'),
    sources: z.array(sourceSchema).min(1, 'at least one source is required'),
    sinks: z.array(sinkSchema).min(1, 'at least one sink is required'),
  })
  .strict();

type SourceConfig = z.infer<(typeof SOURCES)[number]['configSchema']>;
type SinkConfig = z.infer<(typeof SINKS)[number]['configSchema']>;
export type FormatConfig = z.infer<(typeof FORMATS)[number]['configSchema']>;

export interface AgentConfig {
  state: string;
  buffer: { maxSize: number; segmentSize: number; sync: boolean };
  log: { level: 'error' | 'warn' | 'info' | 'debug'; format: 'text' | 'json'; progressInterval: number };
  metrics?: { listen: string };
  sources: (SourceConfig & { id?: string; filter?: FilterConfig })[];
  sinks: (SinkConfig & { id?: string; profile?: ProfileName; format: FormatConfig; filter?: FilterConfig })[];
}
