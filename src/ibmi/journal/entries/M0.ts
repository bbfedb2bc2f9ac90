import { defineEntry } from '../rules.js';

/** M0 (Db2 Mirror Setup Tools) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const M0 = defineEntry({
  entryType: 'M0',
  title: 'Db2 Mirror Setup Tools',
  fields: [],
  provenance: [],
  unconfirmed: [
    'Layout page not stored in any corpus; no fields transcribed.',
    'Model name QASYM0J5 inferred by analogy with QASYM7J5/QASYM9J5 (J5-only); title capitalisation inferred from the M7/M9 page titles.',
  ],
});
