/** Small sources and sinks around the pipeline, for the pipeline's unit tests. */
import type { PipelineOptions } from '../../src/agent/pipeline.js';
import type { Sink, Source, SourceBatch, SourcePosition } from '../../src/core/component.js';
import { retryable } from '../../src/core/errors.js';
import type { SecurityEvent } from '../../src/core/event.js';
import { type Destination, deliverySink } from '../../src/sinks/delivery.js';
import { silentLogger } from '../../src/telemetry/logger.js';
import { Metrics } from '../../src/telemetry/metrics.js';
import { sampleEvent } from './events.js';

/** A source of `total` events in batches of `size`, positions `{ n }`; its records are the events. */
export function countingSource(
  total: number,
  size: number,
  reads: (SourcePosition | undefined)[],
): Source<SecurityEvent> {
  return {
    pollInterval: 5,
    async read(after): Promise<SourceBatch<SecurityEvent>> {
      reads.push(after);
      const from = Number(after?.['n'] ?? 0);
      const to = Math.min(total, from + size);
      const events: SecurityEvent[] = [];
      for (let n = from + 1; n <= to; n++) events.push(sampleEvent({ id: String(n) }));
      return { records: events, position: to > from ? { n: String(to) } : undefined, caughtUp: to === total };
    },
    close: async () => {},
  };
}

export const fast = { initialMs: 1, maxMs: 5, random: () => 0.5 };

/** A sink that collects event ids, behind the delivery wrapper every sink type uses. */
export function collectingSink(
  got: string[],
  state: { up: boolean } = { up: true },
  counters = new Metrics().component('sink'),
): Sink {
  const destination: Destination<readonly string[]> = {
    description: 'collector',
    async send(ids) {
      if (!state.up) throw retryable('AR_SINK_UNREACHABLE', 'down');
      got.push(...ids);
      return undefined;
    },
    close: async () => {},
  };
  return deliverySink([destination], {
    format: (event) => event.id,
    failbackMs: 60_000,
    backoff: fast,
    logger: silentLogger,
    counters,
    name: 'sink',
    deadLetters: { write: async () => {} },
  });
}

export function options(
  stateDirectory: string,
  source: Source<SecurityEvent>,
  sinks: Record<string, Sink>,
  metrics = new Metrics(),
): PipelineOptions {
  return {
    sources: [
      { name: 'src', source: source as Source<unknown>, toEvent: (record) => record as SecurityEvent },
    ],
    sinks: Object.entries(sinks).map(([name, sink]) => ({ name, sink })),
    stateDirectory,
    buffer: { maxBytes: 8 * 1024 * 1024, segmentBytes: 1024 * 1024, sync: false },
    logger: silentLogger,
    metrics,
    backoff: fast,
    sendBatch: 7,
    drainTimeoutMs: 200,
  };
}

export async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}
