import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AuditRelayError } from '../../../src/core/errors.js';
import { type FileSystem, nodeFileSystem, type StoreFile } from '../../../src/store/fs.js';
import { encodeFrame, FRAME_HEADER_BYTES, frameBytes } from '../../../src/store/wal/record.js';
import { type WalOptions, type WalRecord, WriteAheadLog } from '../../../src/store/wal/wal.js';
import { tempDir } from '../../support/peers.js';

type Operation = 'open' | 'write' | 'datasync' | 'truncate' | 'rename' | 'unlink' | 'syncDirectory' | 'read';

/** The real filesystem with a log of calls and faults injected by operation and path. */
class FaultyFileSystem implements FileSystem {
  readonly calls: string[] = [];
  bytesRead = 0;
  private faults: { operation: Operation; path: RegExp; code: string; times: number }[] = [];

  /** The next `times` calls of `operation` on a path matching `path` fail with `code`. */
  fail(operation: Operation, code: string, path = /./, times = 1): void {
    this.faults.push({ operation, path, code, times });
  }

  check(operation: Operation, path: string): void {
    this.calls.push(`${operation} ${path.split('/').at(-1)}`);
    const fault = this.faults.find((f) => f.operation === operation && f.path.test(path) && f.times > 0);
    if (fault === undefined) return;
    fault.times--;
    throw Object.assign(new Error(`${fault.code}: injected ${operation} failure`), { code: fault.code });
  }

  async open(path: string, flags: 'r' | 'r+' | 'w' | 'w+'): Promise<StoreFile> {
    this.check('open', path);
    const file = await nodeFileSystem.open(path, flags);
    return {
      read: async (buffer, offset, length, position) => {
        this.check('read', path);
        const read = await file.read(buffer, offset, length, position);
        this.bytesRead += read;
        return read;
      },
      write: async (buffer, offset, length, position) => {
        try {
          this.check('write', path);
        } catch (error) {
          // ENOSPC as the kernel reports it: part of the bytes may have been written.
          await file.write(buffer, offset, Math.floor(length / 2), position);
          throw error;
        }
        return file.write(buffer, offset, length, position);
      },
      datasync: async () => {
        this.check('datasync', path);
        await file.datasync();
      },
      truncate: async (length) => {
        this.check('truncate', path);
        await file.truncate(length);
      },
      size: () => file.size(),
      close: () => file.close(),
    };
  }

  readFile(path: string): Promise<Buffer> {
    return nodeFileSystem.readFile(path);
  }
  readdir(path: string): Promise<string[]> {
    return nodeFileSystem.readdir(path);
  }
  mkdir(path: string): Promise<void> {
    return nodeFileSystem.mkdir(path);
  }
  async rename(from: string, to: string): Promise<void> {
    this.check('rename', to);
    await nodeFileSystem.rename(from, to);
  }
  async unlink(path: string): Promise<void> {
    this.check('unlink', path);
    await nodeFileSystem.unlink(path);
  }
  async syncDirectory(path: string): Promise<void> {
    this.check('syncDirectory', path);
    await nodeFileSystem.syncDirectory(path);
  }
}

function payload(n: number, size = 40): Buffer {
  const text = `event-${n}-`;
  return Buffer.concat([Buffer.from(text), Buffer.alloc(Math.max(0, size - text.length), 0x2e)]);
}

function open(directory: string, options: Partial<WalOptions> = {}): Promise<WriteAheadLog> {
  return WriteAheadLog.open({ directory, cursors: ['siem'], commitDelayMs: 1, ...options });
}

/** Everything a cursor can read, following its own read-ahead position. */
async function readAll(wal: WriteAheadLog, cursor: string): Promise<WalRecord[]> {
  const all: WalRecord[] = [];
  for (;;) {
    const batch = await wal.read(cursor, 7, 10_000, all.at(-1)?.id);
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

const ids = (records: readonly WalRecord[]) => records.map((record) => record.id);
const texts = (records: readonly WalRecord[]) =>
  records.map((record) => record.payload.toString().split('.')[0]);

function segmentFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.seg'))
    .sort();
}

async function rejectsWith(promise: Promise<unknown>, code: string, isRetryable: boolean): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AuditRelayError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.retryable, isRetryable);
    return true;
  });
}

