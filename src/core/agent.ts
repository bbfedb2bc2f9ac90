import { resolve } from 'node:path';
import type { AgentConfig } from '../config/schema.js';
import type { Logger } from '../telemetry/logger.js';
import { Metrics } from '../telemetry/metrics.js';
import type { ComponentContext, ComponentDescriptor, Sink, Source } from './component.js';
import { type NamedSink, type NamedSource, runPipeline } from './pipeline.js';
import { SINKS, SOURCES } from './registry.js';

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
  backoff?: { initialMs: number; maxMs: number };
  drainTimeoutMs?: number;
}

function create<T>(
  kind: 'source' | 'sink',
  registry: readonly ComponentDescriptor<never, T>[],
  config: { type: string },
  context: ComponentContext,
): T {
  const descriptor = registry.find((d) => d.type === config.type);
  if (!descriptor) throw new Error(`no ${kind} of type ${config.type}`);
  return descriptor.create(config as never, context);
}

export function startAgent(options: AgentOptions): RunningAgent {
  const { config, directory, logger } = options;
  const metrics = options.metrics ?? new Metrics();
  const context = (name: string): ComponentContext => ({
    name,
    logger: logger.child({ component: name }),
    metrics,
    configDirectory: directory,
  });
  const sources: NamedSource[] = config.sources.map((c, i) => {
    const name = c.name ?? `source-${i + 1}`;
    return { name, source: create<Source>('source', SOURCES as never, c, context(name)) };
  });
  const sinks: NamedSink[] = config.sinks.map((c, i) => {
    const name = c.name ?? `sink-${i + 1}`;
    return { name, sink: create<Sink>('sink', SINKS as never, c, context(name)) };
  });
  const controller = new AbortController();
  const closeAll = async () => {
    await Promise.allSettled([...sources.map((s) => s.source.close()), ...sinks.map((s) => s.sink.close())]);
  };
  const done = runPipeline(
    {
      sources,
      sinks,
      stateDirectory: resolve(directory, config.state),
      buffer: {
        maxBytes: config.buffer.maxSize,
        segmentBytes: config.buffer.segmentSize,
        sync: config.buffer.sync,
      },
      logger,
      metrics,
      backoff: options.backoff,
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
