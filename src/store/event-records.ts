import type { SourcePosition } from '../core/component.js';
import { AuditRelayError } from '../core/errors.js';
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

/**
 * The record payload (inside the WAL's frame, store/wal/record.ts), state format 3:
 *
 *   0  u8   record version, 1
 *   1  u8   flags; bit 0: a source position follows
 *   2  u32  (with bit 0) byte length P of the position, little-endian
 *   6       (with bit 0) the position as JSON, UTF-8, P bytes
 *   …       the event as JSON, UTF-8, to the end of the payload
 *
 * Version 0 (state formats 1 and 2) is a JSON object `{"e": event, "p"?: position}`; its
 * first byte is always `{` (0x7b), never 1, so both are read. The position has a header of its
 * own so that a restart reads it without parsing the event, and the event is its plain JSON
 * (no wrapper object). The event stays JSON: V8's JSON.stringify and JSON.parse outrun a
 * field-by-field binary codec written in JavaScript for these string-heavy events, and JSON
 * keeps the WAL independent of the event's shape.
 */
const VERSION_1 = 1;
const HAS_POSITION = 1;
const VERSION_0_FIRST_BYTE = 0x7b;

/**
 * Encodes a batch of events (the position on the last one) into one buffer: each payload is
 * a view into it, so a batch costs one allocation, not one per event.
 */
export function encodeRecords(
  events: readonly SecurityEvent[],
  position: SourcePosition | undefined,
): Buffer[] {
  const texts = events.map((event) => JSON.stringify(event));
  const positionText = position ? JSON.stringify(position) : '';
  // UTF-8 takes at most 3 bytes per UTF-16 unit: room for the worst case, written once.
  let bound = positionText.length * 3 + 6;
  for (const text of texts) bound += text.length * 3 + 2;
  const slab = Buffer.allocUnsafe(bound);
  const payloads: Buffer[] = new Array(texts.length);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    const start = at;
    slab[at++] = VERSION_1;
    if (i === texts.length - 1 && position) {
      slab[at++] = HAS_POSITION;
      const length = slab.write(positionText, at + 4, 'utf8');
      slab.writeUInt32LE(length, at);
      at += 4 + length;
    } else {
      slab[at++] = 0;
    }
    at += slab.write(texts[i]!, at, 'utf8');
    payloads[i] = slab.subarray(start, at);
  }
  return payloads;
}

export function decodeRecord(payload: Uint8Array): EventRecord {
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.length);
  if (bytes[0] === VERSION_0_FIRST_BYTE) {
    const parsed = JSON.parse(bytes.toString('utf8')) as { e: SecurityEvent; p?: SourcePosition };
    return parsed.p ? { event: parsed.e, position: parsed.p } : { event: parsed.e };
  }
  const { position, eventAt } = header(bytes);
  const event = JSON.parse(bytes.toString('utf8', eventAt)) as SecurityEvent;
  return position ? { event, position } : { event };
}

/** The source position a record carries, without parsing its event (restart reads only this). */
export function decodePosition(payload: Uint8Array): SourcePosition | undefined {
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.length);
  if (bytes[0] === VERSION_0_FIRST_BYTE) return decodeRecord(bytes).position;
  return header(bytes).position;
}

function header(bytes: Buffer): { position?: SourcePosition; eventAt: number } {
  if (bytes[0] !== VERSION_1) {
    throw new AuditRelayError('AR_STATE_CORRUPT', `a WAL record of unknown version ${bytes[0]}`);
  }
  if ((bytes[1]! & HAS_POSITION) === 0) return { eventAt: 2 };
  const length = bytes.readUInt32LE(2);
  const position = JSON.parse(bytes.toString('utf8', 6, 6 + length)) as SourcePosition;
  return { position, eventAt: 6 + length };
}
