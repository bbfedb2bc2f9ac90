import { defineEntry } from '../rules.js';

/** X1 (Identity Token) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const X1 = defineEntry({
  entryType: 'X1',
  title: 'Identity Token',
  fields: [],
  provenance: [],
  unconfirmed: [
    'No stored copy of the X1 layout page (any release) was found in the docs/pages/code corpora; no fields transcribed.',
    'Model outfile name (expected QASYX1J5) not confirmed.',
    'subtypeField 610 assumed by convention (every audit layout starts with a Char(1) entry type at 610); not confirmed for X1.',
  ],
});
