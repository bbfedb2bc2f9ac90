import { AuditRelayError, retryable } from '../../core/errors.js';
import type { Destination, SendReport } from '../delivery.js';

/** A message refused for good: its index and the receiver's reason. */
export interface Refusal {
  index: number;
  reason: string;
}

/**
 * A batch over HTTP: split into requests of a bounded size, sent in order; each request's
 * answer says, per item, accepted, refused for good, or to be tried again. A request the
 * receiver refuses as a whole (400, 413, 422) is halved until the refused items are found, so
 * one bad message never holds back or drags down the others. When a request fails after
 * earlier ones went through, the progress is kept: only the rest is sent again.
 */

/** What one request made of its items (by index in that request); unlisted items were accepted. */
export interface ItemResults {
  refused: Refusal[];
  retry: number[];
  /** Why the `retry` items were not taken. */
  retryError?: AuditRelayError;
  /** Bytes sent (after compression). */
  bytes: number;
}

/** Thrown by a request whose items the receiver refused as a whole: halve it, or refuse a single item. */
export class RefusedRequest extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface HttpRequester {
  readonly description: string;
  /** Largest request body in bytes (before compression); a single larger item goes alone. */
  readonly maxRequestBytes: number;
  /** Sends one request. Throws AuditRelayError (whole request not taken) or RefusedRequest. */
  post(items: readonly string[], signal: AbortSignal): Promise<ItemResults>;
  close(): Promise<void>;
}

/** Consecutive runs of items whose total size stays within `max` bytes. */
export function chunk(items: readonly string[], max: number): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let size = 0;
  items.forEach((item, index) => {
    const bytes = Buffer.byteLength(item, 'utf8') + 1;
    if (current.length > 0 && size + bytes > max) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(index);
    size += bytes;
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function httpDestination(requester: HttpRequester): Destination<readonly string[]> {
  return {
    description: requester.description,
    async send(items, signal): Promise<SendReport> {
      const queue = chunk(items, requester.maxRequestBytes);
      const refused: Refusal[] = [];
      const retry: number[] = [];
      let retryError: AuditRelayError | undefined;
      let bytes = 0;
      let progress = false;
      while (queue.length > 0) {
        const indexes = queue.shift()!;
        let result: ItemResults;
        try {
          result = await requester.post(
            indexes.map((i) => items[i]!),
            signal,
          );
          progress = true;
        } catch (error) {
          if (error instanceof RefusedRequest) {
            if (indexes.length === 1) refused.push({ index: indexes[0]!, reason: error.reason });
            else {
              const half = Math.ceil(indexes.length / 2);
              queue.unshift(indexes.slice(0, half), indexes.slice(half));
            }
            progress = true;
            continue;
          }
          const transient = error instanceof AuditRelayError && error.retryable;
          // Nothing taken yet: the whole batch fails (failover and backoff handle it).
          if (!transient || signal.aborted || !progress) throw error;
          retry.push(...indexes, ...queue.flat());
          retryError = error;
          break;
        }
        bytes += result.bytes;
        for (const refusal of result.refused) {
          refused.push({ index: indexes[refusal.index]!, reason: refusal.reason });
        }
        if (result.retry.length > 0) {
          retry.push(...result.retry.map((i) => indexes[i]!));
          retryError = result.retryError;
        }
      }
      refused.sort((a, b) => a.index - b.index);
      return {
        bytes,
        resent: 0,
        refused: refused.map((refusal) => refusal.index),
        reasons: refused.map((refusal) => refusal.reason),
        retry:
          retry.length === 0
            ? undefined
            : {
                indexes: retry.sort((a, b) => a - b),
                error:
                  retryError ?? retryable('AR_SINK_HTTP', `${requester.description} asked to send again`),
              },
      };
    },
    close: () => requester.close(),
  };
}
