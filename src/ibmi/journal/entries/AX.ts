import { by, defineEntry, notice, what } from '../rules.js';

/** AX (Row and Column Access Control) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const AX = defineEntry(
  {
    entryType: 'AX',
    title: 'Row and Column Access Control',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { M: 'Column mask', P: 'Row permission', T: 'Table' },
        description: 'Kind of RCAC object',
      },
      {
        key: 'operationType',
        ibmName: 'Operation Type',
        offset: 611,
        length: 1,
        kind: 'char',
        values: { A: 'Alter', B: 'Internal use', C: 'Create', D: 'Drop' },
        description: 'Operation performed',
      },
      {
        key: 'tableName',
        ibmName: 'Table Name',
        offset: 612,
        length: 10,
        kind: 'char',
        description: 'Base table of the permission/mask, or the altered table',
      },
      {
        key: 'tableLibrary',
        ibmName: 'Table Library',
        offset: 622,
        length: 10,
        kind: 'char',
        description: 'Library of the table',
      },
      {
        key: 'tableAspName',
        ibmName: 'Table ASP Name',
        offset: 632,
        length: 10,
        kind: 'char',
        description: 'ASP device name of the table',
      },
      {
        key: 'tableAspNumber',
        ibmName: 'Table ASP Number',
        offset: 642,
        length: 5,
        kind: 'char',
        description: 'ASP device number of the table',
      },
      {
        key: 'name',
        ibmName: 'Name',
        offset: 647,
        length: 128,
        kind: 'char',
        description: 'Row permission name (type P) or column mask name (type M)',
      },
      {
        key: 'columnName',
        ibmName: 'Column Name',
        offset: 775,
        length: 10,
        kind: 'char',
        description: 'Column the mask applies to (type M with operation C only)',
      },
      {
        key: 'status1',
        ibmName: 'Status 1',
        offset: 785,
        length: 1,
        kind: 'char',
        values: {
          E: 'Enabled (types M/P)',
          D: 'Disabled (types M/P) / Deactivate (type T)',
          A: 'Activate (type T)',
        },
        description:
          'Operation A or C only. Types M/P: permission/mask state (E enabled, D disabled). Type T: row access control (A activate, D deactivate)',
      },
      {
        key: 'status2',
        ibmName: 'Status 2',
        offset: 786,
        length: 1,
        kind: 'char',
        values: { A: 'Activate', D: 'Deactivate' },
        description: 'Operation A only. Type T: column access control status',
      },
      {
        key: 'previousStatus1',
        ibmName: 'Previous Status 1',
        offset: 787,
        length: 1,
        kind: 'char',
        description: 'Operation A only. Previous state for types M/P (rest of description cut off)',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf81.htm',
        release: '7.3',
      },
      {
        url: 'https://www.ibm.com/docs/en/i/7.6.0?topic=ajes-audit-journal-ax-row-column-access-control-table-function',
        release: '7.6',
      },
    ],
    unconfirmed: [
      'Layout cut off at J5 787 (Previous Status 1); its values and everything after (presumably Previous Status 2 at 788 and any later fields) not visible.',
      'Release in which AX was introduced not confirmed from the pages read (it is listed in the 7.3 entry-type table).',
    ],
  },
  {
    action: 'access-control-change',
    severity: notice,
    object: ['tableName', 'tableLibrary'],
    message: (i, object) =>
      `${by(i)} changed row and column access control (${what(i, 'RCAC')}) ${i.f('name') ?? ''} on table ${object}`.replace(
        / {2,}/g,
        ' ',
      ),
  },
);
