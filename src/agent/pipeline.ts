import { setMaxListeners } from 'node:events';
import {
  type BackoffOptions,
  backoffDelay,
  DEFAULT_BACKOFF,
  retryUntilDone,
  sleep,
} from '../core/backoff.js';
import { type Sink, type Source, type SourcePosition, samePosition } from '../core/component.js';
import { AuditRelayError, describeError } from '../core/errors.js';
import type { SecurityEvent } from '../core/event.js';
import type { Logger } from '../core/telemetry.js';
import type { EventFilter } from '../events/filter.js';
import { walDamageEvent } from '../events/wal-damage.js';
import { decodeRecord } from '../store/event-records.js';
import { nodeFileSystem } from '../store/fs.js';
import { walDirectory } from '../store/state/inventory.js';
import type { LockOptions, StateLock } from '../store/state/lock.js';
import {
  type PositionMark,
  readPositionMark,
  resumePosition,
  writePositionMark,
} from '../store/wal/position-mark.js';
import { type AppendResult, type WalDamage, type WalStats, WriteAheadLog } from '../store/wal/wal.js';
import { connectionWatch, countError, failureReporter } from '../telemetry/failures.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { TelemetryView } from '../telemetry/prometheus.js';
import { BacklogWatch } from './backlog-watch.js';
import { openState } from './state.js';
import { type StoredBatch, storedBatch } from './stored-batch.js';

/**
 * Events kept in memory between append and delivery (about 2 KiB each), shared out among the
 * sources (at least 1,000 each): an agent of 20 sources would otherwise keep 100,000.
 */
const RECENT_EVENTS = 5_000;
const MIN_RECENT_EVENTS = 1_000;

/**
 * After a stop is asked for, how long sinks may keep delivering, then how long closing the
 * sources and sinks may take (a receiver's confirmation, RELP's close): with the CLI's half
 * second to exit, the agent stops within 10 s.
 */
const DRAIN_MS = 7500;
const CLOSE_MS = 1500;

const CONNECTION_CODES: ReadonlySet<string> = new Set(['AR_SOURCE_UNREACHABLE', 'AR_SOURCE_TLS']);

/** A full disk or a failing one says nothing of when it recovers: retry, but not busily. */
const STATE_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 5000 };

export interface NamedSource<SourceRecord = unknown> {
  name: string;
  /** Identity of its state (the WAL directory `wal/<id>/`); default: name. */
  id?: string;
  source: Source<SourceRecord>;
  /** The source type's record → event function (decode and normalize). */
  toEvent: (record: SourceRecord) => SecurityEvent;
  /** Events this source keeps; undefined keeps all. */
  filter?: EventFilter;
  /** Where an event sits in the source, to read lost ones again (see SourceDescriptor). */
  positionOf?: (event: SecurityEvent) => SourcePosition | undefined;
  /**
   * Reads the next batch after `after` as WAL payloads ready to append, converted in the
   * source's own thread (agent/source-thread.ts); without it the pipeline reads `source` and
   * converts on its own thread.
   */
  readStored?: (after: SourcePosition | undefined, signal: AbortSignal) => Promise<StoredBatch>;
}

export interface NamedSink {
  name: string;
  /** Identity of its state (its cursor in each WAL); default: name. */
  id?: string;
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
  /** State directory: each source keeps its WAL under `wal/<source>/`; one agent at a time. */
  stateDirectory: string;
  buffer: BufferOptions;
  logger: Logger;
  metrics: Metrics;
  backoff?: BackoffOptions;
  /** Events per send to a sink. */
  sendBatch?: number;
  /** After shutdown is asked for, how long sinks may keep draining the WAL. Default 7.5 s. */
  drainTimeoutMs?: number;
  /** Then how long closing the sources and sinks may take. Default 1.5 s. */
  closeTimeoutMs?: number;
  /** A sink with a backlog for this long logs that it drains it, and again when done. Default 5 s. */
  behindAfterMs?: number;
  /** The state lock's timing (tests). */
  lock?: LockOptions;
  /** Named in the commands an unclaimed state asks for. */
  configFile?: string;
}

