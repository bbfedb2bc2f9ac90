/** The catalog is consistent: unique keys usable in every format, offsets that do not overlap. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSdName } from '../../../src/formats/rfc5424.js';
import { catalogEntryTypes, layoutFor } from '../../../src/ibmi/journal/catalog.js';
import { decodeEntry, ENTRY_DATA_HEX } from '../../../src/ibmi/journal/decode.js';
import { journalEntry } from '../../support/golden.js';

test('every layout: keys unique and usable as SD-NAME, fields in order without overlap, provenance', () => {
  const types = catalogEntryTypes();
  assert.ok(types.length >= 80, `only ${types.length} types`);
  for (const type of types) {
    const layout = layoutFor(type)!;
    assert.equal(layout.entryType, type);
    const keys = new Set<string>();
    let end = 610;
    for (const field of layout.fields) {
      assert.ok(isSdName(field.key) && /^[a-z][A-Za-z0-9]*$/.test(field.key), `${type} key ${field.key}`);
      assert.ok(!keys.has(field.key), `${type} duplicate key ${field.key}`);
      keys.add(field.key);
      assert.ok(
        field.offset >= end,
        `${type} ${field.key} at ${field.offset} overlaps the previous field ending at ${end}`,
      );
      assert.ok(field.length > 0, `${type} ${field.key} length`);
      end = field.offset + field.length;
      for (const ref of [field.lengthField, field.ccsidField]) {
        if (ref)
          assert.ok(
            layout.fields.some((f) => f.key === ref),
            `${type} ${field.key} refers to missing ${ref}`,
          );
      }
    }
    if (layout.fields.length) assert.ok(layout.provenance.length > 0, `${type} has fields but no provenance`);
    if (layout.subtypeField) assert.ok(keys.has(layout.subtypeField), `${type} subtype field`);
  }
});

test('a type known by name only keeps its entry data, in hex', () => {
  const nameOnly = catalogEntryTypes().filter((type) => layoutFor(type)!.fields.length === 0);
  assert.ok(nameOnly.includes('RA'), 'RA has no layout yet');
  for (const type of nameOnly) {
    const entry = journalEntry(type, Uint8Array.of(0xc1, 0x00, 0xff));
    const decoded = decodeEntry(entry, layoutFor(type), { ccsid: 37 });
    assert.deepEqual(decoded.fields, { [ENTRY_DATA_HEX]: 'C100FF' }, type);
    assert.deepEqual(decoded.issues, []);
  }
});
