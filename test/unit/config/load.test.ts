import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProblem, parseConfig } from '../../../src/config/load.js';

const VALID = `state: ./state
sources:
  - type: audit-journal
    connection:
      type: mapepire
      host: 127.0.0.1
      port: 8076
      user: AUDITOR
      password: \${AUDITRELAY_PASSWORD}
      ca: ./sim/server-cert.pem
    pollInterval: 1s
sinks:
  - type: syslog
    host: 127.0.0.1
    port: 514
    transport: tcp
    framing: octet-counting
    format: rfc5424
    tls: { ca: ca.pem, servername: siem, rejectUnauthorized: true }
`;

test('the documented example is valid and gets its defaults', () => {
  const result = parseConfig(VALID, 'agent.yaml', { AUDITRELAY_PASSWORD: 'secret' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  const source = result.config.sources[0]!;
  assert.equal(source.connection.password, 'secret');
  assert.equal(source.pollInterval, 1000);
  assert.equal(source.batchSize, 1000);
  assert.equal(source.journal, 'QSYS/QAUDJRN');
  const sink = result.config.sinks[0]!;
  assert.equal(sink.port, 514);
  assert.equal(sink.tls.rejectUnauthorized, true);
});

test('a missing environment variable is reported at its line', () => {
  const result = parseConfig(VALID, 'agent.yaml', {});
  assert.ok(!result.ok);
  assert.equal(
    formatProblem(result.problems[0]!),
    'agent.yaml:9 sources[0].connection.password: environment variable AUDITRELAY_PASSWORD is not set [AR_CONFIG_ENV_MISSING]',
  );
});

test('every schema problem names file, line and key', () => {
  const text = VALID.replace('port: 514', 'port: 70000')
    .replace('pollInterval: 1s', 'pollInterval: often')
    .replace('framing: octet-counting', 'framing: octet-counting\n    retries: 3');
  const result = parseConfig(text, 'agent.yaml', { AUDITRELAY_PASSWORD: 'x' });
  assert.ok(!result.ok);
  const lines = result.problems.map(formatProblem);
  assert.deepEqual(lines, [
    'agent.yaml:11 sources[0].pollInterval: expected a duration like 500ms, 1s, 2m or 1h, got "often" [AR_CONFIG_INVALID]',
    'agent.yaml:15 sinks[0].port: Number must be less than or equal to 65535 [AR_CONFIG_INVALID]',
    'agent.yaml:18 sinks[0].retries: unknown key retries [AR_CONFIG_INVALID]',
  ]);
});

test('unknown component types and missing required keys', () => {
  const result = parseConfig('sources:\n  - type: qhst\nsinks:\n  - type: syslog\n', 'a.yaml', {});
  assert.ok(!result.ok);
  const lines = result.problems.map(formatProblem);
  assert.ok(
    lines.some((l) => /^a\.yaml:2 sources\[0\]\.type: type must be one of "audit-journal"/.test(l)),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => /^a\.yaml:4 sinks\[0\]\.host: required/.test(l)),
    lines.join('\n'),
  );
});

test('YAML syntax errors and empty files', () => {
  const broken = parseConfig('sources: [\n', 'b.yaml', {});
  assert.ok(!broken.ok);
  assert.equal(broken.problems[0]!.code, 'AR_CONFIG_SYNTAX');
  const empty = parseConfig('', 'e.yaml', {});
  assert.ok(!empty.ok);
  assert.ok(empty.problems.some((p) => p.key === 'sources' && p.message === 'required'));
});