/** What the pipeline shows of itself to the metrics endpoint and the progress line. */
export interface PipelineView {
  sources: {
    name: string;
    id: string;
    wal: WalStats;
    position: SourcePosition | undefined;
    /** Journal time of the newest event read. */
    newestEventMs: number | undefined;
  }[];
  deliveries: TelemetryView['deliveries'];
}

interface Task {
  promise: Promise<void>;
  controller: AbortController;
}

interface Lane {
  named: NamedSource;
  id: string;
  log: WriteAheadLog;
  recent: RecentEvents;
  ingest: Task;
  position: SourcePosition | undefined;
  newestEventMs: number | undefined;
  /** Aborted once the lane's ingest ended for good (shutdown): a draining sink may stop when caught up. */
  ingestEnded: AbortController;
}

interface Delivery extends Task {
  lane: Lane;
  /** Aborted to stop after the batch in flight (a reload replacing the sink). */
  finish: AbortController;
  oldestPendingMs: number | undefined;
  lastDeliveryMs: number | undefined;
}

interface SinkSlot {
  named: NamedSink;
  id: string;
  deliveries: Delivery[];
}

/**
 * source → decode/normalize → filter → WAL (disk) → one cursor per sink → filter → sink.
 *
 * Each source's records become events through its type's one record → event function; the
 * events its filter keeps go to its own write-ahead log; the source position travels in
 * the records, so a restart resumes after the newest durable record (or a position mark, when
 * reads after it stored nothing: store/wal/position-mark.ts). Each sink reads the WAL
 * through its own cursor and advances it only when the sink took the batch (RELP: acknowledged;
 * TCP/TLS: written and flushed; UDP: handed to the kernel). A slow or dead sink only grows its
 * backlog; the others go on. When the WAL is full the source pauses — the journal keeps the
 * events — and nothing already accepted is ever dropped.
 *
 * The state directory is locked for the pipeline's life. A reload replaces a source or a sink
 * between batches (replaceSource, replaceSink, addSink). stop() drains within drainTimeoutMs
 * plus closeTimeoutMs, however the other ends behave.
 */
export class Pipeline {
  /** Settles when the pipeline ended: after stop(), or rejects with the error that ended it. */
  readonly done: Promise<void>;
  private readonly lanes: Lane[] = [];
  private readonly sinks = new Map<string, SinkSlot>();
  private readonly tasks = new Set<Promise<void>>();
  private readonly drain = new AbortController();
  private readonly abort = new AbortController();
  private readonly closing = new Set<Promise<void>>();
  private failure: unknown;
  private stopping = false;
  private tasksDone: (() => void) | undefined;

  private constructor(
    private readonly options: PipelineOptions,
    private readonly lock: StateLock,
  ) {
    // Every delivery (sink × source) listens on these two: as many listeners as the
    // configuration has pairs, not a leak (20 sources warned at Node's default of 10).
    setMaxListeners(0, this.drain.signal, this.abort.signal);
    this.done = new Promise<void>((resolve) => {
      this.tasksDone = resolve;
    }).then(() => this.finish());
  }

  /** Takes the state directory, opens every WAL and starts. Throws AR_STATE_… when it cannot. */
  static async open(options: PipelineOptions): Promise<Pipeline> {
    let pipeline: Pipeline | undefined;
    const lock = await openState(
      options.stateDirectory,
      { sources: options.sources.map(idOf), sinks: options.sinks.map(idOf) },
      {
        ...options.lock,
        configFile: options.configFile,
        onNotice: (message) => options.logger.warn(message),
        onLost: (error) => {
          options.logger.error(describeError(error));
          pipeline?.fail(error);
        },
      },
    );
    const logs: WriteAheadLog[] = [];
    const marks: (PositionMark | undefined)[] = [];
    try {
      for (const source of options.sources) {
        logs.push(await openLog(source, options));
        marks.push(await readPositionMark(nodeFileSystem, walDirectoryOf(source, options)));
      }
    } catch (error) {
      await Promise.allSettled(logs.map((log) => log.close()));
      await lock.release();
      throw error;
    }
    pipeline = new Pipeline(options, lock);
    options.sources.forEach((source, index) => {
      pipeline!.startLane(source, logs[index]!, marks[index]);
    });
    for (const sink of options.sinks) pipeline.startSink(sink);
    return pipeline;
  }

