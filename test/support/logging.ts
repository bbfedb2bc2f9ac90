import type { LogFields, Logger } from '../../src/core/telemetry.js';

/** A logger that keeps each line as `level message {fields}`, for tests that read what was logged. */
export function recordingLogger(lines: string[]): Logger {
  const log =
    (level: string) =>
    (message: string, fields: LogFields = {}) => {
      lines.push(`${level} ${message} ${JSON.stringify(fields)}`);
    };
  const logger: Logger = {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: () => logger,
  };
  return logger;
}
