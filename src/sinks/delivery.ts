import { type BackoffOptions, backoffDelay, sleep } from '../core/backoff.js';
import type { DeadLetters, Formatter, Sink, SinkReceipt } from '../core/component.js';
import { AuditRelayError, retryable } from '../core/errors.js';
import type { SecurityEvent } from '../core/event.js';
import type { ComponentCounters, Logger } from '../core/telemetry.js';
import { connectionWatch, failureReporter } from '../telemetry/failures.js';

/**
 * Delivery policy, in one place for every sink type (OTel's exporterhelper, Fluent Bit's
 * OK/RETRY/ERROR): a sink type supplies destinations with a plain `send`; this file adds
 * the timeout of each send, failover between destinations, retries with jittered backoff,
 * re-sending what a destination could not confirm or take (an HTTP bulk answer's 429 items),
 * finding a message the receiver refuses, dead letters, and the counting.
 */

/** What a destination says about a send that worked. */
export interface SendReport {
  /** Bytes written, framing included. */
  bytes: number;
  /** Messages written a second time by the destination itself (RELP unacknowledged after a reconnect). */
  resent: number;
  /**
   * When the destination confirms later (TCP/TLS: at the clean end of the connection):
   * resolves then, or rejects with a retryable error when the messages must be sent again.
   * Absent: the send itself was the confirmation (RELP acknowledged, UDP best effort).
   */
  confirmed?: Promise<void>;
  /** Messages (indexes) the receiver refused for good after bounded retries (RELP 500…). */
  refused?: readonly number[];
  /** Why, for each of `refused` (an HTTP item's error); absent: a RELP error answer. */
  reasons?: readonly string[];
  /**
   * Messages (indexes) the destination could not take this time (an HTTP item's 429 or 5xx, the
   * requests after one that broke): only these go again, after a backoff; the rest is delivered.
   */
  retry?: { indexes: readonly number[]; error: AuditRelayError };
}

/** Thrown by a send that delivered part of a batch: the rest is queued, the caller backs off. */
class PartlyDelivered extends Error {
  constructor(
    readonly batch: Batch,
    readonly error: AuditRelayError,
  ) {
    super(error.message);
  }
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
        this.rest(member);
        lastError = error;
        continue;
      }
      // A destination that confirms later (TCP/TLS) is well only once it confirmed: one that
      // takes every write and never confirms (a receiver that accepts and never reads, while
      // the kernel buffers still take the writes) must rest too, or its lost batches would
      // go back to it for ever instead of to the next destination.
      if (report?.confirmed)
        report.confirmed.then(
          () => this.recovered(member),
          () => this.rest(member),
        );
      else this.recovered(member);
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

  /** A failed destination is not tried again before its backoff has passed. */
  private rest(member: Member<Batch>): void {
    member.failures++;
    member.downUntil = this.now() + backoffDelay(member.failures - 1, this.options.backoff);
  }

  private recovered(member: Member<Batch>): void {
    member.failures = 0;
    member.downUntil = 0;
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
  /**
   * The same format for a smaller size: a message a receiver keeps refusing is tried at
   * these sizes (largest first, only those smaller than it is) before it becomes a dead letter.
   */
  shorter?: { maxMessageSize: number; format: Formatter }[];
  deadLetters: DeadLetters;
  counters: ComponentCounters;
  /** Component name in logs. */
  name: string;
}

/** A batch, from the time the sink took it until it is delivered. */
interface Batch {
  /** Send order (a split batch's parts extend their parent's): lost batches go again in this order. */
  order: readonly number[];
  events: readonly SecurityEvent[];
  messages: string[];
  /** Times a receiver reset or ended the connection before confirming this batch. */
  refusals: number;
  /** Split batches and single messages after refusals are sent alone and confirmed at once. */
  alone: boolean;
  /** Size it was cut to after refusals, if it was. */
  shortenedTo?: number;
  /** Confirmations the sink had seen when this batch was first refused. */
  confirmationsBefore?: number;
  done(): void;
  delivered: Promise<void>;
}

