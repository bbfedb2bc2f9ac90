import { by, defineEntry, notice, OBJECT, what } from '../rules.js';

/** AD (Auditing Change) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const AD = defineEntry(
  {
    entryType: 'AD',
    title: 'Auditing Change',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          D: 'CHGDLOAUD command',
          O: 'CHGOBJAUD or CHGAUD command',
          S: 'Scan attribute changed (CHGATR, Qp0lSetAttr, or set at object creation)',
          U: 'CHGUSRAUD command',
        },
        description: 'Which auditing change was made',
      },
      {
        key: 'objectName',
        ibmName: 'Object Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Object whose auditing changed',
      },
      {
        key: 'libraryName',
        ibmName: 'Library Name',
        offset: 621,
        length: 10,
        kind: 'char',
        description: 'Library of the object',
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
        key: 'objectAuditValue',
        ibmName: 'Object Audit Value',
        offset: 639,
        length: 10,
        kind: 'char',
        description:
          'Current object audit value for entry types D/O/U; scan attribute value for entry type S',
      },
      {
        key: 'chgusraudCmd',
        ibmName: 'CHGUSRAUD *CMD',
        offset: 649,
        length: 1,
        kind: 'char',
        description: "Current user action auditing: Y = user's commands are audited",
      },
      {
        key: 'chgusraudCreate',
        ibmName: 'CHGUSRAUD *CREATE',
        offset: 650,
        length: 1,
        kind: 'char',
        description: 'Current user action auditing: Y = object creations by the user are audited',
      },
      {
        key: 'chgusraudDelete',
        ibmName: 'CHGUSRAUD *DELETE',
        offset: 651,
        length: 1,
        kind: 'char',
        description: 'Current user action auditing: Y = object deletions by the user are audited',
      },
      {
        key: 'chgusraudJobdta',
        ibmName: 'CHGUSRAUD *JOBDTA',
        offset: 652,
        length: 1,
        kind: 'char',
        description: 'Current user action auditing: Y = job changes by the user are audited',
      },
      {
        key: 'chgusraudObjmgt',
        ibmName: 'CHGUSRAUD *OBJMGT',
        offset: 653,
        length: 1,
        kind: 'char',
        description: 'Current user action auditing: Y = object moves/renames by the user are audited',
      },
      {
        key: 'chgusraudOfcsrv',
        ibmName: 'CHGUSRAUD *OFCSRV',
        offset: 654,
        length: 1,
        kind: 'char',
        description: 'Current user action auditing: Y = office functions by the user are audited',
      },
      {
        key: 'chgusraudPgmadp',
        ibmName: 'CHGUSRAUD *PGMADP',
        offset: 655,
        length: 1,
        kind: 'char',
        description: 'Current user action auditing: Y = use of adopted authority by the user is audited',
      },
      {
        key: 'chgusraudSavrst',
        ibmName: 'CHGUSRAUD *SAVRST',
        offset: 656,
        length: 1,
        kind: 'char',
        description:
          'Current user action auditing: Y = save/restore by the user is audited (format text cut off in stored copy; Char(1) inferred)',
        confirmed: false,
      },
      {
        key: 'chgusraudSecurity',
        ibmName: 'CHGUSRAUD *SECURITY',
        offset: 657,
        length: 1,
        kind: 'char',
        description:
          'Current user action auditing: Y = security-relevant actions by the user are audited (inferred, not visible in stored copy)',
        confirmed: false,
      },
      {
        key: 'chgusraudService',
        ibmName: 'CHGUSRAUD *SERVICE',
        offset: 658,
        length: 1,
        kind: 'char',
        description:
          'Current user action auditing: Y = service-tool use by the user is audited (inferred, not visible in stored copy)',
        confirmed: false,
      },
      {
        key: 'chgusraudSplfdta',
        ibmName: 'CHGUSRAUD *SPLFDTA',
        offset: 659,
        length: 1,
        kind: 'char',
        description:
          'Current user action auditing: Y = spooled-file actions by the user are audited (inferred, not visible in stored copy)',
        confirmed: false,
      },
      {
        key: 'chgusraudSysmgt',
        ibmName: 'CHGUSRAUD *SYSMGT',
        offset: 660,
        length: 1,
        kind: 'char',
        description:
          'Current user action auditing: Y = system-management actions by the user are audited (inferred, not visible in stored copy)',
        confirmed: false,
      },
      {
        key: 'chgusraudOptical',
        ibmName: 'CHGUSRAUD *OPTICAL',
        offset: 661,
        length: 1,
        kind: 'char',
        description:
          'Current user action auditing: Y = optical-device actions by the user are audited (inferred, not visible in stored copy)',
        confirmed: false,
      },
    ],
    provenance: [
      { url: 'https://www.ibm.com/docs/en/i/7.6.0?topic=entries-ad-auditing-change-journal', release: '7.6' },
      {
        url: 'https://www.ibm.com/docs/en/i/7.5?topic=services-audit-journal-ad-table-function',
        release: '7.5',
      },
    ],
    unconfirmed: [
      'Layout cut off after J5 656 (CHGUSRAUD *SAVRST, format text truncated). Fields 657-661 (*SECURITY, *SERVICE, *SPLFDTA, *SYSMGT, *OPTICAL) are inferred from the original CHGUSRAUD AUDLVL set and the JE/J4 offset progression; not read.',
      'Not visible in any stored copy: the rest of the layout (later CHGUSRAUD flags added in newer releases, office/DLO fields, previous object audit value, IFS object name/path fields, ASP name/number). The AD layout page was found only for 7.6 (no 7.3/7.4 copy indexed).',
    ],
  },
  {
    action: 'audit-change',
    severity: notice,
    object: OBJECT,
    message: (i, object) =>
      `${by(i)} changed auditing (${what(i, 'audit change')}) of ${object || 'an object'}${i.f('objectAuditValue') ? ` to ${i.f('objectAuditValue')}` : ''}`,
  },
);
