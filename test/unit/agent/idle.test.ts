/**
 * An agent with nothing to do wakes only for what needs it: a sink that has caught up waits
 * for the next record instead of reading its WAL again every second, and without a metrics
 * endpoint no runtime collector (prom-client's event-loop delay monitor wakes the process
 * every 10 ms) runs. See docs/benchmarks.md, "Latency and idle".
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { IntervalHistogram } from 'node:perf_hooks';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startAgent } from '../../../src/agent/agent.js';
import { configFromData } from '../../../src/agent/config/load.js';
import { Pipeline } from '../../../src/agent/pipeline.js';
import type { Source, SourceBatch } from '../../../src/core/component.js';
import { AuditRelayError } from '../../../src/core/errors.js';
import type { SecurityEvent } from '../../../src/core/event.js';
import { startSimulator } from '../../../src/ibmi/simulator/index.js';
import { WriteAheadLog } from '../../../src/store/wal/wal.js';
import { silentLogger } from '../../../src/telemetry/logger.js';
import { startReceiver } from '../../../src/testkit/syslog-receiver.js';
import { sampleEvent } from '../../support/events.js';
import { tempDir, waitFor } from '../../support/peers.js';
import { collectingSink, countingSource, options, until } from '../../support/pipeline.js';

/** A source of events 1..total, `total` raised by the test; positions `{ n }`. */
function growingSource(state: { total: number }): Source<SecurityEvent> {
  return {
    pollInterval: 5,
    async read(after): Promise<SourceBatch<SecurityEvent>> {
      const from = Number(after?.['n'] ?? 0);
      const events: SecurityEvent[] = [];
      for (let n = from + 1; n <= state.total; n++) events.push(sampleEvent({ id: String(n) }));
      return {
        records: events,
        position: events.length > 0 ? { n: String(state.total) } : undefined,
        caughtUp: true,
      };
    },
    close: async () => {},
  };
}

test('a sink that has caught up reads its WAL again only when a record arrives', async (t) => {
  let walReads = 0;
  const read = WriteAheadLog.prototype.read;
  t.after(() => {
    WriteAheadLog.prototype.read = read;
  });
  WriteAheadLog.prototype.read = function (this: WriteAheadLog, ...args: Parameters<typeof read>) {
    walReads++;
    return read.apply(this, args);
  };
  const state = { total: 20 };
  const got: string[] = [];
  const pipeline = await Pipeline.open(
    options(tempDir('idle'), growingSource(state), { a: collectingSink(got) }),
  );
  try {
    await until(() => got.length === 20);
    await sleep(200); // the read that finds nothing more, then the wait
    const before = walReads;
    await sleep(1500);
    assert.equal(walReads, before, 'WAL reads of a caught-up sink while no record arrives');
    state.total = 30;
    await until(() => got.length === 30);
    assert.ok(walReads > before, 'a new record wakes it');
  } finally {
    pipeline.stop();
    await pipeline.done;
  }
  assert.deepEqual(
    got,
    Array.from({ length: 30 }, (_, i) => String(i + 1)),
  );
});

test('a cursor that cannot be saved ends the delivery even when no record follows', async (t) => {
  const ack = WriteAheadLog.prototype.ack;
  t.after(() => {
    WriteAheadLog.prototype.ack = ack;
  });
  WriteAheadLog.prototype.ack = async () => {
    throw new AuditRelayError('AR_INTERNAL', 'the cursor cannot be written');
  };
  const got: string[] = [];
  const pipeline = await Pipeline.open(
    options(tempDir('idle'), countingSource(5, 5, []), { a: collectingSink(got) }),
  );
  const deadline = new AbortController();
  const outcome = await Promise.race([
    pipeline.done.then(
      () => 'ended without an error',
      (error: unknown) => error,
    ),
    sleep(10_000, 'still running 10 s after the failed acknowledgement', { signal: deadline.signal }),
  ]);
  deadline.abort();
  if (typeof outcome === 'string') {
    pipeline.stop();
    await pipeline.done.catch(() => {});
  }
  assert.ok(outcome instanceof AuditRelayError, String(outcome));
  assert.equal(outcome.code, 'AR_INTERNAL');
  assert.deepEqual(got, ['1', '2', '3', '4', '5']);
});

test('without a metrics endpoint no event-loop delay monitor runs; configuring one starts it', async (t) => {
  // prom-client looks the function up on the module object when it registers its collectors.
  const perfHooks = createRequire(import.meta.url)('node:perf_hooks') as typeof import('node:perf_hooks');
  const monitor = perfHooks.monitorEventLoopDelay;
  let monitors = 0;
  t.after(() => {
    perfHooks.monitorEventLoopDelay = monitor;
  });
  perfHooks.monitorEventLoopDelay = (...args): IntervalHistogram => {
    monitors++;
    return monitor(...args);
  };
  const sim = await startSimulator({
    directory: tempDir('idle-sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: 'idle-pw',
    rate: 1,
    events: 0,
    seed: 3,
    utcOffsetMinutes: 0,
    receiverSize: 1000,
    systemName: 'IDLE',
  });
  sim.generate(10);
  let received = 0;
  const receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    protocol: 'tcp',
    onMessage: () => {
      received++;
    },
  });
  const dir = tempDir('idle');
  const data = {
    state: join(dir, 'state'),
    sources: [
      {
        type: 'audit-journal',
        name: 'journal',
        connection: {
          type: 'mapepire',
          host: '127.0.0.1',
          port: sim.address.port,
          user: 'AUDITOR',
          password: 'idle-pw',
          ca: sim.caCertificatePath,
        },
        startAt: 'oldest',
      },
    ],
    sinks: [{ type: 'syslog', host: '127.0.0.1', port: receiver.address.port, transport: 'tcp' }],
  };
  const agent = await startAgent({ config: configFromData(data), directory: dir, logger: silentLogger });
  try {
    await waitFor('10 messages at the receiver', () => received >= 10);
    assert.equal(monitors, 0, 'event-loop delay monitors without an endpoint');
    const reloaded = await agent.reload(configFromData({ ...data, metrics: { listen: '127.0.0.1:0' } }), dir);
    assert.deepEqual(reloaded.refused, []);
    assert.equal(monitors, 1, 'event-loop delay monitors once an endpoint is configured');
  } finally {
    await agent.stop();
    await receiver.close();
    await sim.stop();
  }
});
