/**
 * The at-least-once promise over plain TCP and TLS, tried the way it used to fail, through the
 * real CLI into real receivers: a receiver stalled then killed under load, killed three times,
 * a TLS port spoken to in plain TCP, a receiver whose frame limit is below our messages, and a
 * receiver that accepts and never reads, in a failover group, with a SIGTERM.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';
import { EntryWriter } from '../../src/ibmi/simulator/record-writer.js';
import { nodeFileSystem } from '../../src/store/fs.js';
import { cursorPath, readCursorFile } from '../../src/store/wal/cursor-file.js';
import { runAgent, writeAgentConfig } from '../support/agent.js';
import {
  opensslCertificates,
  type RunningPeer,
  startRelpRsyslog,
  startRsyslog,
  startSyslogNg,
  tempDir,
  waitFor,
} from '../support/peers.js';

const PASSWORD = 'tcp-promise-pw';

async function simulator(options: { rate: number; events: number; seed: number }): Promise<RunningSimulator> {
  return startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: options.rate,
    events: options.events,
    seed: options.seed,
    utcOffsetMinutes: 0,
    receiverSize: 20_000,
    systemName: 'PROMISE',
  });
}

function agentFor(sim: RunningSimulator, sink: string, dir = tempDir('agent')) {
  const agent = runAgent(
    writeAgentConfig({
      dir,
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      batchSize: 1000,
      pollInterval: '200ms',
      sink,
    }),
    { AUDITRELAY_PASSWORD: PASSWORD },
  );
  return { agent, dir };
}

/** RFC 5424 `id="…"` of every message rsyslog wrote, over every instance that ran. */
function ids(peers: RunningPeer[]): string[] {
  return peers.flatMap((peer) =>
    peer.lines().map((line) => /\bid="([^"]+)"/.exec(JSON.parse(line).raw as string)?.[1] ?? 'missing'),
  );
}

/** A TCP syslog sink; one connection is ended (to confirm it) after 1 MiB: at most ~1,500 of these messages. */
const tcpSink = (port: number, extra = '') =>
  `  - type: syslog\n    name: siem\n    host: 127.0.0.1\n    port: ${port}\n    transport: tcp\n    confirmBytes: 1MiB${extra}`;
const CONFIRM_MESSAGES = 1500;
const BATCH = 500;

test('receiver stalled 3 s (SIGSTOP) then killed under 3,000 events/s, then back: every event arrives', async (t) => {
  const EVENTS = 24_000;
  const sim = await simulator({ rate: 3000, events: EVENTS, seed: 31 });
  const first = await startRsyslog('tcp', undefined, { directQueue: true });
  const peers = [first];
  const { agent } = agentFor(sim, tcpSink(first.port));
  try {
    await waitFor('load', () => first.lines().length >= 3000, 30_000, 20);
    first.process.kill('SIGSTOP');
    await new Promise((r) => setTimeout(r, 3000));
    first.process.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1000));
    peers.push(await startRsyslog('tcp', undefined, { directQueue: true, port: first.port }));
    await waitFor(
      () => `every event (have ${new Set(ids(peers)).size} of ${EVENTS})`,
      () => new Set(ids(peers)).size >= EVENTS,
      120_000,
    );
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
    for (const peer of peers) await peer.stop();
    await sim.stop();
  }
  const all = ids(peers);
  assert.equal(new Set(all).size, EVENTS, 'no event lost');
  const duplicates = all.length - EVENTS;
  t.diagnostic(`${duplicates} duplicates`);
  assert.ok(duplicates <= CONFIRM_MESSAGES + 2 * BATCH, `${duplicates} duplicates for one lost connection`);
});

