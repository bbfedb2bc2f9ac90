import { defineEntry } from '../rules.js';

/** M8 (Db2 Mirror Product Services) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const M8 = defineEntry({
  entryType: 'M8',
  title: 'Db2 Mirror Product Services',
  fields: [],
  provenance: [],
  unconfirmed: [
    'Layout page not stored; no fields transcribed.',
    'Model name QASYM8J5 inferred by analogy; title capitalisation inferred.',
  ],
});
