import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProblem, parseConfig } from '../../../src/agent/config/load.js';

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
  const result = parseConfig(
    'sources:\n  - type: qhst\nsinks:\n  - type: syslog\n    host: h\n',
    'a.yaml',
    {},
  );
  assert.ok(!result.ok);
  const lines = result.problems.map(formatProblem);
  assert.ok(
    lines.some((l) => /^a\.yaml:2 sources\[0\]\.type: type must be one of "audit-journal"/.test(l)),
    lines.join('\n'),
  );
  const noConnection = parseConfig(
    'sources:\n  - type: audit-journal\nsinks:\n  - type: syslog\n    host: h\n',
    'b.yaml',
    {},
  );
  assert.ok(!noConnection.ok);
  assert.equal(
    formatProblem(noConnection.problems[0]!),
    'b.yaml:2 sources[0].connection: required [AR_CONFIG_INVALID]',
  );
});

test('checks across keys: a syslog sink needs host or destinations, not both', () => {
  const source =
    'sources:\n  - type: audit-journal\n    connection: { type: mapepire, host: i, user: U, password: p }\n';
  const neither = parseConfig(`${source}sinks:\n  - type: syslog\n    transport: tcp\n`, 'n.yaml', {});
  assert.ok(!neither.ok);
  assert.equal(
    formatProblem(neither.problems[0]!),
    'n.yaml:5 sinks[0].host: give either host (and port) or destinations, not both and not neither [AR_CONFIG_INVALID]',
  );
  const both = parseConfig(
    `${source}sinks:\n  - type: syslog\n    host: a\n    destinations:\n      - host: b\n`,
    'b.yaml',
    {},
  );
  assert.ok(!both.ok);
  assert.match(formatProblem(both.problems[0]!), /^b\.yaml:7 sinks\[0\]\.destinations: give either host/);
  const group = parseConfig(
    `${source}sinks:\n  - type: syslog\n    destinations:\n      - host: a\n      - host: b\n        port: 1514\n`,
    'g.yaml',
    {},
  );
  assert.ok(group.ok, JSON.stringify(!group.ok && group.problems));
});

test('YAML syntax errors and empty files', () => {
  const broken = parseConfig('sources: [\n', 'b.yaml', {});
  assert.ok(!broken.ok);
  assert.equal(broken.problems[0]!.code, 'AR_CONFIG_SYNTAX');
  const empty = parseConfig('', 'e.yaml', {});
  assert.ok(!empty.ok);
  assert.ok(empty.problems.some((p) => p.key === 'sources' && p.message === 'required'));
});