/** A connection lost twice with a batch unconfirmed: the batch may hold a message the receiver refuses. */
const SPLIT_AFTER = 2;
/** A single message refused this often is cut shorter, and at the shortest it becomes a dead letter. */
const GIVE_UP_AFTER = 3;

/**
 * A sink from destinations that take formatted messages. Each batch is formatted once, then
 * tried on the failover group until a destination takes it, with jittered backoff between
 * attempts. A batch is delivered when its destination confirmed it: what a destination loses
 * unconfirmed (a TCP connection reset) is sent again, before anything newer, so order holds.
 * A batch lost again and again is split until the message the receiver refuses is alone;
 * that one is cut shorter, and finally written to the dead letters: the events behind it
 * keep flowing. `send` gives up only for a non-retryable error or when `signal` stops it.
 */
export function deliverySink(
  destinations: readonly Destination<readonly string[]>[],
  options: DeliveryOptions,
): Sink {
  return new Delivery(destinations, options);
}

class Delivery implements Sink {
  private readonly group: FailoverGroup<readonly string[]>;
  private readonly report: (error: unknown, delayMs: number, attempt: number) => void;
  private readonly connection: ReturnType<typeof connectionWatch>;
  /** Batches to send again, in send order. */
  private lost: Batch[] = [];
  private nextSeq = 0;
  /** Batches confirmed so far: a refusal counts against one message only if others get through. */
  private confirmations = 0;
  /** The batch a destination is taking right now (its send has not returned). */
  private sending: Batch | undefined;
  /** Transmissions run one at a time, in order. */
  private turn: Promise<void> = Promise.resolve();
  private readonly closing = new AbortController();

  constructor(
    destinations: readonly Destination<readonly string[]>[],
    private readonly options: DeliveryOptions,
  ) {
    this.group = new FailoverGroup(destinations, options);
    this.report = failureReporter(options.logger, options.counters, options.name, 'sending');
    this.connection = connectionWatch(options.logger, options.counters, {});
  }

  async send(events: readonly SecurityEvent[], signal: AbortSignal): Promise<SinkReceipt> {
    const batch = this.batch(events, events.map(this.options.format), false);
    await this.serially(() => this.transmit(batch, signal));
    return { delivered: batch.delivered };
  }

  private batch(
    events: readonly SecurityEvent[],
    messages: string[],
    alone: boolean,
    order: readonly number[] = [this.nextSeq++],
  ): Batch {
    let done!: () => void;
    const delivered = new Promise<void>((resolve) => {
      done = resolve;
    });
    return { order, events, messages, refusals: 0, alone, done, delivered };
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work);
    this.turn = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Sends the lost batches (in order), then `batch`; retries with backoff until both went out. */
  private async transmit(batch: Batch | undefined, signal: AbortSignal): Promise<void> {
    let confirmedBefore = this.confirmations;
    let pending = batch;
    for (let attempt = 0; ; attempt++) {
      try {
        while (this.lost.length > 0) await this.sendOnce(this.nextLost()!, signal);
        if (pending) await this.sendOnce(pending, signal);
        return;
      } catch (thrown) {
        let error = thrown;
        if (thrown instanceof PartlyDelivered) {
          // What is left of it waits among the lost batches, in order.
          if (thrown.batch === pending) pending = undefined;
          error = thrown.error;
        }
        const canRetry = error instanceof AuditRelayError && error.retryable;
        if (!canRetry || signal.aborted) throw error;
        const failed = this.sending;
        this.sending = undefined;
        // A receiver that ended the session while taking a batch (imrelp aborts a RELP session at
        // a message over its maxDataSize) may be refusing one of its messages, as one that drops
        // a stream batch unconfirmed may: counted the same way, so it is split and cut too.
        if (failed && this.countRefusal(failed, error) && failed === pending) {
          this.requeue(failed);
          pending = undefined;
        }
        // The backoff grows only while nothing gets through: probing for a refused message
        // among confirmed ones must not wait longer at every step.
        if (this.confirmations !== confirmedBefore) {
          confirmedBefore = this.confirmations;
          attempt = 0;
        }
        this.options.counters.eventsFailed += (this.lost[0] ?? batch)?.events.length ?? 0;
        this.connection.down(error);
        const delay = backoffDelay(attempt, this.options.backoff);
        this.report(error, delay, attempt + 1);
        await sleep(delay, signal);
        if (signal.aborted) throw error;
      }
    }
  }

