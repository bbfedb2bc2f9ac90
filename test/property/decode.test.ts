/**
 * Decode + normalize + format never throw, never hang, and turn every input into exactly one
 * event — for 1,000,000 random and mutated entries (seeded, reproducible), and a fast-check
 * property that shrinks any failure to a minimal entry.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileRfc5424, RFC5424_DEFAULTS } from '../../src/formats/rfc5424.js';
import { catalogEntryTypes } from '../../src/ibmi/journal/catalog.js';
import { entryFromDisplayJournalRow } from '../../src/ibmi/journal/heading/display-journal.js';
import { journalEntryToEvent } from '../../src/ibmi/journal/to-event.js';
import { Random, Scenario } from '../../src/ibmi/simulator/scenario.js';

const TYPES = [...catalogEntryTypes(), 'Q9', '', 'P', '\u0000\u0000'];
const format = compileRfc5424(RFC5424_DEFAULTS);
const CCSIDS = [37, 273, 500, 1140, 1200];

function oneEvent(row: Record<string, unknown>, ccsid: number): string {
  const { entry, issues } = entryFromDisplayJournalRow(row);
  const event = journalEntryToEvent(entry, issues, { ccsid, utcOffsetMinutes: -300 });
  return format(event);
}

function mutate(bytes: Uint8Array, r: Random): Uint8Array {
  const out = Uint8Array.from(bytes);
  switch (r.int(0, 5)) {
    case 0: // flip random bytes (packed/zoned digits, length and CCSID fields included)
      for (let i = 0, n = r.int(1, 20); i < n && out.length; i++)
        out[r.int(0, out.length - 1)] = r.int(0, 255);
      return out;
    case 1: // truncate anywhere, including inside numeric fields
      return out.subarray(0, r.int(0, out.length));
    case 2: // extend with garbage
      return Uint8Array.from([...out, ...Array.from({ length: r.int(1, 400) }, () => r.int(0, 255))]);
    case 3: // all 0xFF: huge binary lengths, invalid CCSIDs
      return out.fill(0xff, r.int(0, out.length));
    case 4: // pure noise
      return Uint8Array.from({ length: r.int(0, 4000) }, () => r.int(0, 255));
    default:
      return out;
  }
}

test('1,000,000 random and mutated entries: one event each, no exception', () => {
  const r = new Random(20261127);
  const scenario = new Scenario(7);
  const base = Array.from({ length: 2000 }, () => scenario.next());
  const rowBase = {
    ENTRY_TIMESTAMP: '2026-11-27 10:15:30.123456',
    SEQUENCE_NUMBER: '1',
    JOURNAL_CODE: 'T',
    SYSTEM_NAME: 'PROP',
    RECEIVER_LIBRARY: 'AUDLIB',
    RECEIVER_NAME: 'AUDRCV0001',
  };
  let events = 0;
  const started = Date.now();
  for (let i = 0; i < 1_000_000; i++) {
    const sample = base[i % base.length]!;
    const entryType = r.next() < 0.7 ? String(sample.heading.entryType) : r.pick(TYPES);
    const data = r.next() < 0.2 ? sample.entryData : mutate(sample.entryData, r);
    const row: Record<string, unknown> = {
      ...rowBase,
      SEQUENCE_NUMBER: String(i + 1),
      JOURNAL_ENTRY_TYPE: entryType,
      ENTRY_DATA: Buffer.from(data).toString('hex'),
    };
    if (r.next() < 0.01) row['ENTRY_TIMESTAMP'] = 'garbage';
    if (r.next() < 0.01) row['ENTRY_DATA'] = 'XYZ';
    const line = oneEvent(row, r.pick(CCSIDS));
    assert.ok(line.length > 0);
    events++;
  }
  assert.equal(events, 1_000_000);
  // Not a timing assertion: a guard against a hang turning into a 30-minute CI run.
  assert.ok(Date.now() - started < 600_000);
});

test('fast-check: any bytes under any entry type give exactly one well-formed event', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...TYPES),
      fc.uint8Array({ maxLength: 3000 }),
      fc.constantFrom(...CCSIDS),
      (entryType, data, ccsid) => {
        const line = oneEvent(
          {
            ENTRY_TIMESTAMP: '2026-11-27-10.15.30.000000',
            SEQUENCE_NUMBER: '1',
            JOURNAL_ENTRY_TYPE: entryType,
            ENTRY_DATA: Buffer.from(data).toString('hex'),
          },
          ccsid,
        );
        // One message: no line breaks can come from the data.
        assert.ok(!/[\r\n]/.test(line));
        assert.match(line, /^<\d{1,3}>1 /);
      },
    ),
    { numRuns: 20_000, seed: 42 },
  );
});
