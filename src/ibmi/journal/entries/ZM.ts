import type { EntryLayout } from '../layout.js';

/** ZM (SOM Method Access) — transcribed from IBM's layout page(s) listed in `provenance`. */
export const ZM: EntryLayout = {
  entryType: 'ZM',
  title: 'SOM Method Access',
  fields: [],
  provenance: [],
  unconfirmed: [
    'No stored copy of the ZM layout page was found; no fields transcribed.',
    'Model outfile names not confirmed.',
    'subtypeField 610 assumed by convention only.',
  ],
};
