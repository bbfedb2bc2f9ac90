import { defineEntry, notice } from '../rules.js';

/** RJ (Restoring Job Description) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const RJ = defineEntry(
  {
    entryType: 'RJ',
    title: 'Restoring Job Description',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { A: 'Job description restored that names a user profile in its USER parameter' },
        description: 'Kind of restore event',
      },
      {
        key: 'jobDescriptionName',
        ibmName: 'Job Description Name',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Job description that was restored',
      },
      {
        key: 'libraryName',
        ibmName: 'Library Name',
        offset: 621,
        length: 10,
        kind: 'char',
        description: 'Library the job description was restored into',
      },
      {
        key: 'objectType',
        ibmName: 'Object Type',
        offset: 631,
        length: 8,
        kind: 'char',
        description: 'Object type (*JOBD)',
      },
      {
        key: 'userName',
        ibmName: 'User Name',
        offset: 639,
        length: 10,
        kind: 'char',
        description: 'User profile currently named in the job description',
      },
      {
        key: 'aspName',
        ibmName: 'ASP name',
        offset: 649,
        length: 10,
        kind: 'char',
        description: 'ASP name of the JOBD library (J5 only)',
      },
      {
        key: 'aspNumber',
        ibmName: 'ASP number',
        offset: 659,
        length: 5,
        kind: 'char',
        description: 'ASP number of the JOBD library (J5 only)',
      },
      {
        key: 'previousUserName',
        ibmName: 'Previous User Name',
        offset: 664,
        length: 10,
        kind: 'char',
        description: 'User profile that the job description named before the restore (J5 only)',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/docs/en/i/7.6.0?topic=entries-rj-restoring-job-description-journal',
        release: '7.6',
      },
    ],
    unconfirmed: [
      'Release in which Previous User Name (664) was added not determined (not checked against 7.3/7.4/7.5 copies).',
    ],
  },
  {
    action: 'restore-job-description',
    severity: notice,
    object: ['jobDescriptionName', 'libraryName', 'objectType'],
    target: 'userName',
    message: (i, object) =>
      `User ${i.user} restored job description ${object} that runs as ${i.f('userName') ?? '?'}`,
  },
);
