import { z } from 'zod';
import { SINKS, SOURCES } from '../core/registry.js';
import { configPath } from './schema-helpers.js';

/** The root schema, assembled from each component's own schema (discriminated by `type`). */
const sourceSchema = z.discriminatedUnion('type', SOURCES.map((s) => s.configSchema) as never);
const sinkSchema = z.discriminatedUnion('type', SINKS.map((s) => s.configSchema) as never);

export const configSchema = z
  .object({
    state: configPath.default('./state').describe('directory for the agent state (positions; later the WAL)'),
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
  log: { level: 'error' | 'warn' | 'info' | 'debug'; format: 'text' | 'json' };
  sources: SourceConfig[];
  sinks: SinkConfig[];
}
