import { by, defineEntry, notice } from '../rules.js';

/** JD (Job Description Change) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const JD = defineEntry(
  {
    entryType: 'JD',
    title: 'Job Description Change',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { A: 'USER parameter of a job description was set/changed to a user profile' },
        description: 'Kind of entry',
      },
      {
        key: 'jobDescription',
        ibmName: 'Job Description',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Job description whose USER parameter changed',
      },
      {
        key: 'libraryName',
        ibmName: 'Library Name',
        offset: 621,
        length: 10,
        kind: 'char',
        description: 'Library of the job description',
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
        key: 'commandType',
        ibmName: 'Command Type',
        offset: 639,
        length: 3,
        kind: 'char',
        values: { CHG: 'CHGJOBD command', CRT: 'CRTJOBD command' },
        description: 'Command that made the change',
      },
      {
        key: 'oldUser',
        ibmName: 'Old User',
        offset: 642,
        length: 10,
        kind: 'char',
        description: 'USER value before the change',
      },
      {
        key: 'newUser',
        ibmName: 'New User',
        offset: 652,
        length: 10,
        kind: 'char',
        description: 'USER value after the change',
      },
      {
        key: 'aspName',
        ibmName: 'ASP name',
        offset: 662,
        length: 10,
        kind: 'char',
        description: 'ASP device name of the job description library',
      },
      {
        key: 'aspNumber',
        ibmName: 'ASP number',
        offset: 672,
        length: 5,
        kind: 'char',
        description: 'ASP number of the job description library',
      },
    ],
    provenance: [
      {
        url: 'http://www-01.ibm.com/support/knowledgecenter/ssw_ibm_i_71/rzarl/rzarlf27.htm',
        release: '7.1',
      },
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf27.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [],
  },
  {
    action: 'job-description-user-change',
    severity: notice,
    object: ['jobDescription', 'libraryName', 'objectType'],
    target: 'newUser',
    message: (i, object) =>
      `${by(i)} changed the USER of job description ${object} from ${i.f('oldUser') ?? '?'} to ${i.f('newUser') ?? '?'}`,
  },
);
