/**
 * What an operator sees when things are wrong: stable error codes, retries with backoff,
 * recovery without a restart, and a bad configuration that never starts.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startSimulator } from '../../src/ibmi/simulator/index.js';
import { startReceiver } from '../../src/testkit/syslog-receiver.js';
import { runAgent, writeAgentConfig } from '../support/agent.js';
import { freePort, tempDir, waitFor } from '../support/peers.js';

const PASSWORD = 'faults-test-pw';

async function simulator(port = 0, events = 50) {
  const sim = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1000,
    events,
    seed: 5,
    utcOffsetMinutes: 0,
    receiverSize: 1000,
    systemName: 'FAULTS',
  });
  await sim.done;
  return sim;
}

test('receiver down: AR_SINK_UNREACHABLE, retried, then delivered once it is up', async () => {
  const sim = await simulator();
  const port = await freePort();
  const config = writeAgentConfig({
    dir: tempDir('agent'),
    mapepirePort: sim.address.port,
    caFile: sim.caCertificatePath,
    sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${port}\n    transport: tcp`,
  });
  const agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
  const messages: string[] = [];
  try {
    await waitFor('AR_SINK_UNREACHABLE in the log', () => /AR_SINK_UNREACHABLE/.test(agent.output()), 15_000);
    assert.equal(agent.child.exitCode, null, 'the agent keeps running');
    assert.doesNotMatch(agent.output(), /\n\s+at /, 'no stack trace');
    const receiver = await startReceiver({
      host: '127.0.0.1',
      port,
      protocol: 'tcp',
      onMessage: (m) => messages.push(m),
    });
    await waitFor('50 messages after the receiver came up', () => messages.length >= 50, 30_000);
    await receiver.close();
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
    await sim.stop();
  }
  assert.equal(new Set(messages.map((m) => /id="([^"]+)"/.exec(m)?.[1])).size, 50);
});

test('IBM i unreachable: AR_SOURCE_UNREACHABLE, retried, then read once it is up', async () => {
  const mapepirePort = await freePort();
  const dir = tempDir('agent');
  const messages: string[] = [];
  const receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    protocol: 'udp',
    onMessage: (m) => messages.push(m),
  });
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, '');
  const config = writeAgentConfig({
    dir,
    mapepirePort,
    caFile,
    sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${receiver.address.port}\n    transport: udp`,
  });
  const agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
  try {
    await waitFor(
      'AR_SOURCE_UNREACHABLE in the log',
      () => /AR_SOURCE_UNREACHABLE/.test(agent.output()),
      15_000,
    );
    assert.equal(agent.child.exitCode, null);
    assert.doesNotMatch(agent.output(), /\n\s+at /, 'no stack trace');
    const sim = await simulator(mapepirePort);
    // The simulator made a new certificate: put it where the config points.
    writeFileSync(caFile, (await import('node:fs')).readFileSync(sim.caCertificatePath));
    await waitFor('messages after the IBM i came up', () => messages.length >= 50, 30_000);
    await sim.stop();
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
    await receiver.close();
  }
});

test('wrong password: AR_SOURCE_AUTH, exit code 3, no retry storm', async () => {
  const sim = await simulator();
  const config = writeAgentConfig({
    dir: tempDir('agent'),
    mapepirePort: sim.address.port,
    caFile: sim.caCertificatePath,
    sink: '  - type: syslog\n    host: 127.0.0.1\n    port: 9\n    transport: udp',
  });
  const agent = runAgent(config, { AUDITRELAY_PASSWORD: 'wrong' });
  const code = await Promise.race([agent.exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
  await agent.stop();
  await sim.stop();
  assert.equal(code, 3, agent.output());
  assert.equal(agent.output().match(/AR_SOURCE_AUTH/g)?.length, 1, agent.output());
});

test('untrusted IBM i certificate: AR_SOURCE_TLS', async () => {
  const sim = await simulator();
  const dir = tempDir('agent');
  const other = join(dir, 'other-ca.pem');
  const { localhostCertificates } = await import('../../src/testkit/x509.js');
  writeFileSync(other, localhostCertificates().ca.certificate);
  const config = writeAgentConfig({
    dir,
    mapepirePort: sim.address.port,
    caFile: other,
    sink: '  - type: syslog\n    host: 127.0.0.1\n    port: 9\n    transport: udp',
  });
  const agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
  try {
    await waitFor('AR_SOURCE_TLS in the log', () => /AR_SOURCE_TLS/.test(agent.output()), 15_000);
    assert.equal(agent.child.exitCode, null, 'keeps retrying: a renewed certificate must not need a restart');
  } finally {
    await agent.stop();
    await sim.stop();
  }
});

test('a bad configuration never starts and names file, line and key', async () => {
  const dir = tempDir('agent');
  const config = join(dir, 'bad.yaml');
  writeFileSync(
    config,
    'sources:\n  - type: audit-journal\n    connection:\n      type: mapepire\n      host: ibmi\n      user: AUDITOR\n      password: x\n    pollInterval: soon\nsinks:\n  - type: syslog\n    host: siem\n    port: 70000\n',
  );
  const agent = runAgent(config);
  assert.equal(await agent.exited, 1);
  assert.match(agent.output(), /bad\.yaml:8 sources\[0\]\.pollInterval: expected a duration/);
  assert.match(agent.output(), /bad\.yaml:12 sinks\[0\]\.port: /);
  assert.doesNotMatch(agent.output(), /agent started/);
});
