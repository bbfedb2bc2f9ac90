import type { ComponentCounters } from '../core/telemetry.js';

/** The counters of every component, by name. */
export class Metrics {
  private readonly components = new Map<string, ComponentCounters>();

  component(name: string): ComponentCounters {
    let counters = this.components.get(name);
    if (!counters) {
      counters = emptyCounters();
      this.components.set(name, counters);
    }
    return counters;
  }

  snapshot(): Record<string, ComponentCounters> {
    return Object.fromEntries([...this.components].map(([name, c]) => [name, structuredClone(c)]));
  }
}

export function emptyCounters(): ComponentCounters {
  return {
    eventsReceived: 0,
    eventsSent: 0,
    bytesSent: 0,
    resent: 0,
    eventsFailed: 0,
    batches: 0,
    errors: {},
    errorCodes: {},
    dropped: {},
  };
}
