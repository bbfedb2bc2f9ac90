import { type BackoffOptions, backoffDelay, sleep } from '../core/backoff.js';
import type { Formatter, Sink } from '../core/component.js';
import { AuditRelayError, retryable } from '../core/errors.js';
import type { SecurityEvent } from '../core/event.js';
import type { ComponentCounters, Logger } from '../core/telemetry.js';
import { failureReporter } from '../telemetry/failures.js';

/**
 * Delivery policy, in one place for every sink type (OTel's exporterhelper, Fluent Bit's
 * OK/RETRY/ERROR): a sink type supplies destinations with a plain `send`; this file adds
 * the timeout of each send, failover between destinations, retries with jittered backoff,
 * and the counting.
 */

/** What a destination says about a send that worked. */
export interface SendReport {
  /** Bytes written, framing included. */
  bytes: number;
  /** Messages written a second time (TCP resend window, RELP unacknowledged after a reconnect). */
  resent: number;
}

/** One place a sink can deliver to, with a plain send: no retries, no failover. */
export interface Destination<Batch> {
  readonly description: string;
  /**
   * Resolves once the destination has the batch by its transport's rules. Throws
   * AuditRelayError (retryable ones are tried again). Must give up promptly when `signal`
   * aborts (the timeout): the next attempt starts from a clean connection.
   */
  send(batch: Batch, signal: AbortSignal): Promise<SendReport | undefined>;
  close(): Promise<void>;
}

export interface FailoverOptions {
  /** After this long on a backup, the next batch tries the primary first again. */
  failbackMs: number;
  backoff: BackoffOptions;
  logger: Logger;
  /** A send with no result after this long fails (retryable) and the next destination is tried. */
  sendTimeoutMs?: number;
  now?: () => number;
}

interface Member<Batch> {
  destination: Destination<Batch>;
  failures: number;
  /** Not tried again before this time (jittered exponential backoff per destination). */
  downUntil: number;
}

/**
 * An ordered list of destinations for one sink: a batch goes to the first one that takes
 * it. A failed destination rests with jittered exponential backoff; after `failbackMs` on a
 * backup the primary is tried first again. With one destination this is a plain pass-through.
 */
export class FailoverGroup<Batch> {
  private readonly members: Member<Batch>[];
  private active = 0;
  private activeSince: number;
  private readonly now: () => number;

  constructor(
    destinations: readonly Destination<Batch>[],
    private readonly options: FailoverOptions,
  ) {
    if (destinations.length === 0) throw new Error('a failover group needs a destination');
    this.members = destinations.map((destination) => ({ destination, failures: 0, downUntil: 0 }));
    this.now = options.now ?? Date.now;
    this.activeSince = this.now();
  }

  get activeDestination(): string {
    return this.members[this.active]!.destination.description;
  }

  /** One attempt: each destination in turn until one takes the batch; the last error otherwise. */
  async send(batch: Batch, signal: AbortSignal): Promise<SendReport | undefined> {
    let lastError: unknown;
    for (const index of this.order()) {
      const member = this.members[index]!;
      let report: SendReport | undefined;
      try {
        report = await this.sendWithin(member.destination, batch, signal);
      } catch (error) {
        if (!(error instanceof AuditRelayError) || !error.retryable || signal.aborted) throw error;
        member.failures++;
        member.downUntil = this.now() + backoffDelay(member.failures - 1, this.options.backoff);
        lastError = error;
        continue;
      }
      member.failures = 0;
      member.downUntil = 0;
      if (index !== this.active) {
        this.options.logger.warn(
          index === 0 ? 'back on the primary destination' : 'failed over to another destination',
          { from: this.activeDestination, to: member.destination.description },
        );
        this.active = index;
        this.activeSince = this.now();
      }
      return report;
    }
    throw lastError;
  }

  private async sendWithin(
    destination: Destination<Batch>,
    batch: Batch,
    signal: AbortSignal,
  ): Promise<SendReport | undefined> {
    const timeoutMs = this.options.sendTimeoutMs;
    if (timeoutMs === undefined) return destination.send(batch, signal);
    const attempt = new AbortController();
    const stop = () => attempt.abort(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    const timer = setTimeout(() => attempt.abort(), timeoutMs);
    try {
      return await destination.send(batch, attempt.signal);
    } catch (error) {
      if (attempt.signal.aborted && !signal.aborted) {
        throw retryable(
          'AR_SINK_TIMEOUT',
          `${destination.description} did not take a batch within ${timeoutMs} ms`,
          error,
        );
      }
      throw error;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
  }

  /** Which members to try, in order: the active one (or the primary after failback), then the rest. */
  private order(): number[] {
    const now = this.now();
    const indexes = this.members.map((_, i) => i);
    const preferred =
      this.active !== 0 && now - this.activeSince >= this.options.failbackMs ? 0 : this.active;
    const ordered = [preferred, ...indexes.filter((i) => i !== preferred)];
    const ready = ordered.filter((i) => this.members[i]!.downUntil <= now);
    // Every destination resting: the caller is already backing off, so probe them all.
    return ready.length > 0 ? ready : ordered;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.members.map((m) => m.destination.close()));
  }
}

export interface DeliveryOptions extends FailoverOptions {
  /** The sink's compiled format. */
  format: Formatter;
  counters: ComponentCounters;
  /** Component name in logs. */
  name: string;
}

/**
 * A sink from destinations that take formatted messages: each batch is formatted once, then
 * tried on the failover group until a destination takes it, with jittered backoff between
 * attempts. Gives up only for a non-retryable error or when `signal` stops it.
 */
export function deliverySink(
  destinations: readonly Destination<readonly string[]>[],
  options: DeliveryOptions,
): Sink {
  const group = new FailoverGroup(destinations, options);
  const report = failureReporter(options.logger, options.counters, options.name, 'sending');
  const { counters, format } = options;
  return {
    async send(events: readonly SecurityEvent[], signal: AbortSignal): Promise<void> {
      const messages = events.map(format);
      for (let attempt = 0; ; attempt++) {
        try {
          const sent = await group.send(messages, signal);
          counters.eventsSent += events.length;
          counters.batches++;
          counters.bytesSent += sent?.bytes ?? 0;
          counters.resent += sent?.resent ?? 0;
          return;
        } catch (error) {
          const canRetry = error instanceof AuditRelayError && error.retryable;
          if (!canRetry || signal.aborted) throw error;
          const delay = backoffDelay(attempt, options.backoff);
          report(error, delay, attempt + 1);
          await sleep(delay, signal);
          if (signal.aborted) throw error;
        }
      }
    },
    close: () => group.close(),
  };
}
