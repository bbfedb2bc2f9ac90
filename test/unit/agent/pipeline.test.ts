import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Pipeline, READ_AHEAD_BATCHES, RecentEvents, runPipeline } from '../../../src/agent/pipeline.js';
import { backoffDelay } from '../../../src/core/backoff.js';
import type { Sink, Source, SourcePosition } from '../../../src/core/component.js';
import { AuditRelayError, retryable } from '../../../src/core/errors.js';
import type { SecurityEvent } from '../../../src/core/event.js';
import { Metrics } from '../../../src/telemetry/metrics.js';
import { sampleEvent } from '../../support/events.js';
import { tempDir } from '../../support/peers.js';
import { collectingSink, countingSource, options, until } from '../../support/pipeline.js';

test('every event reaches every sink in order; a failing sink is retried without holding up the other', async () => {
  const dir = tempDir('pipeline');
  const a: string[] = [];
  const b: string[] = [];
  const flaky = { up: false };
  const metrics = new Metrics();
  const controller = new AbortController();
  const run = runPipeline(
    options(
      dir,
      countingSource(25, 10, []),
      { a: collectingSink(a), b: collectingSink(b, flaky, metrics.component('b')) },
      metrics,
    ),
    controller.signal,
  );
  await until(() => a.length === 25);
  assert.equal(b.length, 0, 'the dead sink holds nobody up');
  assert.ok((metrics.snapshot()['b']!.errors.sending ?? 0) > 0);
  flaky.up = true;
  await until(() => b.length === 25);
  controller.abort();
  await run;
  const expected = Array.from({ length: 25 }, (_, i) => String(i + 1));
  assert.deepEqual(a, expected);
  assert.deepEqual(b, expected);
});

test('restart: the source resumes after the newest durable record; a sink resumes at its cursor', async () => {
  const dir = tempDir('pipeline');
  const first: string[] = [];
  const down = { up: false };
  const controller = new AbortController();
  const run = runPipeline(
    options(dir, countingSource(20, 10, []), { a: collectingSink(first), b: collectingSink([], down) }),
    controller.signal,
  );
  await until(() => first.length === 20);
  controller.abort();
  await run;
  // Second start: the source has 30 now; b was down the whole first run.
  const reads: (SourcePosition | undefined)[] = [];
  const again: string[] = [];
  const b: string[] = [];
  const controller2 = new AbortController();
  const run2 = runPipeline(
    options(dir, countingSource(30, 10, reads), { a: collectingSink(again), b: collectingSink(b) }),
    controller2.signal,
  );
  await until(() => again.length === 10 && b.length === 30);
  controller2.abort();
  await run2;
  assert.deepEqual(reads[0], { n: '20' }, 'resumes after the newest durable position');
  assert.deepEqual(
    again,
    ['21', '22', '23', '24', '25', '26', '27', '28', '29', '30'],
    'a gets nothing twice',
  );
  assert.deepEqual(
    b,
    Array.from({ length: 30 }, (_, i) => String(i + 1)),
    'b gets its backlog from the WAL, then the rest',
  );
});

test('a sink gets the same events from memory as from the WAL after a restart', async () => {
  const dir = tempDir('pipeline');
  const fromMemory: SecurityEvent[] = [];
  const fromLog: SecurityEvent[] = [];
  // A sink that cannot deliver keeps trying until it is told to stop.
  const keeping = (into: SecurityEvent[], state = { up: true }): Sink => ({
    async send(events, signal) {
      if (!state.up) {
        await new Promise((stopped) => signal.addEventListener('abort', stopped, { once: true }));
        throw retryable('AR_SINK_UNREACHABLE', 'down');
      }
      into.push(...events);
      return { delivered: Promise.resolve() };
    },
    close: async () => {},
  });
  const controller = new AbortController();
  const run = runPipeline(
    options(dir, countingSource(15, 4, []), { a: keeping(fromMemory), b: keeping([], { up: false }) }),
    controller.signal,
  );
  await until(() => fromMemory.length === 15);
  controller.abort();
  // Sink b gives up only when the drain time is over, and that timer does not hold the process
  // open (by design): without a timer of our own the test could end before it fires.
  const alive = setInterval(() => {}, 50);
  await run.finally(() => clearInterval(alive));
  const controller2 = new AbortController();
  const run2 = runPipeline(
    options(dir, countingSource(15, 4, []), { a: keeping([]), b: keeping(fromLog) }),
    controller2.signal,
  );
  await until(() => fromLog.length === 15);
  controller2.abort();
  await run2;
  assert.deepEqual(fromLog, fromMemory);
});

