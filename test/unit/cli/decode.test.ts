import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../../src/cli/main.js';
import { startSimulator } from '../../../src/ibmi/simulator/index.js';
import { captureIo as capture } from '../../support/io.js';
import { tempDir } from '../../support/peers.js';

const ROW = {
  ENTRY_TIMESTAMP: '2026-11-27 10:15:30.123456',
  SEQUENCE_NUMBER: 12345,
  JOURNAL_CODE: 'T',
  JOURNAL_ENTRY_TYPE: 'PW',
  JOB_NAME: 'QPADEV0001',
  JOB_USER: 'QUSER',
  JOB_NUMBER: '123456',
  PROGRAM_NAME: 'QWTMCMNL',
  CURRENT_USER: 'QUSER',
  SYSTEM_NAME: 'PROD01',
  RECEIVER_LIBRARY: 'AUDLIB',
  RECEIVER_NAME: 'AUDRCV0042',
  REMOTE_ADDRESS: '10.1.2.3',
  // P, then JSMITH in CCSID 37
  ENTRY_DATA: 'D7D1E2D4C9E3C84040404040',
};

test('display-journal JSON Lines → one event per line, malformed lines flagged, not dropped', async () => {
  const dir = tempDir('decode');
  const file = join(dir, 'rows.jsonl');
  writeFileSync(
    file,
    `${JSON.stringify(ROW)}\nnot json at all\n${JSON.stringify({ ...ROW, ENTRY_TIMESTAMP: '2026-11-27-10.15.30.123456', ENTRY_DATA: 'D7' })}\n`,
  );
  const io = capture();
  assert.equal(
    await main(['decode', '--input', 'display-journal', '--utc-offset', '-05:00', file], io),
    0,
    io.stderr,
  );
  const events = io.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(events.length, 3);
  assert.equal(events[0].message, 'Password not valid for user JSMITH from 10.1.2.3');
  assert.equal(events[0].time, '2026-11-27T10:15:30.123456-05:00');
  assert.equal(events[0].id, 'PROD01/AUDLIB/AUDRCV0042/12345');
  assert.equal(events[1].decodeError.code, 'AR_DECODE_BAD_HEADING');
  assert.equal(events[1].decodeError.hex, Buffer.from('not json at all').toString('hex').toUpperCase());
  assert.equal(events[2].subtype, 'P');
  assert.equal(events[2].decodeError, undefined);
});

test('decode --format rfc5424 prints what a sink sends', async () => {
  const dir = tempDir('decode');
  const file = join(dir, 'rows.jsonl');
  writeFileSync(file, `${JSON.stringify(ROW)}\n`);
  const io = capture();
  assert.equal(await main(['decode', '--format', 'rfc5424', file], io), 0);
  assert.match(
    io.stdout,
    /^<108>1 2026-11-27T10:15:30\.123456\+00:00 PROD01 QAUDJRN 123456 PW \[auditrelay@0 id="PROD01\/AUDLIB\/AUDRCV0042\/12345"/,
  );
});

test('type5 input: the simulator’s receiver files decode entry for entry', async () => {
  const dir = tempDir('sim');
  const sim = await startSimulator({
    directory: dir,
    host: '127.0.0.1',
    port: 0,
    user: 'A',
    password: 'p',
    rate: 1,
    seed: 11,
    utcOffsetMinutes: 0,
    receiverSize: 1000,
    systemName: 'T5',
    startTime: 0,
  });
  sim.generate(40);
  await sim.stop();
  const receiver = readdirSync(join(dir, 'receivers'))[0]!;
  const io = capture();
  assert.equal(await main(['decode', '--input', 'type5', join(dir, 'receivers', receiver)], io), 0);
  const events = io.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(events.length, 40);
  assert.ok(events.every((e) => e.decodeError === undefined && e.system === 'T5'));
  assert.deepEqual(
    events.map((e) => Number(e.sequence)),
    Array.from({ length: 40 }, (_, i) => i + 1),
  );
  assert.ok(readFileSync(join(dir, 'receivers', receiver)).length > 40 * 609);
});

test('decode --list-types lists every catalogued type', async () => {
  const io = capture();
  assert.equal(await main(['decode', '--list-types'], io), 0);
  const lines = io.stdout.trim().split('\n');
  assert.ok(lines.length >= 80);
  assert.ok(
    lines.some((l) => /^PW {2}Password {2}\(9 fields, sub-types [A-Z]+\)$/.test(l)),
    lines.join('\n'),
  );
});

test('decode --config --sink prints exactly what that sink sends: its format options, size limit and envelope', async () => {
  const dir = tempDir('decode-sink');
  const rows = join(dir, 'rows.jsonl');
  writeFileSync(rows, `${JSON.stringify(ROW)}\n`);
  const config = join(dir, 'agent.yaml');
  writeFileSync(
    config,
    `sources:
  - type: audit-journal
    connection: { type: mapepire, host: i, user: U, password: '\${PW}' }
sinks:
  - type: syslog
    name: qradar
    host: siem
    profile: qradar
    format: { type: leef2, delimiter: '~', vendor: Acme }
  - type: syslog
    host: siem
    transport: udp
    format: { type: cef, header: rfc5424 }
  - type: splunk-hec
    name: hec
    url: https://splunk:8088
    token: t
    index: ibmi
  - type: elasticsearch
    name: es
    url: https://elastic:9200
`,
  );
  const run = async (...args: string[]) => {
    const io = capture();
    io.env = { PW: 'x' };
    const code = await main(['decode', '--config', config, ...args, rows], io);
    return { code, out: io.stdout, err: io.stderr };
  };
  const leef = await run('--sink', 'qradar');
  assert.equal(leef.code, 0, leef.err);
  assert.match(
    leef.out,
    /^<108>\w{3} \d\d \d\d:\d\d:\d\d PROD01 LEEF:2\.0\|Acme\|IBM i Audit\|[^|]+\|PW-P\|~\|devTime=/,
  );
  assert.match(leef.out, /~usrName=JSMITH~src=10\.1\.2\.3~/);
  const udp = await run('--sink', 'sink-2');
  assert.equal(udp.code, 0, udp.err);
  assert.match(udp.out, /^<108>1 2026-11-27T10:15:30\.123456\+00:00 PROD01 QAUDJRN 123456 PW - CEF:0\|/);
  const hec = await run('--sink', 'hec');
  const envelope = JSON.parse(hec.out);
  assert.deepEqual(
    [envelope.index, envelope.sourcetype, envelope.event.action],
    ['ibmi', 'auditrelay:ibmi', 'failure'],
  );
  const es = await run('--sink', 'es');
  const [action, document] = es.out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual(action, { create: { _id: 'PROD01/AUDLIB/AUDRCV0042/12345' } });
  assert.deepEqual(document.event.category, ['authentication']);
  const unknown = await run('--sink', 'nope');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /AR_CLI_USAGE: no sink named "nope" \(the sinks are qradar, sink-2, hec, es\)/);
  const both = await run('--sink', 'hec', '--format', 'cef');
  assert.equal(both.code, 2);
});