test('appends get consecutive ids from 1 and are read back in order', async () => {
  const wal = await open(tempDir('wal'));
  assert.deepEqual(await wal.append([payload(1), payload(2)]), { firstId: 1, lastId: 2 });
  assert.deepEqual(await wal.append([payload(3)]), { firstId: 3, lastId: 3 });
  assert.deepEqual(await wal.append([]), { firstId: 4, lastId: 3 });
  const records = await readAll(wal, 'siem');
  assert.deepEqual(ids(records), [1, 2, 3]);
  assert.deepEqual(texts(records), ['event-1-', 'event-2-', 'event-3-']);
  assert.deepEqual(wal.last()?.payload, payload(3));
  await wal.close();
});

test('concurrent appends share one fdatasync (group commit)', async () => {
  const fs = new FaultyFileSystem();
  const wal = await open(tempDir('wal'), { fs, commitDelayMs: 20 });
  fs.calls.length = 0;
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => wal.append([payload(i)])));
  assert.deepEqual(
    results.map((r) => r.firstId),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  assert.equal(fs.calls.filter((call) => call.startsWith('datasync')).length, 1, fs.calls.join(', '));
  assert.equal(fs.calls.filter((call) => call.startsWith('write')).length, 1);
  await wal.close();
});

test('a full batch is committed without waiting for the commit delay', async () => {
  const wal = await open(tempDir('wal'), { commitDelayMs: 3_600_000, maxBatchRecords: 3 });
  const result = await wal.append([payload(1), payload(2), payload(3)]);
  assert.deepEqual(result, { firstId: 1, lastId: 3 });
  await wal.close();
});

test('close commits appends that are still waiting for the commit delay', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory, { commitDelayMs: 3_600_000 });
  const appended = wal.append([payload(1)]);
  await wal.close();
  assert.deepEqual(await appended, { firstId: 1, lastId: 1 });
  await rejectsWith(wal.append([payload(2)]), 'AR_INTERNAL', false);
  const reopened = await open(directory);
  assert.deepEqual(ids(await readAll(reopened, 'siem')), [1]);
  await reopened.close();
});

test('with sync off nothing is fdatasync-ed', async () => {
  const fs = new FaultyFileSystem();
  const wal = await open(tempDir('wal'), { fs, sync: false });
  await wal.append([payload(1)]);
  await wal.ack('siem', 1);
  await wal.close();
  assert.deepEqual(
    fs.calls.filter((call) => call.startsWith('datasync') || call.startsWith('syncDirectory')),
    [],
  );
});

test('a cursor is saved in place, in two slots written in turn: no new disk space, and a torn write keeps the other', async () => {
  const fs = new FaultyFileSystem();
  const directory = tempDir('wal');
  const wal = await open(directory, { fs });
  await wal.append([payload(1), payload(2)]);
  fs.calls.length = 0;
  await wal.ack('siem', 1);
  assert.deepEqual(fs.calls, ['open siem.cursor', 'write siem.cursor', 'datasync siem.cursor']);
  const path = join(directory, 'siem.cursor');
  assert.equal(readFileSync(path).length, 1024, 'two slots of 512 bytes');
  const slots = () =>
    [0, 512].map(
      (at) => JSON.parse(readFileSync(path).toString('utf8', at, at + 512)) as Record<string, unknown>,
    );
  assert.deepEqual(slots()[0], { cursor: 'siem', acked: 1, generation: 2 });
  await wal.ack('siem', 2);
  assert.deepEqual(slots()[1], { cursor: 'siem', acked: 2, generation: 3 }, 'the other slot');
  await wal.close();
  // A crash that tore the last write: the slot written before it still holds a position.
  const bytes = readFileSync(path);
  bytes.fill(0x7b, 512 + 10, 512 + 20);
  writeFileSync(path, bytes);
  const reopened = await open(directory, { fs });
  assert.equal(reopened.acked('siem'), 1);
  await reopened.close();
});

