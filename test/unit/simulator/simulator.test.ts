/**
 * The simulated IBM i: deterministic journal, DISPLAY_JOURNAL semantics, and the Mapepire
 * protocol as IBM's own client (@ibm/mapepire-js) speaks it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import mapepire from '@ibm/mapepire-js';
import { type RunningSimulator, startSimulator } from '../../../src/ibmi/simulator/index.js';
import { journalQuery, OPTIONAL_COLUMNS } from '../../../src/sources/audit-journal/query.js';
import { tempDir } from '../../support/peers.js';

const { SQLJob } = mapepire;
const QUERY = {
  journalLibrary: 'QSYS',
  journal: 'QAUDJRN',
  batchSize: 1000,
  entryTypes: [],
  columns: new Set(OPTIONAL_COLUMNS),
};
const OPTIONS = {
  host: '127.0.0.1',
  port: 0,
  user: 'AUDITOR',
  password: 'sim-pw',
  rate: 1,
  seed: 3,
  utcOffsetMinutes: 90,
  receiverSize: 100,
  systemName: 'SIMTEST',
  startTime: Date.parse('2026-11-27T00:00:00Z'),
};

let sim: RunningSimulator;
let job: InstanceType<typeof SQLJob>;

before(async () => {
  sim = await startSimulator({ ...OPTIONS, directory: tempDir('sim') });
  sim.generate(250);
  job = new SQLJob();
  await job.connect({
    host: '127.0.0.1',
    port: sim.address.port,
    user: 'auditor',
    password: 'sim-pw',
    ca: readFileSync(sim.caCertificatePath, 'utf8'),
  });
});

after(async () => {
  await job.close();
  await sim.stop();
});

const bytesOf = (dir: string) =>
  readdirSync(join(dir, 'receivers'))
    .sort()
    .map((f) => readFileSync(join(dir, 'receivers', f)).toString('hex'))
    .join('|');

test('same seed and start time: byte-identical journal; another seed: a different one', async () => {
  const a = tempDir('sim-a');
  const b = tempDir('sim-b');
  const c = tempDir('sim-c');
  for (const [dir, seed] of [
    [a, 3],
    [b, 3],
    [c, 4],
  ] as const) {
    const s = await startSimulator({ ...OPTIONS, seed, directory: dir });
    s.generate(300);
    await s.stop();
  }
  assert.equal(bytesOf(a), bytesOf(b));
  assert.notEqual(bytesOf(a), bytesOf(c));
});

test('a restarted simulator continues the same journal', async () => {
  const whole = tempDir('sim-whole');
  const split = tempDir('sim-split');
  const s1 = await startSimulator({ ...OPTIONS, directory: whole });
  s1.generate(300);
  await s1.stop();
  const s2 = await startSimulator({ ...OPTIONS, directory: split });
  s2.generate(120);
  await s2.stop();
  const s3 = await startSimulator({ ...OPTIONS, directory: split });
  s3.generate(180);
  await s3.stop();
  assert.equal(bytesOf(whole), bytesOf(split));
});

test('receivers roll with journal-code J entries between them; sequences keep counting', () => {
  const receivers = sim.journal.receivers;
  assert.ok(receivers.length >= 3);
  const first = sim.journal.entriesOf(receivers[0]!);
  const second = sim.journal.entriesOf(receivers[1]!);
  assert.equal(first.at(-1)!.journalCode, 'J');
  assert.equal(second[0]!.journalCode, 'J');
  assert.equal(second[0]!.sequence, first.at(-1)!.sequence + 1n);
});

test('the genuine mapepire-js client reads DISPLAY_JOURNAL in blocks', async () => {
  const query = journalQuery('*CURAVLCHN', 1000, QUERY);
  const q = job.query<Record<string, unknown>>(query.sql);
  const first = await q.execute(100);
  assert.equal(first.success, true);
  assert.equal(first.data.length, 100);
  assert.equal(first.is_done, false);
  const rows = [...first.data];
  while (true) {
    const more = await q.fetchMore(100);
    rows.push(...more.data);
    if (more.is_done) break;
  }
  assert.equal(rows.length, 250, 'journal code T only: the J entries are filtered');
  const row = rows[0]!;
  assert.match(String(row['ENTRY_TIMESTAMP']), /^2026-11-27 01:30:00\.\d{6}$/, 'local time at +01:30');
  assert.equal(row['SEQUENCE_NUMBER'], '1');
  assert.equal(row['SYSTEM_NAME'], 'SIMTEST');
  assert.match(String(row['ENTRY_DATA']), /^[0-9A-F]+$/);
  assert.equal(Number(row['ENTRY_DATA_LENGTH']) * 2, String(row['ENTRY_DATA']).length);
});

test('starting at a saved position returns that entry first, across receivers', async () => {
  const receiver = sim.journal.receivers[0]!;
  const query = journalQuery(
    { receiverLibrary: receiver.library, receiver: receiver.name, sequence: '95' },
    21,
    QUERY,
  );
  const result = await job.execute<Record<string, unknown>>(query.sql, { parameters: query.parameters });
  assert.equal(result.data.length, 21);
  assert.equal(result.data[0]!['SEQUENCE_NUMBER'], '95');
  const receiversSeen = new Set(result.data.map((r) => r['RECEIVER_NAME']));
  assert.ok(receiversSeen.size >= 2, 'the batch continues into the next receiver');
});

test('errors come back as JTOpen words them: [SQLnnnn] first-level text, then SQLSTATE and SQLCODE', async () => {
  // mapepire-js execute() throws "<error>, <sql_state>, <sql_rc>".
  const bad = journalQuery({ receiverLibrary: 'AUDLIB', receiver: 'NOSUCHRCV', sequence: '1' }, 10, QUERY);
  await assert.rejects(job.execute(bad.sql, { parameters: bad.parameters }), {
    message: '[SQL0443] Trigger program or external routine detected an error., 38501, -443',
  });
  await assert.rejects(job.execute('SELECT A FROM QSYS2.NOSUCHTABLE'), {
    message: '[SQL0204] NOSUCHTABLE in QSYS2 type *FILE not found., 42704, -204',
  });
  await assert.rejects(
    job.execute('DELETE FROM X'),
    /^Error: \[SQL0104\] Token DELETE was not valid\. Valid tokens: .*, 42601, -104$/,
  );
});

test('CURRENT TIMEZONE is the simulated QUTCOFFSET as Db2 reports it (hhmmss)', async () => {
  const result = await job.execute<Record<string, unknown>>(
    'SELECT CURRENT TIMEZONE AS UTC_OFFSET, CURRENT SERVER AS SYSTEM_NAME FROM SYSIBM.SYSDUMMY1',
  );
  assert.deepEqual(result.data[0], { UTC_OFFSET: 13000, SYSTEM_NAME: 'SIMTEST' });
});

test('a wrong password is refused at the WebSocket upgrade (HTTP 401)', async () => {
  const other = new SQLJob();
  await assert.rejects(
    other.connect({
      host: '127.0.0.1',
      port: sim.address.port,
      user: 'AUDITOR',
      password: 'nope',
      ca: readFileSync(sim.caCertificatePath, 'utf8'),
    }),
    /401/,
  );
});
