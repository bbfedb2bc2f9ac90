import type { Sink } from '../core/component.js';
import { AuditRelayError } from '../core/errors.js';
import { type BackoffOptions, backoffDelay } from '../core/retry.js';
import type { SecurityEvent } from '../events/security-event.js';
import type { Logger } from '../telemetry/logger.js';

/** One place a sink can deliver to. */
export interface Destination {
  readonly description: string;
  send(events: readonly SecurityEvent[], signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export interface FailoverOptions {
  /** After this long on a backup, the next batch tries the primary first again. */
  failbackMs: number;
  backoff: BackoffOptions;
  logger: Logger;
  now?: () => number;
}

interface Member {
  destination: Destination;
  failures: number;
  /** Not tried again before this time (jittered exponential backoff per destination). */
  downUntil: number;
}

/**
 * An ordered list of destinations for one sink: a batch goes to the first one that takes
 * it. A failed destination rests with jittered exponential backoff; after `failbackMs` on a
 * backup the primary is tried first again. With one destination this is a plain pass-through.
 */
export class FailoverGroup implements Sink {
  private readonly members: Member[];
  private active = 0;
  private activeSince: number;
  private readonly now: () => number;

  constructor(
    destinations: readonly Destination[],
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

  async send(events: readonly SecurityEvent[], signal: AbortSignal): Promise<void> {
    let lastError: unknown;
    for (const index of this.order()) {
      const member = this.members[index]!;
      try {
        await member.destination.send(events, signal);
      } catch (error) {
        if (!(error instanceof AuditRelayError) || !error.retryable) throw error;
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
          {
            from: this.activeDestination,
            to: member.destination.description,
          },
        );
        this.active = index;
        this.activeSince = this.now();
      }
      return;
    }
    throw lastError;
  }

  /** Which members to try, in order: the active one (or the primary after failback), then the rest. */
  private order(): number[] {
    const now = this.now();
    const indexes = this.members.map((_, i) => i);
    const preferred =
      this.active !== 0 && now - this.activeSince >= this.options.failbackMs ? 0 : this.active;
    const ordered = [preferred, ...indexes.filter((i) => i !== preferred)];
    const ready = ordered.filter((i) => this.members[i]!.downUntil <= now);
    // Every destination resting: the pipeline is already backing off, so probe them all.
    return ready.length > 0 ? ready : ordered;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.members.map((m) => m.destination.close()));
  }
}
