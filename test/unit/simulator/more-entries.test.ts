/**
 * The simulator's second transcription of IBM's layouts (more-entries.ts, typed in from IBM's
 * pages) checked against the decoder's catalog (typed in separately): each field the simulator
 * writes at IBM's J5 offset must come back from decodeEntry under the same IBM field name.
 * Where the two transcriptions disagree and IBM's page sides with the simulator, the catalog is
 * wrong; those cases are listed in CATALOG_DISCREPANCIES with what IBM says, and the test fails
 * both on a new disagreement and when a listed one disappears (so the list stays true).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeEbcdic } from '../../../src/ibmi/ebcdic/index.js';
import { layoutFor } from '../../../src/ibmi/journal/catalog.js';
import { decodeEntry } from '../../../src/ibmi/journal/decode.js';
import {
  type EntryContext,
  type ExpectedField,
  MORE_ENTRY_BUILDERS,
  MORE_ENTRY_SUBTYPES,
  MORE_ENTRY_TYPES,
} from '../../../src/ibmi/simulator/more-entries.js';
import { Random } from '../../../src/ibmi/simulator/scenario.js';
import { journalEntry } from '../../support/golden.js';

/**
 * Known catalog mistakes, per type: `offset 'IBM name': finding`, each checked against the IBM
 * page quoted next to it; remove a line when the catalog is fixed. (EV 618/1627, IP 671 and
 * SO 848 — IBM's "variable length field, the first two bytes contain the length" — were found
 * here and fixed with `varlen`.)
 */
const CATALOG_DISCREPANCIES: Readonly<Record<string, readonly string[]>> = {};

const EXISTING_TEN = ['PW', 'AF', 'CA', 'CP', 'SV', 'DO', 'CO', 'ZR', 'ZC', 'JS'];
const CONTEXTS: readonly EntryContext[] = [
  { user: 'JSMITH', object: 'EMPMAST', library: 'PAYROLL', objectType: '*FILE' },
  { user: 'MBROWN', object: 'CUSTMAST', library: 'SALESLIB', objectType: '*FILE' },
  { user: 'KLEE', object: 'PRICELST', library: 'SALESLIB', objectType: '*DTAARA' },
  { user: 'ETLBATCH', object: 'PAYCALC', library: 'PAYROLL', objectType: '*PGM' },
];

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

/** Binary content read by a 'char' catalog field: its bytes must survive the EBCDIC round trip. */
function sameBinary(decoded: string, expectedHex: string): boolean {
  let end = expectedHex.length;
  while (end > 0 && ['00', '40'].includes(expectedHex.slice(end - 2, end))) end -= 2;
  return hex(encodeEbcdic(decoded, 37)) === expectedHex.slice(0, end);
}

/**
 * Every way the catalog's reading of one simulated entry differs from what the simulator wrote,
 * as [stable description, example].
 */
function differences(
  entryType: string,
  fields: readonly ExpectedField[],
  entryData: Uint8Array,
): [string, string][] {
  const layout = layoutFor(entryType);
  if (!layout) return [['not in the catalog', entryType]];
  const decoded = decodeEntry(journalEntry(entryType, entryData), layout, { ccsid: 37 });
  const found: [string, string][] = decoded.issues.map((i) => [
    `issue ${i.code} on ${i.field ?? 'entry'}`,
    i.message,
  ]);
  for (const f of fields) {
    const at = `${f.offset} '${f.ibmName}'`;
    const field = layout.fields.find((c) => c.offset === f.offset);
    if (!field) {
      found.push([`${at}: no catalog field at this offset`, '']);
      continue;
    }
    if (field.ibmName !== f.ibmName) found.push([`${at}: catalog names it '${field.ibmName}'`, '']);
    const value = decoded.fields[field.key];
    const same =
      f.binary && field.kind === 'char' && typeof value === 'string'
        ? sameBinary(value, String(f.value))
        : String(value) === String(f.value);
    if (!same) {
      found.push([
        `${at}: the catalog reads a different value`,
        `catalog ${field.kind}(${field.length}): wrote ${JSON.stringify(f.value)}, read ${JSON.stringify(value)}`,
      ]);
    }
  }
  return found;
}

