/**
 * The exit-point source against the simulated IBM i through IBM's Mapepire client: the
 * programs installed with the real `install-exit-points`, rows written by the simulated
 * server jobs, read in ENTRY_ID order; a hole that fills, a hole that stays (a gap), a
 * re-created table, a log that does not exist yet.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { main } from '../../../src/cli/main.js';
import type { SourcePosition } from '../../../src/core/component.js';
import type { SecurityEvent } from '../../../src/core/event.js';
import { type RunningSimulator, startSimulator } from '../../../src/ibmi/simulator/index.js';
import { SimulatedTable } from '../../../src/ibmi/simulator/system.js';
import { ExitLogReader } from '../../../src/sources/exit-points/reader.js';
import { exitPointRecordToEvent } from '../../../src/sources/exit-points/record.js';
import { ibmiConnector } from '../../../src/sources/ibmi-connection.js';
import { createLogger } from '../../../src/telemetry/logger.js';
import { writeAgentConfig } from '../../support/agent.js';
import { captureIo } from '../../support/io.js';
import { tempDir } from '../../support/peers.js';

const PASSWORD = 'exit-read-pw';
let sim: RunningSimulator;
let config: string;

before(async () => {
  sim = await startSimulator({
    directory: tempDir('exit-read-sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1,
    events: 0,
    seed: 11,
    utcOffsetMinutes: -300,
    receiverSize: 5000,
    systemName: 'EXITREAD',
  });
  config = writeAgentConfig({
    dir: tempDir('exit-read'),
    mapepirePort: sim.address.port,
    caFile: sim.caCertificatePath,
    sink: '  - type: syslog\n    host: 127.0.0.1',
  });
});

after(() => sim.stop());

async function install(): Promise<void> {
  const io = captureIo({ AUDITRELAY_PASSWORD: PASSWORD });
  assert.equal(await main(['ibmi', 'install-exit-points', '--config', config], io), 0, io.stderr);
}

function reader(
  lines: string[],
  overrides: { holeWait?: number; verifyInterval?: number; offsetRefreshMs?: number } = {},
) {
  const connection = {
    type: 'mapepire' as const,
    host: '127.0.0.1',
    port: sim.address.port,
    user: 'AUDITOR',
    password: PASSWORD,
    ca: sim.caCertificatePath,
    rejectUnauthorized: true,
    requestTimeout: 10_000,
    heartbeat: 5_000,
  };
  const logger = createLogger({ level: 'warn', write: (line) => lines.push(line) });
  return new ExitLogReader(ibmiConnector(connection, '/', logger), {
    library: 'AUDITRELAY',
    batchSize: 500,
    startAt: 'oldest',
    pollInterval: 100,
    holeWait: overrides.holeWait ?? 60_000,
    verifyInterval: overrides.verifyInterval ?? 0,
    maxStatementLength: 60,
    utcOffsetMinutes: undefined,
    ...(overrides.offsetRefreshMs !== undefined && { offsetRefreshMs: overrides.offsetRefreshMs }),
    logger,
  });
}

/** Reads until caught up; the events and the position after them. */
async function drain(source: ExitLogReader, position: SourcePosition | undefined) {
  const events: SecurityEvent[] = [];
  for (;;) {
    const batch = await source.read(position);
    events.push(...batch.records.map(exitPointRecordToEvent));
    position = batch.position;
    if (batch.caughtUp) return { events, position };
  }
}

const log = () => sim.server.system.tables.get('AUDITRELAY.EXIT_LOG')!;

