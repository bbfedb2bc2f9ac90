import { AuditRelayError, describeError } from '../core/errors.js';
import type { ComponentCounters, LogFields, Logger, Stage } from '../core/telemetry.js';

/**
 * Counts every failure of a retried operation by stage and logs the first one, then at most
 * once a minute or when the error changes: an outage is visible without a line per retry.
 */
export function failureReporter(
  logger: Logger,
  counters: ComponentCounters,
  component: string,
  stage: Stage,
) {
  let lastMessage = '';
  let lastLogged = 0;
  return (error: unknown, delayMs: number, attempt: number) => {
    const message = describeError(error);
    countError(counters, stage, error);
    if (message !== lastMessage || Date.now() - lastLogged > 60_000) {
      logger.warn(message, { component, stage, attempt, retryInMs: delayMs });
      lastMessage = message;
      lastLogged = Date.now();
    }
  };
}

export function countError(counters: ComponentCounters, stage: Stage, error: unknown): void {
  counters.errors[stage] = (counters.errors[stage] ?? 0) + 1;
  const code = error instanceof AuditRelayError ? error.code : 'AR_INTERNAL';
  counters.errorCodes[code] = (counters.errorCodes[code] ?? 0) + 1;
  counters.lastError = describeError(error);
}

/**
 * Says when the other end of a component (the IBM i, a SIEM receiver) stops answering and
 * when it answers again, once each, and keeps `counters.connected` for the metrics.
 */
export function connectionWatch(logger: Logger, counters: ComponentCounters, fields: LogFields) {
  let downSince: number | undefined;
  return {
    up(): void {
      if (downSince !== undefined) {
        logger.info('connection regained', {
          ...fields,
          downSeconds: Math.round((Date.now() - downSince) / 1000),
        });
      }
      downSince = undefined;
      counters.connected = true;
    },
    down(error: unknown): void {
      if (downSince === undefined) {
        logger.warn('connection lost', { ...fields, error: describeError(error) });
        downSince = Date.now();
      }
      counters.connected = false;
    },
  };
}
