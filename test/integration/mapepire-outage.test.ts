/**
 * The IBM i goes away under a running agent: its Mapepire server is killed (the OS closes
 * the connection) or stops answering without closing anything (SIGSTOP: a host gone off the
 * network). The agent says so within 5 s, not after requestTimeout (60 s), and goes on once
 * the server is back, losing and duplicating nothing.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { startReceiver } from '../../src/testkit/syslog-receiver.js';
import { BIN, runAgent, writeAgentConfig } from '../support/agent.js';
import { freePort, tempDir, waitFor } from '../support/peers.js';

const PASSWORD = 'outage-pw';

/** The simulated IBM i as a process of its own (`auditrelay simulate`), so it can be killed or stopped. */
async function startSimulatorProcess(journal: string, port: number, events: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'simulate',
      '--journal',
      journal,
      '--listen',
      `127.0.0.1:${port}`,
      '--rate',
      '200',
      '--events',
      String(events),
      '--password',
      PASSWORD,
      '--start',
      '2026-11-27T00:00:00Z',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  await waitFor('the simulator serving', () => out.includes('serving Mapepire'), 20_000);
  return child;
}

async function setup() {
  const journal = tempDir('outage-sim');
  const port = await freePort();
  let simulator = await startSimulatorProcess(journal, port, 300);
  const messages: string[] = [];
  const receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    protocol: 'tcp',
    onMessage: (m) => messages.push(m),
  });
  const config = writeAgentConfig({
    dir: tempDir('outage-agent'),
    mapepirePort: port,
    caFile: join(journal, 'server-cert.pem'),
    pollInterval: '200ms',
    heartbeat: '2s',
    sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${receiver.address.port}\n    transport: tcp`,
  });
  const agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
  await waitFor(
    () => `300 messages (agent: ${agent.output()})`,
    () => messages.length >= 300,
    30_000,
  );
  return {
    messages,
    agent,
    simulator: () => simulator,
    restart: async (events: number) => {
      simulator = await startSimulatorProcess(journal, port, events);
    },
    async close() {
      await agent.stop();
      simulator.kill('SIGKILL');
      await receiver.close();
    },
  };
}

/** Milliseconds from now until the agent logs a line matching `pattern` that it had not logged before. */
async function timeUntilLogged(agent: ReturnType<typeof runAgent>, pattern: RegExp): Promise<number> {
  const from = agent.output().length;
  const started = Date.now();
  await waitFor(
    () => `a log line matching ${pattern}`,
    () => pattern.test(agent.output().slice(from)),
    15_000,
    20,
  );
  return Date.now() - started;
}

const uniqueIds = (messages: string[]) => new Set(messages.map((m) => /\bid="([^"]+)"/.exec(m)?.[1]));

test('a Mapepire server killed mid-run is detected within 5 s; the agent resumes when it is back', async () => {
  const run = await setup();
  try {
    const detected = timeUntilLogged(
      run.agent,
      /WARN .*AR_SOURCE_UNREACHABLE: the connection to \S+ was lost/,
    );
    run.simulator().kill('SIGKILL');
    const ms = await detected;
    assert.ok(ms < 5000, `detected after ${ms} ms`);
    await run.restart(600);
    await waitFor(
      () => `600 messages (agent: ${run.agent.output()})`,
      () => run.messages.length >= 600,
      30_000,
    );
    assert.equal(uniqueIds(run.messages).size, 600, 'nothing lost');
    assert.equal(run.messages.length, 600, 'nothing twice');
    assert.match(run.agent.output(), /connected to the IBM i[\s\S]*connected to the IBM i/);
  } finally {
    await run.close();
  }
});

test('a Mapepire server that stops answering (no close, no reset) is detected within 5 s by the heartbeat', async () => {
  const run = await setup();
  try {
    const detected = timeUntilLogged(
      run.agent,
      /AR_SOURCE_UNREACHABLE: the connection to \S+ was lost: no answer to a WebSocket ping/,
    );
    run.simulator().kill('SIGSTOP');
    const ms = await detected;
    assert.ok(ms < 5000, `detected after ${ms} ms`);
    run.simulator().kill('SIGCONT');
    run.simulator().kill('SIGKILL');
    await run.restart(400);
    await waitFor(
      () => `400 messages (agent: ${run.agent.output()})`,
      () => run.messages.length >= 400,
      90_000,
    );
    assert.equal(uniqueIds(run.messages).size, 400);
  } finally {
    await run.close();
  }
});
