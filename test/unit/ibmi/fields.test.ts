import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  readBin2,
  readBin4,
  readBin8,
  readPacked,
  readZoned,
  toHex,
} from '../../../src/ibmi/journal/fields.js';

const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

test('zoned decimal: digits, sign in the last zone, blanks', () => {
  assert.equal(readZoned(hex('F0F0F1F2F3'), 0, 5), '123');
  assert.equal(readZoned(hex('F1F2D3'), 0, 3), '-123');
  assert.equal(readZoned(hex('F1F2C3'), 0, 3), '123');
  assert.equal(readZoned(hex('F1F2F3'), 0, 3, 2), '1.23');
  assert.equal(readZoned(hex('404040'), 0, 3), '');
  assert.equal(readZoned(hex('F1C1F3'), 0, 3), undefined);
  assert.equal(readZoned(hex('F1FA'), 0, 2), undefined);
});

test('packed decimal: two digits a byte, sign nibble', () => {
  assert.equal(readPacked(hex('00035F'), 0, 3), '35');
  assert.equal(readPacked(hex('12345D'), 0, 3), '-12345');
  assert.equal(readPacked(hex('12345C'), 0, 3, 2), '123.45');
  assert.equal(readPacked(hex('12345F'), 0, 3, 5), '0.12345');
  assert.equal(readPacked(hex('123456'), 0, 3), undefined, 'no sign nibble');
  assert.equal(readPacked(hex('1A345F'), 0, 3), undefined, 'bad digit');
});

test('binary fields are big-endian and signed', () => {
  assert.equal(readBin2(hex('0025'), 0), 37);
  assert.equal(readBin2(hex('FFFF'), 0), -1);
  assert.equal(readBin4(hex('000004B0'), 0), 1200);
  assert.equal(readBin4(hex('80000000'), 0), -2147483648);
  assert.equal(readBin8(hex('0000000100000000'), 0), '4294967296');
  assert.equal(toHex(hex('00ff10')), '00FF10');
});
