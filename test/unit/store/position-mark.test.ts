import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeRecords } from '../../../src/store/event-records.js';
import { nodeFileSystem } from '../../../src/store/fs.js';
import {
  POSITION_MARK_FILE,
  readPositionMark,
  resumePosition,
  writePositionMark,
} from '../../../src/store/wal/position-mark.js';
import { sampleEvent } from '../../support/events.js';
import { tempDir } from '../../support/peers.js';

const record = (id: number, n: string) => ({ id, payload: encodeRecords([sampleEvent()], { n })[0]! });

test('the mark holds only while the WAL newest record is the one it was written after', () => {
  const mark = { afterRecord: 41, position: { n: 'mark' } };
  assert.deepEqual(resumePosition(mark, record(41, 'wal')), { n: 'mark' });
  assert.deepEqual(resumePosition(mark, record(42, 'wal')), { n: 'wal' }, 'events stored after it');
  assert.deepEqual(resumePosition(mark, record(40, 'wal')), { n: 'wal' }, 'a WAL tail lost in recovery');
  assert.equal(resumePosition(mark, undefined), undefined, 'a WAL emptied since');
  assert.deepEqual(resumePosition({ afterRecord: 0, position: { n: 'm' } }, undefined), { n: 'm' });
  assert.deepEqual(resumePosition(undefined, record(3, 'wal')), { n: 'wal' });
  assert.equal(resumePosition(undefined, undefined), undefined);
});

test('written and read back; absent is undefined; a damaged file is AR_STATE_CORRUPT naming it', async () => {
  const dir = tempDir('mark');
  assert.equal(await readPositionMark(nodeFileSystem, dir), undefined);
  const mark = { afterRecord: 7, position: { receiver: 'QAUD0042', sequence: '1234' } };
  await writePositionMark(nodeFileSystem, dir, mark, true);
  assert.deepEqual(await readPositionMark(nodeFileSystem, dir), mark);
  const path = join(dir, POSITION_MARK_FILE);
  for (const text of [
    '{"afterRecord":7,',
    '{"afterRecord":-1,"position":{}}',
    '{"afterRecord":1,"position":{"n":5}}',
    'null',
  ]) {
    writeFileSync(path, text);
    await assert.rejects(readPositionMark(nodeFileSystem, dir), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'AR_STATE_CORRUPT');
      assert.ok(error.message.includes(path), error.message);
      return true;
    });
  }
});
