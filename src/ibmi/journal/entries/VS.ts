import { defineEntry, informational } from '../rules.js';
import { netServer } from './net-server.js';

/** VS (Server Session) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const VS = defineEntry(
  {
    entryType: 'VS',
    title: 'Server Session',
    subtypeField: 'sessionAction',
    fields: [
      {
        key: 'sessionAction',
        ibmName: 'Session Action',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { E: 'End session', S: 'Start session' },
        description: 'What happened to the server session',
      },
      {
        key: 'serverName',
        ibmName: 'Server Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Network server description that recorded the event',
      },
      {
        key: 'serverDate',
        ibmName: 'Server Date',
        offset: 621,
        length: 6,
        kind: 'char',
        description: 'Date the network server logged the event',
      },
      {
        key: 'serverTime',
        ibmName: 'Server Time',
        offset: 627,
        length: 6,
        kind: 'zoned',
        description: 'Time the network server logged the event',
      },
      {
        key: 'computerName',
        ibmName: 'Computer Name',
        offset: 633,
        length: 8,
        kind: 'char',
        description: 'Computer that asked for the session',
      },
      {
        key: 'user',
        ibmName: 'User',
        offset: 641,
        length: 10,
        kind: 'char',
        description: 'User that asked for the session',
      },
      {
        key: 'userPrivilege',
        ibmName: 'User Privilege',
        offset: 651,
        length: 1,
        kind: 'char',
        values: { A: 'Administrator', G: 'Guest', U: 'User' },
        description: 'Privilege level of the user at session start',
      },
      {
        key: 'reasonCode',
        ibmName: 'Reason Code',
        offset: 652,
        length: 1,
        kind: 'char',
        values: {
          A: 'Disconnected by administrator',
          D: 'Automatic disconnect (timeout), share removed, or administrative permission missing',
          E: 'Error, session disconnect, or wrong password',
          N: 'Normal disconnect or user-name limit',
          R: 'Account restriction',
        },
        description: 'Why the session ended',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf70.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [],
  },
  netServer('server-session', informational, [], 'user'),
);
