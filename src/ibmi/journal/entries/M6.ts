import type { EntryLayout } from '../layout.js';

/** M6 (Db2 Mirror Communication Services) — transcribed from IBM's layout page(s) listed in `provenance`. */
export const M6: EntryLayout = {
  entryType: 'M6',
  title: 'Db2 Mirror Communication Services',
  fields: [],
  provenance: [],
  unconfirmed: [
    'Layout page not stored; no fields transcribed.',
    'Model name QASYM6J5 inferred by analogy; title capitalisation inferred.',
  ],
};
