import { defineEntry, informational, OBJECT } from '../rules.js';

/** CO (Create Object) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const CO = defineEntry(
  {
    entryType: 'CO',
    title: 'Create Object',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { N: 'Creation of a new object', R: 'Replacement of an existing object' },
        description: 'Kind of create entry (values from memory, not read)',
        confirmed: false,
      },
      {
        key: 'objectName',
        ibmName: 'Object Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Name of the created object (standard object-entry layout, not read)',
        confirmed: false,
      },
      {
        key: 'libraryName',
        ibmName: 'Library Name',
        offset: 621,
        length: 10,
        kind: 'char',
        description: 'Library of the object (standard layout, not read)',
        confirmed: false,
      },
      {
        key: 'objectType',
        ibmName: 'Object Type',
        offset: 631,
        length: 8,
        kind: 'char',
        description: 'Object type (standard layout, not read)',
        confirmed: false,
      },
    ],
    provenance: [
      // No CO page could be read; the object fields follow the layout every object entry shares (e.g. CQ, 7.3).
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf13.htm',
        release: '7.3 (pattern)',
      },
    ],
    unconfirmed: [
      'No stored copy of the CO layout page was found in docs or pages corpora (7.1-7.6, English/Japanese). All fields here are inferred from the layout pattern shared by object entries and are not read.',
      'Title and model-file names (QASYCOJE/J4/J5) assumed, not read.',
      'Expected but unseen: office user / DLO name / folder path fields, IFS object name group, object attribute, ASP name/number, path name fields.',
    ],
  },
  {
    action: 'object-create',
    severity: informational,
    object: OBJECT,
    message: (i, object) => `User ${i.user} ${i.subtype === 'R' ? 'replaced' : 'created'} ${object}`,
  },
);
