import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatProblem, loadConfig, parseConfig } from '../../../../src/agent/config/load.js';
import { tempDir } from '../../../support/peers.js';

const SOURCE = `sources:
  - type: audit-journal
    name: journal
    connection: { type: mapepire, host: i, user: U, password: p }
`;

test('one pass reports schema problems, cross-key rules, names, files and entry types together', () => {
  const text = `${SOURCE}    entryTypes: [PW, QQ]
    pollInterval: often
sinks:
  - type: syslog
    name: siem
    host: a
    destinations: [{ host: b }]
  - type: syslog
    name: siem
    host: c
    transport: tls
    tls: { ca: missing-ca.pem }
    filter: { include: [{ entryTypes: [PWW, Z*, CP-A] }] }
    format: { type: cef, severity: { XY: 1, PW-P: 2 } }
  - type: syslog
    name: journal
    host: d
    port: 99999
`;
  const result = parseConfig(text, join(tempDir('config'), 'all.yaml'), {});
  assert.ok(!result.ok);
  const lines = result.problems.map((p) => formatProblem(p).replace(/^.*all\.yaml/, 'all.yaml'));
  assert.deepEqual(lines, [
    'all.yaml:5 sources[0].entryTypes[1]: QQ is not an audit journal entry type (docs/entry-types.md) [AR_CONFIG_INVALID]',
    'all.yaml:6 sources[0].pollInterval: expected a duration like 500ms, 1s, 2m or 1h, got "often" [AR_CONFIG_INVALID]',
    'all.yaml:11 sinks[0].destinations: give either host (and port) or destinations, not both and not neither [AR_CONFIG_INVALID]',
    'all.yaml:13 sinks[1].name: siem is already the name of sinks[0].name; names must be unique across sources and sinks [AR_CONFIG_INVALID]',
    `all.yaml:16 sinks[1].tls.ca: cannot read ${join(result.problems[4]!.file, '..', 'missing-ca.pem')} (ENOENT) [AR_CONFIG_FILE]`,
    'all.yaml:17 sinks[1].filter.include[0].entryTypes[0]: PWW matches no entry type the sources produce (docs/entry-types.md) [AR_CONFIG_INVALID]',
    'all.yaml:18 sinks[1].format.severity.XY: XY is not an entry type the sources produce (docs/entry-types.md) [AR_CONFIG_INVALID]',
    'all.yaml:20 sinks[2].name: journal is already the name of sources[0].name; names must be unique across sources and sinks [AR_CONFIG_INVALID]',
    'all.yaml:22 sinks[2].port: Number must be less than or equal to 65535 [AR_CONFIG_INVALID]',
  ]);
});

test('settings the transport does not use are a warning; the file is still valid', () => {
  const result = parseConfig(
    `${SOURCE}sinks:\n  - type: syslog\n    host: h\n    transport: tcp\n    tls: { ca: ca.pem }\n    relpWindow: 64\n  - type: syslog\n    host: h\n    profile: qradar\n    transport: relp\n`,
    join(tempDir('config'), 'w.yaml'),
    {},
  );
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  assert.deepEqual(
    result.warnings.map((w) => formatProblem(w).replace(/^.*w\.yaml/, 'w.yaml')),
    [
      'w.yaml:9 sinks[0].tls: does not apply to transport tcp (only tls, relp-tls): ignored; events go out unencrypted [AR_CONFIG_UNUSED]',
      'w.yaml:10 sinks[0].relpWindow: does not apply to transport tcp (only relp, relp-tls): ignored [AR_CONFIG_UNUSED]',
    ],
    "the profile's own framing is no warning on a relp sink",
  );
});

