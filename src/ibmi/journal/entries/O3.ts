import { by, defineEntry, informational, what } from '../rules.js';

/** O3 (Optical Access) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const O3 = defineEntry(
  {
    entryType: 'O3',
    title: 'Optical Access',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          A: 'Change volume attributes',
          B: 'Backup volume',
          C: 'Convert backup volume to primary',
          E: 'Export',
          I: 'Initialize',
          K: 'Check volume',
          L: 'Change authorization list',
          M: 'Import',
          N: 'Rename',
          R: 'Absolute read',
        },
        description: 'Kind of optical volume operation',
      },
      {
        key: 'deviceName',
        ibmName: 'Device Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Optical library (LUD) name',
      },
      {
        key: 'csiName',
        ibmName: 'CSI Name',
        offset: 621,
        length: 8,
        kind: 'char',
        description: 'Side information object name',
      },
      {
        key: 'csiLibrary',
        ibmName: 'CSI Library',
        offset: 629,
        length: 10,
        kind: 'char',
        description: 'Side information object library',
      },
      {
        key: 'oldVolumeName',
        ibmName: 'Old Volume Name',
        offset: 639,
        length: 32,
        kind: 'char',
        description: 'Previous optical volume name',
      },
      {
        key: 'newVolumeName',
        ibmName: 'New Volume Name',
        offset: 671,
        length: 32,
        kind: 'char',
        description:
          'New volume name (initialize, rename, convert); backup volume for backup; the volume name for import, export, change authorization list, change attributes and sector read',
      },
      {
        key: 'oldAuthList',
        ibmName: 'Old Auth List',
        offset: 703,
        length: 10,
        kind: 'char',
        description:
          'Previous authorization list; used only for import, export and change authorization list',
      },
      {
        key: 'newAuthList',
        ibmName: 'New Auth List',
        offset: 713,
        length: 10,
        kind: 'char',
        description: 'New authorization list; used only for change authorization list',
      },
      {
        key: 'address',
        ibmName: 'Address',
        offset: 723,
        length: 4,
        kind: 'bin4',
        description: 'Starting block; used only for sector (absolute) read',
      },
      {
        key: 'length',
        ibmName: 'Length',
        offset: 727,
        length: 4,
        kind: 'bin4',
        description: 'Length read; used only for sector (absolute) read',
      },
      {
        key: 'aspName',
        ibmName: 'ASP name',
        offset: 731,
        length: 10,
        kind: 'char',
        description: 'ASP name of the CSI library (J5 only)',
      },
      {
        key: 'aspNumber',
        ibmName: 'ASP number',
        offset: 741,
        length: 5,
        kind: 'char',
        description: 'ASP number of the CSI library (J5 only)',
      },
    ],
    provenance: [
      {
        url: 'http://www-01.ibm.com/support/knowledgecenter/ssw_ibm_i_71/rzarl/rzarlf40.htm',
        release: '7.1',
      },
    ],
    unconfirmed: ['Only the 7.1 copy of the O3 page was read; fields added after 7.1 (if any) not verified.'],
  },
  {
    action: 'optical-volume',
    severity: informational,
    message: (i) =>
      `Optical volume ${what(i, 'operation')} ${i.f('oldVolumeName') ?? ''} by ${by(i)}`.replace(
        / {2,}/g,
        ' ',
      ),
  },
);
