/** The simulated set-up refuses what Db2 for i and the registration facility refuse. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JobLog } from '../../../src/ibmi/simulator/objects.js';
import { SqlError } from '../../../src/ibmi/simulator/sql-errors.js';
import { runChange, SimulatedSystem } from '../../../src/ibmi/simulator/system.js';

function setUp() {
  const context = { system: SimulatedSystem.healthy('ADMIN'), jobLog: new JobLog(), user: 'ADMIN' };
  const run = (sql: string) => runChange(sql, context);
  const failure = (sql: string) => {
    try {
      run(sql);
    } catch (error) {
      assert.ok(error instanceof SqlError);
      return `${error.message} ${error.sqlState} ${error.sqlCode}`;
    }
    assert.fail(`${sql} did not fail`);
  };
  return { context, run, failure };
}

test('tables: the library must exist, the name be free, the row under 32 766 bytes', () => {
  const { run, failure, context } = setUp();
  assert.equal(
    failure('CREATE TABLE NOLIB.T (A INTEGER)'),
    '[SQL0204] NOLIB in *N type *LIB not found. 42704 -204',
  );
  run('CREATE SCHEMA LOGS');
  assert.equal(failure('CREATE SCHEMA LOGS'), '[SQL0601] LOGS in QSYS type *LIB already exists. 42710 -601');
  assert.equal(
    failure('CREATE TABLE LOGS.WIDE (A VARCHAR(20000), B VARCHAR(20000))'),
    '[SQL0101] SQL statement too long or complex. 54010 -101',
  );
  assert.match(failure('CREATE TABLE LOGS.ODD (A XML)'), /^\[SQL0104\]/);
  run('CREATE TABLE LOGS.T (ID BIGINT GENERATED ALWAYS AS IDENTITY, TEXT VARCHAR(100), PRIMARY KEY (ID))');
  assert.deepEqual(
    context.system.tables.get('LOGS.T')?.columns.map((c) => c.name),
    ['ID', 'TEXT'],
  );
  assert.match(failure('GRANT SELECT ON LOGS.MISSING TO ADMIN'), /^\[SQL0204\] MISSING in LOGS type \*FILE/);
  assert.match(failure('DELETE FROM LOGS.T'), /^\[SQL0104\]/);
});

test('ADDEXITPGM and RMVEXITPGM: what the registration facility refuses fails the CALL with SQL0443 and a job-log message', () => {
  const { run, failure, context } = setUp();
  const call = (command: string) => `CALL QSYS2.QCMDEXC('${command.replaceAll("'", "''")}')`;
  assert.equal(
    failure(call('ADDEXITPGM EXITPNT(QIBM_QRQ_SQL) FORMAT(RQSQ0100) PGMNBR(1) PGM(LIB/PGM)')),
    '[SQL0443] Trigger program or external routine detected an error. 38501 -443',
  );
  assert.match(context.jobLog.messages.at(-2)!.text, /Exit point QIBM_QRQ_SQL format RQSQ0100 not found/);
  run(call("ADDEXITPGM EXITPNT(QIBM_QTMF_SERVER_REQ) FORMAT(VLRQ0100) PGMNBR(5) PGM(LIB/A) TEXT('first')"));
  failure(call('ADDEXITPGM EXITPNT(QIBM_QTMF_SERVER_REQ) FORMAT(VLRQ0100) PGMNBR(5) PGM(LIB/B)'));
  assert.match(context.jobLog.messages.at(-2)!.text, /number 5 already exists/);
  run(call('ADDEXITPGM EXITPNT(QIBM_QZDA_INIT) FORMAT(ZDAI0100) PGMNBR(1) PGM(LIB/A)'));
  failure(call('ADDEXITPGM EXITPNT(QIBM_QZDA_INIT) FORMAT(ZDAI0100) PGMNBR(2) PGM(LIB/B)'));
  assert.match(context.jobLog.messages.at(-2)!.text, /Maximum number of exit programs reached/);
  failure(call('RMVEXITPGM EXITPNT(QIBM_QZDA_INIT) FORMAT(ZDAI0100) PGMNBR(2)'));
  run(call('RMVEXITPGM EXITPNT(QIBM_QZDA_INIT) FORMAT(ZDAI0100) PGMNBR(1)'));
  assert.deepEqual(
    context.system.exitPrograms.map((p) => `${p.exitPoint} ${p.number} ${p.library}/${p.program} ${p.text}`),
    ['QIBM_QTMF_SERVER_REQ 5 LIB/A first'],
  );
});

test('procedures: SQL PROGRAM TYPE MAIN only, a 10-character name, in an existing library', () => {
  const { run, failure, context } = setUp();
  const procedure = (name: string) =>
    `CREATE OR REPLACE PROCEDURE LOGS.${name} (\n  INOUT RC CHAR(1), -- 1: answer\n  IN REQ CHAR(32) FOR BIT DATA\n)\n  LANGUAGE SQL\n  PROGRAM TYPE MAIN\nBEGIN\n  SET RC = '1';\nEND`;
  assert.match(failure(procedure('EXITPGM')), /^\[SQL0204\] LOGS in \*N type \*LIB/);
  run('CREATE SCHEMA LOGS');
  assert.match(failure(procedure('A_VERY_LONG_NAME')), /^\[SQL0104\]/);
  run(procedure('EXITPGM'));
  assert.deepEqual(context.system.routines.get('LOGS.EXITPGM'), { parameters: 2 });
  assert.ok(context.system.hasObject('LOGS', 'EXITPGM', '*PGM'));
  run('DROP PROCEDURE LOGS.EXITPGM');
  assert.match(failure('DROP PROCEDURE LOGS.EXITPGM'), /^\[SQL0204\]/);
});
