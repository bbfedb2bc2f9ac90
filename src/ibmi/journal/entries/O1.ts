import { by, defineEntry, informational, what } from '../rules.js';

/** O1 (Optical Access) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const O1 = defineEntry(
  {
    entryType: 'O1',
    title: 'Optical Access',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { R: 'Read', U: 'Update', D: 'Delete', C: 'Create directory', X: 'Release held file' },
        description: 'Kind of optical operation',
      },
      {
        key: 'objectType',
        ibmName: 'Object Type',
        offset: 611,
        length: 1,
        kind: 'char',
        values: { F: 'File', D: 'Directory end', S: 'Storage' },
        description: 'Kind of optical object',
      },
      {
        key: 'accessType',
        ibmName: 'Access Type',
        offset: 612,
        length: 1,
        kind: 'char',
        values: {
          D: 'File data',
          A: 'File/directory attributes',
          R: 'Restore operation',
          S: 'Save operation',
        },
        description: 'What was accessed',
      },
      {
        key: 'deviceName',
        ibmName: 'Device Name',
        offset: 613,
        length: 10,
        kind: 'char',
        description: 'Optical library (LUD) device name',
      },
      {
        key: 'csiName',
        ibmName: 'CSI Name',
        offset: 623,
        length: 8,
        kind: 'char',
        description: 'Side information object name',
      },
      {
        key: 'csiLibrary',
        ibmName: 'CSI Library',
        offset: 631,
        length: 10,
        kind: 'char',
        description: 'Library of the side information object',
      },
      {
        key: 'volumeName',
        ibmName: 'Volume Name',
        offset: 641,
        length: 32,
        kind: 'char',
        description: 'Optical volume name',
      },
      {
        key: 'objectName',
        ibmName: 'Object Name',
        offset: 673,
        length: 256,
        kind: 'char',
        description: 'Optical directory or file name',
      },
      {
        key: 'aspName',
        ibmName: 'ASP name',
        offset: 929,
        length: 10,
        kind: 'char',
        description: 'ASP name of the CSI library (J5 only)',
      },
      {
        key: 'aspNumber',
        ibmName: 'ASP number',
        offset: 939,
        length: 5,
        kind: 'char',
        description: 'ASP number of the CSI library (J5 only)',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf38.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [],
  },
  {
    action: 'optical-access',
    severity: informational,
    message: (i) =>
      `Optical ${what(i, 'access')} of ${i.f('objectName') ?? '?'} on volume ${i.f('volumeName') ?? '?'} by ${by(i)}`,
  },
);
