/**
 * What every component reports, as contracts: the agent's own log and its counters.
 * telemetry/ implements them; components see only these types.
 */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export type LogFields = Record<string, string | number | boolean | undefined>;

/** One line per happening, never per event. */
export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

/** Where in the pipeline an error happened. */
export type Stage = 'receiving' | 'decoding' | 'filtering' | 'sending' | 'state';

/**
 * Counters of one component (Vector's component spec): received, sent, bytes, errors by
 * stage, dropped by reason. Logs, `demo`'s live view and status output derive from these.
 */
export interface ComponentCounters {
  eventsReceived: number;
  eventsSent: number;
  bytesSent: number;
  /** Messages sent a second time after a reconnect (TCP resend window, RELP unacknowledged). */
  resent: number;
  batches: number;
  errors: Partial<Record<Stage, number>>;
  /** Events left out on purpose, by reason (`filter`, …). */
  dropped: Record<string, number>;
  lastError?: string;
}
