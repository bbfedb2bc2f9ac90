import { defineEntry, informational } from '../rules.js';
import { netServer } from './net-server.js';

/** VN (Network Log On and Off) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const VN = defineEntry(
  {
    entryType: 'VN',
    title: 'Network Log On and Off',
    subtypeField: 'logType',
    fields: [
      {
        key: 'logType',
        ibmName: 'Log Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { F: 'Logoff requested', O: 'Logon requested', R: 'Logon rejected' },
        description: 'Kind of logon event',
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
        description: 'Computer involved in the event',
      },
      {
        key: 'user',
        ibmName: 'User',
        offset: 641,
        length: 10,
        kind: 'char',
        description: 'User who logged on or off',
      },
      {
        key: 'userPrivilege',
        ibmName: 'User Privilege',
        offset: 651,
        length: 1,
        kind: 'char',
        values: { A: 'Administrator', G: 'Guest', U: 'User' },
        description: 'Privilege of the user logging on',
      },
      {
        key: 'rejectReason',
        ibmName: 'Reject Reason',
        offset: 652,
        length: 1,
        kind: 'char',
        values: { A: 'Access denied', F: 'Forced off due to logon limit', P: 'Incorrect password' },
        description: 'Why the logon was rejected',
      },
      {
        key: 'additionalReason',
        ibmName: 'Additional Reason',
        offset: 653,
        length: 1,
        kind: 'char',
        values: {
          A: 'Account expired',
          D: 'Account disabled',
          L: 'Logon hours not valid',
          R: 'Requester ID not valid',
          U: 'Unknown or unavailable',
        },
        description: 'Detail for access denied',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf66.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [],
  },
  netServer('network-logon', informational, ['R'], 'user'),
);
