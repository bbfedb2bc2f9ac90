import type { EntryLayout } from '../layout.js';

/** M8 (Db2 Mirror Product Services) — transcribed from IBM's layout page(s) listed in `provenance`. */
export const M8: EntryLayout = {
  entryType: 'M8',
  title: 'Db2 Mirror Product Services',
  fields: [],
  provenance: [],
  unconfirmed: [
    'Layout page not stored; no fields transcribed.',
    'Model name QASYM8J5 inferred by analogy; title capitalisation inferred.',
  ],
};
