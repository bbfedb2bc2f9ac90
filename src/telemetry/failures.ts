import { describeError } from '../core/errors.js';
import type { ComponentCounters, Logger, Stage } from '../core/telemetry.js';

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
    countError(counters, stage, message);
    if (message !== lastMessage || Date.now() - lastLogged > 60_000) {
      logger.warn(message, { component, stage, attempt, retryInMs: delayMs });
      lastMessage = message;
      lastLogged = Date.now();
    }
  };
}

export function countError(counters: ComponentCounters, stage: Stage, message: string): void {
  counters.errors[stage] = (counters.errors[stage] ?? 0) + 1;
  counters.lastError = message;
}