test('receiver killed three times under load (SIGKILL) and restarted: every event arrives', async (t) => {
  const EVENTS = 24_000;
  const sim = await simulator({ rate: 3000, events: EVENTS, seed: 32 });
  let current = await startRsyslog('tcp', undefined, { directQueue: true });
  const port = current.port;
  const peers = [current];
  const { agent } = agentFor(sim, tcpSink(port));
  try {
    for (const at of [4000, 9000, 14_000]) {
      await waitFor(
        () => `${at} received`,
        () => ids(peers).length >= at,
        60_000,
        20,
      );
      current.process.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      current = await startRsyslog('tcp', undefined, { directQueue: true, port });
      peers.push(current);
    }
    await waitFor(
      () => `every event (have ${new Set(ids(peers)).size} of ${EVENTS})`,
      () => new Set(ids(peers)).size >= EVENTS,
      120_000,
    );
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
    for (const peer of peers) await peer.stop();
    await sim.stop();
  }
  const all = ids(peers);
  assert.equal(new Set(all).size, EVENTS, 'no event lost');
  const duplicates = all.length - EVENTS;
  t.diagnostic(`${duplicates} duplicates after 3 kills`);
  assert.ok(
    duplicates <= 3 * (CONFIRM_MESSAGES + 2 * BATCH),
    `${duplicates} duplicates for three lost connections`,
  );
});

/** The acknowledged id of the sink's WAL cursor, as saved in the state directory. */
async function cursor(dir: string): Promise<number> {
  const wal = join(dir, 'state', 'wal', 'qaudjrn');
  return (await readCursorFile(nodeFileSystem, cursorPath(wal, 'siem'), 'siem')).acked;
}

test('plain TCP to a TLS port: the receiver drops every connection, nothing counts as delivered, and it says so', async () => {
  const sim = await simulator({ rate: 500, events: 500, seed: 33 });
  const certificates = opensslCertificates(tempDir('tls'));
  const tls = await startRsyslog('tls', certificates);
  const { agent, dir } = agentFor(sim, tcpSink(tls.port));
  try {
    await sim.done;
    await waitFor('a refused connection in the log', () => /AR_SINK_CLOSED/.test(agent.output()), 30_000);
    await new Promise((r) => setTimeout(r, 2000));
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
    await tls.stop();
    await sim.stop();
  }
  assert.equal(tls.lines().length, 0, 'the TLS receiver took nothing as a message');
  assert.equal(await cursor(dir), 0, 'the cursor did not move: every event is still to be delivered');
  assert.match(
    agent.output(),
    /AR_SINK_CLOSED: tcp:\/\/127.0.0.1:\d+ (broke|closed) the connection; \d+ messages written on it are not confirmed/,
  );
});

/** Entries whose messages run to 12 KB and more (an unknown type travels with its data in hex). */
function appendLongEntries(sim: RunningSimulator, count: number): void {
  for (let i = 0; i < count; i++) {
    sim.journal.append(
      {
        journalCode: 'T',
        entryType: 'Q9',
        jobName: 'QPADEV0001',
        jobUser: 'MALLORY',
        jobNumber: '123456',
        currentUser: 'MALLORY',
        timestamp: `2026-11-27-10.01.0${i}.000000`,
      },
      new EntryWriter(6609).char(610, 6000, `long entry ${i}`).bytes,
    );
  }
}

for (const [name, maxMessageSize] of [
  ['the default size limit', undefined],
  ['a size limit above the receiver’s', 16_384],
] as const) {
  test(`syslog-ng with log-msg-size(8192), ${name}: every event arrives, none split`, async (t) => {
    const sim = await simulator({ rate: 1, events: 0, seed: 34 });
    sim.generate(300);
    appendLongEntries(sim, 5);
    sim.generate(300);
    const total = 605;
    const syslogNg = await startSyslogNg('tcp', undefined, { logMsgSize: 8192 });
    const { agent, dir } = agentFor(
      sim,
      tcpSink(syslogNg.port, maxMessageSize ? `\n    maxMessageSize: ${maxMessageSize}` : ''),
    );
    const normalized = (line: string) =>
      (JSON.parse(line) as { _SDATA?: Record<string, Record<string, string>> })._SDATA?.['auditrelay@0'] ??
      {};
    const received = () => syslogNg.lines().map(normalized);
    const unique = () => new Set(received().map((sd) => sd['id'] ?? 'missing'));
    try {
      await waitFor(
        () => `all ${total} (have ${unique().size}; agent: ${agent.output()})`,
        () => unique().size >= total,
        120_000,
      );
    } finally {
      assert.equal(await agent.stop(), 0, agent.output());
      await syslogNg.stop();
      await sim.stop();
    }
    assert.ok(!unique().has('missing'), 'every message parsed with its id');
    assert.equal(unique().size, total);
    const cut = received().filter((sd) => sd['truncated'] === 'true');
    assert.equal(cut.length >= 5, true, 'the long entries arrive cut, marked truncated');
    if (maxMessageSize) {
      assert.match(agent.output(), /keeps refusing a message: sending it cut shorter/);
      t.diagnostic('refused frames were found and sent cut to 8096 bytes');
    }
    assert.equal(
      readdirSync(join(dir, 'state')).includes('dead-letter'),
      false,
      'nothing had to be given up',
    );
  });
}