  /** Stops reading; sinks drain what is stored for drainTimeoutMs; then everything closes. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    for (const lane of this.lanes) lane.ingest.controller.abort();
    this.drain.abort();
    // A sink known to be down has nothing to drain into: it keeps its backlog for the next start.
    for (const slot of this.sinks.values()) {
      if (this.options.metrics.component(slot.named.name).connected !== false) continue;
      for (const delivery of slot.deliveries) delivery.controller.abort();
    }
    // Not unref'd: a sink stuck in a send must still be stopped, even with nothing else to wait on.
    const timer = setTimeout(() => this.abort.abort(), this.options.drainTimeoutMs ?? DRAIN_MS);
    this.done.catch(() => {}).finally(() => clearTimeout(timer));
  }

  /** Replaces a sink (same id) between batches: the batch in flight finishes and is acknowledged first. */
  async replaceSink(named: NamedSink): Promise<void> {
    const slot = this.sinks.get(idOf(named));
    if (!slot || this.stopping) throw new AuditRelayError('AR_INTERNAL', `no running sink ${idOf(named)}`);
    for (const delivery of slot.deliveries) delivery.finish.abort();
    await this.bounded(
      Promise.allSettled(slot.deliveries.map((d) => d.promise)),
      this.options.drainTimeoutMs ?? DRAIN_MS,
    );
    for (const delivery of slot.deliveries) delivery.controller.abort();
    await Promise.allSettled(slot.deliveries.map((d) => d.promise));
    this.sinks.delete(slot.id);
    this.closeLater(slot.named.sink);
    this.startSink(named);
  }

  /** Adds a sink: in every WAL it starts at the oldest stored event, as at a start. */
  async addSink(named: NamedSink): Promise<void> {
    if (this.stopping) throw new AuditRelayError('AR_INTERNAL', 'the pipeline is stopping');
    for (const lane of this.lanes) await lane.log.addCursor(idOf(named));
    this.startSink(named);
  }

  /** Replaces a source (same id) between batches: the next one reads on after the newest stored record. */
  async replaceSource(named: NamedSource): Promise<void> {
    const lane = this.lanes.find((l) => l.id === idOf(named));
    if (!lane || this.stopping) throw new AuditRelayError('AR_INTERNAL', `no running source ${idOf(named)}`);
    lane.ingest.controller.abort();
    await lane.ingest.promise;
    this.closeLater(lane.named.source);
    lane.named = named;
    if (!this.stopping) lane.ingest = this.startIngest(lane);
  }

  view(): PipelineView {
    return {
      sources: this.lanes.map((lane) => ({
        name: lane.named.name,
        id: lane.id,
        wal: lane.log.stats(),
        position: lane.position,
        newestEventMs: lane.newestEventMs,
      })),
      deliveries: [...this.sinks.values()].flatMap((slot) =>
        slot.deliveries.map((delivery) => {
          const cursor = delivery.lane.log.stats().cursors[slot.id];
          return {
            sink: slot.named.name,
            source: delivery.lane.named.name,
            backlog: cursor?.backlog ?? 0,
            backlogBytes: cursor?.backlogBytes ?? 0,
            oldestPendingMs: cursor?.backlog ? delivery.oldestPendingMs : undefined,
            lastDeliveryMs: delivery.lastDeliveryMs,
          };
        }),
      ),
    };
  }

