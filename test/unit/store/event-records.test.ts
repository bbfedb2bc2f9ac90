import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPipeline } from '../../../src/agent/pipeline.js';
import type { SourcePosition } from '../../../src/core/component.js';
import { decodePosition, decodeRecord, encodeRecords } from '../../../src/store/event-records.js';
import { walDirectory } from '../../../src/store/state/inventory.js';
import { WriteAheadLog } from '../../../src/store/wal/wal.js';
import { sampleEvent } from '../../support/events.js';
import { tempDir } from '../../support/peers.js';
import { collectingSink, countingSource, options, until } from '../../support/pipeline.js';

test('records round-trip; only the last of a batch carries the position, read without the event', () => {
  const events = [
    sampleEvent({ id: '1', message: 'plain' }),
    // Multi-byte UTF-8 (3 and 4 bytes) and a long text: the batch buffer must hold the worst case.
    sampleEvent({ id: '2', message: `Grüße ✓ 𝄞 ${'€'.repeat(5000)}`, fields: { note: '日本語' } }),
    sampleEvent({ id: '3' }),
  ];
  const position = { receiver: 'AUDRCV0042', sequence: '12345', note: 'ü' };
  const payloads = encodeRecords(events, position);
  assert.equal(payloads.length, 3);
  assert.deepEqual(
    payloads.map((p) => p[0]),
    [1, 1, 1],
    'record version 1',
  );
  assert.deepEqual(
    payloads.map((p) => decodeRecord(p)),
    [{ event: events[0] }, { event: events[1] }, { event: events[2], position }],
  );
  assert.equal(decodePosition(payloads[0]!), undefined);
  assert.deepEqual(decodePosition(payloads[2]!), position);
  assert.deepEqual(
    encodeRecords(events.slice(0, 1), undefined).map((p) => decodeRecord(p)),
    [{ event: events[0] }],
  );
});

test('a record of an unknown version is refused with AR_STATE_CORRUPT', () => {
  const [payload] = encodeRecords([sampleEvent()], undefined);
  payload![0] = 9;
  assert.throws(() => decodeRecord(payload!), { code: 'AR_STATE_CORRUPT' });
});

/** A record as state formats 1 and 2 wrote it (JSON `{"e": event, "p"?: position}`). */
const version0 = (id: number, position?: SourcePosition) =>
  Buffer.from(
    JSON.stringify(
      position ? { e: sampleEvent({ id: String(id) }), p: position } : { e: sampleEvent({ id: String(id) }) },
    ),
  );

test('a format 2 state with JSON records upgrades in place: its events are delivered, its position resumed', async () => {
  const dir = tempDir('records');
  const log = await WriteAheadLog.open({ directory: walDirectory(dir, 'src'), cursors: ['a'], sync: false });
  await log.append([1, 2, 3, 4].map((n) => version0(n)).concat(version0(5, { n: '5' })));
  await log.append([6, 7, 8, 9].map((n) => version0(n)).concat(version0(10, { n: '10' })));
  await log.close();
  writeFileSync(
    join(dir, 'format.json'),
    `${JSON.stringify({ format: 2, writtenBy: 'auditrelay 0.1.0' })}\n`,
  );

  const reads: (SourcePosition | undefined)[] = [];
  const got: string[] = [];
  const controller = new AbortController();
  const run = runPipeline(
    options(dir, countingSource(15, 10, reads), { a: collectingSink(got) }),
    controller.signal,
  );
  await until(() => got.length === 15);
  controller.abort();
  await run;
  assert.deepEqual(reads[0], { n: '10' }, 'resumes after the position of the newest JSON record');
  assert.deepEqual(
    got,
    Array.from({ length: 15 }, (_, i) => String(i + 1)),
    'the JSON records first, then the new ones, in order',
  );
  assert.equal(JSON.parse(readFileSync(join(dir, 'format.json'), 'utf8')).format, 3);

  // The next start reads its position from a version 1 record and sends nothing twice.
  const reads2: (SourcePosition | undefined)[] = [];
  const again: string[] = [];
  const controller2 = new AbortController();
  const run2 = runPipeline(
    options(dir, countingSource(17, 10, reads2), { a: collectingSink(again) }),
    controller2.signal,
  );
  await until(() => again.length === 2);
  controller2.abort();
  await run2;
  assert.deepEqual(reads2[0], { n: '15' });
  assert.deepEqual(again, ['16', '17']);
});
