import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Source, SourceBatch, SourcePosition } from '../core/component.js';
import { AuditRelayError, ERROR_CODES, type ErrorCode } from '../core/errors.js';
import type { SecurityEvent } from '../core/event.js';
import type { ComponentCounters, LogFields, Logger, LogLevel } from '../core/telemetry.js';
import type { FilterConfig } from '../events/filter.js';
import type { StoredBatch } from './stored-batch.js';

/** What a source thread is started with: everything plain data, built again in the thread. */
export interface SourceThreadInit {
  type: string;
  /** The source's validated configuration. */
  config: unknown;
  name: string;
  configDirectory: string;
  filter: FilterConfig | undefined;
}

interface PlainError {
  message: string;
  code?: string;
  retryable: boolean;
  cause?: string;
}

type Counts = Pick<ComponentCounters, 'eventsReceived' | 'batches' | 'errors' | 'errorCodes' | 'dropped'>;

export type ToThread =
  | { type: 'read'; id: number; after: SourcePosition | undefined; stored: boolean }
  | { type: 'abort'; id: number }
  | { type: 'close' };

export type FromThread =
  | { type: 'ready'; pollInterval: number }
  | { type: 'failed'; error: PlainError }
  | { type: 'log'; level: LogLevel; message: string; fields: LogFields }
  | {
      type: 'stored';
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
      id: number;
      events: SecurityEvent[];
      position: SourcePosition | undefined;
      caughtUp: boolean;
    }
  | { type: 'error'; id: number; error: PlainError }
  | { type: 'closed' };

interface Thread {
  worker: Worker;
  /** Settles once the source was built in this thread. */
  ready: Promise<void>;
}

/** How long a closing thread may take to close its source before it is ended. */
const CLOSE_MS = 1000;

// Compiled, this module is .js beside the worker's .js. Under tsx (tests) both are .ts, and
// Node 20 does not carry tsx's loader into a worker: the worker registers it first.
const UNDER_TSX = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL(UNDER_TSX ? './source-worker.ts' : './source-worker.js', import.meta.url);

function newWorker(options: WorkerOptions): Worker {
  if (!UNDER_TSX) return new Worker(WORKER_FILE, options);
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_FILE.href)}); })`;
  return new Worker(code, { ...options, eval: true });
}

/**
 * A source that runs in a thread of its own (worker_threads): the Mapepire connection, the
 * rows' JSON, decode, normalize, the filter and the WAL record encoding happen there, and the
 * pipeline's thread receives each batch as one buffer of WAL payloads (`readStored`). Reads
 * stay one at a time in order (the pipeline's read-ahead), so nothing about ordering or
 * durability changes: the pipeline appends, and a batch not appended is read again.
 *
 * `read` (for repairing a damaged WAL region) hands over events, not records: as a Source it
 * reads SecurityEvents, and its record → event function is the identity.
 */
export class ThreadedSource implements Source<SecurityEvent> {
  private interval = 1000;
  private thread: Thread | undefined;
  private readonly pending = new Map<number, { resolve(m: FromThread): void; reject(e: unknown): void }>();
  private nextId = 1;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly init: SourceThreadInit,
    private readonly logger: Logger,
    private readonly counters: ComponentCounters,
  ) {
    this.thread = this.start();
  }

  /** Settles once the source was built in its thread; rejects with what building it threw. */
  get ready(): Promise<void> {
    return this.thread?.ready ?? Promise.resolve();
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
    this.closing ??= (async () => {
      const worker = this.thread?.worker;
      this.thread = undefined;
      this.failAll(new AuditRelayError('AR_INTERNAL', `source ${this.init.name} was closed`));
      if (!worker) return;
      const closed = new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.on('message', (message: FromThread) => {
          if (message.type === 'closed') resolve();
        });
      });
      worker.postMessage({ type: 'close' } satisfies ToThread);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_MS)))]);
      clearTimeout(timer);
      await worker.terminate();
    })();
    return this.closing;
  }

  private start(): Thread {
    const worker = newWorker({ workerData: this.init, name: `source ${this.init.name}` });
    let started!: { resolve(): void; reject(e: unknown): void };
    const ready = new Promise<void>((resolve, reject) => {
      started = { resolve, reject };
    });
    ready.catch(() => {});
    const thread: Thread = { worker, ready };
    let running = false;
    worker.on('message', (message: FromThread) => {
      if (message.type === 'ready') {
        this.interval = message.pollInterval;
        running = true;
        started.resolve();
      } else if (message.type === 'failed') started.reject(rebuilt(message.error));
      else this.receive(message);
    });
    const ended = (error: unknown) => {
      if (this.thread !== thread) return;
      this.thread = undefined;
      // A thread that died takes its reads with it; the pipeline retries, which starts a new
      // one. One that never started (a broken installation) would only die again.
      const failure = new AuditRelayError('AR_INTERNAL', `the thread of source ${this.init.name} ended`, {
        cause: error,
        retryable: running,
      });
      started.reject(failure);
      this.failAll(failure);
    };
    worker.on('error', ended);
    worker.on('exit', (code) => ended(new Error(`exit code ${code}`)));
    return thread;
  }

  private failAll(error: unknown): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  private receive(message: Exclude<FromThread, { type: 'ready' | 'failed' }>): void {
    switch (message.type) {
      case 'log':
        this.logger[message.level](message.message, message.fields);
        return;
      case 'closed':
        return;
      default: {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === 'error') waiting?.reject(rebuilt(message.error));
        else waiting?.resolve(message);
      }
    }
  }

  private async request(
    after: SourcePosition | undefined,
    stored: boolean,
    signal: AbortSignal,
  ): Promise<FromThread> {
    if (this.closing) throw new AuditRelayError('AR_INTERNAL', `source ${this.init.name} is closed`);
    this.thread ??= this.start();
    const { worker, ready } = this.thread;
    await ready;
    signal.throwIfAborted();
    const id = this.nextId++;
    const abort = () => worker.postMessage({ type: 'abort', id } satisfies ToThread);
    signal.addEventListener('abort', abort, { once: true });
    try {
      return await new Promise<FromThread>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'read', id, after, stored } satisfies ToThread);
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

function unexpected(reply: FromThread): Error {
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
