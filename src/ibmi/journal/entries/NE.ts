import { defineEntry, warning } from '../rules.js';

/** NE (APPN End Point Filter) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const NE = defineEntry(
  {
    entryType: 'NE',
    title: 'APPN End Point Filter',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        description: 'Kind of entry (end point filter violation)',
      },
      {
        key: 'localLocationName',
        ibmName: 'Local location name',
        offset: 611,
        length: 8,
        kind: 'char',
        description: 'Local location name',
      },
      {
        key: 'remoteLocationName',
        ibmName: 'Remote location name',
        offset: 619,
        length: 8,
        kind: 'char',
        description: 'Remote location name',
      },
      {
        key: 'remoteNetid',
        ibmName: 'Remote NETID',
        offset: 627,
        length: 8,
        kind: 'char',
        description: 'Remote network ID',
      },
      {
        key: 'inboundSession',
        ibmName: 'Inbound session',
        offset: 635,
        length: 1,
        kind: 'char',
        description: 'Inbound session indicator',
      },
      {
        key: 'outboundSession',
        ibmName: 'Outbound session',
        offset: 636,
        length: 1,
        kind: 'char',
        description: 'Outbound session indicator',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf34.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [
      'The stored 7.3 copy dropped the coded-value lists for Entry Type, Inbound session and Outbound session; their codes could not be read',
    ],
  },
  {
    action: 'appn-filter',
    severity: warning,
    failures: ['*'],
    message: () => 'APPN end point filter violation',
  },
);
