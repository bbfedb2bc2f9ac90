/**
 * Crash safety: 20,000 simulated audit entries while the agent is killed with SIGKILL at
 * random moments (at least 10 times) and restarted. Every entry must reach a real rsyslog —
 * over RELP and over TCP — and duplicates must stay within what the configuration allows:
 * per kill, at most the two send batches that can be delivered but not yet recorded as
 * delivered (one being sent while the previous one's cursor is written), plus (TCP) what
 * one connection carries before it is ended to confirm it (confirmBytes).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';
import { Random } from '../../src/ibmi/simulator/scenario.js';
import { runAgent, writeAgentConfig } from '../support/agent.js';
import { startRelpRsyslog, startRsyslog, tempDir, waitFor } from '../support/peers.js';

const EVENTS = 20_000;
const KILLS = 10;
const SEND_BATCH = 500;
/** TCP: a connection is ended (and its messages confirmed) after this many bytes... */
const CONFIRM_BYTES = 256 * 1024;
/** ...which is at most this many messages: none of the simulator's is shorter than 300 bytes. */
const CONFIRM_MESSAGES = Math.ceil(CONFIRM_BYTES / 300);
const PASSWORD = 'crash-test-pw';

let simulator: RunningSimulator;

before(async () => {
  simulator = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1,
    seed: 2026,
    utcOffsetMinutes: 60,
    receiverSize: 5000,
    systemName: 'CRASH',
    startTime: Date.parse('2026-11-27T08:00:00Z'),
  });
  // The whole day's journal exists up front; the agent works through it under fire.
  simulator.generate(EVENTS);
});

after(() => simulator.stop());

async function crashRun(transport: 'tcp' | 'relp', lines: () => string[], port: number, seed: number) {
  const random = new Random(seed);
  const config = writeAgentConfig({
    dir: tempDir(`crash-${transport}`),
    mapepirePort: simulator.address.port,
    caFile: simulator.caCertificatePath,
    batchSize: 1000,
    pollInterval: '100ms',
    sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${port}\n    transport: ${transport}\n    confirmBytes: ${CONFIRM_BYTES}`,
  });
  const ids = () => lines().map((line) => /\bid="([^"]+)"/.exec(line)?.[1] ?? 'missing');
  let kills = 0;
  while (kills < KILLS) {
    const agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
    const before = lines().length;
    // Kill at a random moment after it has made some progress (or after a random delay).
    const target = before + random.int(100, 600);
    await waitFor(
      () => `progress before kill ${kills + 1} (${agent.output()})`,
      () => lines().length >= target || lines().length >= EVENTS,
      60_000,
      20,
    );
    await new Promise((r) => setTimeout(r, random.int(0, 50)));
    await agent.stop('SIGKILL');
    kills++;
    if (lines().length >= EVENTS) break;
  }
  const last = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
  try {
    await waitFor(
      () => `every entry delivered after ${kills} kills (have ${new Set(ids()).size})`,
      () => new Set(ids()).size >= EVENTS,
      120_000,
    );
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    assert.equal(await last.stop(), 0, last.output());
  }
  const all = ids();
  const unique = new Set(all);
  assert.ok(!unique.has('missing'));
  assert.equal(unique.size, EVENTS, 'every entry arrived');
  const duplicates = all.length - unique.size;
  const allowed = kills * (2 * SEND_BATCH + (transport === 'tcp' ? CONFIRM_MESSAGES : 0));
  assert.ok(
    duplicates <= allowed,
    `${duplicates} duplicates after ${kills} kills; at most ${allowed} allowed`,
  );
  return { kills, duplicates };
}

test('RELP: SIGKILL at random moments, every entry arrives, duplicates bounded', async (t) => {
  const rsyslog = await startRelpRsyslog(tempDir('relp'));
  try {
    const result = await crashRun('relp', () => rsyslog.lines(), rsyslog.port, 1);
    assert.equal(result.kills, KILLS);
    t.diagnostic(`${result.kills} kills, ${result.duplicates} duplicates`);
  } finally {
    await rsyslog.stop();
  }
});

test('TCP: SIGKILL at random moments, every entry arrives, duplicates bounded', async (t) => {
  const rsyslog = await startRsyslog('tcp');
  try {
    const result = await crashRun(
      'tcp',
      () => rsyslog.lines().map((line) => JSON.parse(line).raw as string),
      rsyslog.port,
      2,
    );
    assert.equal(result.kills, KILLS);
    t.diagnostic(`${result.kills} kills, ${result.duplicates} duplicates`);
  } finally {
    await rsyslog.stop();
  }
});
