import { defineEntry } from '../rules.js';

/** X2 (Query Manager Profile Changes) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const X2 = defineEntry({
  entryType: 'X2',
  title: 'Query Manager Profile Changes',
  fields: [],
  provenance: [],
  unconfirmed: [
    'No stored copy of the X2 layout page was found; no fields transcribed.',
    'Model outfile name (expected QASYX2J5) not confirmed.',
    'subtypeField 610 assumed by convention; not confirmed.',
  ],
});