test('before the programs are installed: one warning naming install-exit-points, then the rows once they exist', async () => {
  const lines: string[] = [];
  const source = reader(lines);
  try {
    for (let i = 0; i < 3; i++) assert.deepEqual((await source.read(undefined)).records, []);
    assert.equal(lines.filter((l) => l.includes('AR_SOURCE_EXIT_LOG_MISSING')).length, 1, lines.join(''));
    assert.match(lines.join(''), /AUDITRELAY\/EXIT_LOG does not exist.*install-exit-points --config FILE/);

    await install();
    sim.generate(3000);
    const rows = log().rows;
    assert.ok(rows.length > 100, `the scenario's server jobs logged ${rows.length} rows`);
    const { events } = await drain(source, undefined);
    assert.deepEqual(
      events.map((e) => e.id),
      rows.map((r) => `EXITREAD/EXITLOG/AUDITRELAY/${r['ENTRY_ID']}`),
      'every row once, in ENTRY_ID order',
    );

    const points = new Set(events.map((e) => e.entryType));
    for (const point of ['QIBM_QZDA_INIT', 'QIBM_QZDA_SQL2', 'QIBM_QZRC_RMT', 'QIBM_QTMF_SERVER_REQ']) {
      assert.ok(points.has(point), `${point} among ${[...points]}`);
    }
    const sql = events.find((e) => e.entryType === 'QIBM_QZDA_SQL2')!;
    const sqlRow = rows.find((r) => `EXITREAD/EXITLOG/AUDITRELAY/${r['ENTRY_ID']}` === sql.id)!;
    assert.equal(sql.action, 'sql-request');
    assert.equal(sql.user, sqlRow['USER_NAME']);
    assert.equal(sql.remoteAddress, sqlRow['REMOTE_ADDRESS']);
    assert.equal(sql.fields['defaultSchema'], sqlRow['OBJECT_LIBRARY']);
    // Statements are cut at maxStatementLength (60 here) and say so; the length is the request's.
    const text = String(sqlRow['STATEMENT_TEXT']);
    assert.equal(sql.fields['statement'], text.slice(0, 60));
    assert.equal(sql.fields['statementLength'], text.length);
    assert.equal(sql.fields['statementTruncated'], text.length > 60 ? 'yes' : undefined);
    assert.match(sql.time, /-05:00$/);
    assert.equal(sql.time.slice(0, 19), String(sqlRow['LOGGED_AT']).slice(0, 19).replace(' ', 'T'));

    const command = events.find((e) => e.entryType === 'QIBM_QZRC_RMT' && e.subtype === '1002')!;
    assert.equal(command.action, 'remote-command');
    assert.ok(String(command.fields['command']).length > 0);
    const call = events.find((e) => e.subtype === '1003');
    if (call)
      assert.deepEqual(
        [call.action, call.object, call.objectLibrary],
        ['program-call', 'PAYCALC', 'PAYROLL'],
      );
    const saveFile = events.find((e) => e.path === '/QSYS.LIB/QGPL.LIB/PAYSAV.FILE');
    assert.ok(saveFile, 'the FTP GET of the save file');
    assert.deepEqual(
      [saveFile.action, saveFile.subtype, saveFile.fields['serverId']],
      ['ftp-request', '6', 'FTP server'],
    );
  } finally {
    await source.close();
  }
});

test('a hole in ENTRY_ID waits for its row; a hole that stays is a gap event, and the rows after it go on', async () => {
  const source = reader([], { holeWait: 300 });
  try {
    let { position } = await drain(source, undefined);
    const table = log();
    const base = {
      EXIT_POINT: 'QIBM_QZRC_RMT',
      EXIT_FORMAT: 'CZRC0100',
      USER_NAME: 'JSMITH',
      SERVER_ID: '*RMTSRV',
    };

    // Two jobs log at once: the later insert is visible first.
    const slow = Number(table.insert({ ...base, STATEMENT_TEXT: 'first' })['ENTRY_ID']);
    const slowRow = table.rows.pop()!;
    table.insert({ ...base, STATEMENT_TEXT: 'second' });
    let read = await drain(source, position);
    assert.deepEqual(read.events, [], 'nothing passes the hole while it may still fill');
    table.rows.push(slowRow);
    read = await drain(source, read.position);
    assert.deepEqual(
      read.events.map((e) => e.fields['command']),
      ['first', 'second'],
      'the hole filled: both rows, in order, no gap',
    );
    position = read.position;

    // Identity values Db2 discarded (an IPL): after holeWait, a gap event and the next rows.
    table.skipIdentity(20);
    table.insert({ ...base, STATEMENT_TEXT: 'after the IPL' });
    assert.deepEqual((await drain(source, position)).events, []);
    await new Promise((resolve) => setTimeout(resolve, 350));
    read = await drain(source, position);
    assert.deepEqual(
      read.events.map((e) => [e.action, e.fields['command'] ?? e.fields['nextAvailable']]),
      [
        ['exit-log-gap', slow + 22],
        ['remote-command', 'after the IPL'],
      ],
    );
    assert.equal(read.events[0]!.severity, 4);
    assert.match(read.events[0]!.message, /between entries \d+ and \d+ may not have been read/);
  } finally {
    await source.close();
  }
});

