/**
 * The simulated IBM i is at least as strict as Db2 for i behind Mapepire and JTOpen: reply
 * shapes, error texts without CPF ids, value serialization, the record limit, the objects
 * and columns a release has. Checked through IBM's own client where the client can see it.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import mapepire from '@ibm/mapepire-js';
import { logTableSql } from '../../../src/ibmi/exit-points/sql.js';
import { prepareStatement } from '../../../src/ibmi/simulator/engine.js';
import { type RunningSimulator, startSimulator } from '../../../src/ibmi/simulator/index.js';
import { DEFAULT_RELEASE, JobLog } from '../../../src/ibmi/simulator/objects.js';
import { parseStatement } from '../../../src/ibmi/simulator/sql.js';
import { ROW_LIMIT, toJson } from '../../../src/ibmi/simulator/sql-types.js';
import { runChange, SimulatedSystem } from '../../../src/ibmi/simulator/system.js';
import { PROBE_QUERIES } from '../../../src/sources/audit-journal/probe.js';
import {
  CHUNKS_PER_QUERY,
  chunkQuery,
  columnProbeQuery,
  ENTRY_CHUNK,
  JOB_LOG_QUERY,
  journalInfoQuery,
  journalQuery,
  OPTIONAL_COLUMNS,
  receiverInfoQuery,
} from '../../../src/sources/audit-journal/query.js';
import { newestRowQuery, rowQuery, rowsAfterQuery } from '../../../src/sources/exit-points/query.js';
import { SYSTEM_INFO_QUERY } from '../../../src/sources/ibmi-connection.js';
import { tempDir } from '../../support/peers.js';

const { SQLJob } = mapepire;
const QUERY = {
  journalLibrary: 'QSYS',
  journal: 'QAUDJRN',
  batchSize: 10,
  entryTypes: ['PW', 'AF'],
  columns: new Set(OPTIONAL_COLUMNS),
};
const AT = { receiverLibrary: 'AUDLIB', receiver: 'AUDRCV0001', sequence: '5' };

let sim: RunningSimulator;
let job: InstanceType<typeof SQLJob>;

before(async () => {
  sim = await startSimulator({
    directory: tempDir('strict'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: 'strict-pw',
    rate: 1,
    seed: 8,
    utcOffsetMinutes: 0,
    receiverSize: 1000,
    systemName: 'STRICT',
    startTime: Date.parse('2026-11-27T00:00:00Z'),
  });
  sim.generate(50);
  job = new SQLJob();
  await job.connect({
    host: '127.0.0.1',
    port: sim.address.port,
    user: 'AUDITOR',
    password: 'strict-pw',
    ca: readFileSync(sim.caCertificatePath, 'utf8'),
  });
});

after(async () => {
  await job.close();
  await sim.stop();
});

let ids = 0;
const send = (body: Record<string, unknown>) =>
  job.send<Record<string, unknown>>({ id: `strict${++ids}`, ...body } as never);

test('an error reply has the real server shape; the text is JTOpen first-level text only, the CPF id is in the job log', async () => {
  const lost = journalQuery({ ...AT, receiver: 'GONE' }, 10, QUERY);
  const reply = await send({
    type: 'prepare_sql_execute',
    sql: lost.sql,
    parameters: lost.parameters,
    rows: 10,
  });
  assert.deepEqual(Object.keys(reply), ['id', 'error', 'success', 'sql_state', 'sql_rc', 'execution_time']);
  assert.equal(reply['error'], '[SQL0443] Trigger program or external routine detected an error.');
  assert.equal(reply['sql_state'], '38501');
  assert.equal(reply['sql_rc'], -443);
  const log = await job.execute<Record<string, unknown>>(JOB_LOG_QUERY);
  assert.deepEqual(log.data, [
    { MESSAGE_ID: 'CPF9801', MESSAGE_TEXT: 'Object GONE in library AUDLIB not found.' },
  ]);
});

test('a request the server refuses outright carries no SQLSTATE and no SQLCODE', async () => {
  const reply = await send({ type: 'sqlmore', cont_id: 'nosuch', rows: 10 });
  assert.deepEqual(Object.keys(reply), ['id', 'error', 'success', 'execution_time']);
  assert.equal(reply['error'], 'Bad request: invalid correlation ID');
});

test('a result row over 32 766 bytes is refused at prepare with SQL0101 (SQLSTATE 54010)', async () => {
  // The shape of the journal query before it was fixed: two VARCHAR(32000) hex columns.
  const wide =
    'SELECT HEX(CAST(SUBSTRING(J.ENTRY_DATA, 1, 16000) AS VARBINARY(16000))) AS A,' +
    ' HEX(CAST(SUBSTRING(J.ENTRY_DATA, 16001, 16000) AS VARBINARY(16000))) AS B' +
    " FROM TABLE(QSYS2.DISPLAY_JOURNAL(JOURNAL_LIBRARY => 'QSYS', JOURNAL_NAME => 'QAUDJRN')) AS J";
  await assert.rejects(job.execute(wide), {
    message: '[SQL0101] SQL statement too long or complex., 54010, -101',
  });
  await assert.rejects(
    job.execute(
      "SELECT HEX(J.ENTRY_DATA) AS H FROM TABLE(QSYS2.DISPLAY_JOURNAL(JOURNAL_LIBRARY => 'QSYS', JOURNAL_NAME => 'QAUDJRN')) AS J",
    ),
    { message: '[SQL0171] Argument 1 of function HEX not valid., 42815, -171' },
  );
});

test('every statement the agent and the probe send fits the row limit (this fails when one grows past it)', () => {
  const statements = [
    journalQuery(AT, 11, QUERY).sql,
    journalQuery('*CURAVLCHN', 10, QUERY).sql,
    chunkQuery(AT, 10, 1, QUERY).sql,
    chunkQuery(AT, 10, 1 + CHUNKS_PER_QUERY, QUERY).sql,
    columnProbeQuery(OPTIONAL_COLUMNS, QUERY).sql,
    journalInfoQuery('QSYS', 'QAUDJRN').sql,
    receiverInfoQuery('AUDLIB', 'AUDRCV0001').sql,
    JOB_LOG_QUERY,
    SYSTEM_INFO_QUERY,
    ...PROBE_QUERIES.map((q) => q.sql),
    rowsAfterQuery('AUDITRELAY', 0, 1000).sql,
    rowQuery('AUDITRELAY', 1).sql,
    newestRowQuery('AUDITRELAY').sql,
  ];
  // The exit-point log as install-exit-points creates it.
  const system = new SimulatedSystem();
  const change = { system, jobLog: new JobLog(), user: 'QSECOFR' };
  runChange('CREATE SCHEMA AUDITRELAY', change);
  runChange(logTableSql('AUDITRELAY'), change);
  for (const sql of statements) {
    const { width } = prepareStatement(parseStatement(sql), { release: DEFAULT_RELEASE, system });
    assert.ok(width <= ROW_LIMIT, `${width} bytes: ${sql.slice(0, 80)}`);
  }
  // The margin is what it is because of the chunk size; a chunk twice as big would not fit.
  assert.ok(ENTRY_CHUNK * 2 * CHUNKS_PER_QUERY < ROW_LIMIT);
});

test('values cross as Mapepire sends them: CHAR trimmed, VARCHAR kept, DECIMAL a JSON number, TIMESTAMP text, BLOB hex', async () => {
  const result = await job.execute<Record<string, unknown>>(
    "SELECT J.JOURNAL_CODE, J.JOB_NUMBER, J.SEQUENCE_NUMBER, J.ENTRY_TIMESTAMP, CAST('AB' AS CHAR(5)) AS FIXED," +
      " CAST('AB  ' AS VARCHAR(5)) AS VARYING, SUBSTRING(J.ENTRY_DATA, 1, 3) AS BYTES" +
      " FROM TABLE(QSYS2.DISPLAY_JOURNAL(JOURNAL_LIBRARY => 'QSYS', JOURNAL_NAME => 'QAUDJRN'," +
      " STARTING_RECEIVER_NAME => '*CURAVLCHN', JOURNAL_CODES => 'T')) AS J FETCH FIRST 1 ROW ONLY",
  );
  const row = result.data[0]!;
  assert.equal(row['JOURNAL_CODE'], 'T');
  assert.match(String(row['JOB_NUMBER']), /^\d{6}$/);
  assert.equal(row['SEQUENCE_NUMBER'], 1, 'a JSON number');
  assert.match(String(row['ENTRY_TIMESTAMP']), /^2026-11-27 00:00:00\.\d{6}$/);
  assert.equal(row['FIXED'], 'AB');
  assert.equal(row['VARYING'], 'AB  ');
  assert.match(String(row['BYTES']), /^[0-9A-F]{6}$/);
  const types = Object.fromEntries(
    (result.metadata.columns ?? []).map((c) => [c.name, [c.type, c.precision, c.scale]]),
  );
  assert.deepEqual(types['SEQUENCE_NUMBER'], ['DECIMAL', 21, 0]);
  assert.deepEqual(types['ENTRY_TIMESTAMP'], ['TIMESTAMP', 26, 6]);
  assert.deepEqual(types['FIXED'], ['CHAR', 5, 0]);
  assert.deepEqual(types['BYTES'], ['BLOB', 3, 0]);
  // DECIMAL(21,0) beyond 2^53 keeps every digit on the wire, as Gson writes a BigDecimal.
  assert.equal(toJson({ n: 12345678901234567890n }), '{"n":12345678901234567890}');
});

test('a release without REMOTE_PORT or JOURNAL_RECEIVER_INFO answers SQL0206 and SQL0204, and its catalog agrees', async () => {
  const release = sim.server.release;
  sim.server.release = {
    ...DEFAULT_RELEASE,
    missing: ['QSYS2.DISPLAY_JOURNAL.REMOTE_PORT', 'QSYS2.JOURNAL_RECEIVER_INFO'],
  };
  try {
    const probe = columnProbeQuery(['REMOTE_PORT'], QUERY);
    await assert.rejects(job.execute(probe.sql), {
      message: '[SQL0206] Column or global variable REMOTE_PORT not found., 42703, -206',
    });
    const info = receiverInfoQuery('AUDLIB', 'AUDRCV0001');
    await assert.rejects(job.execute(info.sql, { parameters: info.parameters }), {
      message: '[SQL0204] JOURNAL_RECEIVER_INFO in QSYS2 type *FILE not found., 42704, -204',
    });
    const columns = await job.execute<Record<string, unknown>>(
      "SELECT COLUMN_NAME FROM SYSIBM.SQLFUNCTIONCOLS WHERE FUNCTION_SCHEM = 'QSYS2' AND FUNCTION_NAME = 'DISPLAY_JOURNAL' AND COLUMN_TYPE = 5",
    );
    const names = columns.data.map((r) => r['COLUMN_NAME']);
    assert.ok(names.includes('REMOTE_ADDRESS') && !names.includes('REMOTE_PORT'));
  } finally {
    sim.server.release = release;
  }
});

test('JOURNAL_INFO and JOURNAL_RECEIVER_INFO describe the chain; a deleted receiver has no row', async () => {
  sim.journal.changeReceiver(new Date().toISOString());
  sim.generate(3);
  sim.journal.deleteReceiver('AUDRCV0001');
  const attached = journalInfoQuery('QSYS', 'QAUDJRN');
  const [journal] = (
    await job.execute<Record<string, unknown>>(attached.sql, { parameters: attached.parameters })
  ).data;
  assert.deepEqual(journal, {
    ATTACHED_JOURNAL_RECEIVER_LIBRARY: 'AUDLIB',
    ATTACHED_JOURNAL_RECEIVER_NAME: 'AUDRCV0002',
  });
  const gone = receiverInfoQuery('AUDLIB', 'AUDRCV0001');
  assert.deepEqual((await job.execute(gone.sql, { parameters: gone.parameters })).data, []);
  const current = receiverInfoQuery('AUDLIB', 'AUDRCV0002');
  const [row] = (await job.execute<Record<string, unknown>>(current.sql, { parameters: current.parameters }))
    .data;
  assert.equal(row!['STATUS'], 'ATTACHED');
  assert.equal(row!['FIRST_SEQUENCE_NUMBER'], '51');
  assert.equal(row!['LAST_SEQUENCE_NUMBER'], '53');
});