  /** The oldest lost batch, split or shortened first when the receiver keeps refusing it. */
  private nextLost(): Batch | undefined {
    const batch = this.lost[0];
    if (!batch || batch.refusals < SPLIT_AFTER) return batch;
    if (batch.messages.length > 1) {
      const parts = this.split(batch).map((range, i) =>
        this.batch(batch.events.slice(...range), batch.messages.slice(...range), true, [...batch.order, i]),
      );
      for (const part of parts) {
        part.refusals = batch.refusals - 1;
        part.confirmationsBefore = batch.confirmationsBefore;
      }
      void Promise.all(parts.map((part) => part.delivered)).then(batch.done);
      this.lost.splice(0, 1, ...parts);
      return parts[0];
    }
    if (batch.refusals < GIVE_UP_AFTER) return batch;
    // A receiver that takes nothing at all (a TLS port spoken to in plain TCP) is not refusing
    // this message: keep trying it, with backoff, and never give it up.
    if (this.confirmations === batch.confirmationsBefore) return batch;
    return this.shorten(batch);
  }

  /**
   * Where to split a batch the receiver keeps refusing. A receiver refuses a message most often
   * for its size, so messages longer than the first shorter form are split out alone at once
   * (one round instead of halving down to them); without such a message, in halves.
   */
  private split(batch: Batch): [number, number][] {
    const suspectAbove = this.options.shorter?.[0]?.maxMessageSize ?? Number.POSITIVE_INFINITY;
    const long = batch.messages.map((message) => Buffer.byteLength(message) > suspectAbove);
    if (long.every((isLong) => isLong === long[0])) {
      const half = Math.ceil(batch.messages.length / 2);
      return [
        [0, half],
        [half, batch.messages.length],
      ];
    }
    const ranges: [number, number][] = [];
    for (let start = 0; start < long.length; ) {
      let end = start + 1;
      while (!long[start] && end < long.length && !long[end]) end++;
      ranges.push([start, end]);
      start = end;
    }
    return ranges;
  }

  /** A single refused message: the next shorter form, or a dead letter when none is left. */
  private shorten(batch: Batch): Batch | undefined {
    const event = batch.events[0]!;
    const size = Buffer.byteLength(batch.messages[0]!);
    const tried = Math.min(size, batch.shortenedTo ?? size);
    const shorter = this.options.shorter?.find((form) => form.maxMessageSize < tried);
    if (shorter) {
      this.options.logger.warn('a receiver keeps refusing a message: sending it cut shorter', {
        sink: this.options.name,
        id: event.id,
        bytes: size,
        cutTo: shorter.maxMessageSize,
      });
      batch.messages = [shorter.format(event)];
      batch.shortenedTo = shorter.maxMessageSize;
      batch.refusals = SPLIT_AFTER;
      return batch;
    }
    this.lost.shift();
    void this.deadLetter(
      batch.events,
      `refused ${batch.refusals} times by the receiver, also when cut to ${batch.shortenedTo ?? size} bytes`,
    ).then(batch.done, (error) => this.lose(batch, error));
    return this.nextLost();
  }

