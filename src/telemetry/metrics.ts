/**
 * Internal counters every component reports (Vector's component spec): received, sent,
 * bytes, errors by stage, dropped by reason. Logs, `demo`'s live view and the status
 * output all derive from these; nothing counts per event on its own.
 */
export type Stage = 'receiving' | 'decoding' | 'sending' | 'state';

export interface ComponentCounters {
  eventsReceived: number;
  eventsSent: number;
  bytesSent: number;
  /** Messages sent a second time after a reconnect (TCP resend window, RELP unacknowledged). */
  resent: number;
  batches: number;
  errors: Partial<Record<Stage, number>>;
  dropped: Record<string, number>;
  lastError?: string;
}

export class Metrics {
  private readonly components = new Map<string, ComponentCounters>();

  component(name: string): ComponentCounters {
    let counters = this.components.get(name);
    if (!counters) {
      counters = {
        eventsReceived: 0,
        eventsSent: 0,
        bytesSent: 0,
        resent: 0,
        batches: 0,
        errors: {},
        dropped: {},
      };
      this.components.set(name, counters);
    }
    return counters;
  }

  error(name: string, stage: Stage, message: string): void {
    const c = this.component(name);
    c.errors[stage] = (c.errors[stage] ?? 0) + 1;
    c.lastError = message;
  }

  snapshot(): Record<string, ComponentCounters> {
    return Object.fromEntries([...this.components].map(([name, c]) => [name, structuredClone(c)]));
  }
}