  private startLane(named: NamedSource, log: WriteAheadLog, mark: PositionMark | undefined): void {
    const lane: Lane = {
      named,
      id: idOf(named),
      log,
      recent: new RecentEvents(
        Math.max(MIN_RECENT_EVENTS, Math.floor(RECENT_EVENTS / this.options.sources.length)),
      ),
      ingest: undefined as unknown as Task,
      position: resumePosition(mark, log.last()),
      newestEventMs: undefined,
      ingestEnded: new AbortController(),
    };
    lane.ingest = this.startIngest(lane);
    this.lanes.push(lane);
  }

  private startIngest(lane: Lane): Task {
    const controller = new AbortController();
    const promise = runIngest(lane, this.options, controller.signal).finally(() => {
      if (this.stopping) lane.ingestEnded.abort();
    });
    this.track(promise);
    return { promise, controller };
  }

  private startSink(named: NamedSink): void {
    const slot: SinkSlot = { named, id: idOf(named), deliveries: [] };
    for (const lane of this.lanes) {
      const delivery: Delivery = {
        lane,
        controller: new AbortController(),
        finish: new AbortController(),
        oldestPendingMs: undefined,
        lastDeliveryMs: undefined,
        promise: Promise.resolve(),
      };
      delivery.promise = runDelivery(slot, delivery, this.options, {
        drain: this.drain.signal,
        stop: linkedAbort([this.abort.signal, delivery.controller.signal]).signal,
      });
      this.track(delivery.promise);
      slot.deliveries.push(delivery);
    }
    this.sinks.set(slot.id, slot);
  }

  /** Follows a part until it ends; one failing for good stops the others. */
  private track(promise: Promise<void>): void {
    const tracked: Promise<void> = promise
      .catch((error) => this.fail(error))
      .finally(() => {
        this.tasks.delete(tracked);
        if (this.tasks.size === 0 && this.stopping) this.tasksDone?.();
      });
    this.tasks.add(tracked);
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    this.stop();
    if (this.tasks.size === 0) this.tasksDone?.();
  }

  /** Closes a replaced source or sink in the background; finish() waits for it (bounded). */
  private closeLater(component: { close(): Promise<void> }): void {
    const closing: Promise<void> = component
      .close()
      .catch(() => {})
      .finally(() => this.closing.delete(closing));
    this.closing.add(closing);
  }

  private async finish(): Promise<void> {
    await Promise.allSettled(this.lanes.map((lane) => lane.log.close()));
    for (const lane of this.lanes) this.closeLater(lane.named.source);
    for (const slot of this.sinks.values()) this.closeLater(slot.named.sink);
    // A source or sink that does not honour close in time is left behind: the process ends anyway.
    await this.bounded(Promise.allSettled([...this.closing]), this.options.closeTimeoutMs ?? CLOSE_MS);
    await this.lock.release();
    if (this.failure !== undefined) throw this.failure;
  }

