/**
 * The audit-journal source against the strict simulated IBM i, through IBM's own Mapepire
 * client: lost positions told from the IBM i's receiver services (never from error text),
 * no silent stall, long entries in rows under the record limit, releases without the
 * unconfirmed columns, startAt now, a dead connection found within seconds.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { SourceBatch } from '../../../src/core/component.js';
import { AuditRelayError } from '../../../src/core/errors.js';
import type { Logger } from '../../../src/core/telemetry.js';
import { mapepireConnector } from '../../../src/ibmi/db2/mapepire.js';
import { type RunningSimulator, startSimulator } from '../../../src/ibmi/simulator/index.js';
import { DEFAULT_RELEASE } from '../../../src/ibmi/simulator/objects.js';
import { AuditJournalReader, type ReaderOptions } from '../../../src/sources/audit-journal/reader.js';
import type { AuditJournalRecord } from '../../../src/sources/audit-journal/record.js';
import { recordingLogger } from '../../support/logging.js';
import { tempDir } from '../../support/peers.js';

const PASSWORD = 'reader-pw';
const running: { sim: RunningSimulator; reader: AuditJournalReader }[] = [];

afterEach(async () => {
  for (const { sim, reader } of running.splice(0)) {
    await reader.close();
    await sim.stop();
  }
});

async function setup({
  missing = [],
  ...options
}: Partial<ReaderOptions> & { missing?: string[]; heartbeat?: number } = {}) {
  const sim = await startSimulator({
    directory: tempDir('reader-sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1,
    seed: 5,
    utcOffsetMinutes: 60,
    receiverSize: 100_000,
    systemName: 'READER',
    startTime: Date.parse('2026-11-27T08:00:00Z'),
    release: { ...DEFAULT_RELEASE, missing },
  });
  const log: string[] = [];
  const reader = readerOn(sim, options, recordingLogger(log));
  running.push({ sim, reader });
  return { sim, reader, log };
}

/** A reader on the simulator through IBM's Mapepire client. */
function readerOn(
  sim: RunningSimulator,
  { heartbeat = 2000, ...options }: Partial<ReaderOptions> & { heartbeat?: number },
  logger: Logger,
) {
  const connector = mapepireConnector(
    {
      host: '127.0.0.1',
      port: sim.address.port,
      user: 'AUDITOR',
      password: PASSWORD,
      ca: sim.caCertificatePath,
      rejectUnauthorized: true,
      requestTimeout: 10_000,
      heartbeat,
    },
    logger,
  );
  return new AuditJournalReader(connector, {
    journalLibrary: 'QSYS',
    journal: 'QAUDJRN',
    batchSize: 100,
    startAt: 'oldest',
    entryTypes: [],
    ccsid: 37,
    utcOffsetMinutes: undefined,
    pollInterval: 100,
    onLostPosition: 'resume-oldest',
    gapThreshold: 1000,
    logger,
    ...options,
  });
}

const signal = new AbortController().signal;
const entries = (batch: SourceBatch<AuditJournalRecord>) =>
  batch.records.flatMap((r) => (r.kind === 'entry' ? [r.entry] : []));
const gaps = (batch: SourceBatch<AuditJournalRecord>) =>
  batch.records.flatMap((r) => (r.kind === 'gap' ? [r.gap] : []));

/** Reads until caught up; returns every batch. */
async function drain(reader: AuditJournalReader, from?: SourceBatch<AuditJournalRecord>['position']) {
  const batches: SourceBatch<AuditJournalRecord>[] = [];
  let position = from;
  for (;;) {
    const batch = await reader.read(position, signal);
    batches.push(batch);
    position = batch.position ?? position;
    if (batch.caughtUp) return { batches, position };
  }
}

/** Reads 30 entries, then moves the journal to a new receiver and deletes the one holding the position. */
async function loseSavedReceiver(sim: RunningSimulator, reader: AuditJournalReader) {
  sim.generate(30);
  const { position } = await drain(reader);
  sim.journal.changeReceiver(new Date().toISOString());
  sim.generate(10);
  sim.journal.deleteReceiver('AUDRCV0001');
  return position!;
}

