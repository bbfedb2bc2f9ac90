import type { EntryLayout } from '../layout.js';

/** RA (Authority Change for Restored Object) — transcribed from IBM's layout page(s) listed in `provenance`. */
export const RA: EntryLayout = {
  entryType: 'RA',
  title: 'Authority Change for Restored Object',
  fields: [],
  provenance: [],
  unconfirmed: [
    'No stored copy of the RA layout page (rzarlf47 or its 7.4-7.6 equivalents) could be found in the docs, pages or code corpora after 5 searches; no fields transcribed.',
    "Title taken from IBM's naming convention for this entry type; the exact page title was not seen.",
  ],
};
