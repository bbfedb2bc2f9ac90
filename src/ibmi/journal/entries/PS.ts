import { defineEntry, notice, warning, what } from '../rules.js';

/** PS (Profile Swap) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const PS = defineEntry(
  {
    entryType: 'PS',
    title: 'Profile Swap',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          A: 'Profile swap during pass-through',
          E: 'End work-on-behalf-of relationship',
          H: 'Profile handle generated for a user (QSYGETPH API)',
          I: 'All profile tokens invalidated',
          M: 'Maximum number of profile tokens generated',
          P: 'Profile token generated for a user',
          R: 'All profile tokens for a user removed',
          S: 'Start work-on-behalf-of relationship',
          T: 'Profile swap by Telnet device-initialization exit program (QIBM_QTG_DEVINIT)',
          U: 'User profile overridden by an exit program (Telnet QIBM_QTG_DEVINIT; on 7.6 also FTP logon exit QIBM_QTMF_SVR_LOGON)',
          V: 'User profile authenticated',
        },
        description: 'Kind of profile swap / token / authentication event',
      },
      {
        key: 'userProfile',
        ibmName: 'User Profile',
        offset: 611,
        length: 10,
        kind: 'char',
        description:
          'User profile name; for T the name returned by the exit program, for U the name used by the exit program',
      },
      {
        key: 'sourceLocation',
        ibmName: 'Source Location',
        offset: 621,
        length: 8,
        kind: 'char',
        description: 'Pass-through source location',
      },
      {
        key: 'originalTargetUserProfile',
        ibmName: 'Original Target User Profile',
        offset: 629,
        length: 10,
        kind: 'char',
        description:
          'Original pass-through target user; for T the user negotiated by the client (blank if none)',
      },
      {
        key: 'newTargetUserProfile',
        ibmName: 'New Target User Profile',
        offset: 639,
        length: 10,
        kind: 'char',
        description:
          'New pass-through target user; for T the name returned by the exit program (same as User Profile at 611)',
      },
      {
        key: 'officeUser',
        ibmName: 'Office User',
        offset: 649,
        length: 10,
        kind: 'char',
        description: 'Office user starting/ending a work-on-behalf-of relationship',
      },
      {
        key: 'onBehalfOfUser',
        ibmName: 'On Behalf of User',
        offset: 659,
        length: 10,
        kind: 'char',
        description: 'User on whose behalf the office user works',
      },
      {
        key: 'profileTokenType',
        ibmName: 'Profile Token Type',
        offset: 669,
        length: 1,
        kind: 'char',
        description:
          "Type of profile token generated (values listed on IBM's page but not visible in the stored copy)",
      },
      {
        key: 'profileTokenTimeout',
        ibmName: 'Profile Token Timeout',
        offset: 670,
        length: 2,
        kind: 'bin2',
        description: 'Seconds the generated profile token stays valid',
      },
      {
        key: 'portNumber',
        ibmName: 'Port Number',
        offset: 672,
        length: 5,
        kind: 'char',
        description: 'Port number, filled when entry type is T or U (rest of description cut off); J5 only',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf44.htm',
        release: '7.3',
      },
      { url: 'https://www.ibm.com/docs/en/i/7.6.0?topic=entries-ps-profile-swap-journal', release: '7.6' },
    ],
    unconfirmed: [
      'Profile Token Type (669) value list not visible in the stored copies (the table rendering drops value lists).',
      'Layout after Port Number (672, Char(5), ends 677) not visible in any stored copy; further fields (e.g. remote address for exit-program swaps) may exist in 7.5/7.6 but were not seen.',
      "The Port Number description is truncated in the stored copy (only 'When entry type ... is T or U this field c...' visible).",
    ],
  },
  {
    action: 'profile-swap',
    severity: notice,
    severityBySubtype: { M: warning, I: warning },
    target: 'newTargetUserProfile',
    message: (i) =>
      `${what(i, 'Profile swap')}: user ${i.f('userProfile') ?? i.user}${i.f('newTargetUserProfile') ? ` → ${i.f('newTargetUserProfile')}` : ''}`,
  },
);