test('deleted saved receiver, error shows only the generic SQL0443: a gap naming the CPF from the job log, then the oldest entries', async () => {
  const { sim, reader } = await setup();
  const saved = await loseSavedReceiver(sim, reader);
  const batch = await reader.read(saved, signal);
  const [gap] = gaps(batch);
  assert.ok(gap, 'a gap record comes first');
  assert.equal(batch.records[0]!.kind, 'gap');
  assert.deepEqual(gap.after, {
    receiverLibrary: 'AUDLIB',
    receiver: 'AUDRCV0001',
    sequence: saved['sequence'],
  });
  assert.equal(gap.resumeAt?.receiver, 'AUDRCV0002');
  assert.match(gap.reason, /^the receiver holding the saved position no longer exists/);
  assert.match(gap.reason, /IBM i: CPF9801 Object AUDRCV0001 in library AUDLIB not found\./);
  assert.equal(entries(batch).length, 10, 'the 10 entries of the new receiver');
});

test('0 rows at a saved position whose receiver is gone: the same gap, not "caught up"', async () => {
  const { sim, reader } = await setup();
  sim.server.behaviour.lostPosition = 'empty';
  const saved = await loseSavedReceiver(sim, reader);
  const batch = await reader.read(saved, signal);
  const [gap] = gaps(batch);
  assert.match(gap?.reason ?? '', /^the receiver holding the saved position no longer exists/);
  assert.doesNotMatch(gap!.reason, /CPF/, 'no failure, so no job log to read');
  assert.equal(entries(batch).length, 10);
});

test('a release without JOURNAL_RECEIVER_INFO: DISPLAY_JOURNAL itself tells that the receiver is gone', async () => {
  const { sim, reader } = await setup({ missing: ['QSYS2.JOURNAL_RECEIVER_INFO'] });
  const saved = await loseSavedReceiver(sim, reader);
  const batch = await reader.read(saved, signal);
  assert.match(gaps(batch)[0]?.reason ?? '', /no longer exists/);
  assert.equal(entries(batch).length, 10);
});

test('onLostPosition stop: AR_SOURCE_POSITION_LOST, not retryable', async () => {
  const { sim, reader } = await setup({ onLostPosition: 'stop' });
  const saved = await loseSavedReceiver(sim, reader);
  await assert.rejects(reader.read(saved, signal), (error: unknown) => {
    assert.ok(error instanceof AuditRelayError);
    assert.equal(error.code, 'AR_SOURCE_POSITION_LOST');
    assert.equal(error.retryable, false);
    assert.match(error.message, /AUDLIB\/AUDRCV0001\/30 no longer exists/);
    return true;
  });
});

test('no silent stall: 0 rows while the saved entry exists and the journal moves on is AR_SOURCE_STALLED', async () => {
  const { sim, reader, log } = await setup();
  sim.generate(20);
  const { position } = await drain(reader);
  sim.server.behaviour.returnNothing = true;
  // The journal has not moved on: nothing is lost yet, so this is caught up.
  const quiet = await reader.read(position, signal);
  assert.deepEqual(quiet.records, []);
  assert.equal(quiet.caughtUp, true);
  sim.generate(5);
  await assert.rejects(reader.read(position, signal), (error: unknown) => {
    assert.ok(error instanceof AuditRelayError);
    assert.equal(error.code, 'AR_SOURCE_STALLED');
    assert.equal(error.retryable, true, 'the pipeline logs, counts and retries it');
    return true;
  });
  sim.server.behaviour.returnNothing = false;
  const resumed = await reader.read(position, signal);
  assert.equal(entries(resumed).length, 5, 'once the function answers again, nothing was skipped');
  assert.ok(!log.some((l) => l.startsWith('error')));
});

