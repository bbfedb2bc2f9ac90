import type { EntryLayout } from '../layout.js';

/** ND (APPN Directory Search Filter) — transcribed from IBM's layout page(s) listed in `provenance`. */
export const ND: EntryLayout = {
  entryType: 'ND',
  title: 'APPN Directory Search Filter',
  fields: [],
  provenance: [],
  unconfirmed: [
    'No stored copy of the ND layout page was found in the docs, pages or code corpora (several phrasings, English and Japanese, tried); no fields could be transcribed',
    "Title and model names are inferred from the sibling NE page ('NE (APPN End Point Filter)') and not confirmed",
  ],
};
