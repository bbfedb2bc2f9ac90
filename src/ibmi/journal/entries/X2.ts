import type { EntryLayout } from '../layout.js';

/** X2 (Query Manager Profile Changes) — transcribed from IBM's layout page(s) listed in `provenance`. */
export const X2: EntryLayout = {
  entryType: 'X2',
  title: 'Query Manager Profile Changes',
  fields: [],
  provenance: [],
  unconfirmed: [
    'No stored copy of the X2 layout page was found; no fields transcribed.',
    'Model outfile name (expected QASYX2J5) not confirmed.',
    'subtypeField 610 assumed by convention; not confirmed.',
  ],
};
