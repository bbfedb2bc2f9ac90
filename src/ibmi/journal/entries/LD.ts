import { defineEntry } from '../rules.js';

/** LD (Link, Unlink, Search Directory) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const LD = defineEntry({
  entryType: 'LD',
  title: 'Link, Unlink, Search Directory',
  fields: [],
  provenance: [],
  unconfirmed: [
    'No stored copy of the LD layout page was found in the docs, pages or code corpora (several phrasings, English and Japanese, tried); no fields could be transcribed',
    'Title and model file names are the conventional IBM ones and were not confirmed from a stored copy',
  ],
});
