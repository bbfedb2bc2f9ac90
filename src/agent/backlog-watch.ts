import type { LogFields, Logger } from '../core/telemetry.js';

/**
 * Says when a sink starts working off a backlog and when it is through, once each: a sink
 * counts as behind when it has not caught up for `behindAfterMs` (an outage, a restart with
 * events kept, a burst larger than the sink's rate), and as through when it has caught up.
 * A sink that keeps up never logs here.
 */
export class BacklogWatch {
  private behindSince: number | undefined;
  private draining: { at: number; backlog: number } | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly fields: LogFields,
    private readonly behindAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** At the start of delivery: a backlog kept from the last run is being drained from now on. */
  starting(backlog: number): void {
    if (backlog <= 0) return;
    this.behindSince = this.now();
    this.startDraining(backlog);
  }

  /** A batch was read: the sink is behind from now on until it catches up. */
  pending(): void {
    this.behindSince ??= this.now();
  }

  /** After a batch was taken, with what is still to send. */
  sent(backlog: number): void {
    if (backlog <= 0) {
      this.caughtUp();
      return;
    }
    this.behindSince ??= this.now();
    if (!this.draining && this.now() - this.behindSince >= this.behindAfterMs) this.startDraining(backlog);
  }

  caughtUp(): void {
    if (this.draining) {
      const seconds = Math.max(0.001, (this.now() - this.draining.at) / 1000);
      this.logger.info('backlog drained', {
        ...this.fields,
        backlogAtStart: this.draining.backlog,
        seconds: Math.round(seconds * 10) / 10,
        perSecond: Math.round(this.draining.backlog / seconds),
      });
    }
    this.behindSince = undefined;
    this.draining = undefined;
  }

  private startDraining(backlog: number): void {
    this.draining = { at: this.now(), backlog };
    const behind = Math.round((this.draining.at - this.behindSince!) / 1000);
    this.logger.info('backlog draining', { ...this.fields, backlog, behindSeconds: behind });
  }
}
