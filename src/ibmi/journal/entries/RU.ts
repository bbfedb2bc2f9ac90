import { defineEntry, notice } from '../rules.js';

/** RU (Restore Authority for User Profile) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const RU = defineEntry(
  {
    entryType: 'RU',
    title: 'Restore Authority for User Profile',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        description: 'Kind of entry (value list not visible in stored copy)',
      },
      {
        key: 'userName',
        ibmName: 'User Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'User profile whose authority was restored',
      },
      {
        key: 'libraryName',
        ibmName: 'Library Name',
        offset: 621,
        length: 10,
        kind: 'char',
        description: 'Library name',
      },
      {
        key: 'objectType',
        ibmName: 'Object Type',
        offset: 631,
        length: 8,
        kind: 'char',
        description: 'Object type',
      },
      {
        key: 'authorityRestored',
        ibmName: 'Authority Restored',
        offset: 639,
        length: 1,
        kind: 'char',
        description: "Whether all of the user's authorities were restored (J4/J5 only)",
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf51.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [
      'Value lists for Entry Type and Authority Restored not visible (rendering drops them). Likely Entry Type A = authority restored for a user profile (RSTAUT), and Authority Restored A = all restored / S = some not restored - not confirmed.',
      'No 7.4-7.6 copy found; later additions (e.g. ASP fields) not checked.',
    ],
  },
  {
    action: 'restore-user-authority',
    severity: notice,
    target: 'userName',
    message: (i) => `Authority restored for user profile ${i.f('userName') ?? '?'}`,
  },
);
