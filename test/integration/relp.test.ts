/**
 * RELP against the real imrelp (rsyslog 8.2302, librelp 1.11) and certificate pinning
 * against real TLS servers. rsyslog runs with a direct main queue, so a message it has
 * acknowledged has already been handed to omfile: what the output file lacks was never
 * acknowledged.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createServer as createTlsServer } from 'node:tls';
import { retryUntilDone } from '../../src/core/backoff.js';
import { AuditRelayError } from '../../src/core/errors.js';
import { certificateFingerprint } from '../../src/core/pinning.js';
import { encodeRelpFrame, RelpFrameReader } from '../../src/sinks/syslog/relp/codec.js';
import { RelpConnection, type RelpTarget } from '../../src/sinks/syslog/relp/connection.js';
import { issueCertificate } from '../../src/testkit/x509.js';
import { opensslCertificates, startRelpRsyslog, tempDir } from '../support/peers.js';

/** Distinct, fixed-width messages so the output can be checked one by one. */
const messages = (from: number, count: number) =>
  Array.from(
    { length: count },
    (_, i) =>
      `<110>1 2024-05-01T10:00:00.000Z RELPTEST auditrelay - AF - relp message ${String(from + i).padStart(6, '0')}`,
  );

function countById(lines: string[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const line of lines) {
    const id = Number(/relp message (\d{6})$/.exec(line)?.[1]);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function relp(port: number, options: Partial<RelpTarget> = {}): RelpConnection {
  return new RelpConnection({ host: '127.0.0.1', port, connectTimeoutMs: 5000, ...options });
}

async function failure(promise: Promise<unknown>): Promise<AuditRelayError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AuditRelayError, String(error));
    return error;
  }
  assert.fail('expected the connection to fail');
}

/** A client certificate signed by the CA in `dir` (opensslCertificates left ca.pem/ca.key there). */
function clientCertificate(dir: string): { certFile: string; keyFile: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'client.key',
    '-out',
    'client.csr',
    '-subj',
    '/CN=auditrelay',
  );
  run(
    'x509',
    '-req',
    '-in',
    'client.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'client.pem',
    '-days',
    '30',
  );
  return { certFile: join(dir, 'client.pem'), keyFile: join(dir, 'client.key') };
}

/** A self-signed server certificate for 127.0.0.1, made with the openssl CLI. */
function selfSigned(dir: string): { certFile: string; keyFile: string } {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'self.key',
      '-out',
      'self.pem',
      '-days',
      '30',
      '-subj',
      '/CN=self-signed receiver',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { cwd: dir, stdio: 'pipe' },
  );
  return { certFile: join(dir, 'self.pem'), keyFile: join(dir, 'self.key') };
}

const fingerprintOf = (file: string) => `sha-256:${new X509Certificate(readFileSync(file)).fingerprint256}`;

test('imrelp receives every message exactly once and in order', async () => {
  const rsyslog = await startRelpRsyslog(tempDir('relp'));
  const connection = relp(rsyslog.port, { window: 128 });
  try {
    for (let from = 0; from < 5000; from += 1000) await connection.send(messages(from, 1000));
    await connection.close();
    assert.deepEqual(rsyslog.lines(), messages(0, 5000));
    assert.deepEqual(connection.counters, {
      sent: 5000,
      acknowledged: 5000,
      resent: 0,
      sessions: 1,
      refused: 0,
    });
  } finally {
    await rsyslog.stop();
  }
});

test('imrelp accepts sessions that end when transaction numbers run out, and UTF-8 messages', async () => {
  const rsyslog = await startRelpRsyslog(tempDir('relp'));
  const connection = relp(rsyslog.port, { lastTxnr: 40, window: 8 });
  const utf8 = messages(0, 200).map((m, i) => (i % 2 ? `${m.replace('relp message', 'relp méssage ✓')}` : m));
  try {
    await connection.send(utf8);
    await connection.close();
    assert.deepEqual(rsyslog.lines(), utf8);
    assert.equal(connection.counters.sessions, Math.ceil(200 / 38));
  } finally {
    await rsyslog.stop();
  }
});

test('rsyslog killed with SIGKILL mid-stream and restarted: every message arrives, duplicates within the window', {
  timeout: 120_000,
}, async (t) => {
  const dir = tempDir('relp-kill');
  const window = 128;
  const total = 20_000;
  let rsyslog = await startRelpRsyslog(dir);
  const connection = relp(rsyslog.port, { window, connectTimeoutMs: 1000 });
  const errors: string[] = [];
  let finished = false;
  // Kill as soon as 7,000 are acknowledged: in the middle of the second batch of 5,000.
  const killed = (async () => {
    while (!finished && connection.counters.acknowledged < 7000) await new Promise((r) => setImmediate(r));
    await rsyslog.kill();
    const acknowledgedAtKill = connection.counters.acknowledged;
    await new Promise((r) => setTimeout(r, 500));
    rsyslog = await startRelpRsyslog(dir, { port: rsyslog.port });
    return acknowledgedAtKill;
  })();
  try {
    for (let from = 0; from < total; from += 5000) {
      const batch = messages(from, 5000);
      await retryUntilDone(() => connection.send(batch), {
        initialMs: 50,
        maxMs: 500,
        random: () => 0.5,
        signal: AbortSignal.timeout(60_000),
        onRetry: (error) => errors.push((error as AuditRelayError).code),
      });
    }
    const acknowledgedAtKill = await killed;
    await connection.close();

    const counts = countById(rsyslog.lines());
    const missing = Array.from({ length: total }, (_, id) => id).filter((id) => !counts.has(id));
    assert.deepEqual(missing, [], 'every message arrived at least once');
    const duplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0);
    t.diagnostic(JSON.stringify({ duplicates, acknowledgedAtKill, ...connection.counters, retries: errors }));
    assert.ok(duplicates <= window, `${duplicates} duplicates, window ${window}`);
    assert.ok(
      connection.counters.resent > 0 && connection.counters.resent <= window,
      `${connection.counters.resent} messages re-sent after the restart`,
    );
    assert.equal(connection.counters.acknowledged, total, 'each message acknowledged once');
    assert.ok(acknowledgedAtKill < 10_000, 'the kill came while the second batch was in flight');
    assert.equal(connection.counters.sessions, 2);
    assert.equal(errors[0], 'AR_SINK_CLOSED', `first failure: ${errors.join(', ')}`);
  } finally {
    finished = true;
    await rsyslog.stop();
  }
});

