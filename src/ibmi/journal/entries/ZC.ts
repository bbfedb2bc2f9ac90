import { access, defineEntry, informational, OBJECT } from '../rules.js';

/** ZC (Change to Object) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const ZC = defineEntry(
  {
    entryType: 'ZC',
    title: 'Change to Object',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { C: 'Change of an object', U: 'Upgrade of open access to an object' },
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
        key: 'accessType',
        ibmName: 'Access Type',
        offset: 639,
        length: 3,
        kind: 'packed',
        description:
          "Numeric access code (see 'Numeric codes for access types'; codes transcribed separately)",
      },
      {
        key: 'accessSpecificData',
        ibmName: 'Access Specific Data',
        offset: 642,
        length: 50,
        kind: 'char',
        description:
          'Access-specific data. For *IMGCLG objects: pos 1-3 image catalog entry index, 4-35 volume ID, 36 access (R read-only / W read-write), 37 write protection (Y/N), 38-47 virtual device name, 48-50 unused; each part blank when the operation was against the catalog itself. IBM also defines a format for integrated file system objects (text cut off in stored copies)',
      },
      {
        key: 'objectNameLength',
        ibmName: 'Object Name Length',
        offset: 710,
        length: 2,
        kind: 'bin2',
        description: 'Length of the (long/IFS) object name',
        confirmed: false,
      },
      {
        key: 'objectNameCcsid',
        ibmName: 'Object Name CCSID',
        offset: 712,
        length: 4,
        kind: 'bin4',
        description: 'CCSID of the object name',
        confirmed: false,
      },
      {
        key: 'objectNameCountryOrRegionId',
        ibmName: 'Object Name Country or Region ID',
        offset: 716,
        length: 2,
        kind: 'char',
        description: 'Country or region ID of the object name',
        confirmed: false,
      },
      {
        key: 'objectNameLanguageId',
        ibmName: 'Object Name Language ID',
        offset: 718,
        length: 3,
        kind: 'char',
        description: 'Language ID of the object name',
        confirmed: false,
      },
    ],
    provenance: [
      { url: 'https://www.ibm.com/docs/en/i/7.3?topic=entries-zc-change-object-journal', release: '7.3' },
    ],
    unconfirmed: [
      'ZC fields at 692, 710, 712, 716, 718 inferred from the identical ZR layout; not seen on a ZC page.',
      'IFS path-name block NOT transcribed: every stored copy stops at or before J5 offset 718/721. Fields known to follow (names from the analogous audit layouts and the AUDIT_JOURNAL_ZR column list, order/offsets NOT seen): (Reserved Area), Parent File ID Char(16), Object File ID Char(16), Object Name Char(512), ASP Name Char(10), ASP Number Char(5), Path Name CCSID Binary(5), Path Name Country or Region ID Char(2), Path Name Language ID Char(3), Path Name Length Binary(4), Path Name Indicator Char(1), Relative Directory File ID Char(16), Path Name Char(5002), plus a file member name (AUDIT_JOURNAL_ZR exposes MEMBER_NAME). Recommend taking offsets from DSPFFD QSYS/QASYZCJ5 / QASYZRJ5 on a real system.',
    ],
  },
  {
    action: 'object-change',
    severity: informational,
    object: OBJECT,
    message: (i, object) => `User ${i.user} changed ${object} (${access(i.f('accessType'))})`,
  },
);
