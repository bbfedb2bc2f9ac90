import { join } from 'node:path';
import {
  type BackoffOptions,
  backoffDelay,
  DEFAULT_BACKOFF,
  retryUntilDone,
  sleep,
} from '../core/backoff.js';
import type { Sink, Source, SourceBatch, SourcePosition } from '../core/component.js';
import { AuditRelayError, describeError } from '../core/errors.js';
import type { SecurityEvent } from '../core/event.js';
import type { ComponentCounters, Logger } from '../core/telemetry.js';
import type { EventFilter } from '../events/filter.js';
import { walDamageEvent } from '../events/wal-damage.js';
import { decodeRecord, encodeRecords } from '../store/event-records.js';
import { type AppendResult, type WalDamage, WriteAheadLog } from '../store/wal/wal.js';
import { countError, failureReporter } from '../telemetry/failures.js';
import type { Metrics } from '../telemetry/metrics.js';

/** Events kept in memory between append and delivery (about 2 KiB each). */
const RECENT_EVENTS = 5_000;

/**
 * After shutdown is asked for, how long sinks may keep delivering; closing them takes at most
 * 2 s more (a receiver's confirmation, RELP's close), so the agent stops within 10 s.
 */
const DRAIN_MS = 8000;

/** A full disk or a failing one says nothing of when it recovers: retry, but not busily. */
const STATE_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 5000 };

export interface NamedSource<SourceRecord = unknown> {
  name: string;
  source: Source<SourceRecord>;
  /** The source type's record → event function (decode and normalize). */
  toEvent: (record: SourceRecord) => SecurityEvent;
  /** Events this source keeps; undefined keeps all. */
  filter?: EventFilter;
  /** Where an event sits in the source, to read lost ones again (see SourceDescriptor). */
  positionOf?: (event: SecurityEvent) => SourcePosition | undefined;
}

export interface NamedSink {
  name: string;
  sink: Sink;
  /** Events this sink sends; undefined sends all. Left-out events still move its cursor. */
  filter?: EventFilter;
}

export interface BufferOptions {
  /** Bound of each source's WAL in bytes; when full the source pauses, nothing is dropped. */
  maxBytes: number;
  segmentBytes: number;
  /** fdatasync on every commit group (off only for tests and benchmarks). */
  sync: boolean;
}

export interface PipelineOptions {
  sources: NamedSource[];
  sinks: NamedSink[];
  /** State directory: each source keeps its WAL under `wal/<source>/`. */
  stateDirectory: string;
  buffer: BufferOptions;
  logger: Logger;
  metrics: Metrics;
  backoff?: BackoffOptions;
  /** Events per send to a sink. */
  sendBatch?: number;
  /** After shutdown is asked for, how long sinks may keep draining the WAL. */
  drainTimeoutMs?: number;
}

/**
 * source → decode/normalize → filter → WAL (disk) → one cursor per sink → filter → sink.
 *
 * Each source's records become events through its type's one record → event function; the
 * events its filter keeps go to its own write-ahead log; the source position travels in
 * the records, so a restart resumes after the newest durable record. Each sink reads the WAL
 * through its own cursor and advances it only when the sink took the batch (RELP: acknowledged;
 * TCP/TLS: written and flushed; UDP: handed to the kernel). A slow or dead sink only grows its
 * backlog; the others go on. When the WAL is full the source pauses — the journal keeps the
 * events — and nothing already accepted is ever dropped.
 */
