import type { EntryLayout } from '../layout.js';

/** SE (Change of Subsystem Routing Entry) — transcribed from IBM's layout page(s) listed in `provenance`. */
export const SE: EntryLayout = {
  entryType: 'SE',
  title: 'Change of Subsystem Routing Entry',
  fields: [],
  provenance: [],
  unconfirmed: [
    "No stored copy of IBM's 'SE (Change of Subsystem Routing Entry) journal entries' layout page (rzarlf54) was found in docs, pages or code corpora (8 searches with different phrasings/model-file names). fields left empty; offsets for subsystem name/library, routing-entry sequence number, program/library, command type, ASP fields etc. are unknown.",
  ],
};
