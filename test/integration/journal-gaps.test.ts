/**
 * Journal edge cases: the receiver holding the saved position is deleted while the agent is
 * down; a receiver in the middle of the chain is deleted; sequence numbers reset at a
 * receiver change. The agent says what was lost (a GAP alert) and loses nothing else.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSimulator } from '../../src/ibmi/simulator/index.js';
import { startReceiver } from '../../src/testkit/syslog-receiver.js';
import { runAgent, writeAgentConfig } from '../support/agent.js';
import { tempDir, waitFor } from '../support/peers.js';

const PASSWORD = 'gaps-test-pw';

async function setup(extraSource = '') {
  const sim = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1,
    seed: 21,
    utcOffsetMinutes: 0,
    receiverSize: 100_000,
    systemName: 'GAPS',
    startTime: Date.parse('2026-11-27T12:00:00Z'),
  });
  const messages: string[] = [];
  const receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    protocol: 'tcp',
    onMessage: (m) => messages.push(m),
  });
  const config = writeAgentConfig({
    dir: tempDir('agent'),
    mapepirePort: sim.address.port,
    caFile: sim.caCertificatePath,
    pollInterval: '100ms',
    sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${receiver.address.port}\n    transport: tcp`,
    sourceExtra: extraSource,
  });
  return { sim, messages, receiver, config };
}

async function runUntil(config: string, what: string, done: () => boolean) {
  const agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
  try {
    await waitFor(() => `${what} (agent: ${agent.output()})`, done, 30_000);
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    await agent.stop();
  }
  return agent;
}

const ids = (messages: string[]) => messages.map((m) => /\bid="([^"]+)"/.exec(m)?.[1]);
const at = () => new Date().toISOString();

test('saved receiver deleted while the agent was down: a GAP alert, then everything still there, once', async () => {
  const { sim, messages, receiver, config } = await setup();
  try {
    sim.generate(50);
    await runUntil(config, '50 messages', () => messages.length >= 50);
    sim.journal.changeReceiver(at());
    sim.generate(30); // lost with the deleted receiver? no: these go to the new receiver
    sim.journal.deleteReceiver('AUDRCV0001');
    sim.journal.save();
    const before = messages.length;
    await runUntil(config, '30 more messages and a gap', () => messages.length >= before + 31);
    const after = messages.slice(before);
    assert.match(
      after[0]!,
      /^<105>1 .* GAP \[auditrelay@0 id="GAPS\/AUDLIB\/AUDRCV0001\/50\/gap" entryType="GAP".*action="journal-gap" outcome="failure"/,
    );
    assert.match(after[0]!, /the receiver holding the saved position no longer exists/);
    assert.equal(after.length, 31);
    assert.equal(new Set(ids(messages)).size, messages.length, 'no duplicates');
  } finally {
    await receiver.close();
    await sim.stop();
  }
});

test('onLostPosition: stop ends the agent with AR_SOURCE_POSITION_LOST and exit code 1', async () => {
  const { sim, messages, receiver, config } = await setup('    onLostPosition: stop');
  try {
    sim.generate(10);
    await runUntil(config, '10 messages', () => messages.length >= 10);
    sim.journal.changeReceiver(at());
    sim.generate(5);
    sim.journal.deleteReceiver('AUDRCV0001');
    const agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
    const code = await Promise.race([
      agent.exited,
      new Promise((r) => setTimeout(() => r('timeout'), 20_000)),
    ]);
    await agent.stop();
    assert.equal(code, 1, agent.output());
    assert.match(
      agent.output(),
      /AR_SOURCE_POSITION_LOST: the saved position AUDLIB\/AUDRCV0001\/10 no longer exists/,
    );
    assert.equal(messages.length, 10, 'nothing sent past the lost position');
  } finally {
    await receiver.close();
    await sim.stop();
  }
});

test('a deleted receiver in the middle of the chain is reported as a gap; a sequence reset is not', async () => {
  const { sim, messages, receiver, config } = await setup();
  try {
    sim.generate(20);
    await runUntil(config, '20 messages', () => messages.length >= 20);
    sim.journal.changeReceiver(at());
    sim.generate(2000); // AUDRCV0002, deleted below before the agent reads it
    sim.journal.changeReceiver(at());
    sim.generate(10); // AUDRCV0003
    sim.journal.changeReceiver(at(), { resetSequence: true });
    sim.generate(10); // AUDRCV0004, sequences from 1 again
    sim.journal.deleteReceiver('AUDRCV0002');
    const before = messages.length;
    await runUntil(config, '21 more messages', () => messages.length >= before + 21);
    const after = messages.slice(before);
    assert.equal(after.length, 21, after.join('\n'));
    assert.match(
      after[0]!,
      / GAP .*id="GAPS\/AUDLIB\/AUDRCV0001\/20\/gap".*resumeReceiver="AUDLIB\/AUDRCV0003"/,
    );
    assert.ok(after.slice(1, 11).every((m) => /AUDRCV0003/.test(m)));
    assert.ok(
      after.slice(11).every((m) => /id="GAPS\/AUDLIB\/AUDRCV0004\/\d+"/.test(m)),
      'after the reset, ids stay unique through the receiver',
    );
    assert.equal(new Set(ids(messages)).size, messages.length);
  } finally {
    await receiver.close();
    await sim.stop();
  }
});
