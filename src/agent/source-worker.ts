/**
 * A thread that sources run in (see source-thread.ts): it reads the IBM i, turns records into
 * events and encodes them as WAL record payloads, so that the pipeline's thread only appends,
 * formats and sends. Several sources may share it. Nothing here is durable: the pipeline
 * appends what this thread hands it.
 */
import { parentPort } from 'node:worker_threads';
import { type Source, type SourceBatch, type SourcePosition, samePosition } from '../core/component.js';
import type { SecurityEvent } from '../core/event.js';
import type { LogFields, Logger, LogLevel } from '../core/telemetry.js';
import { compileFilter } from '../events/filter.js';
import { emptyCounters } from '../telemetry/metrics.js';
import { SOURCES } from './registry.js';
import type { FromThread, PlainError, SourceThreadInit, ToThread } from './source-thread.js';
import { type RecordConversion, storedBatch } from './stored-batch.js';

const port = parentPort!;
const post = (message: FromThread, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

interface Read {
  after: SourcePosition | undefined;
  batch: Promise<SourceBatch<unknown>>;
  controller: AbortController;
}

interface Hosted {
  source: Source<unknown>;
  conversion: RecordConversion<unknown>;
  /** Reads in flight by request id, to abort them. */
  reads: Map<number, AbortController>;
  /**
   * The read after the batch just handed over, started before that batch is converted: the
   * IBM i answers it while this thread decodes and encodes. Still one read at a time, in
   * order; used only when the pipeline then asks for exactly that position, else waited out
   * and dropped.
   */
  next: Read | undefined;
  closed: boolean;
}

const hosted = new Map<number, Hosted>();

function threadLogger(key: number, bindings: LogFields): Logger {
  const at =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void =>
      post({ type: 'log', source: key, level, message, fields: { ...bindings, ...fields } });
  return {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    child: (more) => threadLogger(key, { ...bindings, ...more }),
  };
}

/** An error as plain data: its code and retryability decide what the pipeline does next. */
function plain(error: unknown): PlainError {
  if (error instanceof Error) {
    const { code, retryable } = error as Error & { code?: unknown; retryable?: unknown };
    return {
      message: error.message,
      code: typeof code === 'string' ? code : undefined,
      retryable: retryable === true,
      cause: error.cause instanceof Error ? error.cause.message : undefined,
    };
  }
  return { message: String(error), retryable: false };
}

function open(key: number, init: SourceThreadInit): void {
  try {
    const descriptor = SOURCES.find((d) => d.type === init.type);
    if (!descriptor) throw new Error(`no source of type ${init.type}`);
    const source = descriptor.create(init.config as never, {
      name: init.name,
      logger: threadLogger(key, {}),
      // Sources count nothing themselves; what a read counts goes back with its batch.
      counters: emptyCounters(),
      configDirectory: init.configDirectory,
    }) as Source<unknown>;
    const conversion = {
      toEvent: descriptor.toEvent as (record: unknown) => SecurityEvent,
      filter: compileFilter(init.filter),
    };
    hosted.set(key, { source, conversion, reads: new Map(), next: undefined, closed: false });
    post({ type: 'opened', source: key, pollInterval: source.pollInterval });
  } catch (error) {
    post({ type: 'failed', source: key, error: plain(error) });
  }
}

function startRead(one: Hosted, after: SourcePosition | undefined): Read {
  const controller = new AbortController();
  const batch = one.source.read(after, controller.signal);
  batch.catch(() => {});
  return { after, batch, controller };
}

async function sourceRead(
  one: Hosted,
  id: number,
  after: SourcePosition | undefined,
  ahead: boolean,
): Promise<SourceBatch<unknown>> {
  let current = one.next;
  one.next = undefined;
  if (current && !samePosition(current.after, after)) {
    // Waited out, not aborted: an abandoned query could cost the connection.
    await current.batch.catch(() => {});
    current = undefined;
  }
  current ??= startRead(one, after);
  one.reads.set(id, current.controller);
  const batch = await current.batch;
  if (ahead && !batch.caughtUp && !one.closed) one.next = startRead(one, batch.position ?? after);
  return batch;
}

async function read(
  key: number,
  id: number,
  after: SourcePosition | undefined,
  stored: boolean,
): Promise<void> {
  const one = hosted.get(key);
  try {
    if (!one) throw new Error('the source is not open in this thread');
    const batch = await sourceRead(one, id, after, stored);
    if (!stored) {
      const events = batch.records.map(one.conversion.toEvent);
      post({ type: 'events', source: key, id, events, position: batch.position, caughtUp: batch.caughtUp });
      return;
    }
    const counters = emptyCounters();
    const converted = storedBatch(batch, after, one.conversion, counters);
    const { payloads, newestEventMs, caughtUp } = converted;
    // One buffer of exactly the payloads, moved (not copied) to the pipeline's thread.
    const lengths = payloads.map((p) => p.length);
    const bytes = new Uint8Array(lengths.reduce((n, l) => n + l, 0));
    let at = 0;
    for (const payload of payloads) {
      bytes.set(payload, at);
      at += payload.length;
    }
    const { eventsReceived, batches, errors, errorCodes, dropped } = counters;
    post(
      {
        type: 'stored',
        source: key,
        id,
        bytes: bytes.buffer,
        lengths,
        newestEventMs,
        after: converted.after,
        caughtUp,
        counts: { eventsReceived, batches, errors, errorCodes, dropped },
      },
      [bytes.buffer],
    );
  } catch (error) {
    post({ type: 'error', source: key, id, error: plain(error) });
  } finally {
    one?.reads.delete(id);
  }
}

async function close(key: number): Promise<void> {
  const one = hosted.get(key);
  hosted.delete(key);
  if (one) {
    one.closed = true;
    for (const controller of one.reads.values()) controller.abort();
    one.next?.controller.abort();
    await one.source.close().catch(() => {});
  }
  post({ type: 'closed', source: key });
}

port.on('message', (message: ToThread) => {
  switch (message.type) {
    case 'open':
      open(message.source, message.init);
      break;
    case 'read':
      void read(message.source, message.id, message.after, message.stored);
      break;
    case 'abort':
      hosted.get(message.source)?.reads.get(message.id)?.abort();
      break;
    case 'close':
      void close(message.source);
      break;
  }
});
