import { defineEntry } from '../rules.js';

/** ND (APPN Directory Search Filter) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const ND = defineEntry({
  entryType: 'ND',
  title: 'APPN Directory Search Filter',
  fields: [],
  provenance: [],
  unconfirmed: [
    'No stored copy of the ND layout page was found in the docs, pages or code corpora (several phrasings, English and Japanese, tried); no fields could be transcribed',
    "Title and model names are inferred from the sibling NE page ('NE (APPN End Point Filter)') and not confirmed",
  ],
});
