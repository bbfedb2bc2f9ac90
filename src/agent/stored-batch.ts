import type { SourceBatch, SourcePosition } from '../core/component.js';
import type { SecurityEvent } from '../core/event.js';
import type { ComponentCounters } from '../core/telemetry.js';
import type { EventFilter } from '../events/filter.js';
import { encodeRecords } from '../store/event-records.js';

/**
 * What one source read adds to the WAL: its records decoded, normalized, filtered and encoded
 * as WAL record payloads. Made on the pipeline's thread or in the source's own thread
 * (agent/source-thread.ts); either way the pipeline only appends it.
 */
export interface StoredBatch {
  /** One WAL record payload per event kept; the last carries the position. */
  payloads: Buffer[];
  /** The same events, when they were made on this thread: sinks that keep up format them without decoding. */
  events?: SecurityEvent[];
  /** Journal time of the newest event kept. */
  newestEventMs?: number;
  /** Position after this batch (the one it was read after when the read returned none). */
  after: SourcePosition | undefined;
  /** The source caught up: the next read waits a poll interval. */
  caughtUp: boolean;
}

/** How a source type's records become the events a source keeps. */
export interface RecordConversion<SourceRecord> {
  toEvent: (record: SourceRecord) => SecurityEvent;
  /** Events this source keeps; undefined keeps all. */
  filter?: EventFilter;
}

/**
 * Records → events, counted: every record received, events with a decode error (by code),
 * events the filter left out. Pure apart from the counters.
 */
export function toEvents<SourceRecord>(
  records: readonly SourceRecord[],
  { toEvent, filter }: RecordConversion<SourceRecord>,
  counters: ComponentCounters,
): SecurityEvent[] {
  counters.eventsReceived += records.length;
  counters.batches++;
  const events: SecurityEvent[] = [];
  for (const record of records) {
    const event = toEvent(record);
    if (event.decodeError) {
      counters.errors.decoding = (counters.errors.decoding ?? 0) + 1;
      const code = event.decodeError.code;
      counters.errorCodes[code] = (counters.errorCodes[code] ?? 0) + 1;
    }
    if (!filter || filter(event)) events.push(event);
  }
  const left = records.length - events.length;
  if (left > 0) counters.dropped['filter'] = (counters.dropped['filter'] ?? 0) + left;
  return events;
}

/** A source batch read after `from`, ready to append: every append carries a position. */
export function storedBatch<SourceRecord>(
  batch: SourceBatch<SourceRecord>,
  from: SourcePosition | undefined,
  conversion: RecordConversion<SourceRecord>,
  counters: ComponentCounters,
): StoredBatch {
  const after = batch.position ?? from;
  const events = batch.records.length > 0 ? toEvents(batch.records, conversion, counters) : [];
  if (events.length === 0) return { payloads: [], after, caughtUp: batch.caughtUp };
  return {
    payloads: encodeRecords(events, after),
    events,
    newestEventMs: events.at(-1)!.timeMs,
    after,
    caughtUp: batch.caughtUp,
  };
}
