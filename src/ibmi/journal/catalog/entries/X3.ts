import type { EntryLayout } from '../types.js';

/** X3 () — transcribed from IBM's layout page(s) listed in `provenance`. */
export const X3: EntryLayout = {
  entryType: 'X3',
  title: '',
  fields: [],
  provenance: [],
  unconfirmed: [
    'Title, model file and layout unknown. The stored 7.3/7.4 entry-type list copies are cut off before the X rows, and the 7.5/7.6 list pages are not stored, so it could not even be confirmed that IBM documents an X3 type.',
    'subtypeField 610 assumed by convention only.',
  ],
};