  private bounded(promise: Promise<unknown>, ms: number): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      promise,
      new Promise((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }
}

/**
 * Runs the pipeline until `signal` aborts (then drains and closes, bounded) or a part fails
 * for good (then rejects with that error).
 */
export async function runPipeline(options: PipelineOptions, signal: AbortSignal): Promise<void> {
  const pipeline = await Pipeline.open(options);
  if (signal.aborted) pipeline.stop();
  signal.addEventListener('abort', () => pipeline.stop(), { once: true });
  return pipeline.done;
}

const idOf = (named: { name: string; id?: string }): string => named.id ?? named.name;

async function openLog(source: NamedSource, options: PipelineOptions): Promise<WriteAheadLog> {
  const counters = options.metrics.component(source.name);
  return WriteAheadLog.open({
    directory: walDirectoryOf(source, options),
    cursors: options.sinks.map(idOf),
    maxBytes: options.buffer.maxBytes,
    segmentBytes: options.buffer.segmentBytes,
    sync: options.buffer.sync,
    onError: (error) => {
      countError(counters, 'state', error);
      options.logger.error(describeError(error), { source: source.name });
    },
  });
}

const walDirectoryOf = (source: NamedSource, options: PipelineOptions): string =>
  walDirectory(options.stateDirectory, idOf(source));

/**
 * A controller aborted by any of `signals`; aborting it removes its listeners (AbortSignal.any
 * needs Node 20.3, and keeps listeners on long-lived signals until they are collected).
 */
function linkedAbort(signals: readonly AbortSignal[]): AbortController {
  const controller = new AbortController();
  const abort = () => controller.abort();
  controller.signal.addEventListener(
    'abort',
    () => {
      for (const signal of signals) signal.removeEventListener('abort', abort);
    },
    { once: true },
  );
  for (const signal of signals) signal.addEventListener('abort', abort, { once: true });
  if (signals.some((s) => s.aborted)) abort();
  return controller;
}

/** `promise`, or a rejection once `signal` aborts: what does not honour the abort in time is left to run out. */
function untilStopped<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // Left to run out: its own failure must not become an unhandled rejection (a crash).
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

async function runIngest(lane: Lane, options: PipelineOptions, signal: AbortSignal): Promise<void> {
  const { name, source } = lane.named;
  const { log, recent } = lane;
  const { logger } = options;
  const counters = options.metrics.component(name);
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  // Always durable: set only after the batch's events, or a mark of its position, were stored.
  const position = lane.position;
  logger.info('source starting', {
    source: name,
    position: position ? Object.values(position).join('/') : 'configured start',
  });
  const connection = connectionWatch(logger, counters, { source: name });
  const report = failureReporter(logger, counters, name, 'receiving');
  const onRetry = (error: unknown, delay: number, attempt: number) => {
    // A failed query is reported as such; only an IBM i that does not answer is a lost connection.
    if (error instanceof AuditRelayError && CONNECTION_CODES.has(error.code)) connection.down(error);
    report(error, delay, attempt);
  };
  const readStored =
    lane.named.readStored ??
    ((from: SourcePosition | undefined, stop: AbortSignal) =>
      source.read(from, stop).then((batch) => storedBatch(batch, from, lane.named, counters)));
  // A read that does not honour the abort (a hung connection) is left behind, not awaited.
  const readAfter = (from: SourcePosition | undefined): Promise<StoredBatch | undefined> =>
    untilStopped(
      retryUntilDone(() => readStored(from, signal), { ...backoff, signal, onRetry }).then((batch) => {
        connection.up();
        return batch;
      }),
      signal,
    ).catch((error): undefined => {
      if (signal.aborted) return undefined;
      throw error;
    });
  const depth = Math.max(1, Math.floor(READ_AHEAD_BATCHES / options.sources.length));
  const reads = new ReadAhead(readAfter, position, depth, () => source.pollInterval, signal);
  try {
    while (!signal.aborted) {
      const batch = await reads.next();
      if (!batch) break;
      if (batch.payloads.length > 0) {
        // Retried until it fits: a full buffer or disk pauses the source, a shutdown gives up
        // this batch (not stored, so it is read again at the next start).
        const stored = await appendWhenPossible(log, batch.payloads, options, name, signal);
        if (!stored) break;
        if (batch.events) recent.remember(stored.firstId, batch.events);
        lane.newestEventMs = Math.max(lane.newestEventMs ?? 0, batch.newestEventMs ?? 0);
      } else if (batch.after !== undefined && !samePosition(batch.after, lane.position)) {
        // Nothing to store, but the source moved on (all filtered out, or a start at the newest
        // entry): a restart must not resolve that start again.
        if (!(await markPosition(lane, batch.after, options))) continue;
      }
      lane.position = batch.after;
    }
  } finally {
    // Batches read ahead and not stored are dropped: they are read again at the next start.
    reads.stop();
    logger.info('source stopped', { source: name });
  }
}

/**
 * Source batches read ahead of the WAL while one is appended (fdatasync), shared out among the
 * sources (at least 1 each): with many sources, the others' reads keep the agent busy anyway,
 * and every batch read ahead is about 3 MB of rows in memory.
 */
export const READ_AHEAD_BATCHES = 3;

/**
 * Reads a source in order, each read after the position of the one before, up to `depth`
 * batches ahead of the consumer; after a batch that caught up it waits the
 * poll interval before reading again. Nothing here is durable: the consumer stores the batches
 * in order, and what it did not store is read again after a restart.
 */
class ReadAhead {
  private readonly ready: StoredBatch[] = [];
  private failure: { error: unknown } | undefined;
  private ended = false;
  private wakeConsumer: (() => void) | undefined;
  private wakeReader: (() => void) | undefined;
  private readonly stopped = new AbortController();

