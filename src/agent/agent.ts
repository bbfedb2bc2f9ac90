import { resolve } from 'node:path';
import { type BackoffOptions, DEFAULT_BACKOFF } from '../core/backoff.js';
import type { ComponentContext, FormatLimits, Formatter, SinkContext } from '../core/component.js';
import { AuditRelayError } from '../core/errors.js';
import type { Logger } from '../core/telemetry.js';
import { compileFilter } from '../events/filter.js';
import { deadLetters } from '../store/dead-letters.js';
import { Metrics } from '../telemetry/metrics.js';
import type { AgentConfig, FormatConfig } from './config/schema.js';
import { type NamedSink, type NamedSource, runPipeline } from './pipeline.js';
import { FORMATS, SINKS, SOURCES } from './registry.js';

export interface RunningAgent {
  metrics: Metrics;
  /** Settles when the pipeline ends: after stop(), or with a non-retryable error. */
  done: Promise<void>;
  /** Stops reading, lets the batch in flight finish (bounded), closes everything. */
  stop(): Promise<void>;
}

export interface AgentOptions {
  config: AgentConfig;
  /** Directory of the config file; relative paths resolve against it. */
  directory: string;
  logger: Logger;
  metrics?: Metrics;
  backoff?: BackoffOptions;
  drainTimeoutMs?: number;
}

function descriptorOf<D extends { type: string }>(kind: string, registry: readonly D[], type: string): D {
  const descriptor = registry.find((d) => d.type === type);
  if (!descriptor) throw new Error(`no ${kind} of type ${type}`);
  return descriptor;
}

function formatter(config: FormatConfig, limits: FormatLimits) {
  return descriptorOf('format', FORMATS, config.type).create(config as never, limits);
}

type SinkConfig = AgentConfig['sinks'][number];

/** A sink's name in logs, metrics and state: its `name`, else `sink-N`. */
export function sinkName(config: SinkConfig, index: number): string {
  return config.name ?? `sink-${index + 1}`;
}

/**
 * Exactly what the named sink sends for one event (its format with all its options, its size
 * limit, its envelope), for `auditrelay decode --sink`. AR_CLI_USAGE for an unknown name.
 */
export function sinkMessages(config: AgentConfig, name: string): Formatter {
  const index = config.sinks.findIndex((c, i) => sinkName(c, i) === name);
  const sink = config.sinks[index];
  if (sink === undefined) {
    const names = config.sinks.map(sinkName).join(', ');
    throw new AuditRelayError(
      'AR_CLI_USAGE',
      `no sink named ${JSON.stringify(name)} (the sinks are ${names})`,
    );
  }
  return descriptorOf('sink', SINKS, sink.type).messages(sink as never, {
    format: (limits) => formatter(sink.format, limits),
  });
}

/** Builds every component from the configuration and runs the pipeline between them. */
export function startAgent(options: AgentOptions): RunningAgent {
  const { config, directory, logger } = options;
  const metrics = options.metrics ?? new Metrics();
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const context = (name: string): ComponentContext => ({
    name,
    logger: logger.child({ component: name }),
    counters: metrics.component(name),
    configDirectory: directory,
  });
  const sources: NamedSource[] = config.sources.map((c, i) => {
    const name = c.name ?? `source-${i + 1}`;
    const descriptor = descriptorOf('source', SOURCES, c.type);
    return {
      name,
      source: descriptor.create(c, context(name)),
      toEvent: descriptor.toEvent as NamedSource['toEvent'],
      filter: compileFilter(c.filter),
    };
  });
  const stateDirectory = resolve(directory, config.state);
  const sinks: NamedSink[] = config.sinks.map((c, i) => {
    const name = sinkName(c, i);
    const sinkContext: SinkContext = {
      ...context(name),
      format: (limits) => formatter(c.format, limits),
      backoff,
      deadLetters: deadLetters(stateDirectory, name),
    };
    return {
      name,
      sink: descriptorOf('sink', SINKS, c.type).create(c as never, sinkContext),
      filter: compileFilter(c.filter),
    };
  });
  const controller = new AbortController();
  const closeAll = async () => {
    await Promise.allSettled([...sources.map((s) => s.source.close()), ...sinks.map((s) => s.sink.close())]);
  };
  const done = runPipeline(
    {
      sources,
      sinks,
      stateDirectory,
      buffer: {
        maxBytes: config.buffer.maxSize,
        segmentBytes: config.buffer.segmentSize,
        sync: config.buffer.sync,
      },
      logger,
      metrics,
      backoff,
      drainTimeoutMs: options.drainTimeoutMs,
    },
    controller.signal,
  ).finally(closeAll);
  return {
    metrics,
    done,
    async stop() {
      controller.abort();
      await done.catch(() => {});
    },
  };
}
