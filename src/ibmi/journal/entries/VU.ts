import { defineEntry, notice } from '../rules.js';
import { netServer } from './net-server.js';

/** VU (Network Profile Change) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const VU = defineEntry(
  {
    entryType: 'VU',
    title: 'Network Profile Change',
    subtypeField: 'type',
    fields: [
      {
        key: 'type',
        ibmName: 'Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { G: 'Group record', U: 'User record', M: 'User profile global information' },
        description: 'Kind of record that was changed',
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
        description: 'Computer that requested the profile change',
      },
      {
        key: 'user',
        ibmName: 'User',
        offset: 641,
        length: 10,
        kind: 'char',
        description: 'User that requested the profile change',
      },
      {
        key: 'action',
        ibmName: 'Action',
        offset: 651,
        length: 1,
        kind: 'char',
        values: { A: 'Addition', C: 'Change', D: 'Deletion', P: 'Incorrect password' },
        description: 'Requested action',
      },
      {
        key: 'resourceName',
        ibmName: 'Resource Name',
        offset: 652,
        length: 260,
        kind: 'char',
        description: 'Name of the resource',
      },
    ],
    provenance: [
      {
        url: 'http://www-01.ibm.com/support/knowledgecenter/ssw_ibm_i_71/rzarl/rzarlf71.htm',
        release: '7.1',
      },
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf71.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [],
  },
  netServer('network-profile-change', notice, [], 'user'),
);
