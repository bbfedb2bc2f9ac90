/**
 * Delivery options through the real CLI: RELP into rsyslog's imrelp, a failover group that
 * switches to its backup and back, and certificate pinning on TLS.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { startSimulator } from '../../src/ibmi/simulator/index.js';
import { startReceiver } from '../../src/testkit/syslog-receiver.js';
import { runAgent, writeAgentConfig } from '../support/agent.js';
import { freePort, opensslCertificates, startRelpRsyslog, tempDir, waitFor } from '../support/peers.js';

const PASSWORD = 'delivery-test-pw';

async function simulator(events: number) {
  const sim = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1,
    seed: 33,
    utcOffsetMinutes: 0,
    receiverSize: 100_000,
    systemName: 'DELIVER',
    startTime: Date.parse('2026-11-27T12:00:00Z'),
  });
  sim.generate(events);
  return sim;
}

const ids = (messages: string[]) => messages.map((m) => /\bid="([^"]+)"/.exec(m)?.[1]);

test('relp: every entry acknowledged by imrelp, exactly once', async () => {
  const sim = await simulator(800);
  const rsyslog = await startRelpRsyslog(tempDir('relp'));
  const agent = runAgent(
    writeAgentConfig({
      dir: tempDir('agent'),
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${rsyslog.port}\n    transport: relp\n    relpWindow: 64`,
    }),
    { AUDITRELAY_PASSWORD: PASSWORD },
  );
  try {
    await waitFor(
      () => `800 messages over RELP (agent: ${agent.output()})`,
      () => rsyslog.lines().length >= 800,
      60_000,
    );
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
    await rsyslog.stop();
    await sim.stop();
  }
  const all = ids(rsyslog.lines());
  assert.equal(all.length, 800);
  assert.equal(new Set(all).size, 800);
});

test('failover: the backup takes over while the primary is down, the primary takes back after failback', async () => {
  const sim = await simulator(60);
  const primary: string[] = [];
  const backup: string[] = [];
  const primaryPort = await freePort();
  const backupReceiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    protocol: 'tcp',
    onMessage: (m) => backup.push(m),
  });
  const agent = runAgent(
    writeAgentConfig({
      dir: tempDir('agent'),
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      batchSize: 20,
      pollInterval: '100ms',
      sink: `  - type: syslog\n    transport: tcp\n    failback: 1s\n    connectTimeout: 1s\n    destinations:\n      - host: 127.0.0.1\n        port: ${primaryPort}\n      - host: 127.0.0.1\n        port: ${backupReceiver.address.port}`,
    }),
    { AUDITRELAY_PASSWORD: PASSWORD },
  );
  let primaryReceiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  try {
    await waitFor(
      () => `60 messages on the backup (agent: ${agent.output()})`,
      () => backup.length >= 60,
      30_000,
    );
    assert.match(agent.output(), /failed over to another destination/);
    primaryReceiver = await startReceiver({
      host: '127.0.0.1',
      port: primaryPort,
      protocol: 'tcp',
      onMessage: (m) => primary.push(m),
    });
    await new Promise((r) => setTimeout(r, 1500));
    sim.generate(40);
    await waitFor(
      () => `40 messages on the primary after failback (agent: ${agent.output()})`,
      () => primary.length >= 40,
      30_000,
    );
    assert.match(agent.output(), /back on the primary destination/);
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
    await primaryReceiver?.close();
    await backupReceiver.close();
    await sim.stop();
  }
  assert.equal(new Set(ids([...backup, ...primary])).size, 100, 'every entry once across both');
});

test('tls pinning: the right fingerprint connects without a CA; a wrong one is refused with AR_SINK_PIN', async () => {
  const sim = await simulator(30);
  const dir = tempDir('pin');
  const material = opensslCertificates(dir);
  const fingerprint = `sha-256:${new X509Certificate(readFileSync(material.certFile)).fingerprint256}`;
  const wrong = `sha-256:${'AB:'.repeat(31)}AB`;
  const got: string[] = [];
  const receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    protocol: 'tls',
    tls: { cert: readFileSync(material.certFile, 'utf8'), key: readFileSync(material.keyFile, 'utf8') },
    onMessage: (m) => got.push(m),
  });
  const config = (pin: string) =>
    writeAgentConfig({
      dir: tempDir('agent'),
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${receiver.address.port}\n    transport: tls\n    tls:\n      rejectUnauthorized: false\n      fingerprints: ["${pin}"]`,
    });
  try {
    const refused = runAgent(config(wrong), { AUDITRELAY_PASSWORD: PASSWORD });
    await waitFor(
      () => `AR_SINK_PIN (agent: ${refused.output()})`,
      () => /AR_SINK_PIN/.test(refused.output()),
      20_000,
    );
    assert.equal(await refused.stop(), 0);
    assert.equal(got.length, 0, 'nothing sent to an unpinned receiver');
    const pinned = runAgent(config(fingerprint), { AUDITRELAY_PASSWORD: PASSWORD });
    await waitFor(
      () => `30 messages (agent: ${pinned.output()})`,
      () => got.length >= 30,
      20_000,
    );
    assert.equal(await pinned.stop(), 0);
  } finally {
    await receiver.close();
    await sim.stop();
  }
});
