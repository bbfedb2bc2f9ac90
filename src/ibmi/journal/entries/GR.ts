import { by, defineEntry, notice, warning, what } from '../rules.js';

/** GR (Generic Record) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const GR = defineEntry(
  {
    entryType: 'GR',
    title: 'Generic Record',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          A: 'Exit program added',
          C: 'Resource Monitoring and Control (RMC) operation',
          D: 'Exit program removed',
          F: 'Function registration operation',
          O: 'ObjectConnect operation (added in a later release; shown as a change in 7.4, absent in 7.1)',
          R: 'Exit program replaced',
        },
        description: 'Kind of generic operation recorded',
      },
      {
        key: 'action',
        ibmName: 'Action',
        offset: 611,
        length: 2,
        kind: 'char',
        values: {
          ZC: 'Change',
          ZR: 'Read',
          SV: 'Save (entry type O only)',
          RS: 'Restore (entry type O only)',
        },
        description: 'Action performed',
      },
      {
        key: 'userName',
        ibmName: 'User Name',
        offset: 613,
        length: 10,
        kind: 'char',
        description:
          'User profile name; for type F the user the function registration operation was performed against; for type O the user performing the ObjectConnect operation',
      },
      {
        key: 'field1Ccsid',
        ibmName: 'Field 1 CCSID',
        offset: 623,
        length: 4,
        kind: 'bin4',
        description: 'CCSID of field 1 data',
      },
      {
        key: 'field1Length',
        ibmName: 'Field 1 Length',
        offset: 627,
        length: 2,
        kind: 'bin2',
        description: 'Length of the data in field 1',
      },
      {
        key: 'field1',
        ibmName: 'Field 1',
        offset: 629,
        length: 102,
        kind: 'tagged',
        lengthField: 'field1Length',
        ccsidField: 'field1Ccsid',
        values: {
          '*REGISTER': '(type F) function registered',
          '*REREGISTER': '(type F) function updated',
          '*DEREGISTER': '(type F) function deregistered',
          '*CHGUSAGE': '(type F) function usage information changed',
          '*CHKUSAGE': '(type F) usage checked for a user and the check passed',
          '*USAGEFAILURE': '(type F) usage checked for a user and the check failed',
          mc_reg_event_select: '(type C) register event using attribute selection',
          mc_reg_event_handle: '(type C) register event using resource handle',
          mc_reg_class_event: '(type C) register event for a resource class',
        },
        description:
          'Field 1 data; content depends on entry type (type F: the function registration operation; types A/D/R: exit program information; type C: the RMC function name)',
      },
    ],
    provenance: [
      {
        url: 'http://www-01.ibm.com/support/knowledgecenter/ssw_ibm_i_71/rzarl/rzarlf21.htm',
        release: '7.1',
      },
      { url: 'https://www.ibm.com/docs/en/i/7.4.0?topic=entries-gr-generic-record-journal', release: '7.4' },
      { url: 'https://ibm.com/docs/en/i/7.4?topic=services-audit-journal-gr-table-function', release: '7.4' },
    ],
    unconfirmed: [
      'Every stored copy (7.1, 7.4) is cut off inside the Field 1 value list (7.1 stops in the RMC function-name list after mc_reg_class_event); the rest of the RMC function names were not visible',
      'Fields after Field 1 (J5 731 onward) were not visible in any stored copy; the page appears to continue with further CCSID/length/data groups (e.g. Field 2, Field 3) but their offsets and formats could not be read, so none are recorded',
      'Which Field holds the function ID / usage value for type F, and the layout of exit program information for types A/D/R, could not be confirmed',
      'Field 1 (629, Char(102)) ends at 730; the next field presumably starts at 731 but was not seen',
    ],
  },
  {
    action: 'generic-record',
    // Adding or removing an exit program changes what runs on every server request (and can
    // switch monitoring off): said as such, not as a generic record.
    actionBySubtype: { A: 'exit-program-added', D: 'exit-program-removed', R: 'exit-program-replaced' },
    severity: notice,
    severityBySubtype: { A: warning, D: warning, R: warning },
    target: 'userName',
    message: (i) => {
      const field1 = i.f('field1');
      if (i.subtype === 'A' || i.subtype === 'D' || i.subtype === 'R') {
        // Field 1 of these types holds the exit point (K: IBM's page shows only that it holds
        // exit program information), so it is named as what it says.
        return `${what(i, 'Exit program changed')}${field1 ? ` at ${field1}` : ''} by ${by(i)}`;
      }
      return `${what(i, 'Generic record')} ${i.f('action') ? `(${i.f('action')}) ` : ''}by ${by(i)}${field1 ? `: ${field1}` : ''}`;
    },
  },
);
