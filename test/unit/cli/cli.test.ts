import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMANDS, main } from '../../../src/cli/main.js';
import { WriteAheadLog } from '../../../src/store/wal/wal.js';
import { captureIo as capture } from '../../support/io.js';
import { ROOT, tempDir } from '../../support/peers.js';

test('every command has --help, exit 0', async () => {
  for (const command of COMMANDS) {
    const io = capture();
    assert.equal(await main([command.name, '--help'], io), 0, command.name);
    assert.match(io.stdout, new RegExp(`^Usage: auditrelay ${command.name}`), command.name);
  }
});

test('no command: usage, exit 2; unknown command or option: exit 2 with a clear message', async () => {
  let io = capture();
  assert.equal(await main([], io), 2);
  assert.match(io.stdout, /Commands:/);
  io = capture();
  assert.equal(await main(['frobnicate'], io), 2);
  assert.match(io.stderr, /unknown command "frobnicate"/);
  io = capture();
  assert.equal(await main(['check', '--colour'], io), 2);
  assert.match(io.stderr, /^AR_CLI_USAGE: .*--colour/);
  io = capture();
  assert.equal(await main(['demo', '--events', 'many'], io), 2);
  assert.match(io.stderr, /--events expects a number/);
});

test('check: ok for a valid file, every problem with file:line for a bad one', async () => {
  const dir = tempDir('cli');
  const good = join(dir, 'good.yaml');
  writeFileSync(
    good,
    'sources:\n  - type: audit-journal\n    connection: { type: mapepire, host: h, user: U, password: p }\nsinks:\n  - type: syslog\n    host: siem\n',
  );
  let io = capture();
  assert.equal(await main(['check', '--config', good], io), 0, io.stderr);
  assert.match(io.stdout, /good\.yaml: ok/);
  const bad = join(dir, 'bad.yaml');
  writeFileSync(
    bad,
    'sources: []\nsinks:\n  - type: syslog\n    host: siem\n    transport: carrier-pigeon\n',
  );
  io = capture();
  assert.equal(await main(['check', '--config', bad], io), 1);
  assert.match(io.stderr, /bad\.yaml:1 sources: at least one source is required/);
  assert.match(io.stderr, /bad\.yaml:5 sinks\[0\]\.transport: /);
  io = capture();
  assert.equal(await main(['check', '--config', join(dir, 'missing.yaml')], io), 1);
  assert.match(io.stderr, /missing\.yaml:0 \(root\): cannot read the file \(ENOENT\) \[AR_CONFIG_READ\]/);
});

test('--version prints the package version; state without its arguments is a usage error', async () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  let io = capture();
  assert.equal(await main(['--version'], io), 0);
  assert.equal(io.stdout, `auditrelay ${version}\n`);
  io = capture();
  assert.equal(await main(['state', 'rename', 'sink', 'a'], io), 2);
  assert.match(io.stderr, /Usage: auditrelay state rename sink\|source OLD NEW --config FILE/);
});

test('check also reports what a start would refuse in the existing state, without writing to it', async () => {
  const dir = tempDir('cli');
  const config = join(dir, 'agent.yaml');
  const yaml = (sink: string) =>
    `state: ./state\nsources:\n  - type: audit-journal\n    name: journal\n    connection: { type: mapepire, host: h, user: U, password: p }\nsinks:\n  - type: syslog\n    name: ${sink}\n    host: siem\n`;
  const wal = await WriteAheadLog.open({
    directory: join(dir, 'state/wal/journal'),
    cursors: ['siem'],
    sync: false,
  });
  await wal.close();
  writeFileSync(config, yaml('siem'));
  let io = capture();
  assert.equal(await main(['check', '--config', config], io), 0, io.stderr);
  writeFileSync(config, yaml('primary'));
  io = capture();
  assert.equal(await main(['check', '--config', config], io), 1);
  assert.match(io.stderr, /^AR_STATE_UNCLAIMED: .*\n.*sink "siem" has its delivery position/);
  assert.ok(io.stderr.includes(`auditrelay state rename sink siem primary --config ${config}`), io.stderr);
  assert.equal(existsSync(join(dir, 'state/format.json')), false, 'check writes nothing');
});

test("demo (README's first command): journal entries, messages and exit-point requests reach the receiver; the last line says so", async () => {
  const io = capture();
  assert.equal(await main(['demo', '--events', '300', '--rate', '3000'], io), 0, io.stdout);
  const last = io.stdout.trimEnd().split('\n').at(-1)!;
  const match = /^received (\d+) of 300 journal entries, (\d+) messages and (\d+) exit-point requests$/.exec(
    last,
  );
  assert.ok(match, last);
  assert.ok(Number(match[1]) >= 300 && Number(match[3]) > 0, last);
});
