import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Source, SourceBatch, SourcePosition } from '../core/component.js';
import { AuditRelayError, ERROR_CODES, type ErrorCode } from '../core/errors.js';
import type { SecurityEvent } from '../core/event.js';
import type { ComponentCounters, LogFields, Logger, LogLevel } from '../core/telemetry.js';
import type { FilterConfig } from '../events/filter.js';
import type { StoredBatch } from './stored-batch.js';

/** What a source is opened in a thread with: plain data, built again there. */
export interface SourceThreadInit {
  type: string;
  /** The source's validated configuration. */
  config: unknown;
  name: string;
  configDirectory: string;
  filter: FilterConfig | undefined;
}

export interface PlainError {
  message: string;
  code?: string;
  retryable: boolean;
  cause?: string;
}

type Counts = Pick<ComponentCounters, 'eventsReceived' | 'batches' | 'errors' | 'errorCodes' | 'dropped'>;

/** Messages to a source thread; `source` names the source within the thread. */
export type ToThread =
  | { type: 'open'; source: number; init: SourceThreadInit }
  | { type: 'read'; source: number; id: number; after: SourcePosition | undefined; stored: boolean }
  | { type: 'abort'; source: number; id: number }
  | { type: 'close'; source: number };

export type FromThread =
  | { type: 'opened'; source: number; pollInterval: number }
  | { type: 'failed'; source: number; error: PlainError }
  | { type: 'log'; source: number; level: LogLevel; message: string; fields: LogFields }
  | {
      type: 'stored';
      source: number;
      id: number;
      bytes: ArrayBuffer;
      lengths: number[];
      newestEventMs: number | undefined;
      after: SourcePosition | undefined;
      caughtUp: boolean;
      counts: Counts;
    }
  | {
      type: 'events';
      source: number;
      id: number;
      events: SecurityEvent[];
      position: SourcePosition | undefined;
      caughtUp: boolean;
    }
  | { type: 'error'; source: number; id: number; error: PlainError }
  | { type: 'closed'; source: number };

type Reply = Extract<FromThread, { id: number }>;

/** How long a source may take to close in its thread before it is left behind. */
const CLOSE_MS = 1000;

// Compiled, this module is .js beside the worker's .js. Under tsx (tests) both are .ts, and
// Node 20 does not carry tsx's loader into a worker: the worker registers it first.
const UNDER_TSX = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL(UNDER_TSX ? './source-worker.ts' : './source-worker.js', import.meta.url);

