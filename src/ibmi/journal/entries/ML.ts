import type { EntryLayout } from '../layout.js';

/** ML (Mail Actions) — transcribed from IBM's layout page(s) listed in `provenance`. */
export const ML: EntryLayout = {
  entryType: 'ML',
  title: 'Mail Actions',
  fields: [],
  provenance: [],
  unconfirmed: [
    'No stored copy of the ML layout page was found in the docs, pages or code corpora (several phrasings, English and Japanese, tried); no fields could be transcribed',
    'Title and model file names are the conventional IBM ones and were not confirmed from a stored copy',
  ],
};
