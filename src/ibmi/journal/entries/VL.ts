import { defineEntry, warning } from '../rules.js';
import { netServer } from './net-server.js';

/** VL (Account Limit Exceeded) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const VL = defineEntry(
  {
    entryType: 'VL',
    title: 'Account Limit Exceeded',
    subtypeField: 'reason',
    fields: [
      {
        key: 'reason',
        ibmName: 'Reason',
        offset: 610,
        length: 1,
        kind: 'char',
        description: 'Why the account limit was exceeded (coded; see unconfirmed)',
      },
      {
        key: 'serverName',
        ibmName: 'Server Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Network server description that logged the event',
      },
      {
        key: 'serverDate',
        ibmName: 'Server Date',
        offset: 621,
        length: 6,
        kind: 'char',
        description: 'Date the event was logged on the network server',
      },
      {
        key: 'serverTime',
        ibmName: 'Server Time',
        offset: 627,
        length: 6,
        kind: 'zoned',
        description: 'Time the event was logged on the network server',
      },
      {
        key: 'computerName',
        ibmName: 'Computer Name',
        offset: 633,
        length: 8,
        kind: 'char',
        description: 'Computer with the account limit violation',
      },
      {
        key: 'user',
        ibmName: 'User',
        offset: 641,
        length: 10,
        kind: 'char',
        description: 'User with the account limit violation',
      },
      {
        key: 'resourceName',
        ibmName: 'Resource Name',
        offset: 651,
        length: 260,
        kind: 'char',
        description: 'Resource being used',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf65.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [
      'The code list for Reason (610) was dropped from the only stored copy (docs-corpus table rendering omits nested value lists). Not transcribed; by analogy with the LAN Server audit record it covers account expired / logon hours / unknown, but the IBM i letters were not seen.',
    ],
  },
  netServer('account-limit', warning, ['*'], 'user'),
);
