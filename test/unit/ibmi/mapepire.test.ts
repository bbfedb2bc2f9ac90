/**
 * The Mapepire adapter of the Db2 port, on IBM's client against the simulated server: rows
 * in blocks, column metadata, and SQL errors with SQLSTATE and SQLCODE kept apart from text.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AuditRelayError } from '../../../src/core/errors.js';
import { mapepireConnector } from '../../../src/ibmi/db2/mapepire.js';
import { type Db2Connection, isMissingObject, sqlFailureOf } from '../../../src/ibmi/db2/port.js';
import { type RunningSimulator, startSimulator } from '../../../src/ibmi/simulator/index.js';
import { silentLogger } from '../../../src/telemetry/logger.js';
import { tempDir } from '../../support/peers.js';

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