  private async sendOnce(batch: Batch, signal: AbortSignal): Promise<void> {
    this.sending = batch;
    const sent = await this.group.send(batch.messages, signal);
    this.sending = undefined;
    this.connection.up();
    if (this.lost[0] === batch) this.lost.shift();
    const { counters } = this.options;
    counters.batches++;
    counters.bytesSent += sent?.bytes ?? 0;
    counters.resent += sent?.resent ?? 0;
    const refused = sent?.refused ?? [];
    if (refused.length > 0) await this.deadLetterRefused(batch, refused, sent?.reasons);
    const retry = sent?.retry?.indexes ?? [];
    if (retry.length > 0) {
      counters.eventsSent += batch.events.length - refused.length - retry.length;
      const rest = this.batch(
        retry.map((index) => batch.events[index]!),
        retry.map((index) => batch.messages[index]!),
        batch.alone,
        [...batch.order, 0],
      );
      void rest.delivered.then(batch.done);
      counters.resent += retry.length;
      this.requeue(rest);
      throw new PartlyDelivered(batch, sent!.retry!.error);
    }
    const settle = () => {
      counters.eventsSent += batch.events.length - refused.length;
      this.confirmations++;
      batch.done();
    };
    if (!sent?.confirmed) {
      settle();
      return;
    }
    if (batch.alone) {
      // A probe: its outcome decides what to try next, so wait for it here; a lost one is
      // retried after a backoff.
      await sent.confirmed.then(settle, (error) => {
        this.lose(batch, error);
        throw error;
      });
      return;
    }
    sent.confirmed.then(settle, (error) => this.lose(batch, error));
  }

  /**
   * Counts `error` against `batch` when it may be the receiver refusing one of its messages:
   * only a receiver that ended or reset the connection may be; a timeout (it did not end its
   * side, or did not read) says nothing about the messages. True when counted.
   */
  private countRefusal(batch: Batch, error: unknown): boolean {
    if (!(error instanceof AuditRelayError && error.code === 'AR_SINK_CLOSED')) return false;
    batch.confirmationsBefore ??= this.confirmations;
    batch.refusals++;
    return true;
  }

  /** A destination lost `batch` unconfirmed: it goes again, in order, before anything newer. */
  private lose(batch: Batch, error: unknown): void {
    if (this.closing.signal.aborted) return;
    this.countRefusal(batch, error);
    this.options.counters.resent += batch.messages.length;
    this.connection.down(error);
    this.report(error, 0, batch.refusals);
    this.requeue(batch);
    // Nothing newer may be coming to carry it: send it on its own turn.
    void this.serially(() => this.transmit(undefined, this.closing.signal)).catch(() => {});
  }

  /** `batch` to be sent again, among the lost batches in send order. */
  private requeue(batch: Batch): void {
    const at = this.lost.findIndex((other) => sendsBefore(batch, other));
    this.lost.splice(at < 0 ? this.lost.length : at, 0, batch);
  }

  /** The refused messages of a batch to the dead letters, one write per reason. */
  private async deadLetterRefused(
    batch: Batch,
    refused: readonly number[],
    reasons: readonly string[] | undefined,
  ): Promise<void> {
    const byReason = new Map<string, SecurityEvent[]>();
    refused.forEach((index, i) => {
      const reason = reasons?.[i] ?? 'refused by the receiver (RELP error answer) after bounded retries';
      byReason.set(reason, [...(byReason.get(reason) ?? []), batch.events[index]!]);
    });
    for (const [reason, events] of byReason) await this.deadLetter(events, reason);
  }

  private async deadLetter(events: readonly SecurityEvent[], reason: string): Promise<void> {
    this.options.counters.dropped['deadLetter'] =
      (this.options.counters.dropped['deadLetter'] ?? 0) + events.length;
    this.options.logger.error(`${events.length} event(s) written to the dead letters: ${reason}`, {
      sink: this.options.name,
      first: events[0]?.id,
    });
    await this.options.deadLetters.write(events, reason);
  }

  async close(): Promise<void> {
    // What is still unconfirmed is confirmed by the destinations' graceful close, or stays in
    // the WAL for the next start: nothing is sent again from here on.
    this.closing.abort();
    await this.group.close();
  }
}

/** Whether `a` was sent before `b` (a split batch's parts in between their parent's neighbours). */
function sendsBefore(a: Batch, b: Batch): boolean {
  for (let i = 0; i < Math.min(a.order.length, b.order.length); i++) {
    if (a.order[i] !== b.order[i]) return a.order[i]! < b.order[i]!;
  }
  return a.order.length < b.order.length;
}