test('a re-created log table is found from the saved row and read from its start; purged rows are not a gap', async () => {
  const source = reader([]);
  try {
    const { position } = await drain(source, undefined);
    const old = log();
    // Rows purged once delivered (the documented housekeeping): the position still holds.
    old.rows.splice(0, old.rows.length - 1);
    assert.deepEqual((await drain(source, position)).events, []);

    const fresh = new SimulatedTable(old.schema, old.name, old.columns, old.owner, {
      identity: 'ENTRY_ID',
      timestamps: ['LOGGED_AT'],
    });
    fresh.readers.add('AUDITOR');
    sim.server.system.tables.set('AUDITRELAY.EXIT_LOG', fresh);
    fresh.insert({
      EXIT_POINT: 'QIBM_QZSO_SIGNONSRV',
      EXIT_FORMAT: 'ZSOY0100',
      USER_NAME: 'KLEE',
      FUNCTION_ID: 0x7005,
    });
    const read = await drain(source, position);
    assert.deepEqual(
      read.events.map((e) => [e.action, e.id.split('/').at(-1)]),
      [
        ['exit-log-gap', 'gap'],
        ['signon-server-request', '1'],
      ],
    );
    assert.match(read.events[0]!.fields['reason'] as string, /re-created or its ENTRY_ID restarted/);
    assert.equal(read.events[1]!.subtypeName, 'change password');
    assert.equal(read.position?.['entryId'], '1');
  } finally {
    await source.close();
  }
});

test('the agent config shape: check accepts an exit-points source and rejects a bad library name with its line', async () => {
  const yaml = readFileSync(config, 'utf8');
  const withSource = `${yaml.replace(
    'sinks:',
    `  - type: exit-points
    name: exits
    library: SECLOG
    connection:
      type: mapepire
      host: 127.0.0.1
      port: ${sim.address.port}
      user: AUDITOR
      password: \${AUDITRELAY_PASSWORD}
      ca: ${sim.caCertificatePath}
sinks:`,
  )}`;
  writeFileSync(config, withSource);
  let io = captureIo({ AUDITRELAY_PASSWORD: PASSWORD });
  assert.equal(await main(['check', '--config', config], io), 0, io.stderr + io.stdout);
  writeFileSync(config, withSource.replace('library: SECLOG', 'library: 9-BAD-LIBRARY'));
  io = captureIo({ AUDITRELAY_PASSWORD: PASSWORD });
  assert.notEqual(await main(['check', '--config', config], io), 0);
  assert.match(io.stderr + io.stdout, /agent\.yaml:\d+.*library.*IBM i library name/);
  writeFileSync(config, yaml);
});

test('a daylight saving time change while connected: the UTC offset is asked again, new rows carry the new one', async () => {
  if (!sim.server.system.tables.has('AUDITRELAY.EXIT_LOG')) await install();
  sim.generate(300);
  const lines: string[] = [];
  const source = reader(lines, { offsetRefreshMs: 0 });
  try {
    const before = await drain(source, undefined);
    assert.ok(before.events.length > 0);
    assert.match(before.events.at(-1)!.time, /-05:00$/);
    sim.changeUtcOffset(-240);
    sim.generate(300);
    const { events } = await drain(source, before.position);
    assert.ok(events.length > 0, 'rows written after the change');
    for (const event of events) assert.match(event.time, /-04:00$/, event.id);
  } finally {
    sim.changeUtcOffset(-300);
    await source.close();
  }
});