test('recent events are kept up to their limit, oldest dropped first', () => {
  const recent = new RecentEvents(5);
  recent.remember(
    1,
    [1, 2, 3].map((n) => sampleEvent({ id: String(n) })),
  );
  recent.remember(
    4,
    [4, 5, 6, 7].map((n) => sampleEvent({ id: String(n) })),
  );
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8].map((id) => recent.get(id)?.id),
    [undefined, undefined, '3', '4', '5', '6', '7', undefined],
  );
});

test('a full buffer pauses the source; nothing is dropped', async () => {
  const dir = tempDir('pipeline');
  const got: string[] = [];
  const gate = { up: false };
  const reads: (SourcePosition | undefined)[] = [];
  const controller = new AbortController();
  const metrics = new Metrics();
  const opts = options(dir, countingSource(400, 20, reads), { a: collectingSink(got, gate) }, metrics);
  opts.buffer = { maxBytes: 64 * 1024, segmentBytes: 16 * 1024, sync: false };
  const run = runPipeline(opts, controller.signal);
  try {
    // The source reports the full buffer (AR_STATE_FULL) once its append is refused; by then
    // its one read ahead has been made, so from here on it reads nothing, however slow the machine.
    await until(() => (metrics.component('src').errors.state ?? 0) > 0);
    const readsWhileFull = reads.length;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(reads.length, readsWhileFull, 'no reads while the buffer is full');
    assert.ok(readsWhileFull < 20, 'the source paused before reading everything');
    gate.up = true;
    await until(() => got.length === 400);
  } finally {
    controller.abort();
    await run;
  }
  assert.equal(new Set(got).size, 400);
});

test('a non-retryable error ends the pipeline with that error', async () => {
  const source: Source<SecurityEvent> = {
    pollInterval: 5,
    read: async () => {
      throw new AuditRelayError('AR_SOURCE_AUTH', 'rejected');
    },
    close: async () => {},
  };
  await assert.rejects(
    runPipeline(options(tempDir('p'), source, {}), new AbortController().signal),
    /rejected/,
  );
});

test('backoff grows exponentially with jitter, capped', () => {
  const backoff = { initialMs: 100, maxMs: 1000, random: () => 0.999 };
  assert.deepEqual(
    [0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, backoff)),
    [99, 199, 399, 799, 999, 999],
  );
  assert.equal(backoffDelay(5, { ...backoff, random: () => 0 }), 50);
});

test('filters: a source filter keeps events out of the WAL, a sink filter out of that sink; both counted', async () => {
  const dir = tempDir('pipeline');
  const all: string[] = [];
  const even: string[] = [];
  const metrics = new Metrics();
  const controller = new AbortController();
  const opts = options(
    dir,
    countingSource(30, 7, []),
    { all: collectingSink(all), even: collectingSink(even) },
    metrics,
  );
  // The source drops ids 1-5; the sink "even" drops odd ids.
  opts.sources[0]!.filter = (event) => Number(event.id) > 5;
  opts.sinks[1]!.filter = (event) => Number(event.id) % 2 === 0;
  const run = runPipeline(opts, controller.signal);
  await until(() => all.length === 25 && even.length === 13);
  controller.abort();
  await run;
  assert.deepEqual(
    all,
    Array.from({ length: 25 }, (_, i) => String(i + 6)),
  );
  assert.deepEqual(
    even,
    Array.from({ length: 13 }, (_, i) => String(2 * i + 6)),
  );
  assert.equal(metrics.component('src').dropped['filter'], 5);
  assert.equal(metrics.component('src').eventsReceived, 30);
  assert.equal(metrics.component('even').dropped['filter'], 12);
});

/** The position in the source's mark file, once there is one. */
const marked = (dir: string): string | undefined => {
  const path = join(dir, 'wal', 'src', 'position.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')).position.n : undefined;
};