test('RELP over TLS to imrelp: verified chain, client certificate and the right pin', async () => {
  const dir = tempDir('relp-tls');
  const material = opensslCertificates(dir);
  const client = clientCertificate(dir);
  const rsyslog = await startRelpRsyslog(dir, { tls: { ...material, clientCaFile: material.caFile } });
  const tls = { ca: material.caFile, cert: client.certFile, key: client.keyFile, rejectUnauthorized: true };
  try {
    const pinned = relp(rsyslog.port, { tls: { ...tls, fingerprints: [fingerprintOf(material.certFile)] } });
    await pinned.send(messages(0, 300));
    await pinned.close();
    assert.deepEqual(rsyslog.lines(), messages(0, 300));

    const wrongPin = relp(rsyslog.port, { tls: { ...tls, fingerprints: [fingerprintOf(material.caFile)] } });
    const error = await failure(wrongPin.send(messages(300, 1)));
    assert.equal(error.code, 'AR_SINK_PIN');
    assert.ok(error.message.includes(fingerprintOf(material.certFile)), error.message);
    assert.equal(rsyslog.lines().length, 300, 'nothing sent to a receiver whose pin does not match');
  } finally {
    await rsyslog.stop();
  }
});

test('RELP over TLS to imrelp with a self-signed certificate: pin-only works, CA verification alone refuses', async () => {
  const dir = tempDir('relp-self');
  const clientCa = opensslCertificates(dir);
  const client = clientCertificate(dir);
  const server = selfSigned(dir);
  const rsyslog = await startRelpRsyslog(dir, {
    tls: { certFile: server.certFile, keyFile: server.keyFile, clientCaFile: clientCa.caFile },
  });
  const tls = { cert: client.certFile, key: client.keyFile, fingerprints: [fingerprintOf(server.certFile)] };
  try {
    const pinOnly = relp(rsyslog.port, { tls: { ...tls, rejectUnauthorized: false } });
    await pinOnly.send(messages(0, 50));
    await pinOnly.close();
    assert.deepEqual(rsyslog.lines(), messages(0, 50));

    const chainAndPin = relp(rsyslog.port, { tls: { ...tls, rejectUnauthorized: true } });
    const error = await failure(chainAndPin.send(messages(50, 1)));
    assert.equal(error.code, 'AR_SINK_TLS');
    assert.match(error.message, /DEPTH_ZERO_SELF_SIGNED_CERT/);
  } finally {
    await rsyslog.stop();
  }
});

test('pinning against a self-signed Node TLS server: the right pin connects, a wrong one sends nothing', async () => {
  const receiverCertificate = issueCertificate({ commonName: 'receiver', altNames: ['127.0.0.1'] });
  const impostor = issueCertificate({ commonName: 'receiver', altNames: ['127.0.0.1'] });
  const received: Buffer[] = [];
  const server = createTlsServer(
    { cert: receiverCertificate.certificate, key: receiverCertificate.key, minVersion: 'TLSv1.2' },
    (socket) => {
      const reader = new RelpFrameReader();
      socket.on('error', () => {});
      socket.on('data', (chunk) => {
        received.push(chunk);
        for (const frame of reader.push(chunk)) {
          const answer =
            frame.command === 'open'
              ? '200 OK\nrelp_version=0\ncommands=syslog'
              : frame.command === 'close'
                ? ''
                : '200 OK';
          socket.write(encodeRelpFrame(frame.txnr, 'rsp', Buffer.from(answer)));
        }
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const der = new X509Certificate(receiverCertificate.certificate).raw;
  try {
    const right = relp(port, {
      tls: { rejectUnauthorized: false, fingerprints: [certificateFingerprint(der, 'sha-256')] },
    });
    await right.send(['<110>1 - - - - - - pinned']);
    await right.close();
    assert.match(
      Buffer.concat(received).toString(),
      /^1 open \d+ relp_version=0\n.*\n2 syslog 25 <110>1 - - - - - - pinned\n3 close 0\n$/s,
    );

    received.length = 0;
    const impostorPin = certificateFingerprint(new X509Certificate(impostor.certificate).raw, 'sha-512');
    const wrong = relp(port, { tls: { rejectUnauthorized: false, fingerprints: [impostorPin] } });
    const error = await failure(wrong.send(['<110>1 - - - - - - must not leave']));
    assert.equal(error.code, 'AR_SINK_PIN');
    assert.ok(error.message.includes(certificateFingerprint(der, 'sha-512')), error.message);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(Buffer.concat(received).length, 0, 'no application data reached the unpinned server');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
