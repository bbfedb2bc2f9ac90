import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AuditRelayError } from '../../../src/core/errors.js';
import { checkStateFormat, STATE_FORMAT } from '../../../src/store/state/format.js';
import {
  dropSinkState,
  dropSourceState,
  readInventory,
  renameSinkState,
  renameSourceState,
  walDirectory,
} from '../../../src/store/state/inventory.js';
import { inspectWal } from '../../../src/store/wal/inspect.js';
import { WriteAheadLog } from '../../../src/store/wal/wal.js';
import { tempDir } from '../../support/peers.js';

async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AuditRelayError, String(error));
    assert.equal(error.code, code);
    return error.message;
  }
  assert.fail(`expected ${code}`);
}

/** A state with source `journal` holding 5 events; sink `a` acknowledged 3, sink `b` 1. */
async function state(): Promise<string> {
  const dir = tempDir('state');
  const wal = await WriteAheadLog.open({
    directory: walDirectory(dir, 'journal'),
    cursors: ['a', 'b'],
    sync: false,
  });
  await wal.append([1, 2, 3, 4, 5].map((n) => Buffer.from(`event ${n}`)));
  await wal.ack('a', 3);
  await wal.ack('b', 1);
  await wal.close();
  return dir;
}

test('the state format is recorded, an older one it reads is upgraded, a newer one is refused', async () => {
  const dir = tempDir('state');
  const recorded = () => JSON.parse(readFileSync(join(dir, 'format.json'), 'utf8'));
  await checkStateFormat(dir, 'auditrelay 0.1.0');
  assert.deepEqual(recorded(), { format: STATE_FORMAT, writtenBy: 'auditrelay 0.1.0' });
  writeFileSync(join(dir, 'format.json'), JSON.stringify({ format: 1, writtenBy: 'auditrelay 0.0.9' }));
  await checkStateFormat(dir, 'auditrelay 0.1.0');
  assert.equal(recorded().format, STATE_FORMAT, 'format 1 is read, and from now on written as the new one');
  writeFileSync(
    join(dir, 'format.json'),
    JSON.stringify({ format: STATE_FORMAT + 1, writtenBy: 'auditrelay 9' }),
  );
  const message = await rejectsWithCode(checkStateFormat(dir, 'auditrelay 0.1.0'), 'AR_STATE_VERSION');
  assert.match(
    message,
    /says state format 4; this AuditRelay \(auditrelay 0\.1\.0\) reads formats 1, 2 and 3\. It was written by a newer AuditRelay/,
  );
  writeFileSync(join(dir, 'format.json'), 'garbage');
  await rejectsWithCode(checkStateFormat(dir, 'x'), 'AR_STATE_CORRUPT');
});

test('a format 1 cursor file (one JSON line) is read and rewritten in the form of format 2', async () => {
  const dir = await state();
  const path = join(walDirectory(dir, 'journal'), 'a.cursor');
  writeFileSync(path, `${JSON.stringify({ cursor: 'a', acked: 3 })}\n`);
  const wal = await WriteAheadLog.open({
    directory: walDirectory(dir, 'journal'),
    cursors: ['a', 'b'],
    sync: false,
  });
  assert.equal(wal.acked('a'), 3);
  await wal.close();
  assert.equal(readFileSync(path).length, 1024, 'two slots of 512 bytes');
});

test('the inventory and a read-only inspection show sources, cursors, backlogs and the newest record', async () => {
  const dir = await state();
  assert.deepEqual(await readInventory(dir), {
    sources: [{ id: 'journal', directory: walDirectory(dir, 'journal'), cursors: ['a', 'b'] }],
  });
  const inspection = await inspectWal(walDirectory(dir, 'journal'));
  assert.equal(inspection.lastId, 5);
  assert.equal(inspection.newest?.payload.toString(), 'event 5');
  const frame = inspection.bytes / 5;
  const a = inspection.cursors['a']!;
  assert.deepEqual(
    [
      a.acked,
      a.backlog,
      a.backlogBytes,
      a.lastAcked?.payload.toString(),
      a.oldestPending?.payload.toString(),
    ],
    [3, 2, 2 * frame, 'event 3', 'event 4'],
  );
  assert.equal(inspection.cursors['b']!.oldestPending?.payload.toString(), 'event 2');
});

test('rename and drop: a sink keeps its position under a new name; nothing else moves', async () => {
  const dir = await state();
  assert.equal(await renameSinkState(dir, 'a', 'siem'), 1);
  await rejectsWithCode(renameSinkState(dir, 'b', 'siem'), 'AR_STATE_UNCLAIMED');
  await rejectsWithCode(renameSinkState(dir, 'nobody', 'x'), 'AR_STATE_UNCLAIMED');
  const wal = await WriteAheadLog.open({
    directory: walDirectory(dir, 'journal'),
    cursors: ['siem', 'b'],
    sync: false,
  });
  assert.equal(wal.acked('siem'), 3);
  assert.equal(wal.acked('b'), 1);
  await wal.close();
  assert.equal(await dropSinkState(dir, 'b'), 1);
  assert.deepEqual((await readInventory(dir)).sources[0]!.cursors, ['siem']);

  await renameSourceState(dir, 'journal', 'qaudjrn');
  assert.ok(existsSync(join(walDirectory(dir, 'qaudjrn'), 'siem.cursor')));
  mkdirSync(walDirectory(dir, 'other'));
  await rejectsWithCode(renameSourceState(dir, 'qaudjrn', 'other'), 'AR_STATE_UNCLAIMED');
  await dropSourceState(dir, 'other');
  assert.deepEqual(
    (await readInventory(dir)).sources.map((s) => s.id),
    ['qaudjrn'],
  );
});
