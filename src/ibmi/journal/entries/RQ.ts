import { defineEntry } from '../rules.js';

/** RQ (Restoring Change Request Descriptor Object) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const RQ = defineEntry({
  entryType: 'RQ',
  title: 'Restoring Change Request Descriptor Object',
  fields: [],
  provenance: [],
  unconfirmed: [
    "No stored copy of the RQ layout page could be found (searched titles 'RQ (Restoring Change Request Descriptor Object)' and 'RQ (Restoring *CRQD Object That Adopts Authority)'); no fields transcribed.",
    'Exact IBM page title not seen; by analogy with CQ (*CRQD Changes) the layout is probably Entry Type 610, Object Name 611 Char(10), Library Name 621 Char(10), Object Type 631 Char(8), ASP Name 639 Char(10), ASP Number 649 Char(5) - NOT confirmed.',
  ],
});
