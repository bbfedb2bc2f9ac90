/**
 * The shipped exit programs against an independent transcription of IBM's layouts (the
 * offsets below were copied from /work/research/exit-points.md, not from the catalog), and
 * the generated SQL's promises: allow first, fail open, one INSERT, never read the password.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { EXIT_PROGRAMS, exitProgramsNamed } from '../../../src/ibmi/exit-points/catalog.js';
import { installPlan, procedureSql, uninstallPlan } from '../../../src/ibmi/exit-points/sql.js';
import { type ExitLogRow, exitRowToEvent } from '../../../src/ibmi/exit-points/to-event.js';
import { ROOT } from '../../support/peers.js';

/** exit point → column → [IBM offset, IBM length or 'int'] for the fields IBM's pages give. */
const IBM: Record<string, Record<string, [number, number | 'int']>> = {
  QIBM_QZDA_INIT: { USER_NAME: [0, 10], SERVER_ID: [10, 10], FUNCTION_ID: [28, 'int'], DETAIL: [95, 127] },
  QIBM_QZDA_SQL2: { OBJECT_LIBRARY: [95, 10], STATEMENT_LENGTH: [234, 'int'] },
  QIBM_QZDA_NDB1: { OBJECT_NAME: [32, 128], OBJECT_LIBRARY: [160, 10], OBJECT_MEMBER: [170, 10] },
  QIBM_QZDA_ROI1: { OBJECT_LIBRARY: [32, 20], OBJECT_NAME: [108, 256], OBJECT_MEMBER: [364, 20] },
  QIBM_QZRC_RMT: { OBJECT_NAME: [32, 10], OBJECT_LIBRARY: [42, 10], STATEMENT_LENGTH: [52, 'int'] },
  QIBM_QPWFS_FILE_SERV: { FUNCTION_ID: [20, 'int'], DETAIL: [32, 4] },
  QIBM_QZSO_SIGNONSRV: { USER_NAME: [0, 10], FUNCTION_ID: [28, 'int'] },
  QIBM_QZHQ_DATA_QUEUE: { OBJECT_NAME: [32, 10], OBJECT_LIBRARY: [42, 10] },
};
/** Variable-length text: [offset of the text, offset of its BINARY(4) length]. */
const TEXT: Record<string, [string, number, number]> = {
  QIBM_QZDA_SQL2: ['STATEMENT_TEXT', 238, 234],
  QIBM_QZRC_RMT: ['STATEMENT_TEXT', 56, 52],
  QIBM_QPWFS_FILE_SERV: ['PATH_NAME', 40, 36],
};

test('every logged field sits where IBM documents it', () => {
  for (const [exitPoint, fields] of Object.entries(IBM)) {
    const program = EXIT_PROGRAMS.find((p) => p.exitPoint === exitPoint)!;
    for (const [column, [offset, length]] of Object.entries(fields)) {
      const field = program.fields.find((f) => f.column === column);
      assert.ok(field, `${exitPoint} ${column}`);
      const value = field.value;
      if (length === 'int')
        assert.deepEqual(value, { kind: 'int', param: 'REQUEST', offset }, `${exitPoint} ${column}`);
      else
        assert.deepEqual(value, { kind: 'char', param: 'REQUEST', offset, length }, `${exitPoint} ${column}`);
    }
  }
  for (const [exitPoint, [column, offset, lengthAt]] of Object.entries(TEXT)) {
    const field = EXIT_PROGRAMS.find((p) => p.exitPoint === exitPoint)!.fields.find(
      (f) => f.column === column,
    )!;
    assert.equal(field.value.kind, 'text');
    if (field.value.kind !== 'text') continue;
    assert.equal(field.value.offset, offset, `${exitPoint} ${column}`);
    assert.deepEqual(field.value.length, { param: 'REQUEST', offset: lengthAt }, `${exitPoint} ${column}`);
  }
  // SUBSTR counts from 1: IBM's offset 234 is SUBSTR(…, 235, 4).
  const sql2 = procedureSql(EXIT_PROGRAMS.find((p) => p.exitPoint === 'QIBM_QZDA_SQL2')!, 'LIB');
  assert.match(
    sql2,
    /SUBSTR\(REQUEST, 239, MIN\(MAX\(INTERPRET\(SUBSTR\(REQUEST, 235, 4\) AS INTEGER\), 0\), 16000\)\)/,
  );
});

