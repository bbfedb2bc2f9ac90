/**
 * The Mapepire adapter of the Db2 port, on IBM's client against the simulated server: rows
 * in blocks, column metadata, and SQL errors with SQLSTATE and SQLCODE kept apart from text.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createServer as createTlsServer, type TLSSocket, connect as tlsConnect } from 'node:tls';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AuditRelayError } from '../../../src/core/errors.js';
import { certificateFingerprint, parsePin } from '../../../src/core/pinning.js';
import { type MapepireOptions, mapepireConnector } from '../../../src/ibmi/db2/mapepire.js';
import { type Db2Connection, isMissingObject, sqlFailureOf } from '../../../src/ibmi/db2/port.js';
import { type RunningSimulator, startSimulator } from '../../../src/ibmi/simulator/index.js';
import { silentLogger } from '../../../src/telemetry/logger.js';
import { localhostCertificates } from '../../../src/testkit/x509.js';
import { tempDir, waitFor } from '../../support/peers.js';

let sim: RunningSimulator;
let connection: Db2Connection;

before(async () => {
  sim = await startSimulator({
    directory: tempDir('adapter'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: 'adapter-pw',
    rate: 1,
    seed: 2,
    utcOffsetMinutes: 0,
    receiverSize: 100_000,
    systemName: 'ADAPTER',
  });
  sim.generate(2500);
  connection = await mapepireConnector(
    {
      host: '127.0.0.1',
      port: sim.address.port,
      user: 'AUDITOR',
      password: 'adapter-pw',
      ca: sim.caCertificatePath,
      rejectUnauthorized: true,
      requestTimeout: 10_000,
      heartbeat: 2000,
    },
    silentLogger,
  ).connect();
});

after(async () => {
  await connection.close();
  await sim.stop();
});

const JOURNAL = "TABLE(QSYS2.DISPLAY_JOURNAL(JOURNAL_LIBRARY => 'QSYS', JOURNAL_NAME => 'QAUDJRN')) AS J";

/** The types of the requests the server gets while `run` runs. */
async function requestTypes(run: () => Promise<unknown>): Promise<string[]> {
  const types: string[] = [];
  const count = (message: unknown) => types.push(String(JSON.parse(String(message)).type));
  for (const socket of sim.server.sockets) socket.on('message', count);
  try {
    await run();
  } finally {
    for (const socket of sim.server.sockets) socket.off('message', count);
  }
  return types;
}

test('more rows than one block: the first comes with sql, the rest with sqlmore', async () => {
  let result: Awaited<ReturnType<Db2Connection['query']>> | undefined;
  const types = await requestTypes(async () => {
    result = await connection.query(`SELECT J.SEQUENCE_NUMBER FROM ${JOURNAL}`);
  });
  assert.deepEqual(types, ['sql', 'sqlmore', 'sqlmore'], 'blocks of 1000 rows');
  assert.equal(result!.rows.length, 2500);
  assert.equal(result!.rows[2499]!['SEQUENCE_NUMBER'], 2500);
  assert.deepEqual(result!.columns, [
    { name: 'SEQUENCE_NUMBER', type: 'DECIMAL', precision: 21, scale: 0, nullable: true },
  ]);
});

test('a statement that limits its rows gets them in one round trip, beyond 1000 rows too', async () => {
  let rows = 0;
  const types = await requestTypes(async () => {
    rows = (await connection.query(`SELECT J.SEQUENCE_NUMBER FROM ${JOURNAL} FETCH FIRST 2400 ROWS ONLY`))
      .rows.length;
  });
  assert.equal(rows, 2400);
  assert.deepEqual(types, ['sql'], 'no sqlmore, not even an empty one at the end');
});

test('a reply is not kept once its query returned (the connection lives for days)', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const refs: WeakRef<object>[] = [];
  for (let i = 0; i < 4; i++) {
    const { rows } = await connection.query(
      `SELECT J.SEQUENCE_NUMBER FROM ${JOURNAL} FETCH FIRST 10 ROWS ONLY`,
    );
    refs.push(new WeakRef(rows[0]!));
  }
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 10));
    gc();
  }
  // The newest reply may still be referenced for a moment (by the client's last message); none before it.
  assert.deepEqual(
    refs.slice(0, -1).map((ref) => ref.deref()),
    [undefined, undefined, undefined],
  );
});