function newWorker(): Worker {
  if (!UNDER_TSX) return new Worker(WORKER_FILE, { name: 'sources' });
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_FILE.href)}); })`;
  return new Worker(code, { eval: true, name: 'sources' });
}

/**
 * The threads the agent's sources run in (worker_threads): by default one fewer than the
 * machine's cores (at least one), shared out among the sources, so that a fleet of sources
 * costs a few V8 heaps, not one each. A thread starts with its first source and ends with its
 * last.
 */
export class SourceThreads {
  private readonly threads: SourceThread[];

  constructor(size = Math.max(1, availableParallelism() - 1)) {
    this.threads = Array.from({ length: size }, () => new SourceThread());
  }

  /** A source built and run in the thread with the fewest sources. */
  open(init: SourceThreadInit, logger: Logger, counters: ComponentCounters): ThreadedSource {
    const thread = this.threads.reduce((a, b) => (b.load < a.load ? b : a));
    return thread.open(init, logger, counters);
  }
}

/** One worker and the sources in it; started again (with its sources) when a read finds it dead. */
class SourceThread {
  private worker: Worker | undefined;
  private readonly sources = new Map<number, ThreadedSource>();
  /** Sources being closed, by key: resolved when the thread closed them or ended. */
  private readonly closing = new Map<number, () => void>();
  private nextKey = 1;

  get load(): number {
    return this.sources.size;
  }

  open(init: SourceThreadInit, logger: Logger, counters: ComponentCounters): ThreadedSource {
    const key = this.nextKey++;
    const source = new ThreadedSource(this, key, init, logger, counters);
    this.sources.set(key, source);
    if (this.worker) openIn(this.worker, source);
    else this.start();
    return source;
  }

  /** The worker, started again with every source in it if it died. */
  running(): Worker {
    return this.worker ?? this.start();
  }

  async close(key: number): Promise<void> {
    const worker = this.worker;
    if (!this.sources.delete(key) || !worker) return;
    // Answered by the thread's 'closed', or by its end: one listener each, however many close at once.
    const closed = new Promise<void>((resolve) => this.closing.set(key, resolve));
    worker.postMessage({ type: 'close', source: key } satisfies ToThread);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_MS)))]);
    clearTimeout(timer);
    this.closing.delete(key);
    if (this.sources.size === 0 && this.worker === worker) {
      this.worker = undefined;
      await worker.terminate();
    }
  }

  private start(): Worker {
    const worker = newWorker();
    this.worker = worker;
    worker.on('message', (message: FromThread) => {
      if (message.type === 'closed') this.closing.get(message.source)?.();
      else this.sources.get(message.source)?.receive(message);
    });
    const ended = (error: unknown) => {
      for (const resolve of this.closing.values()) resolve();
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const source of this.sources.values()) source.threadEnded(error);
    };
    worker.on('error', ended);
    worker.on('exit', (code) => ended(new Error(`exit code ${code}`)));
    for (const source of this.sources.values()) openIn(worker, source);
    return worker;
  }
}

/** Builds the source (again) in the worker; its reads wait until it is built. */
function openIn(worker: Worker, source: ThreadedSource): void {
  source.opening();
  worker.postMessage({ type: 'open', source: source.key, init: source.init } satisfies ToThread);
}

/**
 * A source run in a source thread: the Mapepire connection, the rows' JSON, decode, normalize,
 * the filter and the WAL record encoding happen there, and the pipeline's thread receives each
 * batch as one buffer of WAL payloads (`readStored`). Reads stay one at a time in order (the
 * pipeline's read-ahead), so nothing about ordering or durability changes: the pipeline
 * appends, and a batch not appended is read again.
 *
 * `read` (for repairing a damaged WAL region) hands over events, not records: as a Source it
 * reads SecurityEvents, and its record → event function is the identity.
 */
export class ThreadedSource implements Source<SecurityEvent> {
  private interval = 1000;
  private started!: { ready: Promise<void>; resolve(): void; reject(error: unknown): void; running: boolean };
  private readonly pending = new Map<number, { resolve(reply: Reply): void; reject(error: unknown): void }>();
  private nextId = 1;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly thread: SourceThread,
    readonly key: number,
    readonly init: SourceThreadInit,
    private readonly logger: Logger,
    private readonly counters: ComponentCounters,
  ) {}

  /** Settles once the source was built in its thread; rejects with what building it threw. */
  get ready(): Promise<void> {
    return this.started.ready;
  }

  get pollInterval(): number {
    return this.interval;
  }

  async read(after: SourcePosition | undefined, signal: AbortSignal): Promise<SourceBatch<SecurityEvent>> {
    const reply = await this.request(after, false, signal);
    if (reply.type !== 'events') throw unexpected(reply);
    return { records: reply.events, position: reply.position, caughtUp: reply.caughtUp };
  }

  async readStored(after: SourcePosition | undefined, signal: AbortSignal): Promise<StoredBatch> {
    const reply = await this.request(after, true, signal);
    if (reply.type !== 'stored') throw unexpected(reply);
    addCounts(this.counters, reply.counts);
    const payloads: Buffer[] = new Array(reply.lengths.length);
    let at = 0;
    reply.lengths.forEach((length, i) => {
      payloads[i] = Buffer.from(reply.bytes, at, length);
      at += length;
    });
    return { payloads, newestEventMs: reply.newestEventMs, after: reply.after, caughtUp: reply.caughtUp };
  }

  close(): Promise<void> {
    this.closing ??= (() => {
      this.failAll(new AuditRelayError('AR_INTERNAL', `source ${this.init.name} was closed`));
      return this.thread.close(this.key);
    })();
    return this.closing;
  }

  /** Its thread is (re)starting and builds it again. */
  opening(): void {
    let settle!: { resolve(): void; reject(error: unknown): void };
    const ready = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    ready.catch(() => {});
    this.started = { ready, ...settle, running: false };
  }

  /** A thread that died takes its reads with it; the pipeline retries, which starts a new one. */
  threadEnded(cause: unknown): void {
    // One that never built its sources (a broken installation) would only die again.
    const failure = new AuditRelayError('AR_INTERNAL', `the thread of source ${this.init.name} ended`, {
      cause,
      retryable: this.started.running,
    });
    this.started.reject(failure);
    this.failAll(failure);
  }

  receive(message: Exclude<FromThread, { type: 'closed' }>): void {
    switch (message.type) {
      case 'opened':
        this.interval = message.pollInterval;
        this.started.running = true;
        this.started.resolve();
        return;
      case 'failed':
        this.started.reject(rebuilt(message.error));
        return;
      case 'log':
        this.logger[message.level](message.message, message.fields);
        return;
      default: {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === 'error') waiting?.reject(rebuilt(message.error));
        else waiting?.resolve(message);
      }
    }
  }

  private failAll(error: unknown): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  private async request(
    after: SourcePosition | undefined,
    stored: boolean,
    signal: AbortSignal,
  ): Promise<Reply> {
    if (this.closing) throw new AuditRelayError('AR_INTERNAL', `source ${this.init.name} is closed`);
    const worker = this.thread.running();
    await this.started.ready;
    signal.throwIfAborted();
    const id = this.nextId++;
    const abort = () => worker.postMessage({ type: 'abort', source: this.key, id } satisfies ToThread);
    signal.addEventListener('abort', abort, { once: true });
    try {
      return await new Promise<Reply>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'read', source: this.key, id, after, stored } satisfies ToThread);
      });
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }
}

function rebuilt(error: PlainError): Error {
  const cause = error.cause === undefined ? undefined : new Error(error.cause);
  if (error.code !== undefined && error.code in ERROR_CODES) {
    return new AuditRelayError(error.code as ErrorCode, error.message, { cause, retryable: error.retryable });
  }
  return new Error(error.message, { cause });
}

function unexpected(reply: Reply): Error {
  return new AuditRelayError('AR_INTERNAL', `a source thread answered a read with ${reply.type}`);
}

function addCounts(counters: ComponentCounters, counts: Counts): void {
  counters.eventsReceived += counts.eventsReceived;
  counters.batches += counts.batches;
  for (const [key, n] of Object.entries(counts.errors)) {
    const stage = key as keyof ComponentCounters['errors'];
    counters.errors[stage] = (counters.errors[stage] ?? 0) + (n ?? 0);
  }
  for (const [code, n] of Object.entries(counts.errorCodes)) {
    counters.errorCodes[code] = (counters.errorCodes[code] ?? 0) + n;
  }
  for (const [reason, n] of Object.entries(counts.dropped)) {
    counters.dropped[reason] = (counters.dropped[reason] ?? 0) + n;
  }
}
