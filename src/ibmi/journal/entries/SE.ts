import { defineEntry } from '../rules.js';

/** SE (Change of Subsystem Routing Entry) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const SE = defineEntry({
  entryType: 'SE',
  title: 'Change of Subsystem Routing Entry',
  fields: [],
  provenance: [],
  unconfirmed: [
    "No stored copy of IBM's 'SE (Change of Subsystem Routing Entry) journal entries' layout page (rzarlf54) was found in docs, pages or code corpora (8 searches with different phrasings/model-file names). fields left empty; offsets for subsystem name/library, routing-entry sequence number, program/library, command type, ASP fields etc. are unknown.",
  ],
});