export async function runPipeline(options: PipelineOptions, signal: AbortSignal): Promise<void> {
  const all = new AbortController();
  signal.addEventListener('abort', () => all.abort(), { once: true });
  const logs = await Promise.all(options.sources.map((source) => openLog(source, options)));
  const ingest = new AbortController();
  all.signal.addEventListener('abort', () => ingest.abort(), { once: true });
  const drained = new AbortController();
  all.signal.addEventListener(
    'abort',
    () => setTimeout(() => drained.abort(), options.drainTimeoutMs ?? DRAIN_MS).unref(),
    { once: true },
  );
  const work: Promise<void>[] = [];
  options.sources.forEach((source, index) => {
    const log = logs[index]!;
    const recent = new RecentEvents(RECENT_EVENTS);
    const ingesting = runIngest(source, log, recent, options, ingest.signal);
    work.push(ingesting);
    for (const sink of options.sinks) {
      work.push(
        runDelivery(source, sink, log, recent, options, {
          stopping: all.signal,
          stop: drained.signal,
          ingesting,
        }),
      );
    }
  });
  const results = await Promise.allSettled(
    work.map((w) =>
      w.catch((error) => {
        // One part failing for good stops the others, and only then does the pipeline end.
        all.abort();
        throw error;
      }),
    ),
  );
  await Promise.allSettled(logs.map((log) => log.close()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

async function openLog({ name }: NamedSource, options: PipelineOptions): Promise<WriteAheadLog> {
  return WriteAheadLog.open({
    directory: join(options.stateDirectory, 'wal', name),
    cursors: options.sinks.map((sink) => sink.name),
    maxBytes: options.buffer.maxBytes,
    segmentBytes: options.buffer.segmentBytes,
    sync: options.buffer.sync,
    onError: (error) => {
      countError(options.metrics.component(name), 'state', describeError(error));
      options.logger.error(describeError(error), { source: name });
    },
  });
}

/** The newest durable position: restart resumes right after it. */
function lastPosition(log: WriteAheadLog): SourcePosition | undefined {
  const last = log.last();
  return last ? decodeRecord(last.payload).position : undefined;
}

/**
 * Records → events, counted: every record received, events with a decode error, events the
 * filter left out. Pure apart from the counters.
 */
export function toEvents<SourceRecord>(
  records: readonly SourceRecord[],
  { toEvent, filter }: Pick<NamedSource<SourceRecord>, 'toEvent' | 'filter'>,
  counters: ComponentCounters,
): SecurityEvent[] {
  counters.eventsReceived += records.length;
  counters.batches++;
  const events: SecurityEvent[] = [];
  let decodeErrors = 0;
  for (const record of records) {
    const event = toEvent(record);
    if (event.decodeError) decodeErrors++;
    if (!filter || filter(event)) events.push(event);
  }
  if (decodeErrors > 0) counters.errors.decoding = (counters.errors.decoding ?? 0) + decodeErrors;
  const left = records.length - events.length;
  if (left > 0) counters.dropped['filter'] = (counters.dropped['filter'] ?? 0) + left;
  return events;
}

async function runIngest(
  named: NamedSource,
  log: WriteAheadLog,
  recent: RecentEvents,
  options: PipelineOptions,
  signal: AbortSignal,
): Promise<void> {
  const { name, source } = named;
  const { logger } = options;
  const counters = options.metrics.component(name);
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let position = lastPosition(log);
  logger.info('source starting', {
    source: name,
    position: position ? Object.values(position).join('/') : 'configured start',
  });
  const onRetry = failureReporter(logger, counters, name, 'receiving');
  const readAfter = (from: SourcePosition | undefined): Promise<SourceBatch<unknown> | undefined> =>
    retryUntilDone(() => source.read(from, signal), { ...backoff, signal, onRetry }).catch((error) => {
      if (signal.aborted) return undefined;
      throw error;
    });
  let next: Promise<SourceBatch<unknown> | undefined> | undefined = readAfter(position);
  try {
    while (!signal.aborted && next) {
      const batch: SourceBatch<unknown> | undefined = await next;
      if (!batch) break;
      const after: SourcePosition | undefined = batch.position ?? position;
      // While this batch is written, the next one is already being read (unless caught up).
      next = batch.caughtUp ? undefined : readAfter(after);
      const events = batch.records.length > 0 ? toEvents(batch.records, named, counters) : [];
      if (events.length > 0) {
        // Every append carries a position, so the newest durable record always has one.
        const payloads = encodeRecords(events, after);
        // Retried until it fits: a full buffer or disk pauses the source, a shutdown gives up
        // this batch (not stored, so it is read again at the next start).
        const stored = await appendWhenPossible(log, payloads, options, name, signal);
        if (!stored) break;
        recent.remember(stored.firstId, events);
      }
      position = after;
      if (!next) {
        await sleep(source.pollInterval, signal);
        next = readAfter(position);
      }
    }
  } finally {
    // A read ahead that ends after shutdown is dropped: it was never stored.
    await next?.catch(() => undefined);
    logger.info('source stopped', { source: name });
  }
}

/**
 * Events just appended, by record id, so a sink that keeps up formats them without decoding
 * its own WAL records again. Bounded; a sink that falls behind (or a restart) reads the WAL.
 */
export class RecentEvents {
  private readonly events = new Map<number, SecurityEvent>();

  constructor(private readonly limit: number) {}

  remember(firstId: number, events: readonly SecurityEvent[]): void {
    events.forEach((event, i) => {
      this.events.set(firstId + i, event);
    });
    for (const id of this.events.keys()) {
      if (this.events.size <= this.limit) break;
      this.events.delete(id);
    }
  }

  get(id: number): SecurityEvent | undefined {
    return this.events.get(id);
  }
}

async function appendWhenPossible(
  log: WriteAheadLog,
  payloads: Buffer[],
  options: PipelineOptions,
  source: string,
  signal: AbortSignal,
): Promise<AppendResult | undefined> {
  const report = failureReporter(options.logger, options.metrics.component(source), source, 'state');
  for (let attempt = 0; ; attempt++) {
    try {
      return await log.append(payloads);
    } catch (error) {
      if (!(error instanceof AuditRelayError) || !error.retryable) throw error;
      if (signal.aborted) return undefined;
      const delay = backoffDelay(attempt, STATE_BACKOFF);
      report(error, delay, attempt + 1);
      // The buffer at its bound frees space as sinks catch up: wait for exactly that. A full or
      // failing disk says nothing of when it recovers: try again after a growing delay.
      const { bytes, maxBytes } = log.stats();
      const atBound = bytes + payloads.reduce((n, p) => n + p.length, 0) > maxBytes;
      if (atBound) await log.waitForSpace(payloads, signal).catch(() => {});
      else await sleep(delay, signal);
    }
  }
}

interface DeliveryControl {
  /** Shutdown asked for: stop once caught up. */
  stopping: AbortSignal;
  /** Drain time is over: stop now; the rest stays in the WAL for the next start. */
  stop: AbortSignal;
  /** Settles when the source stops appending. */
  ingesting: Promise<void>;
}

async function runDelivery(
  source: NamedSource,
  { name, sink, filter }: NamedSink,
  log: WriteAheadLog,
  recent: RecentEvents,
  options: PipelineOptions,
  control: DeliveryControl,
): Promise<void> {
  const counters = options.metrics.component(name);
  const batchSize = options.sendBatch ?? 500;
  let ingestDone = false;
  const markDone = () => {
    ingestDone = true;
  };
  // Its failure is reported where it happens; here only the fact that it ended matters.
  control.ingesting.then(markDone, markDone);
  // Acks follow confirmations in order; sending the next batches does not wait for them.
  let acking: Promise<void> = Promise.resolve();
  let lastSent = log.acked(name);
  const ackDurably = (id: number) =>
    retryUntilDone(() => log.ack(name, id), {
      ...(options.backoff ?? DEFAULT_BACKOFF),
      signal: control.stop,
      onRetry: failureReporter(options.logger, counters, name, 'state'),
    });
  let ackFailure: unknown;
  /** The last event read, for what a damaged WAL region comes after. */
  let lastEvent: SecurityEvent | undefined;
  while (!control.stop.aborted) {
    if (ackFailure !== undefined) throw ackFailure;
    // The WAL may move a cursor by itself (past the copy it makes when it frees a full disk).
    lastSent = Math.max(lastSent, log.acked(name));
    const damages: WalDamage[] = [];
    const records = await log.read(name, batchSize, 4 * 1024 * 1024, lastSent, (d) => damages.push(d));
    if (records.length === 0) {
      if (control.stopping.aborted && ingestDone) break;
      const wake = new AbortController();
      const cancel = () => wake.abort();
      control.stop.addEventListener('abort', cancel, { once: true });
      control.stopping.addEventListener('abort', cancel, { once: true });
      // Wake up for new records, for shutdown, and now and then in any case.
      await Promise.race([
        log.waitForRecords(lastSent, wake.signal).catch(() => {}),
        sleep(1000, wake.signal),
      ]);
      wake.abort();
      control.stop.removeEventListener('abort', cancel);
      control.stopping.removeEventListener('abort', cancel);
      continue;
    }
    let stored: SecurityEvent[] = records.map(
      (record) => recent.get(record.id) ?? decodeRecord(record.payload).event,
    );
    if (damages.length > 0) {
      stored = await repaired(source, records, stored, damages, lastEvent, control.stop, options.logger);
    }
    lastEvent = stored.at(-1) ?? lastEvent;
    const events = filter ? stored.filter(filter) : stored;
    if (events.length < stored.length) {
      counters.dropped['filter'] = (counters.dropped['filter'] ?? 0) + stored.length - events.length;
    }
    let delivered: Promise<void> = Promise.resolve();
    try {
      // The sink retries and fails over by itself; it gives up only when told to stop.
      if (events.length > 0) ({ delivered } = await sink.send(events, control.stop));
    } catch (error) {
      if (control.stop.aborted) break;
      throw error;
    }
    const id = records[records.length - 1]!.id;
    lastSent = id;
    acking = acking.then(() => delivered).then(() => ackDurably(id));
    // A cursor that cannot be saved ends this sink's delivery, as a failed send does.
    acking.catch((error) => {
      if (!control.stop.aborted) ackFailure ??= error;
    });
  }
  // Confirmations still out when the drain time is over are not waited for: those batches
  // stay in the WAL for the next start.
  try {
    await untilStopped(acking, control.stop);
  } catch (error) {
    if (!control.stop.aborted) throw error;
  }
  const backlog = log.stats().cursors[name]?.backlog ?? 0;
  if (backlog > 0)
    options.logger.info('stopped with events kept for the next start', {
      sink: name,
      source: source.name,
      backlog,
    });
}

/** `promise`, or a rejection once `signal` aborts. */
function untilStopped(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    promise.then(
      () => {
        signal.removeEventListener('abort', stop);
        resolve();
      },
      (error) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}

/** At most this many source batches are read again for one damaged WAL region. */
const REREAD_BATCHES = 100;

/**
 * The events of a WAL read with its damaged regions repaired: in place of each, an event that
 * reports it and the events read again from the source between the last good event before
 * and the first good one after (the source's filter applies; duplicates are possible, a hole
 * is not, as long as the source still has the events).
 */
async function repaired(
  source: NamedSource,
  records: readonly { id: number }[],
  stored: readonly SecurityEvent[],
  damages: readonly WalDamage[],
  previous: SecurityEvent | undefined,
  signal: AbortSignal,
  logger: Logger,
): Promise<SecurityEvent[]> {
  const out: SecurityEvent[] = [];
  let next = 0;
  for (const damage of damages) {
    while (next < records.length && records[next]!.id <= damage.afterId) out.push(stored[next++]!);
    const before = next > 0 ? stored[next - 1] : previous;
    const after = stored[next];
    const { events, failure } = await readAgain(source, before, after, signal);
    const now = Date.now();
    out.push(
      walDamageEvent({
        source: source.name,
        file: damage.path,
        offset: damage.offset,
        afterRecord: damage.afterId,
        nextRecord: damage.nextId,
        before,
        after,
        reread: events?.length,
        failure,
        detectedMs: now,
        detectedTime: new Date(now).toISOString(),
      }),
      ...(events ?? []),
    );
    logger.error(
      events
        ? `a damaged WAL region was repaired: ${events.length} events read again from the source`
        : `a damaged WAL region could not be repaired: ${failure}`,
      { source: source.name, file: damage.path, offset: damage.offset },
    );
  }
  out.push(...stored.slice(next));
  return out;
}

async function readAgain(
  { source, toEvent, filter, positionOf }: NamedSource,
  before: SecurityEvent | undefined,
  after: SecurityEvent | undefined,
  signal: AbortSignal,
): Promise<{ events?: SecurityEvent[]; failure?: string }> {
  let from = before && positionOf?.(before);
  if (!from) return { failure: 'the event before the damage has no source position to read after' };
  const events: SecurityEvent[] = [];
  try {
    for (let batch = 0; batch < REREAD_BATCHES; batch++) {
      const read = await source.read(from, signal);
      for (const record of read.records) {
        const event = toEvent(record);
        if (after && event.id === after.id) return { events };
        if (!filter || filter(event)) events.push(event);
      }
      if (read.caughtUp || !read.position) return { events };
      from = read.position;
    }
    return { events, failure: `stopped after ${REREAD_BATCHES} batches without reaching ${after?.id}` };
  } catch (error) {
    return { failure: describeError(error) };
  }
}
