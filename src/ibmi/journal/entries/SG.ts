import { defineEntry, informational, what } from '../rules.js';

/** SG (Asynchronous Signals) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const SG = defineEntry(
  {
    entryType: 'SG',
    title: 'Asynchronous Signals',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { A: 'Asynchronous IBM i signal processed', P: 'Asynchronous PASE signal processed' },
        description: 'Kind of signal processed',
      },
      {
        key: 'signalNumber',
        ibmName: 'Signal Number',
        offset: 611,
        length: 4,
        kind: 'char',
        description: 'Number of the signal processed',
      },
      {
        key: 'handleAction',
        ibmName: 'Handle action',
        offset: 615,
        length: 1,
        kind: 'char',
        values: {
          C: 'Continue the process',
          E: 'Signal exception',
          H: 'Handled by calling the signal-catching function',
          S: 'Stop the process',
          T: 'End the process',
          U: 'End the request',
        },
        description: 'Action taken for the signal',
      },
      {
        key: 'signalSource',
        ibmName: 'Signal Source',
        offset: 616,
        length: 1,
        kind: 'char',
        values: { M: 'Machine source', P: 'Process source' },
        description: 'Origin of the signal; when M the source job fields are blank',
      },
      {
        key: 'sourceJobName',
        ibmName: 'Source Job Name',
        offset: 617,
        length: 10,
        kind: 'char',
        description: 'Job name part of the sending job',
      },
      {
        key: 'sourceJobUserName',
        ibmName: 'Source Job User Name',
        offset: 627,
        length: 10,
        kind: 'char',
        description: 'User part of the sending job name',
      },
      {
        key: 'sourceJobNumber',
        ibmName: 'Source Job Number',
        offset: 637,
        length: 6,
        kind: 'char',
        description: 'Number part of the sending job name',
      },
      {
        key: 'sourceJobCurrentUser',
        ibmName: 'Source Job Current User',
        offset: 643,
        length: 10,
        kind: 'char',
        description: 'Current user profile of the sending job',
      },
      {
        key: 'generationTimestamp',
        ibmName: 'Generation Timestamp',
        offset: 653,
        length: 8,
        kind: 'hex',
        description:
          'Time the signal was generated, in *DTS (machine timestamp) format; convert with QWCCVTDT',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf56.htm',
        release: '7.3',
      },
      {
        url: 'https://www.ibm.com/docs/en/i/7.6.0?topic=entries-sg-asynchronous-signals-journal',
        release: '7.6',
      },
    ],
    unconfirmed: [],
  },
  {
    action: 'signal',
    severity: informational,
    message: (i) =>
      `${what(i, 'Signal')} ${i.f('signalNumber') ?? ''} from job ${i.f('sourceJobNumber') ?? '?'}/${i.f('sourceJobUserName') ?? '?'}/${i.f('sourceJobName') ?? '?'}`.replace(
        / {2,}/g,
        ' ',
      ),
  },
);