test('parameters go as prepare_sql_execute', async () => {
  const { rows } = await connection.query(
    `SELECT J.SEQUENCE_NUMBER FROM TABLE(QSYS2.DISPLAY_JOURNAL(JOURNAL_LIBRARY => 'QSYS', JOURNAL_NAME => 'QAUDJRN', STARTING_RECEIVER_LIBRARY => ?, STARTING_RECEIVER_NAME => ?, STARTING_SEQUENCE => ?)) AS J FETCH FIRST 2 ROWS ONLY`,
    ['AUDLIB', 'AUDRCV0001', '77'],
  );
  assert.deepEqual(rows, [{ SEQUENCE_NUMBER: 77 }, { SEQUENCE_NUMBER: 78 }]);
});

test('an SQL error: AR_SOURCE_QUERY, retryable, with SQLSTATE, SQLCODE and message id apart from the text', async () => {
  await assert.rejects(connection.query('SELECT X FROM QSYS2.NO_SUCH_VIEW'), (error: unknown) => {
    assert.ok(error instanceof AuditRelayError);
    assert.equal(error.code, 'AR_SOURCE_QUERY');
    assert.equal(error.retryable, true);
    assert.equal(error.message, 'the query failed on the IBM i (SQLSTATE 42704, SQLCODE -204)');
    const failure = sqlFailureOf(error)!;
    assert.equal(failure.message, '[SQL0204] NO_SUCH_VIEW in QSYS2 type *FILE not found.');
    assert.equal(failure.messageId, 'SQL0204');
    assert.ok(isMissingObject(error));
    return true;
  });
  assert.equal(connection.alive, true, 'an SQL error leaves the connection usable');
});

describe('connection.fingerprints: the server certificate is checked before the password is sent', () => {
  const options = (extra: Partial<MapepireOptions>): MapepireOptions => ({
    host: '127.0.0.1',
    port: sim.address.port,
    user: 'AUDITOR',
    password: 'adapter-pw',
    rejectUnauthorized: true,
    requestTimeout: 10_000,
    heartbeat: 2000,
    ...extra,
  });
  /** The server certificate's fingerprint, fetched as an operator would (openssl s_client). */
  const serverFingerprint = async (port: number) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false });
    await once(socket, 'secureConnect');
    const der = socket.getPeerCertificate().raw;
    socket.destroy();
    return certificateFingerprint(der, 'sha-256');
  };
  const query = async (extra: Partial<MapepireOptions>) => {
    const pinned = await mapepireConnector(options(extra), silentLogger).connect();
    try {
      return (await pinned.query('SELECT CURRENT SERVER AS S FROM SYSIBM.SYSDUMMY1')).rows[0]?.['S'];
    } finally {
      await pinned.close();
    }
  };

  test('the right pin: with the CA, and pin only (a self-signed server without a CA file)', async () => {
    const pin = parsePin(await serverFingerprint(sim.address.port));
    assert.equal(await query({ ca: sim.caCertificatePath, fingerprints: [pin] }), 'ADAPTER');
    assert.equal(await query({ rejectUnauthorized: false, fingerprints: [pin] }), 'ADAPTER');
  });

  test('a wrong pin: AR_SOURCE_TLS naming the fingerprint seen, and not one byte (no password) reaches the server', async () => {
    const { server: certificate } = localhostCertificates();
    const received: Buffer[] = [];
    const accepted = new Set<TLSSocket>();
    const impostor = createTlsServer({ cert: certificate.certificate, key: certificate.key }, (socket) => {
      accepted.add(socket);
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.on('error', () => {});
    });
    impostor.listen(0, '127.0.0.1');
    await once(impostor, 'listening');
    const port = (impostor.address() as AddressInfo).port;
    try {
      const seen = await serverFingerprint(port);
      const wrong = parsePin(await serverFingerprint(sim.address.port));
      await assert.rejects(
        mapepireConnector(
          options({ port, rejectUnauthorized: false, fingerprints: [wrong] }),
          silentLogger,
        ).connect(),
        (error: AuditRelayError) => error.code === 'AR_SOURCE_TLS' && error.message.includes(seen),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(Buffer.concat(received).length, 0, Buffer.concat(received).toString());
      // The same listener with its own pin gets the upgrade request with the credentials: the test can fail.
      await assert.rejects(
        mapepireConnector(
          options({ port, rejectUnauthorized: false, fingerprints: [parsePin(seen)], requestTimeout: 500 }),
          silentLogger,
        ).connect(),
      );
      assert.match(
        Buffer.concat(received).toString(),
        /^GET \/db\/ HTTP\/1\.1\r\n[\s\S]*authorization: Basic /i,
      );
      // It never answers the upgrade: the client gives the connection up, it does not keep it.
      await waitFor(
        () => `the unanswered connections closed (${[...accepted].filter((s) => !s.closed).length} open)`,
        () => [...accepted].every((socket) => socket.closed),
        5_000,
      );
    } finally {
      for (const socket of accepted) socket.destroy();
      impostor.close();
    }
  });
});
