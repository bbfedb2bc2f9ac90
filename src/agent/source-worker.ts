/**
 * The thread a source runs in (see source-thread.ts): it reads the IBM i, turns records into
 * events and encodes them as WAL record payloads, so that the pipeline's thread only appends,
 * formats and sends. Nothing here is durable: the pipeline appends what this thread hands it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Source, SourceBatch, SourcePosition } from '../core/component.js';
import type { LogFields, Logger, LogLevel } from '../core/telemetry.js';
import { compileFilter } from '../events/filter.js';
import { emptyCounters } from '../telemetry/metrics.js';
import { SOURCES } from './registry.js';
import type { FromThread, SourceThreadInit, ToThread } from './source-thread.js';
import { storedBatch } from './stored-batch.js';

const port = parentPort!;
const init = workerData as SourceThreadInit;
const post = (message: FromThread, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

function threadLogger(bindings: LogFields): Logger {
  const at =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void =>
      post({ type: 'log', level, message, fields: { ...bindings, ...fields } });
  return {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    child: (more) => threadLogger({ ...bindings, ...more }),
  };
}

/** An error as plain data: its code and retryability decide what the pipeline does next. */
function plain(error: unknown): Extract<FromThread, { type: 'failed' }>['error'] {
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

const descriptor = SOURCES.find((d) => d.type === init.type)!;
let source: Source<unknown> | undefined;
try {
  if (!descriptor) throw new Error(`no source of type ${init.type}`);
  source = descriptor.create(init.config as never, {
    name: init.name,
    logger: threadLogger({}),
    // Sources count nothing themselves; what a read counts goes back with its batch.
    counters: emptyCounters(),
    configDirectory: init.configDirectory,
  }) as Source<unknown>;
  post({ type: 'ready', pollInterval: source.pollInterval });
} catch (error) {
  post({ type: 'failed', error: plain(error) });
}
const conversion = {
  toEvent: descriptor.toEvent as (record: unknown) => never,
  filter: compileFilter(init.filter),
};
const reads = new Map<number, AbortController>();

/**
 * The read after the batch just handed over, started before that batch is converted: the IBM i
 * answers it while this thread decodes and encodes. Still one read at a time, in order; used
 * only when the pipeline then asks for exactly that position, else waited out and dropped.
 */
let next:
  | { after: SourcePosition | undefined; batch: Promise<SourceBatch<unknown>>; controller: AbortController }
  | undefined;

const samePosition = (a: SourcePosition | undefined, b: SourcePosition | undefined) =>
  JSON.stringify(a) === JSON.stringify(b);

function startRead(after: SourcePosition | undefined): NonNullable<typeof next> {
  const controller = new AbortController();
  const batch = source!.read(after, controller.signal);
  batch.catch(() => {});
  return { after, batch, controller };
}

async function sourceRead(
  id: number,
  after: SourcePosition | undefined,
  ahead: boolean,
): Promise<SourceBatch<unknown>> {
  let current = next;
  next = undefined;
  if (current && !samePosition(current.after, after)) {
    // Waited out, not aborted: an abandoned query could cost the connection.
    await current.batch.catch(() => {});
    current = undefined;
  }
  current ??= startRead(after);
  reads.set(id, current.controller);
  const batch = await current.batch;
  if (ahead && !batch.caughtUp) next = startRead(batch.position ?? after);
  return batch;
}

async function read(id: number, after: SourcePosition | undefined, stored: boolean): Promise<void> {
  try {
    const batch = await sourceRead(id, after, stored);
    if (!stored) {
      const events = batch.records.map(conversion.toEvent);
      post({ type: 'events', id, events, position: batch.position, caughtUp: batch.caughtUp });
      return;
    }
    const counters = emptyCounters();
    const { payloads, newestEventMs, caughtUp } = storedBatch(batch, after, conversion, counters);
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
        id,
        bytes: bytes.buffer,
        lengths,
        newestEventMs,
        after: batch.position ?? after,
        caughtUp,
        counts: { eventsReceived, batches, errors, errorCodes, dropped },
      },
      [bytes.buffer],
    );
  } catch (error) {
    post({ type: 'error', id, error: plain(error) });
  } finally {
    reads.delete(id);
  }
}

port.on('message', (message: ToThread) => {
  switch (message.type) {
    case 'read':
      void read(message.id, message.after, message.stored);
      break;
    case 'abort':
      reads.get(message.id)?.abort();
      break;
    case 'close':
      for (const controller of reads.values()) controller.abort();
      next?.controller.abort();
      void Promise.resolve(source?.close())
        .catch(() => {})
        .finally(() => post({ type: 'closed' }));
      break;
  }
});
