import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IbmiMessage } from '../../../../src/ibmi/messages/message.js';
import { decodePosition, encodePosition, START, takeNew } from '../../../../src/sources/messages/stream.js';

const qhst = (timestamp: string, id: string, job = '1/U/J'): IbmiMessage => ({
  origin: 'QHST',
  id,
  type: 'INFORMATIONAL',
  subtype: null,
  severity: 0,
  timestamp,
  fromUser: 'U',
  fromJob: job,
  fromProgram: 'P',
  file: 'QCPFMSG',
  fileLibrary: 'QSYS',
  text: `text of ${id}`,
  secondLevel: null,
});
const queued = (timestamp: string, key: string): IbmiMessage => ({
  ...qhst(timestamp, 'CPF1393'),
  origin: 'QSYSOPR',
  queue: 'QSYS/QSYSOPR',
  key,
  associatedKey: null,
});
const T1 = '2026-11-27-10.00.00.000000';
const T2 = '2026-11-27-10.00.01.000000';

test('QHST: equal messages at one timestamp are two messages; a resume skips exactly those delivered, in any order', () => {
  const a = qhst(T1, 'CPF1124');
  const b = qhst(T1, 'CPF1124'); // the same job start twice in one microsecond: both count
  const c = qhst(T1, 'CPF1164');
  const first = takeNew([a, b], START);
  assert.equal(first.fresh.length, 2);
  assert.deepEqual(
    first.fresh.map((f) => f.occurrence),
    [1, 2],
  );
  // Later the same timestamp has a third message, and the rows come back in another order.
  const position = decodePosition(encodePosition(first.position))!;
  const second = takeNew([c, b, a, qhst(T2, 'CPF1393')], position);
  assert.deepEqual(
    second.fresh.map((f) => f.message.id),
    ['CPF1164', 'CPF1393'],
  );
  assert.equal(second.gap, undefined);
  assert.equal(second.position.time, T2);
  // Nothing new: nothing again, and the position stays.
  const third = takeNew([qhst(T2, 'CPF1393')], second.position);
  assert.equal(third.fresh.length, 0);
  assert.deepEqual(third.position, second.position);
});

test('QHST: the last delivered message gone (log version deleted) is a gap before the next one', () => {
  const first = takeNew([qhst(T1, 'CPF1124')], START);
  const after = takeNew([qhst(T2, 'CPF1164')], first.position);
  assert.equal(after.fresh.length, 1);
  assert.match(after.gap?.reason ?? '', /log version holding it was deleted/);
  assert.equal(after.gap?.nextTimestamp, T2);
});

test('queues: the next key after the last delivered is no gap, even after a clear; a jump or a restart of keys is', () => {
  const first = takeNew([queued(T1, '00000001'), queued(T1, '00000002')], START);
  assert.equal(first.position.lastKey, '00000002');
  // CLRMSGQ after everything was read, then a new message: keys go on, nothing was missed.
  assert.equal(takeNew([queued(T2, '00000003')], first.position).gap, undefined);
  // Messages 3 and 4 removed before they were read.
  const jumped = takeNew([queued(T2, '00000005')], first.position);
  assert.equal(jumped.fresh.length, 1);
  assert.match(jumped.gap?.reason ?? '', /removed before they were read/);
  // The queue deleted and created again: keys start over.
  assert.match(takeNew([queued(T2, '00000001')], first.position).gap?.reason ?? '', /started again/);
});

test('queues: messages at the saved timestamp are told apart by key', () => {
  const first = takeNew([queued(T1, '0000000A')], START);
  const second = takeNew([queued(T1, '0000000A'), queued(T1, '0000000B')], first.position);
  assert.deepEqual(
    second.fresh.map((f) => f.message.key),
    ['0000000B'],
  );
  assert.deepEqual(second.position.seen, ['0000000A', '0000000B']);
});
