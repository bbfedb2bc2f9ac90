/**
 * Mixed Japanese EBCDIC (930, 939, 1399) against glibc iconv, the reference: every single-byte
 * code and every double-byte code, plus SO/SI handling and what happens to malformed bytes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import {
  checkedTextDecoder,
  decodeTaggedText,
  isMixedCcsid,
  isSupportedCcsid,
  supportedCcsids,
  textDecoder,
} from '../../../src/ibmi/ebcdic/index.js';

const SO = 0x0e;
const SI = 0x0f;
const MIXED = [930, 939, 1399];

/** glibc iconv from IBM<ccsid> to UTF-8; `skipInvalid` adds -c (drop what does not convert). */
function iconv(ccsid: number, input: Uint8Array, skipInvalid = false): { text: string; ok: boolean } {
  const run = spawnSync('iconv', [...(skipInvalid ? ['-c'] : []), '-f', `IBM${ccsid}`, '-t', 'UTF-8'], {
    input,
    maxBuffer: 1 << 26,
  });
  return { text: run.stdout.toString('utf8'), ok: run.status === 0 };
}

const bytes = (...values: number[]) => Uint8Array.from(values);

function checked(ccsid: number) {
  const decode = checkedTextDecoder(ccsid);
  assert.ok(decode, `CCSID ${ccsid} has a checked decoder`);
  return decode;
}

for (const ccsid of MIXED) {
  test(`CCSID ${ccsid}: every single-byte code decodes as iconv decodes it`, () => {
    const decode = checked(ccsid);
    const mapped: number[] = [];
    const unmapped: number[] = [];
    for (let b = 0; b < 256; b++) {
      if (b === SO || b === SI) continue;
      (decode(bytes(b), 0, 1).unmapped.length === 0 ? mapped : unmapped).push(b);
    }
    // Ours maps these: iconv must accept all of them (no -c) and agree character by character.
    const input = Uint8Array.from(mapped);
    const reference = iconv(ccsid, input);
    assert.ok(reference.ok, 'iconv rejected a byte we map');
    const ours = decode(input, 0, input.length);
    assert.deepEqual(ours.unmapped, []);
    assert.equal(ours.text.length, mapped.length);
    assert.equal(ours.text, reference.text);
    // Ours rejects these: iconv must drop every one of them (then still convert the final 'A').
    const rejected = iconv(ccsid, Uint8Array.from([...unmapped, 0xc1]), true);
    assert.equal(rejected.text, 'A', `iconv maps some of ${unmapped.map((b) => b.toString(16))}`);
    assert.equal(mapped.length + unmapped.length, 254);
  });

  test(`CCSID ${ccsid}: every double-byte code decodes as iconv decodes it`, () => {
    const decode = checked(ccsid);
    const valid: number[] = [];
    const invalid: number[] = [];
    const pair = new Uint8Array([SO, 0, 0]);
    for (let lead = 0; lead < 256; lead++) {
      if (lead === SO || lead === SI) continue;
      for (let trail = 0; trail < 256; trail++) {
        if (trail === SO || trail === SI) continue; // covered below
        pair[1] = lead;
        pair[2] = trail;
        (decode(pair, 0, 3).unmapped.length === 0 ? valid : invalid).push((lead << 8) | trail);
      }
    }
    assert.ok(valid.length > 11000, `only ${valid.length} valid double-byte codes`);
    // Each valid code alone, then SI and LF as a separator: iconv (no -c) must accept them all.
    const input = Uint8Array.from(valid.flatMap((code) => [SO, code >> 8, code & 0xff, SI, 0x25]));
    const reference = iconv(ccsid, input);
    assert.ok(reference.ok, 'iconv rejected a double-byte code we map');
    const referenceSlots = reference.text.split('\n');
    assert.equal(referenceSlots.pop(), '');
    assert.equal(referenceSlots.length, valid.length);
    const mismatches: string[] = [];
    valid.forEach((code, i) => {
      const ours = decode(input, i * 5, i * 5 + 4).text;
      if (ours !== referenceSlots[i])
        mismatches.push(`X'${code.toString(16)}': ${ours} vs ${referenceSlots[i]}`);
    });
    assert.deepEqual(mismatches.slice(0, 10), []);
    // Every code we reject, and every pair whose second byte is SO/SI: iconv drops them all.
    const trailShifts: number[] = [];
    for (let lead = 0; lead < 256; lead++) {
      if (lead !== SO && lead !== SI) trailShifts.push((lead << 8) | SO, (lead << 8) | SI);
    }
    const rejectedInput = Uint8Array.from([
      SO,
      ...[...invalid, ...trailShifts].flatMap((code) => [code >> 8, code & 0xff]),
      SI,
      0xc1,
    ]);
    assert.equal(iconv(ccsid, rejectedInput, true).text, 'A', 'iconv maps a double-byte code we reject');
    assert.equal(valid.length + invalid.length, 254 * 254);
  });

  test(`CCSID ${ccsid}: SO/SI sequences decode as iconv decodes them`, () => {
    const decode = textDecoder(ccsid)!;
    const sequences = [
      bytes(0xc1, SO, 0x45, 0x41, SI, 0xc2), // A, one kanji, B
      bytes(SO, 0x45, 0x41, 0x45, 0x42, SI), // starts in double-byte mode
      bytes(0xc1, SO, SI, 0xc2), // empty double-byte run
      bytes(SO, 0x40, 0x40, SI, 0x40), // ideographic space, then a single-byte blank
      bytes(0xf1, SO, 0x45, 0x41, SI, 0xf2, SO, 0x45, 0x42, SI, 0xf3), // several runs
      bytes(0xc1, SO, 0x45, 0x41, SI, 0x40, 0x40, 0x40), // padded with single-byte blanks
    ];
    for (const sequence of sequences) {
      const reference = iconv(ccsid, sequence);
      assert.ok(reference.ok);
      assert.equal(
        decode(sequence, 0, sequence.length),
        reference.text,
        Buffer.from(sequence).toString('hex'),
      );
    }
    // X'4541' is the first kanji of IBM's Japanese DBCS, U+4E00 (一).
    assert.equal(decode(sequences[0]!, 0, 6), 'A\u4e00B');
  });
}

