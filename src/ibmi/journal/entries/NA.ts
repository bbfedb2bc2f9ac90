import { by, defineEntry, notice, quoted } from '../rules.js';

/** NA (Attribute Change) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const NA = defineEntry(
  {
    entryType: 'NA',
    title: 'Attribute Change',
    subtypeField: 'subtype',
    fields: [
      {
        key: 'subtype',
        ibmName: 'Entry Type',
        offset: 610,
        length: 1,
        kind: 'char',
        values: { A: 'Network attribute changed', T: 'TCP/IP attribute changed' },
        description: 'Kind of attribute changed',
      },
      {
        key: 'attribute',
        ibmName: 'Attribute',
        offset: 611,
        length: 10,
        kind: 'char',
        description: 'Name of the attribute',
      },
      {
        key: 'newAttributeValue',
        ibmName: 'New Attribute Value',
        offset: 621,
        length: 250,
        kind: 'char',
        description: 'Value after the change',
      },
      {
        key: 'oldAttributeValue',
        ibmName: 'Old Attribute Value',
        offset: 871,
        length: 250,
        kind: 'char',
        description: 'Value before the change',
      },
    ],
    provenance: [
      {
        url: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf32.htm',
        release: '7.3',
      },
    ],
    unconfirmed: [],
  },
  {
    action: 'network-attribute-change',
    severity: notice,
    object: ['attribute'],
    message: (i) =>
      `${by(i)} changed ${i.subtype === 'T' ? 'TCP/IP' : 'network'} attribute ${i.f('attribute') ?? '?'} from ${quoted(i.f('oldAttributeValue') ?? '')} to ${quoted(i.f('newAttributeValue') ?? '')}`,
  },
);