test('a cursor file of the first format (one JSON line) is read and rewritten with slots', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory);
  await wal.append([payload(1), payload(2)]);
  await wal.close();
  writeFileSync(join(directory, 'siem.cursor'), `${JSON.stringify({ cursor: 'siem', acked: 1 })}\n`);
  const reopened = await open(directory);
  assert.equal(reopened.acked('siem'), 1);
  assert.equal(readFileSync(join(directory, 'siem.cursor')).length, 1024);
  await reopened.ack('siem', 2);
  await reopened.close();
  assert.equal((await open(directory)).acked('siem'), 2);
});

test('read: after the acknowledged id, at most maxRecords, maxBytes but at least one record', async () => {
  const wal = await open(tempDir('wal'));
  await wal.append([payload(1, 100), payload(2, 100), payload(3, 100), payload(4, 100), payload(5, 300)]);
  assert.deepEqual(ids(await wal.read('siem', 2, 10_000)), [1, 2]);
  assert.deepEqual(ids(await wal.read('siem', 10, 250)), [1, 2], 'the third would pass 250 bytes');
  await wal.ack('siem', 4);
  assert.deepEqual(ids(await wal.read('siem', 10, 10)), [5], 'one record even if larger than maxBytes');
  assert.deepEqual(ids(await wal.read('siem', 10, 10_000, 2)), [5], 'never before the acknowledged id');
  assert.deepEqual(ids(await wal.read('siem', 10, 10_000, 5)), []);
  await wal.close();
});

test('cursors fan out independently and survive a reopen; acks never move backwards', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory, { cursors: ['qradar', 'splunk'] });
  await wal.append([1, 2, 3, 4, 5, 6].map((n) => payload(n)));
  await wal.ack('qradar', 5);
  await wal.ack('splunk', 2);
  await wal.ack('qradar', 3);
  assert.equal(wal.acked('qradar'), 5);
  assert.deepEqual(ids(await readAll(wal, 'qradar')), [6]);
  assert.deepEqual(ids(await readAll(wal, 'splunk')), [3, 4, 5, 6]);
  // Six records of the same size: the backlog's bytes are its share of the segment.
  const frame = wal.stats().bytes / 6;
  assert.deepEqual(wal.stats().cursors, {
    qradar: { acked: 5, backlog: 1, backlogBytes: frame },
    splunk: { acked: 2, backlog: 4, backlogBytes: 4 * frame },
  });
  await wal.close();

  const reopened = await open(directory, { cursors: ['qradar', 'splunk'] });
  assert.equal(reopened.acked('qradar'), 5);
  assert.equal(reopened.acked('splunk'), 2);
  assert.deepEqual(ids(await readAll(reopened, 'splunk')), [3, 4, 5, 6]);
  await reopened.close();
});

test('concurrent acks of one cursor end at the highest id', async () => {
  const wal = await open(tempDir('wal'));
  await wal.append([1, 2, 3, 4, 5].map((n) => payload(n)));
  await Promise.all([wal.ack('siem', 2), wal.ack('siem', 5), wal.ack('siem', 3)]);
  assert.equal(wal.acked('siem'), 5);
  await wal.close();
});

test('ack of an unknown cursor or of a record that is not durable is a programming error', async () => {
  const wal = await open(tempDir('wal'));
  await wal.append([payload(1)]);
  await rejectsWith(wal.ack('nobody', 1), 'AR_INTERNAL', false);
  await rejectsWith(wal.ack('siem', 2), 'AR_INTERNAL', false);
  await rejectsWith(wal.read('nobody', 1, 1), 'AR_INTERNAL', false);
  await wal.close();
});

test('a new cursor starts at the oldest stored record; a cursor no longer configured is never deleted', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory, { cursors: ['old'] });
  await wal.append([payload(1), payload(2)]);
  await wal.ack('old', 1);
  await wal.close();
  await rejectsWith(open(directory, { cursors: ['new sink/1'] }), 'AR_STATE_UNCLAIMED', false);
  assert.ok(existsSync(join(directory, 'old.cursor')), 'the unclaimed cursor stays');
  const reopened = await open(directory, { cursors: ['old', 'new sink/1'] });
  assert.ok(existsSync(join(directory, 'new%20sink%2F1.cursor')));
  assert.deepEqual(ids(await readAll(reopened, 'new sink/1')), [1, 2]);
  assert.equal(reopened.acked('old'), 1);
  await reopened.close();
});

