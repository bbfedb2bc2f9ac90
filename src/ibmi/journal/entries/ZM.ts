import { defineEntry } from '../rules.js';

/** ZM (SOM Method Access) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const ZM = defineEntry({
  entryType: 'ZM',
  title: 'SOM Method Access',
  fields: [],
  provenance: [],
  unconfirmed: [
    'No stored copy of the ZM layout page was found; no fields transcribed.',
    'Model outfile names not confirmed.',
    'subtypeField 610 assumed by convention only.',
  ],
});