  constructor(
    private readonly read: (from: SourcePosition | undefined) => Promise<StoredBatch | undefined>,
    from: SourcePosition | undefined,
    private readonly depth: number,
    /** Read at each wait: a source in another thread knows its own once it started. */
    private readonly pollInterval: () => number,
    signal: AbortSignal,
  ) {
    const stop = linkedAbort([signal, this.stopped.signal]).signal;
    this.run(from, stop).then(
      () => this.end(),
      (error: unknown) => {
        this.failure = { error };
        this.end();
      },
    );
  }

  /** The next batch in order (with the position after it), or undefined once reading ended. */
  async next(): Promise<StoredBatch | undefined> {
    for (;;) {
      const batch = this.ready.shift();
      if (batch) {
        this.wakeReader?.();
        return batch;
      }
      if (this.failure) throw this.failure.error;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => {
        this.wakeConsumer = resolve;
      });
    }
  }

  stop(): void {
    this.stopped.abort();
    this.wakeReader?.();
  }

  private end(): void {
    this.ended = true;
    this.wakeConsumer?.();
  }

  private async run(from: SourcePosition | undefined, stop: AbortSignal): Promise<void> {
    let after = from;
    while (!stop.aborted) {
      while (this.ready.length >= this.depth && !stop.aborted) {
        await new Promise<void>((resolve) => {
          this.wakeReader = resolve;
        });
      }
      if (stop.aborted) return;
      const batch = await this.read(after);
      if (!batch || stop.aborted) return;
      after = batch.after;
      this.ready.push(batch);
      this.wakeConsumer?.();
      if (batch.caughtUp) await sleep(this.pollInterval(), stop);
    }
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

/**
 * Makes a position without events durable (position-mark.ts). A failure is reported and the
 * position stays where it was: the next batch tries again, and a restart reads again from the
 * last durable one.
 */
async function markPosition(
  lane: Lane,
  position: SourcePosition,
  options: PipelineOptions,
): Promise<boolean> {
  const mark = { afterRecord: lane.log.last()?.id ?? 0, position };
  try {
    await writePositionMark(nodeFileSystem, walDirectoryOf(lane.named, options), mark, options.buffer.sync);
    return true;
  } catch (error) {
    const name = lane.named.name;
    countError(options.metrics.component(name), 'state', error);
    options.logger.error(`cannot save the source position: ${describeError(error)}`, { source: name });
    return false;
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
  /** Shutdown asked for: stop once caught up and the source has stopped. */
  drain: AbortSignal;
  /** Stop now (drain time over, or the sink is replaced and its batch took too long). */
  stop: AbortSignal;
}

async function runDelivery(
  slot: SinkSlot,
  delivery: Delivery,
  options: PipelineOptions,
  control: DeliveryControl,
): Promise<void> {
  const { lane } = delivery;
  const { log, recent } = lane;
  const { name, sink, filter } = slot.named;
  const cursor = slot.id;
  const source = lane.named.name;
  const counters = options.metrics.component(name);
  const batchSize = options.sendBatch ?? 500;
  const backlog = new BacklogWatch(options.logger, { sink: name, source }, options.behindAfterMs ?? 5000);
  // Acks follow confirmations in order; sending the next batches does not wait for them.
  let acking: Promise<void> = Promise.resolve();
  let ackFailure: unknown;
  /** Aborted when an acknowledgement fails: wakes a delivery waiting for records, to end it. */
  const ackFailed = new AbortController();
  /** Batches read and not yet acknowledged, oldest first: the journal time of each one's first event. */
  const unacknowledged: { lastId: number; firstMs: number }[] = [];
  let lastSent = log.acked(cursor);
  /** The last event read, for what a damaged WAL region comes after. */
  let lastEvent: SecurityEvent | undefined;
  backlog.starting((log.last()?.id ?? 0) - lastSent);
  const ackDurably = (id: number) =>
    retryUntilDone(() => log.ack(cursor, id), {
      ...(options.backoff ?? DEFAULT_BACKOFF),
      signal: control.stop,
      onRetry: failureReporter(options.logger, counters, name, 'state'),
    }).then(() => {
      delivery.lastDeliveryMs = Date.now();
      while (unacknowledged.length > 0 && unacknowledged[0]!.lastId <= id) unacknowledged.shift();
      delivery.oldestPendingMs = unacknowledged[0]?.firstMs;
    });
  const finish = delivery.finish.signal;
  while (!control.stop.aborted && !finish.aborted) {
    if (ackFailure !== undefined) throw ackFailure;
    // The WAL may move a cursor by itself (past the copy it makes when it frees a full disk).
    lastSent = Math.max(lastSent, log.acked(cursor));
    const damages: WalDamage[] = [];
    const records = await log.read(cursor, batchSize, 4 * 1024 * 1024, lastSent, (d) => damages.push(d));
    if (records.length === 0) {
      backlog.caughtUp();
      if (control.drain.aborted && lane.ingestEnded.signal.aborted) break;
      // Wake up for new records, for a stop, for a replacement, for the end of the source once
      // draining, and for a failed acknowledgement; nothing else: an idle agent sleeps.
      const wakeOn = [control.stop, finish, lane.ingestEnded.signal, ackFailed.signal];
      if (!control.drain.aborted) wakeOn.push(control.drain);
      const wake = linkedAbort(wakeOn);
      if (!wake.signal.aborted) await log.waitForRecords(lastSent, wake.signal).catch(() => {});
      wake.abort();
      continue;
    }
    backlog.pending();
    let stored: SecurityEvent[] = records.map(
      (record) => recent.get(record.id) ?? decodeRecord(record.payload).event,
    );
    if (damages.length > 0) {
      stored = await repaired(lane.named, records, stored, damages, lastEvent, control.stop, options.logger);
    }
    lastEvent = stored.at(-1) ?? lastEvent;
    unacknowledged.push({ lastId: records.at(-1)!.id, firstMs: stored[0]!.timeMs });
    delivery.oldestPendingMs = unacknowledged[0]!.firstMs;
    const events = filter ? stored.filter(filter) : stored;
    if (events.length < stored.length) {
      counters.dropped['filter'] = (counters.dropped['filter'] ?? 0) + stored.length - events.length;
    }
    let delivered: Promise<void> = Promise.resolve();
    try {
      // The sink retries and fails over by itself; it gives up only when told to stop. One that
      // does not give up in time is left behind: the batch stays in the WAL for the next start.
      if (events.length > 0)
        ({ delivered } = await untilStopped(sink.send(events, control.stop), control.stop));
    } catch (error) {
      if (control.stop.aborted) break;
      throw error;
    }
    const id = records.at(-1)!.id;
    lastSent = id;
    acking = acking.then(() => delivered).then(() => ackDurably(id));
    // A cursor that cannot be saved ends this sink's delivery, as a failed send does.
    acking.catch((error) => {
      if (control.stop.aborted) return;
      ackFailure ??= error;
      ackFailed.abort();
    });
    backlog.sent((log.last()?.id ?? 0) - lastSent);
  }
  // A replaced sink's last batches are confirmed and acknowledged before its successor reads;
  // confirmations still out when the drain time is over are not waited for: those batches
  // stay in the WAL for the next start.
  try {
    await untilStopped(acking, control.stop);
  } catch (error) {
    if (!control.stop.aborted) throw error;
  }
  const left = log.stats().cursors[cursor]?.backlog ?? 0;
  if (left > 0 && !finish.aborted) {
    options.logger.info('stopped with events kept for the next start', { sink: name, source, backlog: left });
  }
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
