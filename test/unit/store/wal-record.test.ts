import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFrame, encodeFrame, FRAME_HEADER_BYTES, frameBytes } from '../../../src/store/wal/record.js';

/** Bitwise CRC-32 (IEEE 802.3, reflected 0xEDB88320): an oracle independent of zlib. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function frame(id: number, payload: Buffer, commitEnd = false): Buffer {
  const buffer = Buffer.alloc(frameBytes(payload.length));
  assert.equal(encodeFrame(buffer, 0, id, payload, commitEnd), buffer.length);
  return buffer;
}

test('the reference CRC matches the published check value', () => {
  assert.equal(referenceCrc32(Buffer.from('123456789')), 0xcbf43926);
});

test('a frame is CRC, length with the commit-end bit, 64-bit id, payload', () => {
  const payload = Buffer.from('{"id":"PROD01/AUDLIB/AUDRCV0042/12345"}');
  const id = 2 ** 40 + 7;
  const bytes = frame(id, payload, true);
  assert.equal(bytes.readUInt32LE(4), (payload.length | 0x8000_0000) >>> 0);
  assert.equal(bytes.readBigUInt64LE(8), BigInt(id));
  assert.deepEqual(bytes.subarray(FRAME_HEADER_BYTES), payload);
  assert.equal(bytes.readUInt32LE(0), referenceCrc32(bytes.subarray(4)));
});

test('frames decode to what was encoded, for empty to large payloads and ids up to 2^53-1', () => {
  for (const [id, size, commitEnd] of [
    [1, 0, false],
    [2, 1, true],
    [12345, 600, false],
    [2 ** 32, 70_000, true],
    [Number.MAX_SAFE_INTEGER, 3, false],
  ] as const) {
    const payload = Buffer.alloc(size, id % 251);
    const decoded = decodeFrame(frame(id, payload, commitEnd), 0, id - 1);
    assert.equal(decoded.kind, 'record');
    if (decoded.kind !== 'record') continue;
    assert.equal(decoded.id, id);
    assert.deepEqual(decoded.payload, payload);
    assert.equal(decoded.commitEnd, commitEnd);
    assert.equal(decoded.end, frameBytes(size));
  }
});

test('frames are decoded at any offset of a buffer of several frames', () => {
  const parts = [frame(5, Buffer.from('a')), frame(6, Buffer.from('bb')), frame(7, Buffer.from('ccc'), true)];
  const all = Buffer.concat(parts);
  let offset = 0;
  let afterId = 4;
  const seen: string[] = [];
  while (offset < all.length) {
    const decoded = decodeFrame(all, offset, afterId);
    assert.equal(decoded.kind, 'record');
    if (decoded.kind !== 'record') break;
    seen.push(`${decoded.id}:${decoded.payload}`);
    offset = decoded.end;
    afterId = decoded.id;
  }
  assert.deepEqual(seen, ['5:a', '6:bb', '7:ccc']);
});

test('every single flipped bit is caught: the frame never decodes as a record', () => {
  const original = frame(99, Buffer.from('password not valid for JSMITH'));
  for (let bit = 0; bit < original.length * 8; bit++) {
    const damaged = Buffer.from(original);
    damaged[bit >> 3]! ^= 1 << (bit & 7);
    const decoded = decodeFrame(damaged, 0, 98);
    assert.notEqual(decoded.kind, 'record', `bit ${bit} flipped`);
  }
});

test('every cut-off prefix of a frame is short, never a record', () => {
  const original = frame(3, Buffer.from('0123456789'));
  for (let length = 0; length < original.length; length++) {
    assert.equal(decodeFrame(original.subarray(0, length), 0, 2).kind, 'short', `prefix of ${length} bytes`);
  }
});

test('an id that does not follow the previous one is bad', () => {
  const bytes = frame(10, Buffer.from('x'));
  assert.equal(decodeFrame(bytes, 0, 10).kind, 'bad');
  assert.equal(decodeFrame(bytes, 0, 11).kind, 'bad');
  assert.equal(decodeFrame(bytes, 0, 9).kind, 'record');
});

test('zeroed bytes, as a crash may leave them, are not a record', () => {
  assert.equal(decodeFrame(Buffer.alloc(64), 0, 0).kind, 'bad');
});
