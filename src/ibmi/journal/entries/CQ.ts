import { by, defineEntry, notice, OBJECT } from '../rules.js';

/** CQ (*CRQD Changes) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const CQ = defineEntry(
  {
    entryType: 'CQ',
    title: '*CRQD Changes',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { A: 'Change to a *CRQD object' },
        description: 'Kind of entry',
      },
      {
        key: 'objectName',
        ibmName: 'Object Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Name of the changed object',
      },
      {
        key: 'libraryName',
        ibmName: 'Library Name',
        offset: 621,
        length: 10,
        kind: 'char',
        description: 'Library of the object',
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
        key: 'aspName',
        ibmName: 'ASP Name',
        offset: 639,
        length: 10,
        kind: 'char',
        description: 'ASP name of the CRQD library',
      },
      {
        key: 'aspNumber',
        ibmName: 'ASP Number',
        offset: 649,
        length: 5,
        kind: 'char',
        description: 'ASP number of the CRQD library',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf13.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [
      'Only the 7.3 copy (English and Japanese) was read; later releases not checked for added fields.',
    ],
  },
  {
    action: 'crqd-change',
    severity: notice,
    object: OBJECT,
    message: (i, object) => `${by(i)} changed change request descriptor ${object}`,
  },
);
