import { by, critical, defineEntry, OBJECT, warning, what } from '../rules.js';

/** AF (Authority Failure) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const AF = defineEntry(
  {
    entryType: 'AF',
    title: 'Authority Failure',
    subtypeField: 'violationType',
    fields: [
      {
        key: 'violationType',
        ibmName: 'Violation Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          A: 'Not authorized to object',
          B: 'Restricted instruction',
          C: 'Validation failure (details at J5 offset 639)',
          D: 'Unsupported interface used, object domain failure',
          E: 'Hardware storage protection error, program constant space violation',
          F: 'ICAPI authorization error (obsolete)',
          G: 'ICAPI authentication error (obsolete)',
          H: 'Scan exit program action (details at J5 offset 639)',
          I: 'System Java inheritance not allowed',
          J: 'Submit job profile error (no *USE to profile named in job description)',
          K: 'Special authority violation',
          N: 'Profile token not a regenerable token',
          O: 'Optical object authority failure',
          P: 'Profile swap error',
          R: 'Hardware protection error',
          S: 'Default sign-on attempt',
          T: 'Not authorized to TCP/IP port',
          U: 'User permission request not valid',
          V: 'Profile token not valid for generating new profile token',
          W: 'Profile token not valid for swap',
          X: 'System violation (violation code at J5 offset 723)',
          Y: 'Not authorized to current JUID field during clear JUID',
          Z: 'Not authorized to current JUID field during set JUID',
        },
        description: 'Kind of authority failure',
      },
      {
        key: 'objectName',
        ibmName: 'Object Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description:
          'Object of the failed request (for type K, the command/program that detected it) - offset read, format inferred',
        confirmed: false,
      },
      {
        key: 'libraryName',
        ibmName: 'Library Name',
        offset: 621,
        length: 10,
        kind: 'char',
        description: 'Library of the object - inferred',
        confirmed: false,
      },
      {
        key: 'objectType',
        ibmName: 'Object Type',
        offset: 631,
        length: 8,
        kind: 'char',
        description: 'Object type - inferred',
        confirmed: false,
      },
      {
        key: 'validationErrorAction',
        ibmName: 'Validation Error Action',
        offset: 639,
        length: 1,
        kind: 'char',
        description:
          'What the system did about a validation failure; set only for violation types C and H (IBM 7.2/7.4 rzarlf06)',
      },
    ],
    provenance: [
      { url: 'https://www.ibm.com/support/knowledgecenter/ssw_ibm_i_74/rzarl/rzarlf06.htm', release: '7.4' },
      {
        url: 'https://www.ibm.com/docs/en/i/7.4?topic=services-audit-journal-af-table-function',
        release: '7.4',
      },
      {
        url: 'https://www.ibm.com/docs/en/i/7.6.0?topic=services-audit-journal-af-authority-failure-table-function',
        release: '7.6',
      },
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_72/rzarl/rzarlsecaudje.htm',
        release: '7.2',
      },
    ],
    unconfirmed: [
      'Stored copies of the AF layout are cut off at J5 611 (Object Name); no 7.3/7.5/7.6 layout copy was indexed. Everything after 610 is inferred.',
      'Value codes for Validation Error Action (J5 639, types C/H) were NOT found in any stored copy - left without values.',
      'Operation violation codes for type X (J5 723) were NOT found in any stored copy - left without values.',
      'Fields after 726 not seen (expected: office user, DLO name, folder path, office on-behalf-of user, IFS object/path name group, ASP name/number, and later additions).',
    ],
  },
  {
    action: 'authority-failure',
    severity: warning,
    failures: ['*'],
    object: OBJECT,
    severityBySubtype: { K: warning, S: warning, T: warning, X: critical },
    message: (i, object) =>
      `Authority failure (${what(i, 'violation')}) by ${by(i)} on ${object || 'an object'}${i.from}`,
  },
);
