import { access, defineEntry, informational, OBJECT } from '../rules.js';

/** YC (Change to DLO Object) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const YC = defineEntry(
  {
    entryType: 'YC',
    title: 'Change to DLO Object',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { C: 'Change of a DLO object' },
        description: 'Object access',
      },
      {
        key: 'objectName',
        ibmName: 'Object Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Name of the object',
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
        key: 'officeUser',
        ibmName: 'Office User',
        offset: 639,
        length: 10,
        kind: 'char',
        description: 'User profile of the office user',
      },
      {
        key: 'folderOrDocumentName',
        ibmName: 'Folder or Document Name',
        offset: 649,
        length: 12,
        kind: 'char',
        description: 'Name of the document or folder',
      },
      {
        key: 'folderPath',
        ibmName: 'Folder Path',
        offset: 669,
        length: 63,
        kind: 'char',
        description: 'Folder that contains the document library object',
      },
      {
        key: 'onBehalfOfUser',
        ibmName: 'On Behalf of User',
        offset: 732,
        length: 10,
        kind: 'char',
        description: 'User working on behalf of another user',
      },
      {
        key: 'accessType',
        ibmName: 'Access Type',
        offset: 742,
        length: 3,
        kind: 'packed',
        description:
          "Numeric access code (see 'Numeric codes for access types'; codes transcribed separately)",
      },
    ],
    provenance: [
      {
        url: 'http://www-01.ibm.com/support/knowledgecenter/ssw_ibm_i_71/rzarl/rzarlf75.htm',
        release: '7.1',
      },
    ],
    unconfirmed: [
      'Only the 7.1 copy was found for YC; later releases not checked directly (7.3 YR page has the identical layout with no ASP fields).',
    ],
  },
  {
    action: 'dlo-change',
    severity: informational,
    object: OBJECT,
    message: (i, object) =>
      `User ${i.user} changed document ${i.f('folderPath') ?? ''}/${i.f('folderOrDocumentName') ?? object} (${access(i.f('accessType'))})`,
  },
);
