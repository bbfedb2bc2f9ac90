import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { type BackoffOptions, DEFAULT_BACKOFF } from '../core/backoff.js';
import type { ComponentContext, FormatLimits, Formatter, SinkContext } from '../core/component.js';
import { AuditRelayError, describeError } from '../core/errors.js';
import type { SecurityEvent } from '../core/event.js';
import type { Logger } from '../core/telemetry.js';
import { compileFilter } from '../events/filter.js';
import { SharedFormats } from '../formats/shared.js';
import { deadLetters } from '../store/dead-letters.js';
import type { LockOptions } from '../store/state/lock.js';
import type { RootLogger } from '../telemetry/logger.js';
import { Metrics } from '../telemetry/metrics.js';
import {
  type AgentMetrics,
  agentMetrics,
  serveMetrics,
  type TelemetryView,
} from '../telemetry/prometheus.js';
import { type AgentConfig, type FormatConfig, parseListen } from './config/schema.js';
import { type NamedSink, type NamedSource, Pipeline } from './pipeline.js';
import { startProgress } from './progress.js';
import { FORMATS, SINKS, SOURCES } from './registry.js';
import { identities, planReload } from './reload.js';
import { SourceThreads } from './source-thread.js';
import { VERSION } from './version.js';

export interface RunningAgent {
  metrics: Metrics;
  /** Settles when the agent ends: after stop(), or with a non-retryable error. */
  done: Promise<void>;
  /** Stops reading, lets the sinks drain (bounded), closes everything; resolves when done. */
  stop(): Promise<void>;
  /** Applies a new configuration where it can be applied live; otherwise keeps the running one. */
  reload(config: AgentConfig, directory: string): Promise<ReloadResult>;
  view(): TelemetryView;
}

export interface ReloadResult {
  /** What changed, one entry each; empty when nothing did. */
  applied: string[];
  /** Why nothing was applied: changes that need a restart, or a component that failed to build. */
  refused: string[];
}

export interface AgentOptions {
  config: AgentConfig;
  /** Directory of the config file; relative paths resolve against it. */
  directory: string;
  logger: Logger | RootLogger;
  metrics?: Metrics;
  backoff?: BackoffOptions;
  drainTimeoutMs?: number;
  /** The configuration file, named in the commands the state checks suggest. */
  configFile?: string;
  lock?: LockOptions;
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

/** Builds the components of one configuration (nothing connects until the pipeline reads or sends). */
function components(
  config: AgentConfig,
  directory: string,
  options: AgentOptions,
  metrics: Metrics,
  threads: SourceThreads,
) {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const context = (name: string): ComponentContext => ({
    name,
    logger: options.logger.child({ component: name }),
    counters: metrics.component(name),
    configDirectory: directory,
  });
  const ids = identities(config);
  // Sinks with equal formats and limits format each event once (formats are pure functions).
  const formats = new SharedFormats();
  return {
    source(index: number): NamedSource {
      const c = config.sources[index]!;
      const { name, id } = ids.sources[index]!;
      const descriptor = descriptorOf('source', SOURCES, c.type);
      // Sources read, decode and encode in source threads: ingest and delivery use two cores.
      const { logger, counters } = context(name);
      const { filter, ...sourceConfig } = c;
      const threaded = threads.open(
        { type: c.type, config: sourceConfig, name, configDirectory: directory, filter },
        logger,
        counters,
      );
      return {
        name,
        id,
        source: threaded,
        // Its thread hands over events: read again after WAL damage, they need no decoding.
        toEvent: (event) => event as SecurityEvent,
        positionOf: descriptor.positionOf,
        filter: compileFilter(filter),
        readStored: (after, signal) => threaded.readStored(after, signal),
      };
    },
    sink(index: number): NamedSink {
      const c = config.sinks[index]!;
      const { name, id } = ids.sinks[index]!;
      const sinkContext: SinkContext = {
        ...context(name),
        format: (limits) =>
          formats.get(JSON.stringify([c.format, limits]), () => formatter(c.format, limits)),
        backoff,
        deadLetters: deadLetters(resolve(directory, config.state), name),
      };
      return {
        name,
        id,
        sink: descriptorOf('sink', SINKS, c.type).create(c as never, sinkContext),
        filter: compileFilter(c.filter),
      };
    },
  };
}

/**
 * Takes the state directory, builds every component from the configuration and runs the
 * pipeline between them; serves metrics and logs progress when configured. Rejects when the
 * state cannot be taken (AR_STATE_LOCKED, AR_STATE_VERSION, AR_STATE_UNCLAIMED).
 */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const { logger } = options;
  const metrics = options.metrics ?? new Metrics();
  let config = options.config;
  const threads = new SourceThreads();
  const build = components(config, options.directory, options, metrics, threads);
  const pipeline = await Pipeline.open({
    sources: config.sources.map((_, i) => build.source(i)),
    sinks: config.sinks.map((_, i) => build.sink(i)),
    stateDirectory: resolve(options.directory, config.state),
    buffer: {
      maxBytes: config.buffer.maxSize,
      segmentBytes: config.buffer.segmentSize,
      sync: config.buffer.sync,
    },
    logger,
    metrics,
    backoff: options.backoff,
    drainTimeoutMs: options.drainTimeoutMs,
    configFile: options.configFile,
    lock: options.lock,
  });
  const view = (): TelemetryView => {
    const { sources, deliveries } = pipeline.view();
    return {
      components: metrics.snapshot(),
      sources: sources.map((s) => ({
        name: s.name,
        walBytes: s.wal.bytes,
        walMaxBytes: s.wal.maxBytes,
        walSegments: s.wal.segments,
        walEvents: s.wal.lastId - s.wal.firstId + 1,
        position: s.position,
        newestEventMs: s.newestEventMs,
      })),
      deliveries,
    };
  };
  // Built when an endpoint is first configured: its runtime collectors include an event-loop
  // delay monitor that wakes the process every 10 ms, most of an idle agent's CPU.
  let prometheus: AgentMetrics | undefined;
  let server: Server | undefined;
  const listen = async (next: AgentConfig) => {
    const address = next.metrics && parseListen(next.metrics.listen);
    if (!address) return undefined;
    prometheus ??= agentMetrics(view, VERSION);
    const started = await serveMetrics(prometheus, address.host, address.port);
    logger.info('metrics endpoint listening', { url: `http://${next.metrics!.listen}/metrics` });
    return started;
  };
  let progress = startProgress(view, logger, config.log.progressInterval);
  const done = (async () => {
    try {
      server = await listen(config);
    } catch (error) {
      pipeline.stop();
      await pipeline.done.catch(() => {});
      throw error;
    }
    try {
      await pipeline.done;
    } finally {
      progress.stop();
      server?.close();
    }
  })();

