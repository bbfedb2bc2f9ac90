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
 * stage and by code, dropped by reason. Logs, metrics and `demo`'s live view derive from these.
 */
export interface ComponentCounters {
  eventsReceived: number;
  eventsSent: number;
  bytesSent: number;
  /** Messages sent a second time after a reconnect (TCP resend window, RELP unacknowledged). */
  resent: number;
  /** Events of send attempts that failed (each is tried again: this counts attempts, not losses). */
  eventsFailed: number;
  batches: number;
  errors: Partial<Record<Stage, number>>;
  /** Errors by their stable code (AR_…). */
  errorCodes: Record<string, number>;
  /** Events left out on purpose, by reason (`filter`, …). */
  dropped: Record<string, number>;
  /** Whether the last attempt to reach the other end worked; undefined before the first. */
  connected?: boolean;
  lastError?: string;
}
