import { appendFile, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeadLetters } from '../core/component.js';
import { AuditRelayError, retryable } from '../core/errors.js';
import type { SecurityEvent } from '../core/event.js';

/**
 * Events a receiver refused for good (a RELP error answer, a TCP receiver that resets the
 * connection at one message whatever its size), kept as JSON lines in
 * `<state>/dead-letter/<sink>.jsonl`: `{ "time", "sink", "reason", "event" }`. An operator
 * reads them, fixes the receiver, and can send them again (`auditrelay decode` formats
 * events from JSON). Written and fdatasync'ed before the sink's cursor may pass the events.
 */
export function deadLetterFile(stateDirectory: string, sink: string): string {
  return join(stateDirectory, 'dead-letter', `${encodeURIComponent(sink)}.jsonl`);
}

export function deadLetters(
  stateDirectory: string,
  sink: string,
  now: () => Date = () => new Date(),
): DeadLetters {
  const path = deadLetterFile(stateDirectory, sink);
  let writing: Promise<void> = Promise.resolve();
  const append = async (events: readonly SecurityEvent[], reason: string) => {
    const time = now().toISOString();
    const lines = events.map((event) => `${JSON.stringify({ time, sink, reason, event })}\n`).join('');
    try {
      await mkdir(join(stateDirectory, 'dead-letter'), { recursive: true });
      await appendFile(path, lines, 'utf8');
      const file = await open(path, 'r');
      try {
        await file.datasync();
      } finally {
        await file.close();
      }
    } catch (error) {
      if (error instanceof AuditRelayError) throw error;
      throw retryable('AR_STATE_IO', `cannot write the dead letters of sink ${sink} to ${path}`, error);
    }
  };
  return {
    write(events, reason) {
      const run = writing.then(() => append(events, reason));
      writing = run.catch(() => undefined);
      return run;
    },
  };
}
