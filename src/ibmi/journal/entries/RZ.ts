import { defineEntry, notice } from '../rules.js';

/** RZ (Primary Group Change for Restored Object) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const RZ = defineEntry(
  {
    entryType: 'RZ',
    title: 'Primary Group Change for Restored Object',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        description: 'Kind of entry (value list not visible in the stored copies)',
      },
      {
        key: 'objectName',
        ibmName: 'Object Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Object name',
      },
      {
        key: 'objectLibrary',
        ibmName: 'Object Library',
        offset: 621,
        length: 10,
        kind: 'char',
        description: 'Library containing the object',
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
        key: 'savedPrimaryGroup',
        ibmName: 'Saved Primary Group',
        offset: 639,
        length: 10,
        kind: 'char',
        description: 'Primary group recorded on the saved object',
      },
      {
        key: 'restoredPrimaryGroup',
        ibmName: 'Restored Primary Group',
        offset: 649,
        length: 10,
        kind: 'char',
        description: 'Primary group assigned to the restored object',
      },
      {
        key: 'dloName',
        ibmName: 'DLO Name',
        offset: 679,
        length: 12,
        kind: 'char',
        description: 'Document library object name',
      },
      {
        key: 'folderPath',
        ibmName: 'Folder Path',
        offset: 699,
        length: 63,
        kind: 'char',
        description: 'Folder the object was restored into',
      },
      {
        key: 'objectNameLength',
        ibmName: 'Object Name Length',
        offset: 780,
        length: 2,
        kind: 'bin2',
        description: 'Length of the IFS object name (footnote 1)',
      },
      {
        key: 'objectNameCcsid',
        ibmName: 'Object Name CCSID',
        offset: 782,
        length: 4,
        kind: 'bin4',
        description: 'CCSID of the object name (footnote 1)',
      },
      {
        key: 'objectNameCountryOrRegionId',
        ibmName: 'Object Name Country or Region ID',
        offset: 786,
        length: 2,
        kind: 'char',
        description: 'Country/region ID of the object name',
      },
      {
        key: 'objectNameLanguageId',
        ibmName: 'Object Name Language ID',
        offset: 788,
        length: 3,
        kind: 'char',
        description: 'Language ID of the object name',
      },
      {
        key: 'parentFileId',
        ibmName: 'Parent File ID',
        offset: 794,
        length: 16,
        kind: 'hex',
        description:
          'File ID of the parent directory (7.6 row cut off after the offsets; name/format inferred from the identical RO layout)',
        confirmed: false,
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf52.htm',
        release: '7.3',
      },
      {
        url: 'https://www.ibm.com/docs/en/i/7.6.0?topic=laje-rz-primary-group-change-restored-object-journal-entries',
        release: '7.6',
      },
    ],
    unconfirmed: [
      'Entry Type value list not visible (stored copies drop value lists); by analogy with RO it is presumably a single value A (object restored with its primary group changed).',
      'Fields after 794 (expected Object File ID 810, Object Name 826 Char(512), then object file ID, ASP and IFS path name group as in RO) not read.',
    ],
  },
  {
    action: 'restore-primary-group-change',
    severity: notice,
    object: ['objectName', 'objectLibrary', 'objectType'],
    message: (i, object) =>
      `Restored ${object}: primary group ${i.f('savedPrimaryGroup') ?? '?'} changed to ${i.f('restoredPrimaryGroup') ?? '?'}`,
  },
);
