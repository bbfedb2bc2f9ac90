import { by, defineEntry, informational, OBJECT, what } from '../rules.js';

/** AP (Adopted Authority) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const AP = defineEntry(
  {
    entryType: 'AP',
    title: 'Adopted Authority',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          S: 'Start (adoption begins)',
          E: 'End (adoption ends)',
          A: 'Adopted authority used during program activation',
        },
        description: 'Kind of adopted-authority event',
      },
      {
        key: 'objectName',
        ibmName: 'Object Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Program, service program or SQL package that adopts authority',
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
        key: 'owningUserProfile',
        ibmName: 'Owning User Profile',
        offset: 639,
        length: 10,
        kind: 'char',
        description: 'Profile whose authority is adopted',
      },
      {
        key: 'objectFileId',
        ibmName: 'Object File ID',
        offset: 649,
        length: 16,
        kind: 'hex',
        description: 'File ID of the object',
      },
      {
        key: 'aspName',
        ibmName: 'ASP Name',
        offset: 665,
        length: 10,
        kind: 'char',
        description: "ASP device name (library's ASP if object is in a library, else the object's ASP)",
      },
      {
        key: 'aspNumber',
        ibmName: 'ASP Number',
        offset: 675,
        length: 5,
        kind: 'char',
        description: "ASP device number (library's ASP if object is in a library, else the object's ASP)",
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf07.htm',
        release: '7.3',
      },
    ],
    unconfirmed: ['Only the 7.3 copy was read; later releases (7.4-7.6) not checked for added fields.'],
  },
  {
    action: 'adopted-authority',
    severity: informational,
    object: OBJECT,
    message: (i, object) =>
      `Program ${object} ${what(i, 'adopted authority')}${i.f('owningUserProfile') ? ` (owner ${i.f('owningUserProfile')})` : ''} for ${by(i)}`,
  },
);
