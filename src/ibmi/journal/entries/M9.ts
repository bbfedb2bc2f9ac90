import { defineEntry, notice, what } from '../rules.js';

/** M9 (Db2 Mirror Replication State) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const M9 = defineEntry(
  {
    entryType: 'M9',
    title: 'Db2 Mirror Replication State',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { C: 'Replication state of an ASP changed', M: 'Migration processing changed' },
        description: 'Replication-state event sub-type',
      },
      {
        key: 'aspName',
        ibmName: 'ASP Name',
        offset: 611,
        length: 10,
        kind: 'char',
        values: {
          'IFS RST': '(M) IFS object synchronization migration',
          MANAGER: '(M) Migration Manager processing',
          'OBJECT MIR': '(M) Library objects synchronized by the Db2 Mirror method',
          'OBJECT RST': '(M) Library objects synchronized by save/restore',
        },
        description: 'For C: ASP whose replication state changed (may be *SYSBAS). For M: migration type',
      },
      {
        key: 'replicationState',
        ibmName: 'Replication State',
        offset: 621,
        length: 12,
        kind: 'char',
        values: {
          ACTIVE: 'Nodes communicating; replicated-object changes flowing',
          BLOCKED: 'Replication suspended; secondary readable but changes to replicated objects blocked',
          'NOT MIRRORED': 'Product not installed or initial configuration not done (text cut off)',
        },
        description: 'For C: the Db2 Mirror replication state',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/docs/en/i/7.6.0?topic=entries-m9-db2-mirror-replication-state-journal',
        release: '7.6',
      },
    ],
    unconfirmed: [
      'Stored 7.6 copy stops inside the Replication State value list (after NOT MIRRORED); further state values (e.g. suspended/tracking states) and all fields after 621 not seen.',
    ],
  },
  {
    action: 'db2-mirror-state',
    severity: notice,
    message: (i) =>
      `Db2 Mirror: ${what(i, 'replication state')} ${i.f('aspName') ?? ''} ${i.f('replicationState') ?? ''}`.trim(),
  },
);
