/** Every byte of every generated EBCDIC table against glibc iconv, the reference. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import {
  encodeEbcdic,
  isMixedCcsid,
  supportedCcsids,
  textDecoder,
  trimmedEnd,
} from '../../../src/ibmi/ebcdic/index.js';

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);
const sbcs = supportedCcsids().filter((c) => c !== 1200 && c !== 13488 && !isMixedCcsid(c));

test('the tables cover the CCSIDs our users run', () => {
  for (const ccsid of [
    37, 273, 277, 278, 280, 284, 285, 297, 500, 871, 1047, 1140, 1141, 1142, 1143, 1144, 1145, 1146, 1147,
    1148, 1149,
  ]) {
    assert.ok(sbcs.includes(ccsid), `CCSID ${ccsid}`);
  }
});

for (const ccsid of sbcs) {
  test(`CCSID ${ccsid}: all 256 bytes decode as iconv decodes them`, () => {
    const reference = execFileSync(
      'iconv',
      ['-f', ccsid === 37 ? 'IBM037' : `IBM${ccsid}`, '-t', 'UTF-16BE'],
      { input: ALL_BYTES },
    );
    const ours = textDecoder(ccsid)!(ALL_BYTES, 0, 256);
    assert.equal(ours.length, 256);
    for (let b = 0; b < 256; b++) {
      assert.equal(ours.charCodeAt(b), reference.readUInt16BE(b * 2), `byte 0x${b.toString(16)}`);
    }
  });
}

test('national characters differ by CCSID exactly where IBM puts them', () => {
  const decode = (ccsid: number, hex: string) =>
    textDecoder(ccsid)!(Buffer.from(hex, 'hex'), 0, hex.length / 2);
  assert.equal(decode(37, '4A5A'), '¢!');
  assert.equal(decode(500, '4A5A'), '[]');
  assert.equal(decode(273, '4A'), 'Ä');
  assert.equal(decode(1140, '9F'), '€');
  assert.equal(decode(37, '9F'), '¤');
});

test('UTF-16 (1200/13488) decodes big-endian', () => {
  assert.equal(textDecoder(1200)!(Buffer.from('002F0051005300590053', 'hex'), 0, 10), '/QSYS');
  assert.equal(textDecoder(13488)!(Buffer.from('00E9', 'hex'), 0, 2), 'é');
});

test('unsupported CCSIDs are reported, not guessed', () => {
  assert.equal(textDecoder(65535), undefined);
  assert.equal(textDecoder(12345), undefined);
});

test('encoding round-trips and pads with EBCDIC blanks', () => {
  const bytes = encodeEbcdic('QSECOFR', 37, 10);
  assert.equal(Buffer.from(bytes).toString('hex'), 'd8e2c5c3d6c6d9404040');
  assert.equal(textDecoder(37)!(bytes, 0, trimmedEnd(bytes, 0, 10)), 'QSECOFR');
});
