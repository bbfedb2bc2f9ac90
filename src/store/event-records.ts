import type { SourcePosition } from '../core/component.js';
import type { SecurityEvent } from '../core/event.js';

/**
 * What one WAL record holds: a normalized event, and on the last record of each source
 * batch the source position after it. Restart resumes after the position of the newest
 * durable record, so the position is durable exactly when the events before it are.
 */
export interface EventRecord {
  event: SecurityEvent;
  position?: SourcePosition;
}

export function encodeRecords(
  events: readonly SecurityEvent[],
  position: SourcePosition | undefined,
): Buffer[] {
  return events.map((event, index) =>
    Buffer.from(
      JSON.stringify(index === events.length - 1 && position ? { e: event, p: position } : { e: event }),
      'utf8',
    ),
  );
}

export function decodeRecord(payload: Uint8Array): EventRecord {
  const parsed = JSON.parse(
    Buffer.from(payload.buffer, payload.byteOffset, payload.length).toString('utf8'),
  ) as {
    e: SecurityEvent;
    p?: SourcePosition;
  };
  return parsed.p ? { event: parsed.e, position: parsed.p } : { event: parsed.e };
}