  return {
    metrics,
    done,
    view,
    async stop() {
      pipeline.stop();
      await done.catch(() => {});
    },
    async reload(next, directory) {
      const plan = planReload(config, next);
      if (plan.refused.length > 0) return { applied: [], refused: plan.refused };
      const fresh = components(next, directory, options, metrics, threads);
      const ids = identities(next);
      let built: { sources: NamedSource[]; sinks: NamedSink[]; added: NamedSink[] };
      try {
        built = {
          sources: plan.replaceSources.map((i) => fresh.source(i)),
          sinks: plan.replaceSinks.map((i) => fresh.sink(i)),
          added: plan.addSinks.map((i) => fresh.sink(i)),
        };
      } catch (error) {
        return { applied: [], refused: [`the new configuration cannot be built: ${describeError(error)}`] };
      }
      const applied: string[] = [];
      if (plan.metrics) {
        server?.close();
        try {
          server = await listen(next);
        } catch (error) {
          server = await listen(config).catch(() => undefined);
          const unused = [
            ...built.sources.map((s) => s.source),
            ...[...built.sinks, ...built.added].map((s) => s.sink),
          ];
          await Promise.allSettled(unused.map((component) => component.close()));
          return { applied: [], refused: [describeError(error)] };
        }
        applied.push(next.metrics ? `metrics on ${next.metrics.listen}` : 'metrics endpoint off');
      }
      if (plan.log) {
        (logger as Partial<RootLogger>).configure?.({ level: next.log.level, format: next.log.format });
        progress.stop();
        progress = startProgress(view, logger, next.log.progressInterval);
        applied.push('log settings');
      }
      for (const [k, source] of built.sources.entries()) {
        await pipeline.replaceSource(source);
        applied.push(`source ${ids.sources[plan.replaceSources[k]!]!.name} restarted`);
      }
      for (const [k, sink] of built.sinks.entries()) {
        await pipeline.replaceSink(sink);
        applied.push(`sink ${ids.sinks[plan.replaceSinks[k]!]!.name} restarted`);
      }
      for (const [k, sink] of built.added.entries()) {
        await pipeline.addSink(sink);
        applied.push(`sink ${ids.sinks[plan.addSinks[k]!]!.name} added`);
      }
      config = next;
      return { applied, refused: [] };
    },
  };
}