test('no field reads past the parameter it is declared in', () => {
  for (const program of EXIT_PROGRAMS) {
    const declared = new Map(
      program.parameters.map((p) => [
        p.name,
        Number(/^CHAR\((\d+)\)/.exec(p.type)?.[1] ?? (p.type === 'INTEGER' ? 4 : 0)),
      ]),
    );
    for (const { value, column } of program.fields) {
      if (value.kind === 'param') continue;
      const end =
        value.kind === 'char'
          ? value.offset + value.length
          : value.kind === 'int'
            ? value.offset + 4
            : value.offset + value.max;
      assert.ok(end <= declared.get(value.param)!, `${program.exitPoint} ${column} ends at ${end}`);
    }
  }
});

test('each exit program allows first, fails open, inserts once, and is a *PGM of the same name', () => {
  for (const program of EXIT_PROGRAMS) {
    const sql = procedureSql(program, 'AUDITRELAY');
    const body = sql.slice(sql.indexOf('\nBEGIN\n'));
    const code = body
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('--'))
      .join('\n');
    assert.ok(program.program.length <= 10, program.program);
    assert.match(sql, /PROGRAM TYPE MAIN/);
    assert.match(sql, /NOT VERIFIED ON A REAL IBM i/);
    const handler = code.indexOf('DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;');
    const allow = code.indexOf(program.allow.split('; ')[0]!);
    const insert = code.indexOf('INSERT INTO AUDITRELAY.EXIT_LOG');
    assert.ok(handler > 0 && handler < allow && allow < insert, program.exitPoint);
    assert.equal(code.split('INSERT INTO').length, 2, `${program.exitPoint}: one INSERT`);
    assert.doesNotMatch(code, /SET (RETURN_CODE|ALLOW_OPERATION) = (0|'0'|-1|2|5|6)\b/);
  }
  const logon = procedureSql(EXIT_PROGRAMS.find((p) => p.exitPoint === 'QIBM_QTMF_SVR_LOGON')!, 'L');
  const uses = logon.split('\n').filter((l) => /\bAUTHENTICATION\b/.test(l.replace(/--.*$/, '')));
  assert.equal(uses.length, 1, 'the password parameter is declared and never read');
});