test('segments roll at segmentBytes and are deleted once every cursor has passed them', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory, { cursors: ['fast', 'slow'], segmentBytes: 1024, maxBytes: 1024 * 1024 });
  for (let n = 1; n <= 20; n++) await wal.append([payload(n, 200)]);
  // 216 bytes per frame: four frames per 1024-byte segment.
  assert.deepEqual(segmentFiles(directory), [
    '00000000000000000001.seg',
    '00000000000000000005.seg',
    '00000000000000000009.seg',
    '00000000000000000013.seg',
    '00000000000000000017.seg',
  ]);
  for (const name of segmentFiles(directory)) assert.ok(statSync(join(directory, name)).size <= 1024);
  await wal.ack('fast', 20);
  assert.equal(segmentFiles(directory).length, 5, 'the slow cursor holds every segment');
  await wal.ack('slow', 9);
  assert.deepEqual(segmentFiles(directory), [
    '00000000000000000009.seg',
    '00000000000000000013.seg',
    '00000000000000000017.seg',
  ]);
  const stats = wal.stats();
  assert.equal(stats.firstId, 9);
  assert.equal(stats.lastId, 20);
  assert.equal(stats.segments, 3);
  assert.equal(stats.bytes, 12 * frameBytes(200));
  assert.deepEqual(ids(await readAll(wal, 'slow')), [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  await wal.close();
});

test('the segment holding the newest record is kept even when every cursor passed it', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory, { segmentBytes: 1024 });
  for (let n = 1; n <= 4; n++) await wal.append([payload(n, 200)]);
  await wal.ack('siem', 4);
  assert.deepEqual(segmentFiles(directory), ['00000000000000000001.seg']);
  await wal.close();
  const reopened = await open(directory, { segmentBytes: 1024 });
  assert.deepEqual(reopened.last()?.payload, payload(4, 200));
  assert.deepEqual(await reopened.append([payload(5, 200)]), { firstId: 5, lastId: 5 });
  assert.deepEqual(
    segmentFiles(directory),
    ['00000000000000000005.seg'],
    'the old one goes once the new one holds a record',
  );
  assert.equal(reopened.last()?.id, 5);
  await reopened.close();
});

test('reads do not re-scan a segment from its start', async () => {
  const fs = new FaultyFileSystem();
  const directory = tempDir('wal');
  const writer = await open(directory, { fs });
  for (let n = 0; n < 40; n++)
    await writer.append(Array.from({ length: 100 }, (_, i) => payload(n * 100 + i, 500)));
  await writer.close();
  const wal = await open(directory, { fs });
  // The last segment is scanned once on open; then each read reads about what it returns.
  fs.bytesRead = 0;
  let records = 0;
  for (;;) {
    const batch = await wal.read('siem', 100, 1024 * 1024);
    if (batch.length === 0) break;
    records += batch.length;
    await wal.ack('siem', batch.at(-1)!.id);
  }
  assert.equal(records, 4000);
  const data = 4000 * frameBytes(500);
  assert.ok(fs.bytesRead < 2 * data, `read ${fs.bytesRead} bytes for ${data} bytes of records`);
  await wal.close();
});

test('a torn tail (a partial last record) is cut off on open and counted', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory);
  await wal.append([payload(1)]);
  await wal.append([payload(2)]);
  await wal.close();
  const [segment] = segmentFiles(directory);
  const partial = Buffer.alloc(frameBytes(40));
  encodeFrame(partial, 0, 3, payload(3), true);
  appendFileSync(join(directory, segment!), partial.subarray(0, 30));

  const reopened = await open(directory);
  assert.equal(reopened.recovery.tornBytes, 30);
  assert.equal(statSync(join(directory, segment!)).size, 2 * frameBytes(40));
  assert.equal(reopened.last()?.id, 2);
  assert.deepEqual(await reopened.append([payload(3)]), { firstId: 3, lastId: 3 });
  assert.deepEqual(texts(await readAll(reopened, 'siem')), ['event-1-', 'event-2-', 'event-3-']);
  await reopened.close();
});

