import { defineEntry, informational, what } from '../rules.js';

/** GS (Give Descriptor) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const GS = defineEntry(
  {
    entryType: 'GS',
    title: 'Give Descriptor',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: {
          G: 'Descriptor given to another job',
          R: 'Descriptor received',
          U: 'Descriptor could not be used',
        },
        description: 'Kind of descriptor event',
      },
      {
        key: 'jobName',
        ibmName: 'Job Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Job name (name part of the other job)',
      },
      {
        key: 'userName',
        ibmName: 'User Name',
        offset: 621,
        length: 10,
        kind: 'char',
        description: 'User part of the job name',
      },
      {
        key: 'jobNumber',
        ibmName: 'Job Number',
        offset: 631,
        length: 6,
        kind: 'zoned',
        description: 'Job number',
      },
      {
        key: 'userProfileName',
        ibmName: 'User Profile Name',
        offset: 637,
        length: 10,
        kind: 'char',
        description: 'User profile name',
      },
      {
        key: 'juid',
        ibmName: 'JUID',
        offset: 647,
        length: 10,
        kind: 'char',
        description: 'Job user identity of the target job; only filled for sub-type G',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf22.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [],
  },
  {
    action: 'socket-descriptor',
    severity: informational,
    failures: ['U'],
    target: 'userProfileName',
    message: (i) =>
      `${what(i, 'Socket descriptor')}: job ${i.f('jobNumber') ?? '?'}/${i.f('userName') ?? '?'}/${i.f('jobName') ?? '?'}`,
  },
);
