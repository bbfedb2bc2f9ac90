import { defineEntry, warning } from '../rules.js';
import { netServer } from './net-server.js';

/** VP (Network) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const VP = defineEntry(
  {
    entryType: 'VP',
    title: 'Network',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          P: 'Password error',
          D: 'NetServer user disabled',
          A: 'Authorization list (AUTL) permission failure',
          C: 'SMB server or share connection established',
          E: 'SMB server or share connection ended',
          S: 'SMB share modified',
          U: 'SMB unknown-user connection attempt or guest connection',
        },
        description: "Kind of NetServer/network event (named 'Error Type' before 7.6)",
      },
      {
        key: 'serverName',
        ibmName: 'Server Name',
        offset: 611,
        length: 10,
        kind: 'char',
        values: { '*NETSERVER': 'IBM i NetServer' },
        description: 'Network server description that logged the event; *NETSERVER for IBM i NetServer',
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
        description: 'No longer used; blank (see Long Computer Name)',
      },
      { key: 'user', ibmName: 'User', offset: 641, length: 10, kind: 'char', description: 'User name' },
      {
        key: 'longComputerName',
        ibmName: 'Long Computer Name',
        offset: 651,
        length: 46,
        kind: 'char',
        description: 'Name or IP address of the requesting computer',
      },
      {
        key: 'shareName',
        ibmName: 'Share name',
        offset: 697,
        length: 12,
        kind: 'char',
        description:
          'Share involved (sub-types A, C, E, S); *SERVER when the action applies to the whole server',
      },
      {
        key: 'authorizationListName',
        ibmName: 'Authorization list name',
        offset: 709,
        length: 10,
        kind: 'char',
        description: 'Authorization list assigned to the share or server (sub-types A, S)',
      },
      {
        key: 'correlationId',
        ibmName: 'Correlation ID',
        offset: 739,
        length: 8,
        kind: 'char',
        description:
          'Connection correlation identifier (sub-types C, E); share actions with the same ID belong to the same server connection',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf68.htm',
        release: '7.3',
      },
      {
        url: 'https://www.ibm.com/docs/en/i/7.5.0?topic=services-audit-journal-vp-table-function',
        release: '7.5',
      },
      { url: 'https://www.ibm.com/docs/en/i/7.6.0?topic=entries-vp-network-journal', release: '7.6' },
    ],
    unconfirmed: [
      '7.6 stored copies are cut off in the Correlation ID description; any fields after J5 offset 746 (e.g. extra data for sub-types S/U) are not visible.',
      'Exact release in which Share name (697) / Authorization list name (709) were added to the layout is not confirmed (7.5 table function already exposes them; 7.4/7.5 layout pages not seen).',
    ],
  },
  netServer('network-password', warning, ['P', 'D', 'A', 'U'], 'user', 'longComputerName'),
);
