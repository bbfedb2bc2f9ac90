import { z } from 'zod';
import { SINKS, SOURCES } from '../core/registry.js';
import { configPath, sizeSchema } from './schema-helpers.js';

/** The root schema, assembled from each component's own schema (discriminated by `type`). */
const sourceSchema = z.discriminatedUnion('type', SOURCES.map((s) => s.configSchema) as never);
const sinkSchema = z.discriminatedUnion('type', SINKS.map((s) => s.configSchema) as never);

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
      })
      .strict()
      .default({})
      .describe("the agent's own log, on stderr (never one line per event)"),
    sources: z.array(sourceSchema).min(1, 'at least one source is required'),
    sinks: z.array(sinkSchema).min(1, 'at least one sink is required'),
  })
  .strict();

type SourceConfig = z.infer<(typeof SOURCES)[number]['configSchema']>;
type SinkConfig = z.infer<(typeof SINKS)[number]['configSchema']>;

export interface AgentConfig {
  state: string;
  buffer: { maxSize: number; segmentSize: number; sync: boolean };
  log: { level: 'error' | 'warn' | 'info' | 'debug'; format: 'text' | 'json' };
  sources: SourceConfig[];
  sinks: SinkConfig[];
}