test('the builders cover every catalogued type that has a layout, except the ten of entries.ts', () => {
  const withFields = [
    'AD',
    'AP',
    'AU',
    'AX',
    'CD',
    'CQ',
    'CU',
    'CV',
    'CY',
    'DI',
    'DS',
    'EV',
    'GR',
    'GS',
    'IM',
  ]
    .concat(['IP', 'IR', 'IS', 'JD', 'KF', 'M7', 'M9', 'NA', 'NE', 'O1', 'O2', 'O3', 'OM', 'OR', 'OW', 'PA'])
    .concat(['PF', 'PG', 'PO', 'PS', 'PU', 'RJ', 'RO', 'RP', 'RU', 'RZ', 'SD', 'SF', 'SG', 'SK', 'SM', 'SO'])
    .concat(['ST', 'VA', 'VC', 'VL', 'VN', 'VO', 'VP', 'VR', 'VS', 'VU', 'VV', 'X0', 'XD', 'YC', 'YR']);
  assert.deepEqual([...MORE_ENTRY_TYPES].sort(), withFields.sort());
  for (const type of MORE_ENTRY_TYPES) {
    assert.ok(!EXISTING_TEN.includes(type), `${type} is already built by entries.ts`);
    assert.ok(layoutFor(type), `${type} is catalogued`);
    assert.ok(type in MORE_ENTRY_SUBTYPES, `${type} lists its documented sub-types`);
  }
});

for (const type of MORE_ENTRY_TYPES) {
  test(`${type}: simulated entries decode with the catalog to the values written at IBM's offsets`, () => {
    const build = MORE_ENTRY_BUILDERS[type]!;
    const documented = MORE_ENTRY_SUBTYPES[type]!;
    // At least 50 calls, and enough that each documented sub-type is all but certain to be drawn.
    const calls = Math.max(50, 20 * documented.length);
    const random = new Random(0x5eed + type.charCodeAt(0) * 256 + type.charCodeAt(1));
    const seen = new Set<string>();
    const found = new Map<string, string>();
    for (let i = 0; i < calls; i++) {
      const built = build(random, CONTEXTS[i % CONTEXTS.length]!);
      const last = Math.max(...built.fields.map((f) => f.offset));
      assert.ok(built.entryData.length >= last - 609, `${type}: entry ends before its last field`);
      const subtype = built.fields.find((f) => f.offset === 610);
      assert.ok(subtype, `${type}: the sub-type field at 610 is written`);
      seen.add(String(subtype.value));
      for (const name of Object.keys(built.expected)) {
        assert.ok(
          built.fields.some((f) => name === f.ibmName || name === `${f.ibmName} (${f.offset})`),
          `${type}: expected key ${name} names a written field`,
        );
      }
      for (const [difference, example] of differences(type, built.fields, built.entryData)) {
        if (!found.has(difference)) found.set(difference, example);
      }
    }
    for (const code of documented) assert.ok(seen.has(code), `${type}: sub-type ${code} never generated`);
    const layout = layoutFor(type)!;
    const catalogCodes = layout.fields.find((f) => f.offset === 610)?.values;
    if (documented.length > 0 && catalogCodes) {
      const missing = documented.filter((c) => !(c in catalogCodes));
      const extra = Object.keys(catalogCodes).filter((c) => !documented.includes(c));
      if (missing.length > 0) found.set(`610: catalog lacks sub-type codes ${missing.join(',')}`, '');
      if (extra.length > 0)
        found.set(`610: catalog has sub-type codes IBM's pages do not show: ${extra.join(',')}`, '');
    }
    const examples = [...found].map(([what, example]) => `${what} (${example})`).join('\n');
    assert.deepEqual([...found.keys()].sort(), [...(CATALOG_DISCREPANCIES[type] ?? [])].sort(), examples);
  });
}
