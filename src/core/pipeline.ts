import type { SecurityEvent } from '../events/security-event.js';
import type { PositionStore } from '../store/position-store.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics, Stage } from '../telemetry/metrics.js';
import type { Sink, Source, SourcePosition } from './component.js';
import { describeError } from './errors.js';
import { type BackoffOptions, DEFAULT_BACKOFF, retryUntilDone, sleep } from './retry.js';

export interface NamedSource {
  name: string;
  source: Source;
}

export interface NamedSink {
  name: string;
  sink: Sink;
}

export interface PipelineOptions {
  sources: NamedSource[];
  sinks: NamedSink[];
  positions: PositionStore;
  logger: Logger;
  metrics: Metrics;
  backoff?: BackoffOptions;
  /** After shutdown is asked for, how long a batch in delivery may still take. */
  drainTimeoutMs?: number;
}

/**
 * source → (decode, normalize inside the source) → every sink → position saved.
 * A batch's position is saved only after every sink took the batch, so a restart resumes
 * after the last delivered entry: nothing is lost, and at most the batch in flight at a
 * crash is sent twice. While a sink is down the source is not read (the journal is the
 * buffer until the disk WAL arrives).
 */
export async function runPipeline(options: PipelineOptions, signal: AbortSignal): Promise<void> {
  // One source failing for good stops the others too, and only then does the pipeline end.
  const all = new AbortController();
  signal.addEventListener('abort', () => all.abort(), { once: true });
  const results = await Promise.allSettled(
    options.sources.map((source) =>
      runSource(source, options, all.signal).catch((error) => {
        all.abort();
        throw error;
      }),
    ),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

async function runSource(
  { name, source }: NamedSource,
  options: PipelineOptions,
  signal: AbortSignal,
): Promise<void> {
  const { logger, metrics, positions } = options;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let position: SourcePosition | undefined = positions.get(name);
  logger.info('source starting', {
    source: name,
    position: position ? Object.values(position).join('/') : 'configured start',
  });
  while (!signal.aborted) {
    const batch = await retryUntilDone(() => source.read(position, signal), {
      ...backoff,
      signal,
      onRetry: failureReporter(logger, metrics, name, 'receiving'),
    }).catch((error) => {
      if (signal.aborted) return undefined;
      throw error;
    });
    if (!batch) break;
    if (batch.events.length > 0) {
      const delivered = await deliver(batch.events, options, signal);
      if (!delivered) break;
    }
    if (batch.position) {
      await retryUntilDone(async () => positions.set(name, batch.position!), {
        ...backoff,
        signal: AbortSignal.timeout(60_000),
        onRetry: failureReporter(logger, metrics, name, 'state'),
      });
      position = batch.position;
    }
    if (batch.caughtUp) await sleep(source.pollInterval, signal);
  }
  logger.info('source stopped', { source: name });
}

/** Sends to every sink; true once all took the batch, false if shutdown cut it short. */
async function deliver(
  events: SecurityEvent[],
  options: PipelineOptions,
  signal: AbortSignal,
): Promise<boolean> {
  const drain = new AbortController();
  const onAbort = () => setTimeout(() => drain.abort(), options.drainTimeoutMs ?? 10_000).unref();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.all(
      options.sinks.map(({ name, sink }) =>
        retryUntilDone(() => sink.send(events, drain.signal), {
          ...(options.backoff ?? DEFAULT_BACKOFF),
          signal: drain.signal,
          onRetry: failureReporter(options.logger, options.metrics, name, 'sending'),
        }).then(() => {
          options.metrics.component(name).batches++;
        }),
      ),
    );
    return true;
  } catch (error) {
    if (drain.signal.aborted) {
      options.logger.warn(
        'shutdown before the batch was delivered; it will be read again at the next start',
        {
          events: events.length,
        },
      );
      return false;
    }
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Logs the first failure, then at most once a minute or when the error changes. */
function failureReporter(logger: Logger, metrics: Metrics, component: string, stage: Stage) {
  let lastMessage = '';
  let lastLogged = 0;
  return (error: unknown, delayMs: number, attempt: number) => {
    const message = describeError(error);
    metrics.error(component, stage, message);
    if (message !== lastMessage || Date.now() - lastLogged > 60_000) {
      logger.warn(message, { component, stage, attempt, retryInMs: delayMs });
      lastMessage = message;
      lastLogged = Date.now();
    }
  };
}
