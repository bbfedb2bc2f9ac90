import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatProblem, parseConfig } from '../../../../src/agent/config/load.js';
import { tempDir } from '../../../support/peers.js';

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

/** A directory holding the files VALID names; `agent.yaml` in it is where VALID "is". */
function withFiles(): string {
  const dir = tempDir('config');
  mkdirSync(join(dir, 'sim'));
  writeFileSync(join(dir, 'sim/server-cert.pem'), 'PEM');
  writeFileSync(join(dir, 'ca.pem'), 'PEM');
  return dir;
}

test('the documented example is valid and gets its defaults', () => {
  const result = parseConfig(VALID, join(withFiles(), 'agent.yaml'), { AUDITRELAY_PASSWORD: 'secret' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  const source = result.config.sources[0]!;
  assert.equal(source.connection.password, 'secret');
  assert.equal(source.pollInterval, 1000);
  assert.equal(source.batchSize, 1000);
  assert.ok(source.type === 'audit-journal' && source.journal === 'QSYS/QAUDJRN');
  const sink = result.config.sinks[0]!;
  assert.ok(sink.type === 'syslog');
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

const SOURCE = `sources:
  - type: audit-journal
    connection: { type: mapepire, host: i, user: U, password: p }
`;

test('a sink embeds its format as a name or as an object with its own options', () => {
  const short = parseConfig(
    `${SOURCE}sinks:\n  - type: syslog\n    host: h\n    format: cef\n`,
    's.yaml',
    {},
  );
  assert.ok(short.ok, JSON.stringify(!short.ok && short.problems));
  assert.deepEqual(short.config.sinks[0]!.format, {
    type: 'cef',
    header: 'rfc3164',
    facility: 13,
    rfc3164Limit: false,
    bom: false,
    vendor: 'AuditRelay',
    product: 'IBM i Audit',
    jobKey: 'deviceProcessName',
  });
  const full = parseConfig(
    `${SOURCE}sinks:\n  - type: syslog\n    host: h\n    format:\n      type: leef2\n      delimiter: '~'\n      severity: { PW-P: 2 }\n`,
    'f.yaml',
    {},
  );
  assert.ok(full.ok, JSON.stringify(!full.ok && full.problems));
  assert.equal(full.config.sinks[0]!.format.type, 'leef2');
  assert.ok(full.ok && full.warnings.length === 0);
  const none = parseConfig(`${SOURCE}sinks:\n  - type: syslog\n    host: h\n`, 'n.yaml', {});
  assert.ok(none.ok && none.config.sinks[0]!.format.type === 'rfc5424');
});

test('a format option the format does not have is an error at its line', () => {
  const result = parseConfig(
    `${SOURCE}sinks:\n  - type: syslog\n    host: h\n    format:\n      type: cef\n      delimiter: '~'\n`,
    'd.yaml',
    {},
  );
  assert.ok(!result.ok);
  assert.equal(
    formatProblem(result.problems[0]!),
    'd.yaml:9 sinks[0].format.delimiter: unknown key delimiter [AR_CONFIG_INVALID]',
  );
});

test('the old flat format keys still work, each with a deprecation warning at its line', () => {
  const result = parseConfig(
    `${SOURCE}sinks:\n  - type: syslog\n    host: h\n    format: leef2\n    leefDelimiter: '~'\n    vendor: Acme\n    jsonStyle: ecs\n`,
    'old.yaml',
    {},
  );
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  const format = result.config.sinks[0]!.format;
  assert.equal(format.type, 'leef2');
  assert.ok(format.type === 'leef2' && format.delimiter === '~' && format.vendor === 'Acme');
  assert.deepEqual(result.warnings.map(formatProblem), [
    'old.yaml:8 sinks[0].leefDelimiter: deprecated: write it as format.delimiter [AR_CONFIG_DEPRECATED]',
    'old.yaml:9 sinks[0].vendor: deprecated: write it as format.vendor [AR_CONFIG_DEPRECATED]',
    'old.yaml:10 sinks[0].jsonStyle: deprecated, and format leef2 has no style: ignored [AR_CONFIG_DEPRECATED]',
  ]);
});

test("a profile lays its format and transport under the sink's own settings", () => {
  const qradar = parseConfig(
    `${SOURCE}sinks:\n  - type: syslog\n    host: h\n    profile: qradar\n`,
    'q.yaml',
    {},
  );
  assert.ok(qradar.ok, JSON.stringify(!qradar.ok && qradar.problems));
  const sink = qradar.config.sinks[0]!;
  assert.ok(sink.type === 'syslog');
  assert.deepEqual([sink.format.type, sink.transport, sink.framing], ['leef1', 'tcp', 'lf']);
  const google = parseConfig(
    `${SOURCE}sinks:\n  - type: syslog\n    host: h\n    profile: google-secops\n    transport: tls\n    format: { header: none }\n`,
    'g.yaml',
    {},
  );
  assert.ok(google.ok, JSON.stringify(!google.ok && google.problems));
  const g = google.config.sinks[0]!;
  assert.ok(g.type === 'syslog');
  assert.equal(g.transport, 'tls', 'explicit transport wins');
  assert.ok(g.format.type === 'cef' && g.format.jobKey === 'sproc' && g.format.header === 'none');
  const other = parseConfig(
    `${SOURCE}sinks:\n  - type: syslog\n    host: h\n    profile: google-secops\n    format: json\n`,
    'o.yaml',
    {},
  );
  assert.ok(
    other.ok && other.config.sinks[0]!.format.type === 'json',
    'another format type drops the profile format',
  );
});

test('source and sink filters are validated with the rest', () => {
  const result = parseConfig(
    `${SOURCE}    filter:\n      include:\n        - entryTypes: [PW]\n          remoteAddresses: [10.0.0.0/40]\nsinks:\n  - type: syslog\n    host: h\n    filter: { exclude: [{ users: [QSYS] }] }\n`,
    'fl.yaml',
    {},
  );
  assert.ok(!result.ok);
  assert.match(
    formatProblem(result.problems[0]!),
    /^fl\.yaml:7 sources\[0\]\.filter\.include\[0\]\.remoteAddresses\[0\]: expected an IP address/,
  );
});

test('unsafe settings are warned about at their line: tls on a plaintext transport, no verification, udp', () => {
  const result = parseConfig(
    `${SOURCE}sinks:\n  - type: syslog\n    host: h\n    transport: tcp\n    tls: { ca: ca.pem }\n  - type: syslog\n    host: h\n    transport: tls\n    tls:\n      rejectUnauthorized: false\n  - type: syslog\n    host: h\n    transport: udp\n`,
    'u.yaml',
    {},
  );
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  assert.deepEqual(
    result.warnings.map((w) => `${w.line} ${w.key} ${w.code}`),
    [
      '8 sinks[0].tls AR_CONFIG_UNUSED',
      '13 sinks[1].tls.rejectUnauthorized AR_CONFIG_UNSAFE',
      '16 sinks[2].transport AR_CONFIG_UNSAFE',
    ],
  );
  assert.match(result.warnings[0]!.message, /events go out unencrypted/);
  const pinned = parseConfig(
    `${SOURCE}sinks:\n  - type: syslog\n    host: h\n    transport: tls\n    tls:\n      rejectUnauthorized: false\n      fingerprints: ['sha-256:${'AB:'.repeat(31)}AB']\n`,
    'p.yaml',
    {},
  );
  assert.ok(pinned.ok && pinned.warnings.length === 0, 'pin-only is not unsafe');
});

test('HTTP sinks: a url (and a token for splunk-hec) is enough; each gets its own default format', () => {
  const result = parseConfig(
    `${SOURCE}sinks:
  - type: splunk-hec
    url: https://splunk.example.com:8088
    token: \${HEC_TOKEN}
  - type: elasticsearch
    url: https://elastic.example.com:9200
  - type: http
    url: https://collector.example.com/ingest
  - type: elasticsearch
    url: https://elastic.example.com:9200
    profile: elastic
  - type: splunk-hec
    url: https://splunk.example.com:8088
    token: t
    profile: qradar
`,
    'h.yaml',
    { HEC_TOKEN: 'secret' },
  );
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  const [hec, es, http, esProfile, hecQradar] = result.config.sinks as [
    (typeof result.config.sinks)[number],
    ...(typeof result.config.sinks)[number][],
  ];
  const style = (sink: (typeof result.config.sinks)[number] | undefined) =>
    (sink?.format as { style?: string } | undefined)?.style;
  assert.ok(hec.type === 'splunk-hec' && hec.token === 'secret');
  assert.deepEqual(hec.format, {
    type: 'json',
    style: 'cim',
    header: 'none',
    facility: 13,
    rfc3164Limit: false,
    bom: false,
  });
  assert.deepEqual([es?.format.type, style(es)], ['json', 'ecs']);
  assert.deepEqual([http?.format.type, style(http)], ['json', 'native']);
  assert.equal(style(esProfile), 'ecs', "the profile's HTTP format");
  assert.equal(hecQradar?.format.type, 'leef1');
});

test('HTTP sinks: missing url or token, a bad URL, a format elasticsearch cannot index', () => {
  const result = parseConfig(
    `${SOURCE}sinks:
  - type: splunk-hec
    url: https://splunk.example.com:8088
  - type: http
    url: not a url
  - type: elasticsearch
    url: https://elastic.example.com:9200
    format: cef
  - type: http
`,
    'bad.yaml',
    {},
  );
  assert.ok(!result.ok);
  const keys = result.problems.map((p) => `${p.line} ${p.key}`);
  assert.ok(keys.includes('5 sinks[0].token'), keys.join());
  assert.ok(keys.includes('8 sinks[1].url'), keys.join());
  // One pass: the cross-key checks of the sinks that passed the schema come with the rest.
  const messages = result.problems.map((p) => `${p.key}: ${p.message}`);
  assert.ok(
    messages.some((m) => /sinks\[2\]\.format: elasticsearch indexes JSON/.test(m)),
    messages.join(),
  );
  assert.ok(
    messages.some((m) => /sinks\[3\]\.url: give either url or urls/.test(m)),
    messages.join(),
  );
});
