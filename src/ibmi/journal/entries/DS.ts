import { defineEntry, warning, what } from '../rules.js';

/** DS (Service Tools User ID and Attribute Changes) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const DS = defineEntry(
  {
    entryType: 'DS',
    title: 'Service Tools User ID and Attribute Changes',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          A: 'Reset of a service tools user ID password (CHGDSTPWD)',
          C: 'Change to a service tools user ID (QSYCHGDS API)',
          D: 'Delete of a service tools user ID (DLTSSTUSR) - newer releases',
          H: 'Change to a service tools user ID (CHGSSTUSR) - newer releases',
          K: 'Change to a service tools user ID (CHGSSTKEY) - marked as new in 7.6',
          P: 'Change to a service tools user ID password (QSYCHGDS API)',
          R: 'Create of a service tools user ID (CRTSSTUSR) - newer releases',
          S: 'Change to service tools security attributes (CHGSSTSECA) - newer releases',
        },
        description: 'Kind of service-tools user ID action',
      },
      {
        key: 'ibmSuppliedServiceToolsUserIdRes',
        ibmName: 'IBM-Supplied Service Tools User ID Reset',
        offset: 611,
        length: 1,
        kind: 'char',
        values: { Y: 'Reset of an IBM-supplied service tools user ID requested' },
        description: 'Y = request to reset an IBM-supplied service tools user ID (entry type A)',
      },
      {
        key: 'serviceToolsUserIdToChange',
        ibmName: 'Service Tools User ID to change',
        offset: 612,
        length: 10,
        kind: 'char',
        values: {
          '*SECURITY': 'Special value',
          '*SERVICE': 'Special value (7.6)',
          '*FULL': 'Special value (7.1)',
          '*BASIC': 'Special value (7.1)',
        },
        description:
          "Service tools user ID being changed (types C, P); 7.1/7.3 name: 'Service Tools User ID Type'",
      },
      {
        key: 'serviceToolsUserIdNewName',
        ibmName: 'Service Tools User ID New Name',
        offset: 622,
        length: 8,
        kind: 'char',
        description: 'New name when it is 8 bytes or less (type C)',
      },
      {
        key: 'serviceToolsUserIdPasswordChange',
        ibmName: 'Service Tools User ID Password Change',
        offset: 630,
        length: 1,
        kind: 'char',
        values: { Y: 'Password change requested' },
        description: 'Y = request to change the service tools user ID password (type P)',
      },
      {
        key: 'serviceToolsUserId',
        ibmName: 'Service Tools User ID',
        offset: 631,
        length: 10,
        kind: 'char',
        description:
          "New ID name for type C; for D/H/R the ID created, changed or deleted (7.1/7.3 name: 'Service Tools User ID New Name')",
      },
      {
        key: 'serviceToolsUserIdRequestingPrf',
        ibmName: 'Service Tools User ID Requesting Profile',
        offset: 641,
        length: 10,
        kind: 'char',
        description: 'Service tools user ID that requested the action',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/docs/en/i/7.6.0?topic=laje-ds-service-tools-user-id-attribute-changes-journal-entries',
        release: '7.6',
      },
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf19.htm',
        release: '7.3',
      },
      {
        url: 'http://www-01.ibm.com/support/knowledgecenter/ssw_ibm_i_71/rzarl/rzarlf19.htm',
        release: '7.1',
      },
      {
        url: 'https://www.ibm.com/docs/en/i/7.6.0?topic=ajes-audit-journal-ds-service-tools-user-id-attribute-changes-table-function',
        release: '7.6',
      },
    ],
    unconfirmed: [
      "The 7.6 page continues with a field at J5 651 whose name begins 'Sta...' (cut off); that field and any later 7.5/7.6 additions are not transcribed.",
      'Release in which D/H/R/S were added not determined (between 7.3 and 7.6).',
    ],
  },
  {
    action: 'service-tools-user-change',
    severity: warning,
    message: (i) =>
      `${what(i, 'Service tools user ID change')}: ${i.f('serviceToolsUserIdToChange') ?? i.f('serviceToolsUserId') ?? '?'} by ${i.f('serviceToolsUserIdRequestingPrf') ?? i.user}`,
  },
);
