import { by, defineEntry, notice, what } from '../rules.js';

/** CY (Cryptographic Configuration) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const CY = defineEntry(
  {
    entryType: 'CY',
    title: 'Cryptographic Configuration',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          A: 'Cryptographic coprocessor access control function',
          F: 'Cryptographic coprocessor facility control function',
          K: 'Cryptographic services master key function',
          M: 'Cryptographic coprocessor master key function',
        },
        description: 'Kind of cryptographic configuration function',
      },
      {
        key: 'action',
        ibmName: 'Action',
        offset: 611,
        length: 3,
        kind: 'char',
        values: {
          CCP: 'Define card profile',
          CCR: 'Define card role',
          CLK: 'Set clock',
          CLR: 'Clear master key',
          CRT: 'Create master key',
          DCP: 'Delete card profile',
          DCR: 'Delete card role',
          DST: 'Distribute master key',
          EID: 'Set environment ID',
          FCV: 'Load or clear FCV',
          INI: 'Reinitialize card',
          LOD: 'Load master key',
          QRY: 'Query role or profile information',
          RCP: 'Replace card profile',
          RCR: 'Replace card role',
          RCV: 'Receive master key',
          SET: 'Set master key',
          SHR: 'Clone shares',
          TST: 'Test master key',
        },
        description: 'Cryptographic configuration function performed',
      },
      {
        key: 'cardProfile',
        ibmName: 'Card Profile',
        offset: 614,
        length: 8,
        kind: 'char',
        description: 'Card profile name (footnote 2 on page)',
      },
      {
        key: 'cardRole',
        ibmName: 'Card Role',
        offset: 622,
        length: 8,
        kind: 'char',
        description: 'Role of the card profile (footnote 2 on page)',
      },
    ],
    provenance: [
      {
        url: 'http://www.ibm.com/support/knowledgecenter/ja/ssw_ibm_i_73/rzarl/rzarlf16.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [
      'Layout cut off at J5 630 (a device-name field whose format was truncated); 630 and everything after not transcribed.',
      "No English copy found, so English field names are translations, not IBM's text.",
    ],
  },
  {
    action: 'crypto-configuration',
    severity: notice,
    message: (i) => `${by(i)}: ${what(i, 'cryptographic configuration')} ${i.f('action') ?? ''}`.trim(),
  },
);
