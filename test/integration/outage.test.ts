/**
 * Store-and-forward: under 1,000 events/s the receiver (a real rsyslog) is stopped for 60 s
 * and started again. Nothing is lost, the backlog drains, and the journal order is kept.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSimulator } from '../../src/ibmi/simulator/index.js';
import { runAgent, writeAgentConfig } from '../support/agent.js';
import { type RunningPeer, startRsyslog, tempDir, waitFor } from '../support/peers.js';

const RATE = 1000;
const OUTAGE_MS = 60_000;
const PASSWORD = 'outage-test-pw';

test('a 60 s receiver outage at 1,000 events/s: no loss, backlog drains, order kept', {
  timeout: 300_000,
}, async () => {
  const events = RATE * 100; // 100 s of journal: 20 s before, 60 s during, 20 s after the outage
  const simulator = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: RATE,
    events,
    seed: 60,
    utcOffsetMinutes: 0,
    receiverSize: 20_000,
    systemName: 'OUTAGE',
  });
  const receivers: RunningPeer[] = [await startRsyslog('tcp')];
  const port = receivers[0]!.port;
  const raw = () => receivers.flatMap((r) => r.lines().map((line) => JSON.parse(line).raw as string));
  const agent = runAgent(
    writeAgentConfig({
      dir: tempDir('agent'),
      mapepirePort: simulator.address.port,
      caFile: simulator.caCertificatePath,
      pollInterval: '200ms',
      sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${port}\n    transport: tcp\n    connectTimeout: 2s`,
    }),
    { AUDITRELAY_PASSWORD: PASSWORD },
  );
  try {
    await waitFor('10,000 events before the outage', () => raw().length >= 10_000, 60_000, 200);
    await receivers[0]!.stop();
    const during = raw().length;
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    assert.match(agent.output(), /AR_SINK_(UNREACHABLE|CLOSED)/, 'the outage is reported');
    assert.equal(raw().length, during, 'nothing can arrive while the receiver is down');
    receivers.push(await startRsyslog('tcp', undefined, { port }));
    await waitFor(
      () =>
        `all ${events} events after the outage (have ${uniqueIds(raw()).size}; agent: ${agent.output().slice(-3000)})`,
      () => uniqueIds(raw()).size >= events,
      120_000,
      500,
    );
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
    for (const r of receivers) await r.stop();
    await simulator.stop();
  }
  const messages = raw();
  const ids = uniqueIds(messages);
  assert.equal(ids.size, events, 'no loss');
  assert.ok(
    messages.length - ids.size <= 100,
    `duplicates ${messages.length - ids.size} within the resend window`,
  );
  // Order: the first arrival of every entry follows the journal (receiver, then sequence).
  const firsts = [...ids];
  for (let i = 1; i < firsts.length; i++) {
    assert.ok(
      journalOrder(firsts[i - 1]!, firsts[i]!) < 0,
      `out of order: ${firsts[i - 1]} before ${firsts[i]}`,
    );
  }
});

function uniqueIds(messages: string[]): Set<string> {
  return new Set(messages.map((m) => /\bid="([^"]+)"/.exec(m)?.[1] ?? 'missing'));
}

/** Ids are SYSTEM/LIBRARY/RECEIVER/SEQUENCE; receivers are named in attach order. */
function journalOrder(a: string, b: string): number {
  const [, , ra = '', sa = '0'] = a.split('/');
  const [, , rb = '', sb = '0'] = b.split('/');
  if (ra !== rb) return ra < rb ? -1 : 1;
  return Number(BigInt(sa) - BigInt(sb));
}
