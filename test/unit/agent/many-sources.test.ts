/** One agent, many sources: each source and sink pair listens on the agent-wide signals, which Node must not report as a leak. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { startAgent } from '../../../src/agent/agent.js';
import { configFromData } from '../../../src/agent/config/load.js';
import { startSimulator } from '../../../src/ibmi/simulator/index.js';
import { silentLogger } from '../../../src/telemetry/logger.js';
import { startReceiver } from '../../../src/testkit/syslog-receiver.js';
import { tempDir, waitFor } from '../../support/peers.js';

test('20 sources and 2 sinks on one agent: every source delivers to both, and no MaxListenersExceeded warning', async () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  const sim = await startSimulator({
    directory: tempDir('many-sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: 'many-pw',
    rate: 1,
    events: 0,
    seed: 5,
    utcOffsetMinutes: 0,
    receiverSize: 1000,
    systemName: 'MANY',
  });
  sim.generate(50);
  const counts = [0, 0];
  const receivers = await Promise.all(
    counts.map((_, i) =>
      startReceiver({
        host: '127.0.0.1',
        port: 0,
        protocol: 'tcp',
        onMessage: () => {
          counts[i]!++;
        },
      }),
    ),
  );
  const connection = {
    type: 'mapepire',
    host: '127.0.0.1',
    port: sim.address.port,
    user: 'AUDITOR',
    password: 'many-pw',
    ca: sim.caCertificatePath,
  };
  const dir = tempDir('many');
  const config = configFromData({
    state: join(dir, 'state'),
    sources: Array.from({ length: 20 }, (_, i) => ({
      type: 'audit-journal',
      name: `system-${i}`,
      connection,
      pollInterval: 100,
      startAt: 'oldest',
    })),
    sinks: receivers.map((receiver, i) => ({
      type: 'syslog',
      name: `siem-${i}`,
      host: '127.0.0.1',
      port: receiver.address.port,
      transport: 'tcp',
    })),
  });
  const agent = await startAgent({ config, directory: dir, logger: silentLogger });
  try {
    // Every source reads the same 50 entries: 20 × 50 messages reach each receiver.
    await waitFor(
      () => `20 × 50 at each receiver: ${counts}`,
      () => counts.every((n) => n >= 1000),
      30_000,
    );
  } finally {
    await agent.stop();
    await Promise.all(receivers.map((r) => r.close()));
    await sim.stop();
    process.off('warning', onWarning);
  }
  assert.deepEqual(
    warnings.filter((w) => w.includes('MaxListeners')),
    [],
  );
});
