import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Sink, Source, SourceBatch, SourcePosition } from '../../../src/core/component.js';
import { retryable } from '../../../src/core/errors.js';
import { runPipeline } from '../../../src/core/pipeline.js';
import { backoffDelay } from '../../../src/core/retry.js';
import type { SecurityEvent } from '../../../src/events/security-event.js';
import { PositionStore } from '../../../src/store/position-store.js';
import { silentLogger } from '../../../src/telemetry/logger.js';
import { Metrics } from '../../../src/telemetry/metrics.js';
import { sampleEvent } from '../../support/events.js';
import { tempDir } from '../../support/peers.js';

/** A source of `total` events in batches of `size`, positions `{ n }`. */
function countingSource(total: number, size: number, reads: (SourcePosition | undefined)[]): Source {
  return {
    pollInterval: 5,
    async read(after): Promise<SourceBatch> {
      reads.push(after);
      const from = Number(after?.['n'] ?? 0);
      const to = Math.min(total, from + size);
      const events: SecurityEvent[] = [];
      for (let n = from + 1; n <= to; n++) events.push(sampleEvent({ id: String(n) }));
      return { events, position: to > from ? { n: String(to) } : undefined, caughtUp: to === total };
    },
    close: async () => {},
  };
}

const fast = { initialMs: 1, maxMs: 5, random: () => 0.5 };

test('the position is saved only after every sink took the batch; a failing sink is retried', async () => {
  const dir = tempDir('pipeline');
  const positions = new PositionStore(dir);
  const delivered: string[] = [];
  let failures = 2;
  const flaky: Sink = {
    async send(events) {
      if (failures-- > 0) throw retryable('AR_SINK_UNREACHABLE', 'down');
      delivered.push(...events.map((e) => e.id));
      assert.notEqual(
        positions.get('src')?.['n'],
        events.at(-1)!.id,
        'position must not move before delivery',
      );
    },
    close: async () => {},
  };
  const controller = new AbortController();
  const reads: (SourcePosition | undefined)[] = [];
  const metrics = new Metrics();
  const run = runPipeline(
    {
      sources: [{ name: 'src', source: countingSource(25, 10, reads) }],
      sinks: [{ name: 'sink', sink: flaky }],
      positions,
      logger: silentLogger,
      metrics,
      backoff: fast,
    },
    controller.signal,
  );
  while (delivered.length < 25) await new Promise((r) => setTimeout(r, 5));
  controller.abort();
  await run;
  assert.deepEqual(
    delivered,
    Array.from({ length: 25 }, (_, i) => String(i + 1)),
  );
  assert.deepEqual(new PositionStore(dir).get('src'), { n: '25' });
  assert.equal(metrics.snapshot()['sink']!.errors.sending, 2);
  assert.deepEqual(reads.slice(0, 3), [undefined, { n: '10' }, { n: '20' }]);
});

test('a restart resumes from the saved position', async () => {
  const dir = tempDir('pipeline');
  new PositionStore(dir).set('src', { n: '20' });
  const reads: (SourcePosition | undefined)[] = [];
  const got: string[] = [];
  const controller = new AbortController();
  const run = runPipeline(
    {
      sources: [{ name: 'src', source: countingSource(25, 10, reads) }],
      sinks: [
        {
          name: 'sink',
          sink: { send: async (events) => void got.push(...events.map((e) => e.id)), close: async () => {} },
        },
      ],
      positions: new PositionStore(dir),
      logger: silentLogger,
      metrics: new Metrics(),
      backoff: fast,
    },
    controller.signal,
  );
  while (got.length < 5) await new Promise((r) => setTimeout(r, 5));
  controller.abort();
  await run;
  assert.deepEqual(reads[0], { n: '20' });
  assert.deepEqual(got, ['21', '22', '23', '24', '25']);
});

test('a non-retryable error ends the pipeline with that error', async () => {
  const source: Source = {
    pollInterval: 5,
    read: async () => {
      throw new (await import('../../../src/core/errors.js')).AuditRelayError('AR_SOURCE_AUTH', 'rejected');
    },
    close: async () => {},
  };
  await assert.rejects(
    runPipeline(
      {
        sources: [{ name: 's', source }],
        sinks: [],
        positions: new PositionStore(tempDir('p')),
        logger: silentLogger,
        metrics: new Metrics(),
        backoff: fast,
      },
      new AbortController().signal,
    ),
    /rejected/,
  );
});

test('backoff grows exponentially with jitter, capped', () => {
  const options = { initialMs: 100, maxMs: 1000, random: () => 0.999 };
  assert.deepEqual(
    [0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, options)),
    [99, 199, 399, 799, 999, 999],
  );
  assert.equal(backoffDelay(5, { ...options, random: () => 0 }), 50);
});
