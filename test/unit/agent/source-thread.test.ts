/**
 * A source in its own thread hands the pipeline exactly what the pipeline's thread would have
 * stored (byte for byte), in order, with the read-ahead inside the thread never changing what a
 * position reads; errors keep their code and retryability, the thread's log lines reach the
 * agent's log, a thread that dies is replaced at the next read, and sources share a thread.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { configFromData } from '../../../src/agent/config/load.js';
import { SOURCES } from '../../../src/agent/registry.js';
import { SourceThreads } from '../../../src/agent/source-thread.js';
import { type StoredBatch, storedBatch } from '../../../src/agent/stored-batch.js';
import type { SourcePosition } from '../../../src/core/component.js';
import { AuditRelayError } from '../../../src/core/errors.js';
import type { Logger } from '../../../src/core/telemetry.js';
import { compileFilter } from '../../../src/events/filter.js';
import { type RunningSimulator, startSimulator } from '../../../src/ibmi/simulator/index.js';
import { silentLogger } from '../../../src/telemetry/logger.js';
import { emptyCounters } from '../../../src/telemetry/metrics.js';
import { recordingLogger } from '../../support/logging.js';
import { tempDir } from '../../support/peers.js';

const PASSWORD = 'thread-pw';
let sim: RunningSimulator;

before(async () => {
  sim = await startSimulator({
    directory: tempDir('thread-sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1,
    events: 0,
    seed: 11,
    utcOffsetMinutes: 60,
    receiverSize: 1000,
    systemName: 'THREAD',
  });
  // 2,500 entries over three receivers: batches cross receiver changes.
  sim.generate(2500);
});

after(() => sim.stop());

function sourceConfig(password = PASSWORD) {
  const config = configFromData({
    sources: [
      {
        type: 'audit-journal',
        name: 'journal',
        connection: {
          type: 'mapepire',
          host: '127.0.0.1',
          port: sim.address.port,
          user: 'AUDITOR',
          password,
          ca: sim.caCertificatePath,
        },
        startAt: 'oldest',
        batchSize: 1000,
        // Filtered in the thread: the WAL never sees these.
        filter: { exclude: [{ entryTypes: ['ZR'] }] },
      },
    ],
    sinks: [{ type: 'syslog', host: '127.0.0.1', port: 514 }],
  });
  return config.sources[0]!;
}

function threaded(
  config = sourceConfig(),
  logger: Logger = silentLogger,
  counters = emptyCounters(),
  threads = new SourceThreads(1),
) {
  const { filter, ...rest } = config;
  return threads.open(
    { type: config.type, config: rest, name: 'journal', configDirectory: process.cwd(), filter },
    logger,
    counters,
  );
}

const signal = () => new AbortController().signal;
const workerOf = (source: unknown) => (source as { thread: { worker: Worker | undefined } }).thread.worker!;
const bytesOf = (batch: StoredBatch) => Buffer.concat(batch.payloads);

/** The batches the pipeline's own thread would store, read to the end. */
async function inThread(config = sourceConfig()) {
  const descriptor = SOURCES.find((d) => d.type === 'audit-journal')!;
  const source = descriptor.create(config as never, {
    name: 'journal',
    logger: silentLogger,
    counters: emptyCounters(),
    configDirectory: process.cwd(),
  });
  const conversion = { toEvent: descriptor.toEvent, filter: compileFilter(config.filter) };
  const counters = emptyCounters();
  const batches: StoredBatch[] = [];
  let from: SourcePosition | undefined;
  try {
    for (;;) {
      const batch = storedBatch(
        (await source.read(from, signal())) as never,
        from,
        conversion as never,
        counters,
      );
      batches.push(batch);
      from = batch.after;
      if (batch.caughtUp) break;
    }
  } finally {
    await source.close();
  }
  return { batches, counters };
}

