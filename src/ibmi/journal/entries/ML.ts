import { defineEntry } from '../rules.js';

/** ML (Mail Actions) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const ML = defineEntry({
  entryType: 'ML',
  title: 'Mail Actions',
  fields: [],
  provenance: [],
  unconfirmed: [
    'No stored copy of the ML layout page was found in the docs, pages or code corpora (several phrasings, English and Japanese, tried); no fields could be transcribed',
    'Title and model file names are the conventional IBM ones and were not confirmed from a stored copy',
  ],
});
