import { defineEntry } from '../rules.js';

/** RA (Authority Change for Restored Object) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const RA = defineEntry({
  entryType: 'RA',
  title: 'Authority Change for Restored Object',
  fields: [],
  provenance: [],
  unconfirmed: [
    'No stored copy of the RA layout page (rzarlf47 or its 7.4-7.6 equivalents) could be found in the docs, pages or code corpora after 5 searches; no fields transcribed.',
    "Title taken from IBM's naming convention for this entry type; the exact page title was not seen.",
  ],
});