test('a threaded source stores byte for byte what the pipeline thread would, and counts the same', async () => {
  const expected = await inThread();
  const counters = emptyCounters();
  const source = threaded(sourceConfig(), silentLogger, counters);
  try {
    await source.ready;
    assert.equal(source.pollInterval, 1000);
    let from: SourcePosition | undefined;
    for (const want of expected.batches) {
      const got = await source.readStored(from, signal());
      assert.deepEqual(got.after, want.after);
      assert.equal(got.caughtUp, want.caughtUp);
      assert.equal(got.newestEventMs, want.newestEventMs);
      assert.equal(got.payloads.length, want.payloads.length);
      assert.ok(bytesOf(got).equals(bytesOf(want)), 'the same WAL payload bytes');
      from = got.after;
    }
    assert.ok(expected.batches.length >= 3, 'several batches');
    assert.equal(counters.eventsReceived, 2500);
    assert.ok((counters.dropped['filter'] ?? 0) > 0, 'the filter ran in the thread');
    assert.deepEqual(counters, expected.counters);
  } finally {
    await source.close();
  }
});

test('the read started ahead in the thread never changes what a position reads', async () => {
  const expected = await inThread();
  const source = threaded();
  try {
    const first = await source.readStored(undefined, signal());
    // Asked again for the start, not for what the thread already read ahead.
    const again = await source.readStored(undefined, signal());
    assert.ok(bytesOf(again).equals(bytesOf(expected.batches[0]!)));
    assert.ok(bytesOf(first).equals(bytesOf(again)));
    const second = await source.readStored(again.after, signal());
    assert.ok(bytesOf(second).equals(bytesOf(expected.batches[1]!)));
    // read() hands over events (to repair a damaged WAL region), from any position.
    const events = await source.read(first.after, signal());
    assert.deepEqual(events.position, expected.batches[1]!.after);
    assert.equal(events.records[0]!.id, expected.batches[1]!.events![0]!.id);
  } finally {
    await source.close();
  }
});

test("a thread's errors keep their code and retryability; its log lines reach the agent's log", async () => {
  const lines: string[] = [];
  const wrong = threaded(sourceConfig('not-the-password'), recordingLogger(lines));
  try {
    const error = await wrong.readStored(undefined, signal()).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof AuditRelayError, String(error));
    assert.equal(error.code, 'AR_SOURCE_AUTH');
    assert.equal(error.retryable, false);
  } finally {
    await wrong.close();
  }
  const right = threaded(sourceConfig(), recordingLogger(lines));
  try {
    await right.readStored(undefined, signal());
    assert.ok(
      lines.some((line) => line.startsWith('info connected to the IBM i') && line.includes('"target"')),
      lines.join('\n'),
    );
  } finally {
    await right.close();
  }
});

test('a thread that dies fails its read as retryable, and the next read starts a new one', async () => {
  const source = threaded();
  try {
    await source.ready;
    const pending = source.readStored(undefined, signal());
    await workerOf(source).terminate();
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof AuditRelayError, String(error));
    assert.equal(error.code, 'AR_INTERNAL');
    assert.equal(error.retryable, true);
    const batch = await source.readStored(undefined, signal());
    assert.equal(batch.caughtUp, false);
    assert.ok(batch.payloads.length > 0);
  } finally {
    await source.close();
  }
  await assert.rejects(source.readStored(undefined, signal()), /closed/);
});

test('sources share a thread: each reads its own, closing one leaves the other, the last one ends the thread', async () => {
  const threads = new SourceThreads(1);
  const expected = await inThread();
  const one = threaded(sourceConfig(), silentLogger, emptyCounters(), threads);
  const two = threaded(sourceConfig(), silentLogger, emptyCounters(), threads);
  const worker = workerOf(one);
  assert.equal(workerOf(two), worker, 'one thread');
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  try {
    const [a, b] = await Promise.all([
      one.readStored(undefined, signal()),
      two.readStored(undefined, signal()),
    ]);
    assert.ok(bytesOf(a).equals(bytesOf(expected.batches[0]!)));
    assert.ok(bytesOf(b).equals(bytesOf(expected.batches[0]!)));
    await one.close();
    const next = await two.readStored(b.after, signal());
    assert.ok(bytesOf(next).equals(bytesOf(expected.batches[1]!)), 'the other source reads on');
  } finally {
    await one.close();
    await two.close();
  }
  assert.equal(typeof (await exited), 'number', 'the thread ended with its last source');
});