test('imrelp with maxDataSize below the long messages (it aborts the session at one): every event arrives, the long ones cut', async () => {
  const sim = await simulator({ rate: 1, events: 0, seed: 35 });
  sim.generate(300);
  appendLongEntries(sim, 3);
  sim.generate(300);
  const total = 603;
  const relp = await startRelpRsyslog(tempDir('relp-small'), { maxDataSize: 4096 });
  const { agent, dir } = agentFor(
    sim,
    `  - type: syslog\n    name: siem\n    host: 127.0.0.1\n    port: ${relp.port}\n    transport: relp\n    maxMessageSize: 16384`,
  );
  const received = () => relp.lines().map((line) => /\bid="([^"]+)"/.exec(line)?.[1] ?? 'missing');
  try {
    await waitFor(
      () => `all ${total} (have ${new Set(received()).size}; agent: ${agent.output()})`,
      () => new Set(received()).size >= total,
      120_000,
    );
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
    await relp.stop();
    await sim.stop();
  }
  assert.equal(new Set(received()).size, total);
  assert.ok(!received().includes('missing'), 'every message has its id');
  assert.ok(
    relp.lines().filter((line) => line.includes('truncated="true"')).length >= 3,
    'the long ones arrive cut',
  );
  assert.match(agent.output(), /keeps refusing a message: sending it cut shorter/);
  assert.equal(readdirSync(join(dir, 'state')).includes('dead-letter'), false, 'nothing had to be given up');
});

test('a receiver that accepts and never reads: the failover group moves on within the confirm timeout; SIGTERM stops the agent within 10 s', async () => {
  // All 4,000 at once: the writes fit in the kernel's buffers, so no write blocks and only the
  // missing confirmation (the black hole never ends its side) can move the group on.
  const sim = await simulator({ rate: 1, events: 0, seed: 35 });
  sim.generate(4000);
  const held: Socket[] = [];
  const blackHole = createServer((socket) => {
    held.push(socket);
    socket.pause();
  });
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  const blackHolePort = (blackHole.address() as { port: number }).port;
  const backup = await startRsyslog('tcp', undefined, { directQueue: true });
  const { agent } = agentFor(
    sim,
    `  - type: syslog\n    name: siem\n    destinations:\n      - host: 127.0.0.1\n        port: ${blackHolePort}\n      - host: 127.0.0.1\n        port: ${backup.port}\n    transport: tcp\n    sendTimeout: 3s\n    confirmTimeout: 3s`,
  );
  let stoppedInMs = Number.POSITIVE_INFINITY;
  try {
    await waitFor(
      () => `every event at the backup (have ${new Set(ids([backup])).size})\n${agent.output().slice(-3000)}`,
      () => new Set(ids([backup])).size >= 4000,
      60_000,
    );
    assert.match(agent.output(), /failed over to another destination/);
    // Keep the black hole the preferred destination of new batches... and stop the agent.
    const started = Date.now();
    const code = await agent.stop();
    stoppedInMs = Date.now() - started;
    assert.equal(code, 0, agent.output());
  } finally {
    await agent.stop();
    for (const socket of held) socket.destroy();
    blackHole.close();
    await backup.stop();
    await sim.stop();
  }
  assert.ok(stoppedInMs <= 10_000, `stopped in ${stoppedInMs} ms`);
});