test('930 and 939 tolerate redundant shifts as iconv does', () => {
  for (const ccsid of [930, 939]) {
    const sequence = bytes(SI, 0xc1, SO, SO, 0x45, 0x41, SI, SI, 0xc2);
    const reference = iconv(ccsid, sequence);
    assert.ok(reference.ok);
    assert.equal(textDecoder(ccsid)!(sequence, 0, sequence.length), reference.text);
  }
});

test('1399: a double-byte code outside the BMP and one that is two code points', () => {
  const decode = checked(1399);
  // The first such codes our table has; iconv must decode them the same way.
  let nonBmp: number | undefined;
  let combined: number | undefined;
  for (let code = 0x4040; code <= 0xfefe && (nonBmp === undefined || combined === undefined); code++) {
    const input = bytes(SO, code >> 8, code & 0xff);
    const { text, unmapped } = decode(input, 0, 3);
    if (unmapped.length || text.length !== 2) continue;
    if (text.codePointAt(0)! > 0xffff) nonBmp ??= code;
    else combined ??= code;
  }
  assert.ok(nonBmp !== undefined && combined !== undefined);
  for (const code of [nonBmp, combined]) {
    const input = bytes(SO, code >> 8, code & 0xff, SI);
    assert.equal(decode(input, 0, 4).text, iconv(1399, input).text);
  }
});

test('invalid double-byte codes become U+FFFD and are reported with their absolute offset', () => {
  const decode = checked(930);
  // X'4041' is not a code of 930 (iconv rejects it too: see the exhaustive test above).
  const field = bytes(0x00, 0x00, 0xc1, SO, 0x40, 0x41, 0x45, 0x41, SI, 0xc2);
  const { text, unmapped } = decode(field, 2, field.length);
  assert.equal(text, 'A\ufffd\u4e00B');
  assert.deepEqual(unmapped, [{ offset: 4, length: 2 }]);
  assert.equal(textDecoder(930)!(field, 2, field.length), text);
  assert.equal(iconv(930, bytes(SO, 0x40, 0x41, SI)).ok, false);
});

