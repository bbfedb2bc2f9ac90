import { defineEntry, notice, what } from '../rules.js';

/** SO (Server Security User Information Actions) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const SO = defineEntry(
  {
    entryType: 'SO',
    title: 'Server Security User Information Actions',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { A: 'Add entry', C: 'Change entry', R: 'Remove entry', T: 'Retrieve entry' },
        description: 'Operation on a server authentication / user information entry',
      },
      {
        key: 'userProfile',
        ibmName: 'User Profile',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'User profile that owns the entry',
      },
      {
        key: 'userInformationEntryType',
        ibmName: 'User Information Entry Type',
        offset: 621,
        length: 1,
        kind: 'char',
        values: {
          N: 'Entry type not specified',
          U: 'User application information entry',
          Y: 'Server authentication entry',
        },
        description: 'Kind of user information entry',
      },
      {
        key: 'passwordStored',
        ibmName: 'Password Stored',
        offset: 622,
        length: 1,
        kind: 'char',
        values: { N: 'Password not stored', S: 'No change', Y: 'Password is stored' },
        description: 'Whether a password is stored with the entry',
      },
      {
        key: 'serverName',
        ibmName: 'Server Name',
        offset: 623,
        length: 200,
        kind: 'char',
        description: 'Server (remote system/application) name of the entry',
      },
      {
        key: 'userIdLength',
        ibmName: 'User ID Length',
        offset: 826,
        length: 2,
        kind: 'bin2',
        description: 'Length of the user ID',
      },
      {
        key: 'userId',
        ibmName: 'User ID',
        offset: 848,
        length: 1002,
        kind: 'tagged',
        description:
          'User ID for the remote server; variable-length field whose first 2 bytes hold its length',
        varlen: true,
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf59.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [],
  },
  {
    action: 'server-security-info',
    severity: notice,
    target: 'userProfile',
    message: (i) =>
      `${what(i, 'Server authentication entry')} for user ${i.f('userProfile') ?? '?'} server ${i.f('serverName') ?? '?'}`,
  },
);
