import { by, defineEntry, informational, what } from '../rules.js';

/** EV (Environment Variable) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const EV = defineEntry(
  {
    entryType: 'EV',
    title: 'Environment Variable',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { A: 'Add', C: 'Change', D: 'Delete', I: 'Initialize environment variable space' },
        description: 'Kind of environment-variable action',
      },
      {
        key: 'nameTruncated',
        ibmName: 'Name Truncated',
        offset: 611,
        length: 1,
        kind: 'char',
        values: { Y: 'Name truncated', N: 'Name not truncated' },
        description: 'Whether the variable name field was truncated',
      },
      {
        key: 'ccsid',
        ibmName: 'CCSID',
        offset: 612,
        length: 4,
        kind: 'bin4',
        description: 'CCSID of the variable name',
      },
      {
        key: 'length',
        ibmName: 'Length',
        offset: 616,
        length: 2,
        kind: 'bin2',
        description: 'Length of the variable name',
      },
      {
        key: 'environmentVariableName',
        ibmName: 'Environment Variable Name',
        offset: 618,
        length: 1002,
        kind: 'tagged',
        ccsidField: 'ccsid',
        description: 'Variable name (variable length: first 2 bytes hold the length)',
        varlen: true,
      },
      {
        key: 'newNameTruncated',
        ibmName: 'New Name Truncated',
        offset: 1620,
        length: 1,
        kind: 'char',
        values: { Y: 'Truncated', N: 'Not truncated' },
        description: 'Whether the new name was truncated (entry type C)',
      },
      {
        key: 'newNameCcsid',
        ibmName: 'New Name CCSID',
        offset: 1621,
        length: 4,
        kind: 'bin4',
        description: 'CCSID of the new name (entry type C)',
      },
      {
        key: 'newNameLength',
        ibmName: 'New Name Length',
        offset: 1625,
        length: 2,
        kind: 'bin2',
        description: 'Length of the new name (entry type C)',
      },
      {
        key: 'newEnvironmentVariableName',
        ibmName: 'New Environment Variable Name',
        offset: 1627,
        length: 1002,
        kind: 'tagged',
        ccsidField: 'newNameCcsid',
        description: 'New variable name (entry type C; variable length, first 2 bytes hold the length)',
        varlen: true,
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf20.htm',
        release: '7.3',
      },
    ],
    unconfirmed: ['Only the 7.3 copy was read; 7.4+ not checked.'],
  },
  {
    action: 'environment-variable-change',
    severity: informational,
    message: (i) =>
      `${by(i)}: ${what(i, 'environment variable')} ${i.f('environmentVariableName') ?? ''}`.trim(),
  },
);
