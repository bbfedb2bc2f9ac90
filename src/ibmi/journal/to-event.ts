import type { SecurityEvent } from '../../core/event.js';
import { entryDefinition } from './catalog.js';
import { type DecodeIssue, decodeEntry } from './decode.js';
import type { JournalEntry } from './entry.js';
import { normalize } from './normalize.js';
import { GENERIC_SPEC } from './rules.js';

export interface JournalEventContext {
  /** CCSID of the entry's character fields (the system CCSID). */
  ccsid: number;
  /** The IBM i's offset from UTC in minutes (QUTCOFFSET); journal times are local. */
  utcOffsetMinutes: number;
}

/**
 * The decode chain of the audit journal, assembled here and nowhere else: the entry-specific
 * data decoded with its catalog layout, then normalized. Pure. `headingIssues` are what the
 * heading reader found (a malformed row or record); they travel with the event.
 */
export function journalEntryToEvent(
  entry: JournalEntry,
  headingIssues: readonly DecodeIssue[],
  context: JournalEventContext,
): SecurityEvent {
  const definition = entryDefinition(entry.entryType);
  const decoded = decodeEntry(entry, definition?.layout, context);
  return normalize(decoded, definition?.spec ?? GENERIC_SPEC, headingIssues, context);
}
