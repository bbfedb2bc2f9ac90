import { AuditRelayError } from './errors.js';

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Random source in [0,1) — injectable so tests are deterministic. */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

/** Exponential backoff with full jitter (AWS architecture blog), capped. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  const random = options.random ?? Math.random;
  return Math.max(options.initialMs / 2, Math.floor(random() * ceiling));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs `operation` until it succeeds, retrying retryable AuditRelayErrors with backoff.
 * A non-retryable error is thrown at once; so is the last error once `signal` aborts.
 */
export async function retryUntilDone<T>(
  operation: () => Promise<T>,
  options: BackoffOptions & {
    signal: AbortSignal;
    onRetry?: (error: unknown, delayMs: number, attempt: number) => void;
  },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const canRetry = error instanceof AuditRelayError ? error.retryable : false;
      if (!canRetry || options.signal.aborted) throw error;
      const delay = backoffDelay(attempt, options);
      options.onRetry?.(error, delay, attempt + 1);
      await sleep(delay, options.signal);
      if (options.signal.aborted) throw error;
    }
  }
}
