/**
 * Exit-point monitoring end to end with the real CLI: `ibmi install-exit-points` against the
 * simulated IBM i, the agent reading the audit journal and the exit-point log into syslog-ng
 * (its RFC 5424 parser splits the SD elements), across a SIGKILL; the GR entries the
 * registrations leave arrive as "exit program added/removed" alerts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXIT_PROGRAMS } from '../../src/ibmi/exit-points/catalog.js';
import { startSimulator } from '../../src/ibmi/simulator/index.js';
import { runAgent, runCli, writeAgentConfig } from '../support/agent.js';
import { startSyslogNg, tempDir, waitFor } from '../support/peers.js';

const PASSWORD = 'exit-e2e-pw';

test('install, read every exit-point row once across a SIGKILL, exit program added/removed alerts, into syslog-ng', async () => {
  const sim = await startSimulator({
    directory: tempDir('exit-e2e-sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1,
    events: 0,
    seed: 23,
    utcOffsetMinutes: 120,
    receiverSize: 2000,
    systemName: 'EXITE2E',
  });
  const syslogNg = await startSyslogNg();
  const connection = `    connection:
      type: mapepire
      host: 127.0.0.1
      port: ${sim.address.port}
      user: AUDITOR
      password: \${AUDITRELAY_PASSWORD}
      ca: ${sim.caCertificatePath}`;
  const config = writeAgentConfig({
    dir: tempDir('exit-e2e'),
    mapepirePort: sim.address.port,
    caFile: sim.caCertificatePath,
    moreSources: `  - type: exit-points\n    name: exits\n${connection}\n    pollInterval: 200ms\n    batchSize: 200\n`,
    sink: `  - type: syslog\n    name: siem\n    host: 127.0.0.1\n    port: ${syslogNg.port}\n    transport: tcp`,
  });
  const env = { AUDITRELAY_PASSWORD: PASSWORD };
  type Received = Record<string, string> & { _SDATA?: Record<string, Record<string, string>> };
  const records = () => syslogNg.lines().map((line) => JSON.parse(line) as Received);
  /** A parameter of an SD element as syslog-ng parsed it: `element.name`. */
  const sd = (record: Received, key: string) => {
    const [element = '', name = ''] = key.split('.');
    return record._SDATA?.[element]?.[name];
  };
  const exitIds = () =>
    new Set(
      records()
        .filter((r) => r['PROGRAM'] === 'EXITPOINT')
        .map((r) => sd(r, 'auditrelay@0.id')),
    );
  const tableIds = () =>
    sim.server.system.tables
      .get('AUDITRELAY.EXIT_LOG')!
      .rows.map((row) => `EXITE2E/EXITLOG/AUDITRELAY/${row['ENTRY_ID']}`);
  // The installer's own (the scenario's long tail has GR entries of other users).
  const alerts = (action: string) =>
    records()
      .filter((r) => sd(r, 'auditrelay@0.action') === action && sd(r, 'auditrelay@0.user') === 'AUDITOR')
      .map((r) => sd(r, 'qaudjrn@0.field1'));
  const installed = EXIT_PROGRAMS.filter((p) => p.byDefault).map((p) => p.exitPoint);
  const first = runAgent(config, env);
  let agent = first;
  try {
    sim.generate(300);
    // The source polls before anything is installed: one warning naming the install command.
    await waitFor(
      () => `the missing-log warning: ${first.output()}`,
      () => /AUDITRELAY\/EXIT_LOG does not exist.*install-exit-points/.test(first.output()),
      30_000,
    );
    const install = runCli(['ibmi', 'install-exit-points', '--config', config], env);
    assert.equal(await install.exited, 0, install.output());
    sim.generate(3000);
    const rows = tableIds().length;
    assert.ok(rows > 200, `${rows} rows logged`);

    await waitFor(
      () => `half of ${rows} rows before the kill: ${exitIds().size}; ${agent.output()}`,
      () => exitIds().size > rows / 2,
      60_000,
      20,
    );
    await agent.stop('SIGKILL');
    agent = runAgent(config, env);
    await waitFor(
      () =>
        `all ${rows} rows and ${installed.length} alerts: ${exitIds().size}, ${alerts('exit-program-added').length}; ${agent.output()}`,
      () => exitIds().size >= rows && new Set(alerts('exit-program-added')).size >= installed.length,
      90_000,
    );
    assert.deepEqual([...exitIds()].sort(), tableIds().sort(), 'every row, nothing else');
    assert.deepEqual([...new Set(alerts('exit-program-added'))].sort(), [...installed].sort());

    // syslog-ng's RFC 5424 parser finds the statement in its own SD element, whole.
    const table = sim.server.system.tables.get('AUDITRELAY.EXIT_LOG')!;
    const sqlRow = table.rows.find((r) => r['EXIT_POINT'] === 'QIBM_QZDA_SQL2')!;
    const sql = records().find(
      (r) => sd(r, 'auditrelay@0.id') === `EXITE2E/EXITLOG/AUDITRELAY/${sqlRow['ENTRY_ID']}`,
    )!;
    assert.equal(sd(sql, 'exitpgm@0.statement'), sqlRow['STATEMENT_TEXT']);
    assert.equal(sd(sql, 'auditrelay@0.remoteAddress'), sqlRow['REMOTE_ADDRESS']);
    assert.equal(sql['MSGID'], 'QIBM_QZDA_SQL2');
    const added = records().find(
      (r) =>
        sd(r, 'auditrelay@0.action') === 'exit-program-added' && sd(r, 'auditrelay@0.user') === 'AUDITOR',
    )!;
    assert.match(added['MESSAGE']!, /^Exit program added at QIBM_\w+ by user AUDITOR$/);

    // Removing the programs (an attacker switching monitoring off looks the same) is an alert too.
    const uninstall = runCli(['ibmi', 'uninstall-exit-points', '--config', config], env);
    assert.equal(await uninstall.exited, 0, uninstall.output());
    await waitFor(
      () => `removed alerts: ${alerts('exit-program-removed').length}; ${agent.output()}`,
      () => new Set(alerts('exit-program-removed')).size >= installed.length,
      30_000,
    );
    assert.equal(await agent.stop(), 0, agent.output());
  } finally {
    await agent.stop('SIGKILL');
    await syslogNg.stop();
    await sim.stop();
  }
});