test('an append is whole or gone after a crash: a last group cut short is cut off entirely', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory);
  await wal.append([payload(1)]);
  await wal.append([payload(2), payload(3), payload(4)]);
  await wal.close();
  const path = join(directory, segmentFiles(directory)[0]!);
  // Records 2 and 3 are intact, 4 is missing: the crash came in the middle of the group.
  writeFileSync(path, readFileSync(path).subarray(0, 3 * frameBytes(40)));

  const reopened = await open(directory);
  assert.equal(reopened.recovery.tornBytes, 2 * frameBytes(40));
  assert.deepEqual(ids(await readAll(reopened, 'siem')), [1]);
  assert.deepEqual(reopened.last()?.payload, payload(1));
  assert.deepEqual(await reopened.append([payload(2)]), { firstId: 2, lastId: 2 });
  await reopened.close();
});

test('a last commit group that fails its checksum is a torn tail, cut from its first bad record', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory);
  await wal.append([payload(1)]);
  await wal.append([payload(2), payload(3), payload(4)]);
  await wal.close();
  const path = join(directory, segmentFiles(directory)[0]!);
  const bytes = readFileSync(path);
  bytes[frameBytes(40) + FRAME_HEADER_BYTES + 5]! ^= 0xff; // inside record 2, first of the last group
  writeFileSync(path, bytes);

  const errors: AuditRelayError[] = [];
  const reopened = await open(directory, { onError: (error) => errors.push(error) });
  assert.equal(reopened.recovery.tornBytes, 3 * frameBytes(40));
  assert.equal(errors.length, 0);
  assert.deepEqual(ids(await readAll(reopened, 'siem')), [1]);
  assert.equal(reopened.last()?.id, 1);
  await reopened.close();
});

test('a damaged record inside synced data is reported as AR_WAL_CORRUPT and skipped, never delivered', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory);
  for (let n = 1; n <= 4; n++) await wal.append([payload(n)]);
  await wal.close();
  const path = join(directory, segmentFiles(directory)[0]!);
  const bytes = readFileSync(path);
  bytes[frameBytes(40) + FRAME_HEADER_BYTES + 3]! ^= 0x01; // record 2
  writeFileSync(path, bytes);

  const errors: AuditRelayError[] = [];
  const reopened = await open(directory, { onError: (error) => errors.push(error) });
  assert.equal(reopened.recovery.tornBytes, 0);
  assert.equal(reopened.recovery.damagedRegions, 1);
  assert.deepEqual(
    errors.map((e) => e.code),
    ['AR_WAL_CORRUPT'],
  );
  assert.match(errors[0]!.message, /records 2 to 2 are skipped/);
  assert.deepEqual(texts(await readAll(reopened, 'siem')), ['event-1-', 'event-3-', 'event-4-']);
  assert.equal(reopened.last()?.id, 4);
  await reopened.close();
});

test('damage with a broken length in an older segment is found on read, skipped and reported once', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory, { cursors: ['a', 'b'], segmentBytes: 1024 });
  for (let n = 1; n <= 8; n++) await wal.append([payload(n, 200)]);
  await wal.close();
  const path = join(directory, segmentFiles(directory)[0]!);
  const bytes = readFileSync(path);
  bytes.writeUInt32LE(0x00ffffff, frameBytes(200) + 4); // length field of record 2
  writeFileSync(path, bytes);

  const errors: AuditRelayError[] = [];
  const reopened = await open(directory, {
    cursors: ['a', 'b'],
    segmentBytes: 1024,
    onError: (e) => errors.push(e),
  });
  assert.equal(errors.length, 0, 'older segments are checked when read');
  assert.deepEqual(ids(await readAll(reopened, 'a')), [1, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(ids(await readAll(reopened, 'b')), [1, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(
    errors.map((e) => e.code),
    ['AR_WAL_CORRUPT'],
  );
  assert.equal(reopened.stats().damagedRegions, 1);
  await reopened.close();
});

test('a zeroed 4 KiB block inside synced data costs only the records in it', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory);
  for (let n = 0; n < 10; n++)
    await wal.append(Array.from({ length: 100 }, (_, i) => payload(n * 100 + i + 1)));
  await wal.close();
  const path = join(directory, segmentFiles(directory)[0]!);
  const bytes = readFileSync(path);
  bytes.fill(0, 8192, 12288);
  writeFileSync(path, bytes);

  const errors: AuditRelayError[] = [];
  const reopened = await open(directory, { onError: (error) => errors.push(error) });
  const records = await readAll(reopened, 'siem');
  // Frames of 56 bytes: the block touches records 147 (from byte 8176) to 220 (to byte 12320).
  const frame = frameBytes(40);
  const firstLost = Math.floor(8192 / frame) + 1;
  const lastLost = Math.ceil(12288 / frame);
  assert.deepEqual(ids(records), [
    ...Array.from({ length: firstLost - 1 }, (_, i) => i + 1),
    ...Array.from({ length: 1000 - lastLost }, (_, i) => lastLost + 1 + i),
  ]);
  assert.deepEqual(
    errors.map((e) => e.message.replace(/^.*: /, '')),
    [`records ${firstLost} to ${lastLost} are skipped, never delivered`],
  );
  await reopened.close();
});

