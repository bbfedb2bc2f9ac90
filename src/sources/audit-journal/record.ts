import type { SourcePosition } from '../../core/component.js';
import type { SecurityEvent } from '../../core/event.js';
import type { DecodeIssue } from '../../ibmi/journal/decode.js';
import type { JournalEntry } from '../../ibmi/journal/entry.js';
import { gapEvent, type JournalGap } from '../../ibmi/journal/gap.js';
import { type JournalEventContext, journalEntryToEvent } from '../../ibmi/journal/to-event.js';

/**
 * What the audit-journal source reads: a journal entry as IBM delivered it (heading read,
 * entry-specific data still raw bytes), or a gap the source noticed between entries.
 */
export type AuditJournalRecord =
  | {
      kind: 'entry';
      entry: JournalEntry;
      /** What the heading reader found wrong with the row, if anything. */
      issues: readonly DecodeIssue[];
      /** Shared by the records of one read. */
      context: JournalEventContext;
    }
  | { kind: 'gap'; gap: JournalGap };

/** The record → event function of the audit-journal source type. Pure. */
export function auditJournalRecordToEvent(record: AuditJournalRecord): SecurityEvent {
  return record.kind === 'entry'
    ? journalEntryToEvent(record.entry, record.issues, record.context)
    : gapEvent(record.gap);
}

/** The journal position of an audit journal event; none for the agent's own events. */
export function auditJournalPositionOf(event: SecurityEvent): SourcePosition | undefined {
  const { origin, receiverLibrary, receiver, sequence } = event;
  if (origin !== 'QAUDJRN' || !receiverLibrary || !receiver || !sequence) return undefined;
  return { receiverLibrary, receiver, sequence };
}