test('${VAR} is typed where the schema wants a number or boolean; ${VAR:-default} fills in', () => {
  const text = `sources:
  - type: audit-journal
    connection:
      type: mapepire
      host: \${IBMI_HOST:-ibmi.example.com}
      port: \${IBMI_PORT}
      user: U
      password: \${IBMI_PASSWORD}
      rejectUnauthorized: \${VERIFY:-true}
    batchSize: \${BATCH:-250}
sinks:
  - type: syslog
    host: \${SIEM:-siem}:\${NOPE:-x}
    port: "\${SIEM_PORT:-514}"
`;
  const result = parseConfig(text, join(tempDir('config'), 'env.yaml'), {
    IBMI_PORT: '8076',
    IBMI_PASSWORD: '123456',
    VERIFY: 'false',
    SIEM: '',
  });
  assert.ok(!result.ok, 'a quoted reference stays a string');
  assert.deepEqual(
    result.problems.map((p) => `${p.line} ${p.key}: ${p.message}`),
    ['14 sinks[0].port: expected number, got string'],
  );
  const fixed = parseConfig(text.replace('"${SIEM_PORT:-514}"', '${SIEM_PORT:-514}'), 'env.yaml', {
    IBMI_PORT: '8076',
    IBMI_PASSWORD: '123456',
    VERIFY: 'false',
    SIEM: '',
  });
  assert.ok(fixed.ok, JSON.stringify(!fixed.ok && fixed.problems));
  const connection = fixed.config.sources[0]!.connection;
  assert.equal(connection.host, 'ibmi.example.com');
  assert.equal(connection.port, 8076);
  assert.equal(connection.password, '123456', 'a password of digits stays a string');
  assert.equal(connection.rejectUnauthorized, false);
  assert.equal(fixed.config.sources[0]!.batchSize, 250);
  const sink = fixed.config.sinks[0]!;
  assert.ok(sink.type === 'syslog');
  assert.equal(sink.host, 'siem:x', 'an empty variable takes the default');
  assert.equal(sink.port, 514);

  const wrong = parseConfig(text, 'env.yaml', { IBMI_PORT: 'eighty', IBMI_PASSWORD: 'p' });
  assert.ok(!wrong.ok);
  assert.ok(
    wrong.problems.some((p) => p.line === 6 && p.message === 'expected number, got string'),
    JSON.stringify(wrong.problems),
  );
});

test('KEY_FILE reads a secret from a file (relative to the config), without its trailing newline', () => {
  const dir = tempDir('config');
  writeFileSync(join(dir, 'password'), 's3cret\n');
  const yaml = (password: string) =>
    `sources:\n  - type: audit-journal\n    connection:\n      type: mapepire\n      host: i\n      user: U\n${password}\nsinks:\n  - type: syslog\n    host: h\n`;
  const file = join(dir, 'agent.yaml');
  writeFileSync(file, yaml('      password_FILE: ${CREDENTIALS_DIRECTORY:-.}/password'));
  const result = loadConfig(file, {});
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  assert.equal(result.config.sources[0]!.connection.password, 's3cret');
  const viaCredentials = loadConfig(file, { CREDENTIALS_DIRECTORY: dir });
  assert.ok(viaCredentials.ok && viaCredentials.config.sources[0]!.connection.password === 's3cret');

  writeFileSync(file, yaml('      password_FILE: ./nowhere'));
  const missing = loadConfig(file, {});
  assert.ok(!missing.ok);
  assert.deepEqual(
    missing.problems.map((p) => [p.code, p.line, p.key]),
    [['AR_CONFIG_FILE', 7, 'sources[0].connection.password_FILE']],
  );
  assert.match(missing.problems[0]!.message, /cannot read .*nowhere \(ENOENT\)/);

  writeFileSync(file, yaml('      password: p\n      password_FILE: ./password'));
  const both = loadConfig(file, {});
  assert.ok(!both.ok);
  assert.match(
    formatProblem(both.problems[0]!),
    /:8 sources\[0\]\.connection\.password_FILE: give password or password_FILE, not both/,
  );
});

test('state ids: a source id names a directory; two sinks cannot share one', () => {
  const result = parseConfig(
    `sources:\n  - type: audit-journal\n    id: ../elsewhere\n    connection: { type: mapepire, host: i, user: U, password: p }\nsinks:\n  - type: syslog\n    name: a\n    host: h\n  - type: syslog\n    name: b\n    id: a\n    host: h\n`,
    'ids.yaml',
    {},
  );
  assert.ok(!result.ok);
  assert.deepEqual(
    result.problems.map((p) => `${p.line} ${p.key}`),
    ['3 sources[0].id', '11 sinks[1].id'],
  );
});
