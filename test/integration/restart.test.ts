/**
 * Restart: the agent is stopped mid-stream (SIGTERM) and started again while the simulated
 * IBM i keeps writing; every entry reaches rsyslog exactly once.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';
import { runAgent, writeAgentConfig } from '../support/agent.js';
import { type RunningPeer, startRsyslog, tempDir, waitFor } from '../support/peers.js';

const EVENTS = 1500;
const PASSWORD = 'restart-test-pw';
let simulator: RunningSimulator;
let rsyslog: RunningPeer;

before(async () => {
  simulator = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 300,
    events: EVENTS,
    seed: 99,
    utcOffsetMinutes: 0,
    receiverSize: 400,
    systemName: 'RESTART',
  });
  rsyslog = await startRsyslog('tcp');
});

after(async () => {
  await rsyslog?.stop();
  await simulator?.stop();
});

const ids = () =>
  rsyslog.lines().map((line) => /\bid="([^"]+)"/.exec(JSON.parse(line).raw)?.[1] ?? 'missing');

test('stopping and restarting mid-stream delivers every entry once', async () => {
  const dir = tempDir('agent');
  const config = writeAgentConfig({
    dir,
    mapepirePort: simulator.address.port,
    caFile: simulator.caCertificatePath,
    batchSize: 100,
    pollInterval: '100ms',
    sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${rsyslog.port}\n    transport: tcp`,
  });
  const first = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
  await waitFor('some messages before the stop', () => rsyslog.lines().length >= 300, 30_000);
  assert.equal(await first.stop('SIGTERM'), 0, first.output());
  const atStop = rsyslog.lines().length;
  assert.ok(atStop < EVENTS, 'the stop must happen mid-stream');
  assert.match(first.output(), /agent stopped/);

  const second = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
  try {
    await waitFor(
      () => `all ${EVENTS} messages (have ${rsyslog.lines().length})`,
      () => rsyslog.lines().length >= EVENTS,
      60_000,
    );
    await new Promise((r) => setTimeout(r, 700));
  } finally {
    assert.equal(await second.stop(), 0, second.output());
  }
  const all = ids();
  assert.equal(all.length, EVENTS, 'no duplicates');
  assert.equal(new Set(all).size, EVENTS, 'every entry once');
  assert.ok(!all.includes('missing'));
  assert.match(second.output(), /source starting.*RESTART|position=AUDLIB\/AUDRCV/);
});
