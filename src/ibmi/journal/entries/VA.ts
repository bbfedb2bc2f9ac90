import { defineEntry, notice } from '../rules.js';
import { netServer } from './net-server.js';

/** VA (Change of Access Control List) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const VA = defineEntry(
  {
    entryType: 'VA',
    title: 'Change of Access Control List',
    subtypeField: 'status',
    fields: [
      {
        key: 'status',
        ibmName: 'Status',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { S: 'Successful', F: 'Failed' },
        description: 'Outcome of the request',
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
        description: 'Computer that asked to change the access control list',
      },
      {
        key: 'requesterName',
        ibmName: 'Requester Name',
        offset: 641,
        length: 10,
        kind: 'char',
        description: 'User who issued the request',
      },
      {
        key: 'actionPerformed',
        ibmName: 'Action Performed',
        offset: 651,
        length: 1,
        kind: 'char',
        values: { A: 'Addition', C: 'Modification', D: 'Deletion' },
        description: 'Action on the access control profile',
      },
      {
        key: 'resourceName',
        ibmName: 'Resource Name',
        offset: 652,
        length: 260,
        kind: 'char',
        description: 'Resource whose access control was changed',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf62.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [],
  },
  netServer('access-control-list-change', notice, ['F'], 'requesterName'),
);