test('a 30 KB entry is decoded whole; every query the reader sends stays under the row limit', async () => {
  const { sim, reader } = await setup();
  sim.generate(3);
  const { position } = await drain(reader);
  const data = new Uint8Array(30_000).map((_, i) => (i * 7 + 3) % 256);
  sim.journal.append(
    {
      journalCode: 'T',
      entryType: 'ZZ',
      timestamp: '2026-11-27-09.00.00.000000',
      jobName: 'QPADEV0001',
      jobUser: 'ALICE',
      jobNumber: '123456',
      currentUser: 'ALICE',
    },
    data,
  );
  sim.generate(2);
  sim.journal.append(
    {
      journalCode: 'T',
      entryType: 'ZZ',
      timestamp: '2026-11-27-09.00.01.000000',
      jobName: 'QPADEV0001',
      jobUser: 'ALICE',
      jobNumber: '123456',
      currentUser: 'ALICE',
    },
    data.subarray(0, 9000),
  );
  sim.journal.save();
  const before = sim.server.statements;
  const { batches } = await drain(reader, position);
  const read = batches.flatMap(entries);
  assert.equal(read.length, 4);
  const long = read.filter((e) => e.entryType === 'ZZ');
  assert.deepEqual(Buffer.from(long[0]!.entryData), Buffer.from(data));
  assert.deepEqual(Buffer.from(long[1]!.entryData), Buffer.from(data.subarray(0, 9000)));
  assert.ok(long.every((e) => !e.entryDataTruncated));
  // The simulator rejects a result row over 32 766 bytes with SQL0101, so every statement above
  // passed that check; the main query plus two follow-ups for both long entries together.
  assert.equal(sim.server.statements - before, 3);
});

test('a release without REMOTE_PORT (and SYSTEM_NAME): the query leaves them out, names the system from CURRENT SERVER', async () => {
  const { sim, reader, log } = await setup({
    missing: ['QSYS2.DISPLAY_JOURNAL.REMOTE_PORT', 'QSYS2.DISPLAY_JOURNAL.SYSTEM_NAME'],
  });
  sim.generate(200);
  const { batches } = await drain(reader);
  const read = batches.flatMap(entries);
  assert.equal(read.length, 200);
  assert.ok(read.every((e) => e.remotePort === undefined));
  assert.ok(read.every((e) => e.systemName === 'READER'));
  assert.ok(
    read.some((e) => e.remoteAddress !== ''),
    'REMOTE_ADDRESS still read',
  );
  assert.ok(log.some((l) => /no REMOTE_PORT column/.test(l)));
  assert.ok(log.some((l) => /no SYSTEM_NAME column/.test(l)));
  assert.ok(!log.some((l) => /no REMOTE_ADDRESS column/.test(l)));
});

test('startAt now: nothing of the attached receiver is replayed, everything after is read', async () => {
  const { sim, reader } = await setup({ startAt: 'now' });
  sim.generate(40);
  const first = await reader.read(undefined, signal);
  assert.deepEqual(first.records, []);
  // The newest entry is the position: the pipeline keeps it, so a restart does not start "now" again.
  assert.equal(first.position?.['sequence'], '40');
  sim.generate(7);
  const next = await reader.read(undefined, signal);
  assert.deepEqual(
    entries(next).map((e) => e.position.sequence),
    ['41', '42', '43', '44', '45', '46', '47'],
  );
  const resumed = await reader.read(first.position, signal);
  assert.deepEqual(
    entries(resumed).map((e) => e.position.sequence),
    ['41', '42', '43', '44', '45', '46', '47'],
    'read after that position, as after a restart',
  );
  // After a receiver change (its newest entry is then a journal-code J entry), too.
  const { sim: sim2, reader: reader2 } = await setup({ startAt: 'now' });
  sim2.generate(10);
  sim2.journal.changeReceiver(new Date().toISOString());
  sim2.journal.append(
    {
      journalCode: 'J',
      entryType: 'PR',
      timestamp: '2026-11-27-09.00.00.000000',
      jobName: 'QSYSARB',
      jobUser: 'QSYS',
      jobNumber: '000001',
      currentUser: 'QSYS',
    },
    new Uint8Array(20).fill(0x40),
  );
  sim2.journal.save();
  assert.deepEqual((await reader2.read(undefined, signal)).records, []);
  sim2.generate(2);
  assert.deepEqual(
    entries(await reader2.read(undefined, signal)).map((e) => e.position.receiver),
    ['AUDRCV0002', 'AUDRCV0002'],
  );
});

