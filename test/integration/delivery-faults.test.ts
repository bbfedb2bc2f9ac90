/**
 * Faults on the way to the SIEM, through the real CLI: a TCP connection reset mid-stream,
 * receiver certificates with the wrong name, expired, or from an untrusted CA, and a full
 * disk under the state directory. Each time the documented behaviour happens, the events
 * stay buffered, and nothing else is lost.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';
import { type RunningReceiver, startReceiver } from '../../src/testkit/syslog-receiver.js';
import { issueCertificate } from '../../src/testkit/x509.js';
import { runAgent, writeAgentConfig } from '../support/agent.js';
import { freePort, readLines, startRsyslog, tempDir, waitFor } from '../support/peers.js';
import { fakeReceiver, imrelpLike } from '../support/relp-receiver.js';

const PASSWORD = 'delivery-faults-pw';

async function simulator(events: number, rate = 1) {
  const sim = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate,
    seed: 77,
    utcOffsetMinutes: 0,
    receiverSize: 100_000,
    systemName: 'FAULTS2',
    startTime: rate === 1 ? Date.parse('2026-11-27T12:00:00Z') : undefined,
  });
  if (rate === 1) sim.generate(events);
  return sim;
}

const idsOf = (messages: string[]) => messages.map((m) => /\bid="([^"]+)"/.exec(m)?.[1] ?? 'missing');

test('TCP reset mid-stream: what the connection carried unconfirmed goes again, nothing is lost', async () => {
  const sim = await simulator(3000);
  const got: string[] = [];
  let resets = 0;
  const receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    protocol: 'tcp',
    onMessage: (m) => {
      got.push(m);
      // Reset (RST) the connection twice in the middle of the stream; whatever the kernel
      // buffered for this socket is gone with it.
      if ((got.length === 700 || got.length === 1900) && resets < 2) {
        resets++;
        for (const socket of receiver.connections) socket.resetAndDestroy();
      }
    },
  });
  const agent = runAgent(
    writeAgentConfig({
      dir: tempDir('agent'),
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${receiver.address.port}\n    transport: tcp\n    confirmBytes: 256KiB`,
    }),
    { AUDITRELAY_PASSWORD: PASSWORD },
  );
  try {
    await waitFor(
      () => `all 3000 after two resets (have ${new Set(idsOf(got)).size})`,
      () => new Set(idsOf(got)).size >= 3000,
      60_000,
    );
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
    await receiver.close();
    await sim.stop();
  }
  assert.equal(resets, 2);
  assert.equal(new Set(idsOf(got)).size, 3000, 'no loss');
  // Per reset, at most one connection's worth (256 KiB: under 900 of these messages) and a batch.
  assert.ok(got.length - 3000 <= 2 * (900 + 500), `duplicates ${got.length - 3000} within the bound`);
});

type Issued = ReturnType<typeof issueCertificate>;

/** A TLS receiver with the certificate `make` issues; the agent trusts only the CA passed to it. */
/** A TCP receiver and an agent whose state directory is under `state` (a small filesystem). */
async function agentWithStateOn(state: string, sim: RunningSimulator) {
  const got: string[] = [];
  const receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    protocol: 'tcp',
    onMessage: (m) => got.push(m),
  });
  const agent = runAgent(
    writeAgentConfig({
      dir: tempDir('agent'),
      state: join(state, 'agent'),
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      batchSize: 200,
      pollInterval: '100ms',
      sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${receiver.address.port}\n    transport: tcp`,
    }),
    { AUDITRELAY_PASSWORD: PASSWORD },
  );
  return { got, receiver, agent };
}

async function tlsCase(make: (trustedCa: Issued) => Issued, expected: RegExp) {
  const sim = await simulator(40);
  const dir = tempDir('tls-fault');
  const ca = issueCertificate({ commonName: 'Test CA', isCa: true });
  const certificate = make(ca);
  writeFileSync(join(dir, 'ca.pem'), ca.certificate);
  const port = await freePort();
  const got: string[] = [];
  let receiver: RunningReceiver = await startReceiver({
    host: '127.0.0.1',
    port,
    protocol: 'tls',
    tls: { cert: certificate.certificate, key: certificate.key },
    onMessage: (m) => got.push(m),
  });
  const agent = runAgent(
    writeAgentConfig({
      dir,
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${port}\n    transport: tls\n    tls:\n      ca: ${join(dir, 'ca.pem')}\n      servername: siem.example.com`,
    }),
    { AUDITRELAY_PASSWORD: PASSWORD },
  );
  try {
    await waitFor(
      () => `${expected} (agent: ${agent.output()})`,
      () => expected.test(agent.output()),
      20_000,
    );
    assert.equal(got.length, 0, 'nothing goes to a receiver that fails verification');
    assert.equal(agent.child.exitCode, null, 'the agent keeps the events and keeps trying');
    // The receiver gets a proper certificate: the buffered events go out, once.
    await receiver.close();
    const good = issueCertificate({
      commonName: 'siem.example.com',
      altNames: ['siem.example.com'],
      issuer: { commonName: 'Test CA', key: ca.keyObject },
    });
    receiver = await startReceiver({
      host: '127.0.0.1',
      port,
      protocol: 'tls',
      tls: { cert: good.certificate, key: good.key },
      onMessage: (m) => got.push(m),
    });
    await waitFor(
      () => `40 messages after the fix (agent: ${agent.output()})`,
      () => got.length >= 40,
      60_000,
    );
    assert.equal(new Set(idsOf(got)).size, 40);
  } finally {
    await agent.stop();
    await receiver.close();
    await sim.stop();
  }
}