test('the size bound rejects appends with a retryable AR_STATE_FULL until the slowest cursor frees space', async () => {
  const directory = tempDir('wal');
  const wal = await open(directory, { segmentBytes: 1024, maxBytes: 4096 });
  let accepted = 0;
  for (;;) {
    try {
      await wal.append([payload(accepted + 1, 200)]);
      accepted++;
    } catch (error) {
      assert.ok(error instanceof AuditRelayError);
      assert.equal(error.code, 'AR_STATE_FULL');
      assert.equal(error.retryable, true);
      break;
    }
  }
  // 216-byte frames, four to a 1024-byte segment: 18 of them (5 segments) fit 4096 bytes.
  assert.equal(accepted, 18);
  assert.deepEqual(wal.stats().bytes, 18 * 216);
  const next = [payload(19, 200)];
  let spaceReturned = false;
  const space = wal.waitForSpace(next).then(() => {
    spaceReturned = true;
  });
  await wal.ack('siem', 3);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(spaceReturned, false, 'acknowledging part of a segment frees nothing');
  await wal.ack('siem', 4);
  await space;
  assert.deepEqual(await wal.append(next), { firstId: 19, lastId: 19 });
  assert.deepEqual(ids(await readAll(wal, 'siem')), [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  await wal.close();
});

test('an append that can never fit the bound is rejected for good', async () => {
  const wal = await open(tempDir('wal'), { segmentBytes: 1024, maxBytes: 4096 });
  await rejectsWith(wal.append([Buffer.alloc(3500)]), 'AR_STATE_FULL', false);
  await wal.close();
});

test('ENOSPC on write rejects the append (retryable AR_STATE_FULL); it stored nothing and the WAL goes on', async () => {
  const fs = new FaultyFileSystem();
  const directory = tempDir('wal');
  const wal = await open(directory, { fs });
  await wal.append([payload(1)]);
  fs.fail('write', 'ENOSPC', /\.seg$/);
  await rejectsWith(wal.append([payload(2), payload(3)]), 'AR_STATE_FULL', true);
  assert.equal(wal.stats().lastId, 1);
  assert.deepEqual(ids(await readAll(wal, 'siem')), [1], 'nothing of the failed append is visible');
  // Space is back: the retry gets the ids the failed append would have had.
  assert.deepEqual(await wal.append([payload(2), payload(3)]), { firstId: 2, lastId: 3 });
  await wal.close();
  const segment = join(directory, segmentFiles(directory)[0]!);
  assert.equal(statSync(segment).size, 3 * frameBytes(40), 'the half-written bytes were cut off');
  const reopened = await open(directory);
  assert.equal(reopened.recovery.tornBytes, 0);
  assert.deepEqual(texts(await readAll(reopened, 'siem')), ['event-1-', 'event-2-', 'event-3-']);
  await reopened.close();
});

test('a failed fdatasync rejects with a retryable AR_STATE_IO; the written group never appears', async () => {
  const fs = new FaultyFileSystem();
  const directory = tempDir('wal');
  const wal = await open(directory, { fs });
  await wal.append([payload(1)]);
  fs.fail('datasync', 'EIO', /\.seg$/);
  await rejectsWith(wal.append([payload(90)]), 'AR_STATE_IO', true);
  // The cleanup of the failed group fails too: the next append reports it and stores nothing.
  fs.fail('truncate', 'EIO');
  await rejectsWith(wal.append([payload(91)]), 'AR_STATE_IO', true);
  assert.deepEqual(await wal.append([payload(2)]), { firstId: 2, lastId: 2 });
  await wal.close();
  const reopened = await open(directory);
  assert.deepEqual(texts(await readAll(reopened, 'siem')), ['event-1-', 'event-2-']);
  await reopened.close();
});

test('ENOSPC when a new segment is created rejects the append; the next one creates it', async () => {
  const fs = new FaultyFileSystem();
  const directory = tempDir('wal');
  const wal = await open(directory, { fs, segmentBytes: 1024 });
  for (let n = 1; n <= 4; n++) await wal.append([payload(n, 200)]);
  fs.fail('open', 'ENOSPC', /\.seg$/);
  await rejectsWith(wal.append([payload(5, 200)]), 'AR_STATE_FULL', true);
  assert.deepEqual(await wal.append([payload(5, 200)]), { firstId: 5, lastId: 5 });
  assert.deepEqual(segmentFiles(directory), ['00000000000000000001.seg', '00000000000000000005.seg']);
  assert.deepEqual(ids(await readAll(wal, 'siem')), [1, 2, 3, 4, 5]);
  await wal.close();
});

test('ENOSPC while saving a cursor rejects the ack (retryable); the cursor stays and a later ack works', async () => {
  const fs = new FaultyFileSystem();
  const directory = tempDir('wal');
  const wal = await open(directory, { fs });
  await wal.append([payload(1), payload(2)]);
  await wal.ack('siem', 1);
  fs.fail('write', 'ENOSPC', /cursor/);
  await rejectsWith(wal.ack('siem', 2), 'AR_STATE_FULL', true);
  assert.equal(wal.acked('siem'), 1);
  assert.deepEqual(ids(await readAll(wal, 'siem')), [2]);
  await wal.close();
  const reopened = await open(directory, { fs });
  // The failed write went in place: half of it landed, which may be all of the new position.
  assert.ok([1, 2].includes(reopened.acked('siem')), `acked ${reopened.acked('siem')}`);
  await reopened.ack('siem', 2);
  assert.equal(reopened.acked('siem'), 2);
  await reopened.close();
});

test('a failed segment deletion is reported and retried after the next acknowledgement', async () => {
  const fs = new FaultyFileSystem();
  const directory = tempDir('wal');
  const errors: AuditRelayError[] = [];
  const wal = await open(directory, { fs, segmentBytes: 1024, onError: (e) => errors.push(e) });
  for (let n = 1; n <= 9; n++) await wal.append([payload(n, 200)]);
  fs.fail('unlink', 'EIO', /\.seg$/);
  await wal.ack('siem', 4);
  assert.deepEqual(
    errors.map((e) => `${e.code} ${e.retryable}`),
    ['AR_STATE_IO true'],
  );
  assert.equal(segmentFiles(directory).length, 3);
  await wal.ack('siem', 5);
  assert.deepEqual(segmentFiles(directory), ['00000000000000000005.seg', '00000000000000000009.seg']);
  await wal.close();
});

test('waitForRecords resolves when a newer record is durable and rejects when aborted', async () => {
  const wal = await open(tempDir('wal'));
  const waiting = wal.waitForRecords(0);
  await wal.append([payload(1)]);
  await waiting;
  const controller = new AbortController();
  const aborted = wal.waitForRecords(1, controller.signal);
  controller.abort(new Error('stopping'));
  await assert.rejects(aborted, /stopping/);
  await wal.close();
});

test('bad options are rejected with AR_CONFIG_INVALID', async () => {
  const directory = tempDir('wal');
  await rejectsWith(open(directory, { segmentBytes: 4096, maxBytes: 4096 }), 'AR_CONFIG_INVALID', false);
  await rejectsWith(open(directory, { cursors: ['a', 'a'] }), 'AR_CONFIG_INVALID', false);
  await rejectsWith(open(directory, { cursors: [''] }), 'AR_CONFIG_INVALID', false);
});

test('a damaged cursor file stops the open with AR_STATE_CORRUPT', async () => {
  const directory = tempDir('wal');
  await (await open(directory)).close();
  writeFileSync(join(directory, 'siem.cursor'), '{"cursor":"siem","acked":');
  await rejectsWith(open(directory), 'AR_STATE_CORRUPT', false);
});
