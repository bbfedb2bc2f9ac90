import { defineEntry } from '../rules.js';

/** VF (Close of Server Files) — layout transcribed from IBM's page(s) listed in `provenance`, then the normalization rules. */
export const VF = defineEntry({
  entryType: 'VF',
  title: 'Close of Server Files',
  fields: [],
  provenance: [],
  unconfirmed: [
    "No copy of the VF layout page ('VF (Close of Server Files) journal entries', rzarlf64) was found in the docs, pages or code corpora (4 searches). fields left empty.",
    "Unverified expectation only: sibling V* network-server entries share 611 Server Name Char(10), 621 Server Date Char(6), 627 Server Time Zoned(6,0), 633 Computer Name Char(8), 641 User Char(10); the LAN Server close-file audit record additionally carries file ID, duration and close reason (normal / session / administrative disconnection). Do not decode VF from this without confirming against IBM's page.",
  ],
});