test('TLS: untrusted, wrong name, expired — AR_SINK_TLS naming the reason; events stay buffered', async () => {
  const siem = { commonName: 'siem.example.com', altNames: ['siem.example.com'] };
  const other = issueCertificate({ commonName: 'Other CA', isCa: true });
  await tlsCase(
    () => issueCertificate({ ...siem, issuer: { commonName: 'Other CA', key: other.keyObject } }),
    /AR_SINK_TLS: TLS verification of tls:\/\/127\.0\.0\.1:\d+ failed: the receiver certificate is not signed by a trusted CA/,
  );
  await tlsCase(
    (ca) =>
      issueCertificate({
        commonName: 'other.example.com',
        altNames: ['other.example.com'],
        issuer: { commonName: 'Test CA', key: ca.keyObject },
      }),
    /AR_SINK_TLS: .*the receiver certificate does not name this host \(ERR_TLS_CERT_ALTNAME_INVALID\)/,
  );
  await tlsCase(
    (ca) =>
      issueCertificate({
        ...siem,
        issuer: { commonName: 'Test CA', key: ca.keyObject },
        notBefore: new Date(Date.now() - 10 * 86_400_000),
        notAfter: new Date(Date.now() - 86_400_000),
      }),
    /AR_SINK_TLS: .*the receiver certificate has expired \(CERT_HAS_EXPIRED\)/,
  );
});

test('disk full under the state directory: AR_STATE_FULL reported, source pauses, recovers when space returns', async () => {
  const sim = await simulator(0, 400);
  const state = tempDir('tmpfs-state');
  // A real full disk: an 8 MiB tmpfs (the tests run as root, as CI does), almost filled by
  // another program's file.
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', state]);
  const ballast = join(state, 'other-program.dat');
  writeFileSync(ballast, Buffer.alloc(7 * 1024 * 1024 + 512 * 1024));
  const { got, receiver, agent } = await agentWithStateOn(state, sim);
  try {
    await waitFor(
      () => `AR_STATE_FULL (agent: ${agent.output()})`,
      () => /AR_STATE_FULL: the disk is full/.test(agent.output()),
      60_000,
    );
    assert.equal(agent.child.exitCode, null, 'the agent keeps running');
    const generatedAtFull = sim.generated();
    rmSync(ballast);
    await waitFor(
      () => `everything generated so far delivered (have ${new Set(idsOf(got)).size})`,
      () => new Set(idsOf(got)).size >= generatedAtFull + 400,
      90_000,
      200,
    );
  } finally {
    await agent.stop();
    await receiver.close();
    await sim.stop();
    execFileSync('umount', ['-l', state]);
  }
  // The delivered sequence numbers have no holes: nothing accepted was lost.
  const sequences = [...new Set(idsOf(got))].map((id) => Number(id.split('/')[3])).sort((a, b) => a - b);
  assert.equal(sequences[0], 1);
  for (let i = 1; i < sequences.length; i++) {
    assert.equal(
      sequences[i]! - sequences[i - 1]!,
      1,
      `a hole between ${sequences[i - 1]} and ${sequences[i]}`,
    );
  }
});

test('a 2 MiB state filesystem the WAL fills by itself: delivery frees it again, and every event arrives', async (t) => {
  const EVENTS = 6000; // some 5 MB of WAL records: more than twice the filesystem
  const sim = await simulator(EVENTS);
  const state = tempDir('tmpfs-small');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', state]);
  const { got, receiver, agent } = await agentWithStateOn(state, sim);
  try {
    await waitFor(
      () => `every event (have ${new Set(idsOf(got)).size}; agent: ${agent.output().slice(-2000)})`,
      () => new Set(idsOf(got)).size >= EVENTS,
      120_000,
      200,
    );
  } finally {
    await agent.stop();
    await receiver.close();
    await sim.stop();
    execFileSync('umount', ['-l', state]);
  }
  const full = agent.output().match(/AR_STATE_FULL/g)?.length ?? 0;
  t.diagnostic(`the disk was full ${full} time(s) on the way`);
  assert.ok(full > 0, 'the WAL did fill the filesystem');
  assert.equal(new Set(idsOf(got)).size, EVENTS, 'no event lost');
});