test('a position without events is kept: a restart resumes there, not at the configured start again', async () => {
  const dir = tempDir('pipeline');
  // A start "at the newest entry" that finds nothing new, then a filter that leaves out all of 1-20.
  const firstReads: (SourcePosition | undefined)[] = [];
  const quiet: Source<SecurityEvent> = {
    pollInterval: 5,
    async read(after) {
      firstReads.push(after);
      return { records: [], position: after ?? { n: '100' }, caughtUp: true };
    },
    close: async () => {},
  };
  const controller = new AbortController();
  const run = runPipeline(options(dir, quiet, { a: collectingSink([]) }), controller.signal);
  await until(() => marked(dir) === '100');
  controller.abort();
  await run;
  assert.equal(firstReads[0], undefined, 'the first start reads from the configured start');

  // Second start: resumes after 100; everything it reads is filtered out.
  const reads: (SourcePosition | undefined)[] = [];
  const controller2 = new AbortController();
  const opts = options(dir, countingSource(120, 10, reads), { a: collectingSink([]) });
  opts.sources[0]!.filter = () => false;
  const run2 = runPipeline(opts, controller2.signal);
  await until(() => marked(dir) === '120');
  controller2.abort();
  await run2;
  assert.deepEqual(reads[0], { n: '100' }, 'resumes after the position of the empty read');

  // Third start, nothing filtered: it neither reads the filtered entries again nor starts over.
  const got: string[] = [];
  const third: (SourcePosition | undefined)[] = [];
  const controller3 = new AbortController();
  const run3 = runPipeline(
    options(dir, countingSource(125, 10, third), { a: collectingSink(got) }),
    controller3.signal,
  );
  await until(() => got.length === 5);
  controller3.abort();
  await run3;
  assert.deepEqual(third[0], { n: '120' });
  assert.deepEqual(got, ['121', '122', '123', '124', '125']);

  // Events stored after the mark make it stale: the WAL's newest record decides again.
  const fourth: (SourcePosition | undefined)[] = [];
  const controller4 = new AbortController();
  const run4 = runPipeline(
    options(dir, countingSource(125, 10, fourth), { a: collectingSink([]) }),
    controller4.signal,
  );
  await until(() => fourth.length > 0);
  controller4.abort();
  await run4;
  assert.deepEqual(fourth[0], { n: '125' });
});

test('a damaged WAL region is reported to each sink in place, and its events are read again from the source', async () => {
  const dir = tempDir('pipeline');
  const down = { up: false };
  const controller = new AbortController();
  const first = options(dir, countingSource(300, 50, []), { a: collectingSink([], down) });
  const run = runPipeline(first, controller.signal);
  // Every event in the WAL, none delivered: then the run stops.
  const wal = join(dir, 'wal', 'src');
  await until(() => existsSync(wal) && readdirSync(wal).some((name) => name.endsWith('.seg')));
  await new Promise((r) => setTimeout(r, 300));
  controller.abort();
  await run;
  const segment = readdirSync(join(dir, 'wal', 'src')).find((name) => name.endsWith('.seg'))!;
  const path = join(dir, 'wal', 'src', segment);
  const bytes = readFileSync(path);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  writeFileSync(path, bytes);

  const got: SecurityEvent[] = [];
  const keeping: Sink = {
    async send(events) {
      got.push(...events);
      return { delivered: Promise.resolve() };
    },
    close: async () => {},
  };
  const controller2 = new AbortController();
  const second = options(dir, countingSource(300, 50, []), { a: keeping });
  second.sources[0]!.positionOf = (event) => (event.origin === 'AUDITRELAY' ? undefined : { n: event.id });
  const run2 = runPipeline(second, controller2.signal);
  await until(() => new Set(got.map((e) => e.id)).size >= 301);
  controller2.abort();
  await run2;
  const damage = got.find((e) => e.entryType === 'WAL')!;
  assert.ok(damage, 'a WAL damage event');
  assert.equal(damage.action, 'buffer-damage');
  assert.match(damage.message, /events after \d+ and before \d+ were read again from the source/);
  const ids = got.filter((e) => e.entryType !== 'WAL').map((e) => Number(e.id));
  assert.deepEqual(
    [...new Set(ids)].sort((x, y) => x - y),
    Array.from({ length: 300 }, (_, i) => i + 1),
  );
  const at = got.indexOf(damage);
  assert.equal(
    Number(got[at + 1]!.id),
    Number(got[at - 1]!.id) + 1,
    'the events read again follow the report, in order',
  );
});

test('the source is read ahead of the WAL, a bounded number of batches, and stored in order', async () => {
  const dir = tempDir('pipeline');
  const reads: (SourcePosition | undefined)[] = [];
  const got: string[] = [];
  const sink = { up: false };
  // A WAL that holds about a hundred events: with the sink down, the append of the next batch waits for space.
  const opts = options(dir, countingSource(1000, 10, reads), { a: collectingSink(got, sink) });
  opts.buffer = { maxBytes: 128 * 1024, segmentBytes: 64 * 1024, sync: false };
  const pipeline = await Pipeline.open(opts);
  const stored = () => pipeline.view().sources[0]!.wal.lastId;
  await until(() => stored() > 0 && reads.length >= stored() / 10 + 1 + READ_AHEAD_BATCHES);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(
    reads.length,
    stored() / 10 + 1 + READ_AHEAD_BATCHES,
    'the batches stored, the one waiting for space, and READ_AHEAD_BATCHES more; no further',
  );
  assert.deepEqual(
    reads.slice(0, 4),
    [undefined, { n: '10' }, { n: '20' }, { n: '30' }],
    'each read after the one before',
  );
  sink.up = true;
  await until(() => got.length === 1000);
  pipeline.stop();
  await pipeline.done;
  assert.deepEqual(
    got,
    Array.from({ length: 1000 }, (_, i) => String(i + 1)),
    'every event once, in order',
  );
});