test('adjacent unmapped codes are reported as one run', () => {
  const { text, unmapped } = checked(939)(bytes(SO, 0x40, 0x41, 0x40, 0x42, SI), 0, 6);
  assert.equal(text, '\ufffd\ufffd');
  assert.deepEqual(unmapped, [{ offset: 1, length: 4 }]);
});

test('a single-byte code the CCSID lacks is reported', () => {
  // X'57' is unassigned in 930's single-byte part and assigned in 939's.
  assert.deepEqual(checked(930)(bytes(0x57), 0, 1), { text: '\ufffd', unmapped: [{ offset: 0, length: 1 }] });
  assert.deepEqual(checked(939)(bytes(0x57), 0, 1).unmapped, []);
});

test('odd length: a field ending inside a double-byte character', () => {
  const { text, unmapped } = checked(939)(bytes(0xc1, SO, 0x45, 0x41, 0x45), 0, 5);
  assert.equal(text, 'A\u4e00\ufffd');
  assert.deepEqual(unmapped, [{ offset: 4, length: 1 }]);
});

test('half a double-byte character before SI is reported, and SI still shifts back', () => {
  const { text, unmapped } = checked(1399)(bytes(SO, 0x45, SI, 0xc1), 0, 4);
  assert.equal(text, '\ufffdA');
  assert.deepEqual(unmapped, [{ offset: 1, length: 1 }]);
});

test('a field ending in double-byte mode decodes cleanly and the next field starts single-byte', () => {
  const record = bytes(SO, 0x45, 0x41, 0xc1, 0xc2);
  const decode = checked(930);
  assert.deepEqual(decode(record, 0, 3), { text: '\u4e00', unmapped: [] });
  assert.deepEqual(decode(record, 3, 5), { text: 'AB', unmapped: [] });
});

test('the mixed CCSIDs are supported; 5026 and 5035 are not (iconv has no table to prove them)', () => {
  for (const ccsid of MIXED) {
    assert.ok(isSupportedCcsid(ccsid));
    assert.ok(isMixedCcsid(ccsid));
    assert.ok(supportedCcsids().includes(ccsid));
  }
  for (const ccsid of [5026, 5035]) {
    assert.equal(isSupportedCcsid(ccsid), false);
    assert.equal(textDecoder(ccsid), undefined);
  }
  assert.equal(isMixedCcsid(37), false);
});

test('65535-tagged data is decoded with the configured CCSID and says so', () => {
  const data = bytes(0x4a, 0xc1); // Ä and A in CCSID 273
  assert.deepEqual(decodeTaggedText(data, 0, 2, 65535, 273), {
    text: 'ÄA',
    unmapped: [],
    ccsid: 273,
    assumedFromHexTag: true,
  });
  assert.deepEqual(decodeTaggedText(data, 0, 2, 37, 273), {
    text: '¢A',
    unmapped: [],
    ccsid: 37,
    assumedFromHexTag: false,
  });
  const kanji = bytes(SO, 0x45, 0x41, SI);
  assert.equal(decodeTaggedText(kanji, 0, 4, 65535, 930)?.text, iconv(930, kanji).text);
  assert.equal(decodeTaggedText(data, 0, 2, 65535, 65535), undefined);
  assert.equal(decodeTaggedText(data, 0, 2, 12345, 37), undefined);
});

test('checked UTF-16 reports unpaired surrogates and an odd trailing byte', () => {
  const decode = checked(1200);
  assert.deepEqual(decode(Buffer.from('0041d83dde00', 'hex'), 0, 6), { text: 'A😀', unmapped: [] });
  assert.deepEqual(decode(Buffer.from('d83d00410042', 'hex'), 0, 6), {
    text: '\ufffdAB',
    unmapped: [{ offset: 0, length: 2 }],
  });
  assert.deepEqual(decode(Buffer.from('004100', 'hex'), 0, 3), {
    text: 'A\ufffd',
    unmapped: [{ offset: 2, length: 1 }],
  });
});