test('the install plan creates, restricts and registers; uninstall removes in reverse and keeps the log', () => {
  const programs = exitProgramsNamed(undefined);
  assert.deepEqual(
    programs.map((p) => p.exitPoint).filter((p) => p === 'QIBM_QTMF_SVR_LOGON' || p === 'QIBM_QTG_DEVINIT'),
    [],
    'the logon and Telnet programs are opt-in',
  );
  assert.equal(exitProgramsNamed(['all']).length, EXIT_PROGRAMS.length);
  assert.throws(() => exitProgramsNamed(['QIBM_QRQ_SQL']), /AR_CLI_USAGE|not an exit point/);
  const plan = installPlan({ library: 'SECLOG', agentUser: 'ARAGENT', programs });
  const texts = plan.map((s) => s.text);
  assert.equal(texts[0], 'CREATE SCHEMA SECLOG');
  assert.match(
    texts[1]!,
    /^CREATE TABLE SECLOG\.EXIT_LOG \(\n {2}ENTRY_ID BIGINT GENERATED ALWAYS AS IDENTITY/,
  );
  assert.ok(texts.includes('REVOKE ALL ON SECLOG.EXIT_LOG FROM PUBLIC'));
  assert.ok(texts.includes('GRANT SELECT ON SECLOG.EXIT_LOG TO ARAGENT'));
  const registrations = plan.filter((s) => s.kind === 'cl');
  assert.equal(registrations.length, programs.length);
  for (const step of registrations) {
    assert.match(
      step.sql,
      /^CALL QSYS2\.QCMDEXC\('ADDEXITPGM EXITPNT\(\w+\) FORMAT\(\w+\) PGMNBR\(9901\) PGM\(SECLOG\/\w+\) TEXT\(''AuditRelay/,
    );
    assert.match(step.sql, /REPLACE\(\*NO\)'\)$/);
  }
  assert.ok(
    plan.every((s) => !/AUDITRELAY\./.test(s.sql)),
    'the library named is used everywhere',
  );
  const removal = uninstallPlan({ library: 'SECLOG', programs });
  assert.ok(
    removal.every((s) => !/DROP (TABLE|SCHEMA)/.test(s.sql)),
    'the log table is kept',
  );
  assert.ok(
    removal.findIndex((s) => s.kind === 'sql') > removal.findLastIndex((s) => s.kind === 'cl'),
    'deregister first',
  );
});

test('docs/exit-points/*.sql match what --dry-run prints', () => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/gen-exit-point-sql.ts', '--check'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  assert.equal(result.status, 0, result.stderr);
});

const CONTEXT = { system: 'SYS1', utcOffsetMinutes: -300, library: 'SECLOG', maxStatementLength: 100 };
const row = (values: Partial<ExitLogRow>): ExitLogRow => ({
  entryId: 9,
  loggedAt: '2026-12-04-10.11.12.123456',
  exitPoint: 'QIBM_QZDA_SQL2',
  exitFormat: 'ZDAQ0200',
  ...values,
});

test('a log row becomes an event per exit point: function names, where the text goes, severity, safe cuts', () => {
  const sql = exitRowToEvent(
    row({
      user: 'ODBCUSR',
      functionId: 0x1806,
      statementText: 'GRANT ALL ON PAYROLL.EMPMAST TO PUBLIC',
      statementLength: 38,
    }),
    CONTEXT,
  );
  assert.deepEqual(
    [sql.id, sql.time, sql.subtype, sql.subtypeName, sql.action, sql.severity, sql.fields['statement']],
    [
      'SYS1/EXITLOG/SECLOG/9',
      '2026-12-04T10:11:12.123456-05:00',
      '1806',
      'execute immediate',
      'sql-request',
      5,
      'GRANT ALL ON PAYROLL.EMPMAST TO PUBLIC',
    ],
  );
  assert.equal(sql.fields['statementTruncated'], undefined);
  // A statement cut by the source (never inside a surrogate pair), or by the log's 16,000 bytes.
  const long = exitRowToEvent(
    row({ statementText: `${'x'.repeat(99)}😀tail`, statementLength: 200 }),
    CONTEXT,
  );
  assert.equal(long.fields['statement'], 'x'.repeat(99));
  assert.equal(long.fields['statementTruncated'], 'yes');
  assert.equal(
    exitRowToEvent(row({ statementText: 'SELECT 1', statementLength: 30000 }), CONTEXT).fields[
      'statementTruncated'
    ],
    'yes',
  );
  assert.equal(exitRowToEvent(row({ statementText: 'SELECT 1' }), CONTEXT).severity, 6);

  const ftp = (functionId: number, text: string) =>
    exitRowToEvent(
      row({
        exitPoint: 'QIBM_QTMF_SERVER_REQ',
        exitFormat: 'VLRQ0100',
        serverId: '1',
        functionId,
        statementText: text,
      }),
      CONTEXT,
    );
  assert.deepEqual([ftp(0, '10.0.0.1').localAddress, ftp(0, '10.0.0.1').path], ['10.0.0.1', undefined]);
  assert.deepEqual(
    [ftp(5, '/home/a.txt').path, ftp(5, '/home/a.txt').severity, ftp(5, '/x').subtype],
    ['/home/a.txt', 5, '5'],
  );
  assert.deepEqual(
    [ftp(9, 'RCMD DLTLIB X').fields['command'], ftp(9, 'x').fields['serverId']],
    ['RCMD DLTLIB X', 'FTP server'],
  );

  const pwfs = exitRowToEvent(
    row({
      exitPoint: 'QIBM_QPWFS_FILE_SERV',
      exitFormat: 'PWFS0100',
      functionId: 5,
      detail: '1001',
      path: '/home/x',
    }),
    CONTEXT,
  );
  assert.deepEqual(
    [pwfs.fields['fileAccess'], pwfs.path, pwfs.subtypeName],
    ['read delete-allowed', '/home/x', 'open stream file'],
  );
  const telnet = exitRowToEvent(
    row({ exitPoint: 'QIBM_QTG_DEVINIT', exitFormat: 'INIT0100', objectName: 'QPADEV0042' }),
    CONTEXT,
  );
  assert.deepEqual(
    [telnet.object, telnet.fields['device'], telnet.action],
    [undefined, 'QPADEV0042', 'telnet-session'],
  );
  const call = exitRowToEvent(
    row({
      exitPoint: 'QIBM_QZRC_RMT',
      exitFormat: 'CZRC0100',
      functionId: 0x1003,
      objectName: 'PAYCALC',
      objectLibrary: 'PAYROLL',
    }),
    CONTEXT,
  );
  assert.deepEqual(
    [call.action, call.objectType, call.message],
    [
      'program-call',
      undefined,
      'Remote command server request by an unknown user (distributed program call): PAYROLL/PAYCALC',
    ],
  );
  const unknown = exitRowToEvent(row({ exitPoint: 'QIBM_QZDA_SQL2', functionId: 0x18ff }), CONTEXT);
  assert.deepEqual(
    [unknown.subtype, unknown.subtypeName, unknown.action],
    ['18FF', undefined, 'sql-request'],
  );
});
