import { defineEntry, informational, what } from '../rules.js';

/** M7 (Db2 Mirror Replication Services) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const M7 = defineEntry(
  {
    entryType: 'M7',
    title: 'Db2 Mirror Replication Services',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          A: 'Active replication criteria rule added',
          D: 'Replication criteria rules duplicated (library was renamed)',
          P: 'Pending replication criteria rules activated',
          R: 'Active replication criteria rule removed',
          S: 'Resynchronization of eligible objects',
          U: 'User deferred or deleted Object Tracking List (OTL) entries via QSYS2.CHANGE_RESYNC_ENTRIES',
          V: 'Generic versioning',
        },
        description: 'Replication-services event sub-type',
      },
      {
        key: 'action',
        ibmName: 'Action',
        offset: 611,
        length: 3,
        kind: 'char',
        values: {
          ADD: '(V) Register an applied version entry in the Mirror Version List (MVL)',
          APY: '(V) Apply pending version entries',
          RMV: '(V) Unregister an applied version entry from the MVL',
          RFS: '(V) Refresh MVL version entries by running user version handlers',
        },
        description: 'Action performed; codes listed only for entry type V in the visible text',
      },
      {
        key: 'ruleIdentifier',
        ibmName: 'Rule Identifier',
        offset: 614,
        length: 4,
        kind: 'bin4',
        description:
          'For A/D/R: replication criteria rule id; for V with ADD/RMV: version entry number. 4-byte copy of the 8-byte Rule Identifier at 856; 0 means the value did not fit',
      },
      {
        key: 'ruleIdentifier2',
        ibmName: 'Rule Identifier',
        offset: 856,
        length: 8,
        kind: 'hex',
        description:
          '8-byte form of the rule identifier / version entry number (referenced from the 614 description)',
        confirmed: false,
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/docs/en/i/7.6.0?topic=entries-m7-db2-mirror-replication-services-journal',
        release: '7.6',
      },
    ],
    unconfirmed: [
      'Stored 7.6 copy stops inside the 614 description; fields 618-855 and after 856 not seen.',
      'Field at 856 known only from a cross-reference in the 614 description (8 bytes); its exact format string and name spelling are unconfirmed.',
      'Action values for entry types other than V not visible.',
      'Gap/overlap: offset 614 + length 4 = 618 but next field starts at 856',
    ],
  },
  {
    action: 'db2-mirror-replication',
    severity: informational,
    message: (i) => `Db2 Mirror: ${what(i, 'replication services')}`,
  },
);
