import { by, defineEntry, informational, OBJECT, quoted } from '../rules.js';

/** CD (Command String) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const CD = defineEntry(
  {
    entryType: 'CD',
    title: 'Command String',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          C: 'Command run',
          L: 'S/36 OCL statement',
          O: 'Operator control command',
          P: 'S/36 procedure',
          S: 'Command run after command substitution',
          U: 'Utility control statement',
          X: 'Proxy command',
        },
        description: 'Kind of command-string entry',
      },
      {
        key: 'objectName',
        ibmName: 'Object Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Command (object) name',
      },
      {
        key: 'libraryName',
        ibmName: 'Library Name',
        offset: 621,
        length: 10,
        kind: 'char',
        description: 'Library of the command',
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
        key: 'whereRun',
        ibmName: 'Where run',
        offset: 639,
        length: 1,
        kind: 'char',
        values: {
          Y: 'From a compiled OPM or ILE CL program',
          R: 'From a REXX procedure',
          E: 'Passed to a command analyzer API (QCMDEXC, QCAPCMD or QCAEXEC)',
          B: 'In a batch job for another reason (e.g. STRDBRDR, SBMDBJOB, SBMJOB CMD)',
          N: 'Interactively from a command line or menu option',
        },
        description: 'Where the CL command ran',
      },
      {
        key: 'commandString',
        ibmName: 'Command String',
        offset: 640,
        length: 6000,
        kind: 'char',
        description: 'Command text with parameters',
      },
      {
        key: 'aspNameForCommandLibrary',
        ibmName: 'ASP Name for Command Library',
        offset: 6640,
        length: 10,
        kind: 'char',
        description: "ASP name of the command's library",
      },
      {
        key: 'aspNumberForCommandLibrary',
        ibmName: 'ASP Number for Command Library',
        offset: 6650,
        length: 5,
        kind: 'char',
        description: "ASP number of the command's library",
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf10.htm',
        release: '7.3',
      },
      { url: 'https://ibm.com/support/knowledgecenter/ssw_ibm_i_74/rzarl/rzarlf10.htm', release: '7.4' },
    ],
    unconfirmed: ['7.5/7.6 copies of the layout not read; no evidence of added fields.'],
  },
  {
    action: 'command',
    severity: informational,
    object: OBJECT,
    message: (i, object) =>
      `${by(i)} ran ${i.f('commandString') ? quoted(i.f('commandString')!) : `command ${object}`}`,
  },
);