test('a flipped byte in an undelivered WAL segment: the SIEM gets a damage report in place and the events, read again from the journal', async () => {
  const sim = await simulator(2000);
  const dir = tempDir('agent');
  const port = await freePort(); // nobody listens yet: everything stays in the WAL
  const config = writeAgentConfig({
    dir,
    mapepirePort: sim.address.port,
    caFile: sim.caCertificatePath,
    sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${port}\n    transport: tcp`,
  });
  const wal = join(dir, 'state', 'wal', 'qaudjrn');
  const segmentBytes = () =>
    existsSync(wal)
      ? readdirSync(wal)
          .filter((name) => name.endsWith('.seg'))
          .reduce((sum, name) => sum + statSync(join(wal, name)).size, 0)
      : 0;
  const first = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
  let size = -1;
  await waitFor(
    'every entry in the WAL',
    () => {
      const now = segmentBytes();
      const stable = now > 0 && now === size;
      size = now;
      return stable;
    },
    60_000,
    1000,
  );
  assert.equal(await first.stop(), 0, first.output());
  const segment = readdirSync(wal).find((name) => name.endsWith('.seg'))!;
  const bytes = readFileSync(join(wal, segment));
  bytes[Math.floor(bytes.length / 2)]! ^= 0x5a;
  writeFileSync(join(wal, segment), bytes);

  const rsyslog = await startRsyslog('tcp', undefined, { port });
  const second = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
  const raws = () => rsyslog.lines().map((line) => JSON.parse(line).raw as string);
  try {
    await waitFor(
      () => `every entry after the repair (have ${new Set(idsOf(raws())).size})`,
      () => new Set(idsOf(raws()).filter((id) => !id.includes('/wal/'))).size >= 2000,
      60_000,
    );
  } finally {
    assert.equal(await second.stop(), 0, second.output());
    await rsyslog.stop();
    await sim.stop();
  }
  const report = raws().find((raw) => / WAL \[/.test(raw));
  assert.ok(report, 'a WAL damage report reached the SIEM');
  assert.match(report, /were read again from the source and follow this event/);
  assert.match(second.output(), /a damaged WAL region was repaired/);
});

test('a RELP receiver that answers 500 to some messages: bounded retries, those to the dead letters, the rest flows', async () => {
  const sim = await simulator(400);
  // A receiver that refuses every password-failure event (MSGID PW) for good, as a full or
  // policy-bound receiver would, and takes everything else.
  const receiver = await fakeReceiver((frame, session) => {
    if (frame.command === 'syslog' && / PW \[/.test(frame.data.toString()))
      session.reply(frame.txnr, '500 rejected by policy');
    else imrelpLike(frame, session);
  });
  const dir = tempDir('agent');
  const agent = runAgent(
    writeAgentConfig({
      dir,
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      sink: `  - type: syslog\n    name: siem\n    host: 127.0.0.1\n    port: ${receiver.port}\n    transport: relp`,
    }),
    { AUDITRELAY_PASSWORD: PASSWORD },
  );
  const deadLetters = join(dir, 'state', 'dead-letter', 'siem.jsonl');
  const accepted = () =>
    new Set(
      idsOf(
        receiver
          .messages()
          .flat()
          .filter((m) => !/ PW \[/.test(m)),
      ),
    );
  const dead = () =>
    readLines(deadLetters).map(
      (line) => JSON.parse(line) as { event: { id: string; entryType: string }; reason: string },
    );
  try {
    await waitFor(
      () => `everything accepted or dead-lettered (${accepted().size} + ${dead().length})`,
      () => accepted().size + dead().length >= 400,
      60_000,
    );
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
    await receiver.close();
    await sim.stop();
  }
  const letters = dead();
  assert.ok(letters.length > 0, 'some PW events in the scenario');
  assert.ok(
    letters.every((l) => l.event.entryType === 'PW'),
    'only the refused ones',
  );
  assert.match(letters[0]!.reason, /refused by the receiver/);
  assert.equal(
    new Set([...accepted(), ...letters.map((l) => l.event.id)]).size,
    400,
    'every event accepted or kept',
  );
  const tries = receiver
    .messages()
    .flat()
    .filter((m) => m.includes(`id="${letters[0]!.event.id}"`)).length;
  assert.equal(tries, 3, 'each refused message was tried three times');
  assert.match(agent.output(), /written to the dead letters/);
});
