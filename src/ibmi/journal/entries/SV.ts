import { defineEntry, joined, notice, quoted, warning } from '../rules.js';

/** System values whose change weakens or blinds security. */
const SECURITY_SYSTEM_VALUES =
  /^Q(AUD|SEC|PWD|MAXSIGN|MAXSGNACN|ALWOBJRST|CRTAUT|USEADPAUT|RETSVRSEC|LMTSECOFR|INACTITV|DSPSGNINF|SCANFS|VFYOBJRST|FRCCVNRST)/;

/** SV (Action to System Value) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const SV = defineEntry(
  {
    entryType: 'SV',
    title: 'Action to System Value',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          A: 'Change to system values',
          B: 'Change to service attributes',
          C: 'Change to system clock',
          D: 'Adjustment to Coordinated Universal Time (UTC)',
          E: 'Change to option',
          F: 'Change to system-wide journal attribute',
        },
        description: 'What kind of system setting was changed',
      },
      {
        key: 'systemValueOrServiceAttribute',
        ibmName: 'System Value or Service Attribute',
        offset: 611,
        length: 10,
        kind: 'char',
        values: {
          JRNRCVCNT: 'Journal recovery count value changed (sub-type F)',
          MAXCCHWAIT: 'Journal maximum cache wait time changed (sub-type F)',
          QINPIDCO: 'Current install disk configuration option changed via QINPIDCO API (sub-type E)',
        },
        description:
          'Name of the system value, service attribute, option or journal attribute changed (e.g. QSECURITY for sub-type A); special names listed in values',
      },
      {
        key: 'newValue',
        ibmName: 'New Value',
        offset: 621,
        length: 250,
        kind: 'char',
        description: 'Value after the change (first 250 bytes)',
      },
      {
        key: 'oldValue',
        ibmName: 'Old Value',
        offset: 871,
        length: 250,
        kind: 'char',
        description: 'Value before the change (first 250 bytes)',
      },
      {
        key: 'newValueContinued',
        ibmName: 'New Value Continued',
        offset: 1121,
        length: 250,
        kind: 'char',
        description: 'Bytes 251-500 of the new value',
      },
      {
        key: 'oldValueContinued',
        ibmName: 'Old Value Continued',
        offset: 1371,
        length: 250,
        kind: 'char',
        description: 'Bytes 251-500 of the old value',
      },
      {
        key: 'newValueContinuedExtension',
        ibmName: 'New Value Continued Extension',
        offset: 1621,
        length: 1000,
        kind: 'char',
        description: 'Bytes 501-1500 of the new value (J5 only)',
      },
      {
        key: 'oldValueContinuedExtension',
        ibmName: 'Old Value Continued Extension',
        offset: 2621,
        length: 1000,
        kind: 'char',
        description: 'Bytes 501-1500 of the old value (J5 only)',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf61.htm',
        release: '7.3',
      },
      {
        url: 'https://www.ibm.com/docs/en/i/7.4?topic=services-audit-journal-sv-table-function',
        release: '7.4',
      },
    ],
    unconfirmed: [
      'Only the 7.3 layout page was seen; 7.4+ pages not found in stored corpora (AUDIT_JOURNAL_SV 7.4 lists the same sub-types A-F).',
    ],
  },
  {
    action: 'system-value-change',
    severity: notice,
    // The setting changed is the object of the event (SIEMs' Change / SETTING_MODIFICATION).
    object: ['systemValueOrServiceAttribute'],
    raise: {
      when: 'the system value is security-relevant (QAUD*, QSEC*, QPWD*, QMAXSIGN, QALWOBJRST…)',
      to: warning,
      test: (i) => SECURITY_SYSTEM_VALUES.test(i.f('systemValueOrServiceAttribute') ?? ''),
    },
    message: (i) => {
      const kind =
        i.subtype === 'B' ? 'service attribute' : i.subtype === 'C' ? 'system clock' : 'system value';
      const newValue = joined(i, 'newValue', 'newValueContinued', 'newValueContinuedExtension');
      const oldValue = joined(i, 'oldValue', 'oldValueContinued', 'oldValueContinuedExtension');
      return `User ${i.user} changed ${kind} ${i.f('systemValueOrServiceAttribute') ?? '?'} from ${quoted(oldValue)} to ${quoted(newValue)}`;
    },
  },
);
