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
import { startAgent } from '../../../src/agent/agent.js';
import { configFromData } from '../../../src/agent/config/load.js';
import { startSimulator } from '../../../src/ibmi/simulator/index.js';
import { silentLogger } from '../../../src/telemetry/logger.js';
import { startReceiver } from '../../../src/testkit/syslog-receiver.js';
import { tempDir, waitFor } from '../../support/peers.js';

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
