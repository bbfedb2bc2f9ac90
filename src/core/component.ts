import type { z } from 'zod';
import type { SecurityEvent } from '../events/security-event.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics } from '../telemetry/metrics.js';

/**
 * The contract every component meets (Vector's component spec, OTel's factories):
 * a descriptor with its config schema and a `create` that returns the running component.
 * Descriptors are listed in core/registry.ts, never registered by side effect.
 */
export interface ComponentContext {
  /** Unique name of this component instance, used in logs, metrics and state. */
  name: string;
  logger: Logger;
  metrics: Metrics;
  /** Directory of the configuration file: relative paths in the config resolve against it. */
  configDirectory: string;
}

export interface ComponentDescriptor<Config, Instance> {
  kind: 'source' | 'sink';
  type: string;
  description: string;
  /** Validates, applies defaults, documents: the single source of truth for this component's config. */
  configSchema: z.ZodType<Config, z.ZodTypeDef, unknown>;
  /** Checks that span several keys (OTel's Config.Validate); paths are relative to the component. */
  validate?(config: Config): { path: (string | number)[]; message: string }[];
  create(config: Config, context: ComponentContext): Instance;
}

/** An opaque, JSON-serializable resume position of one source. */
export type SourcePosition = Record<string, string>;

export interface SourceBatch {
  events: SecurityEvent[];
  /** Position after the last entry of this batch; undefined when the batch is empty. */
  position: SourcePosition | undefined;
  /** True when the source has caught up (the next read will wait for new entries). */
  caughtUp: boolean;
}

export interface Source {
  /** Reads the next batch after `after` (undefined: the configured start). Throws AuditRelayError. */
  read(after: SourcePosition | undefined, signal: AbortSignal): Promise<SourceBatch>;
  /** Milliseconds to wait before reading again after a caught-up batch. */
  readonly pollInterval: number;
  close(): Promise<void>;
}

export interface Sink {
  /**
   * Delivers a batch. Resolves once the destination has it by the transport's rules
   * (UDP: handed to the kernel; TCP/TLS: written and flushed). Throws AuditRelayError:
   * retryable ones are retried with backoff by the pipeline.
   */
  send(events: readonly SecurityEvent[], signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export type SourceDescriptor<C = never> = ComponentDescriptor<C, Source>;
export type SinkDescriptor<C = never> = ComponentDescriptor<C, Sink>;
