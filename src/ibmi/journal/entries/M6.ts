import { defineEntry } from '../rules.js';

/** M6 (Db2 Mirror Communication Services) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const M6 = defineEntry({
  entryType: 'M6',
  title: 'Db2 Mirror Communication Services',
  fields: [],
  provenance: [],
  unconfirmed: [
    'Layout page not stored; no fields transcribed.',
    'Model name QASYM6J5 inferred by analogy; title capitalisation inferred.',
  ],
});