test('startAt now on a release without JOURNAL_RECEIVER_INFO: a clear error, not a replay', async () => {
  const { sim, reader } = await setup({ startAt: 'now', missing: ['QSYS2.JOURNAL_RECEIVER_INFO'] });
  sim.generate(10);
  await assert.rejects(reader.read(undefined, signal), (error: unknown) => {
    assert.ok(error instanceof AuditRelayError);
    assert.equal(error.retryable, false);
    assert.match(error.message, /startAt: now needs QSYS2\.JOURNAL_RECEIVER_INFO.*use startAt: current/);
    return true;
  });
});

test('an entry-type filter that leaves out the saved entry is not a stall', async (t) => {
  const { sim, reader } = await setup();
  sim.generate(30);
  const { position, batches } = await drain(reader);
  const savedType = batches.flatMap(entries).at(-1)!.entryType;
  const wanted = savedType === 'PW' ? 'AF' : 'PW';
  const append = (entryType: string) =>
    sim.journal.append(
      {
        journalCode: 'T',
        entryType,
        timestamp: '2026-11-27-09.00.00.000000',
        jobName: 'J',
        jobUser: 'U',
        jobNumber: '1',
        currentUser: 'U',
      },
      new Uint8Array(100).fill(0x40),
    );
  append('ZZ'); // the journal moves on, with nothing of the wanted type
  sim.journal.save();
  const filtered = readerOn(sim, { entryTypes: [wanted] }, recordingLogger([]));
  t.after(() => filtered.close());
  const quiet = await filtered.read(position, signal);
  assert.deepEqual(quiet.records, [], 'caught up, not AR_SOURCE_STALLED');
  append(wanted);
  sim.journal.save();
  assert.deepEqual(
    entries(await filtered.read(position, signal)).map((e) => e.entryType),
    [wanted],
  );
});

test('a connection that stops answering is found by the heartbeat, not by requestTimeout', async () => {
  const { sim, reader, log } = await setup({ heartbeat: 200 });
  sim.generate(5);
  const { position } = await drain(reader);
  // The server's socket stops reading: no pong, no reply, no close (a host gone off the network).
  const lostAt = Date.now();
  for (const ws of sim.server.sockets) (ws as unknown as { _socket: { pause(): void } })._socket.pause();
  const deadline = Date.now() + 5000;
  while (!log.some((l) => /was lost: no answer to a WebSocket ping/.test(l)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const detectedMs = Date.now() - lostAt;
  assert.ok(detectedMs < 1000, `detected after ${detectedMs} ms`);
  // The next read does not wait on the dead connection: it opens a new one.
  sim.generate(3);
  assert.equal(entries(await reader.read(position, signal)).length, 3);
  assert.equal(log.filter((l) => /connected to the IBM i/.test(l)).length, 2);
});

test('a server that closes the connection: logged at once, the next read reconnects', async () => {
  const { sim, reader, log } = await setup();
  sim.generate(5);
  const { position } = await drain(reader);
  for (const ws of sim.server.sockets) ws.terminate();
  const deadline = Date.now() + 2000;
  while (!log.some((l) => /was lost: the WebSocket closed/.test(l)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.ok(
    log.some((l) => /was lost: the WebSocket closed/.test(l)),
    log.join('\n'),
  );
  sim.generate(2);
  assert.equal(entries(await reader.read(position, signal)).length, 2);
  assert.equal(log.filter((l) => /connected to the IBM i/.test(l)).length, 2);
});
