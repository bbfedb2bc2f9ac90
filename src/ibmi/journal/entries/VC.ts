import { defineEntry, informational } from '../rules.js';
import { netServer } from './net-server.js';

/** VC (Connection Start and End) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const VC = defineEntry(
  {
    entryType: 'VC',
    title: 'Connection Start and End',
    subtypeField: 'connectAction',
    fields: [
      {
        key: 'connectAction',
        ibmName: 'Connect Action',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { S: 'Start', E: 'End', R: 'Reject' },
        description: 'Connection event that occurred',
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
        description: 'Computer tied to the connection request',
      },
      {
        key: 'connectionUser',
        ibmName: 'Connection User',
        offset: 641,
        length: 10,
        kind: 'char',
        description: 'User tied to the connection request',
      },
      {
        key: 'connectId',
        ibmName: 'Connect ID',
        offset: 651,
        length: 5,
        kind: 'char',
        description: 'Start/stop connection identifier',
      },
      {
        key: 'rejectionReason',
        ibmName: 'Rejection Reason',
        offset: 656,
        length: 1,
        kind: 'char',
        values: {
          A: 'Automatic disconnect (timeout), share removed, or administrative permissions lacking',
          E: 'Error, session disconnect, or incorrect password',
          N: 'Normal disconnection or user name limit',
          P: 'No access permission to shared resource',
        },
        description: 'Why the connection was rejected',
      },
      {
        key: 'networkName',
        ibmName: 'Network Name',
        offset: 657,
        length: 12,
        kind: 'char',
        description: 'Network name associated with the connection',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf63.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [],
  },
  netServer('network-connection', informational, ['R'], 'connectionUser'),
);
