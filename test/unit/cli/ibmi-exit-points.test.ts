/**
 * `auditrelay ibmi install-exit-points` / `uninstall-exit-points` against the simulated IBM i
 * through IBM's Mapepire client. The simulator runs the statements far enough to know what
 * was installed (library, table, procedures and their parameter counts, registrations) and
 * refuses what the registration facility refuses; it does not run SQL PL.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../../src/cli/main.js';
import { EXIT_PROGRAMS } from '../../../src/ibmi/exit-points/catalog.js';
import { startSimulator } from '../../../src/ibmi/simulator/index.js';
import { SimulatedTable } from '../../../src/ibmi/simulator/system.js';
import { writeAgentConfig } from '../../support/agent.js';
import { captureIo } from '../../support/io.js';
import { tempDir } from '../../support/peers.js';

test('install, install again, a foreign program in the way, uninstall', async () => {
  const sim = await startSimulator({
    directory: tempDir('exit-sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'SECADMIN',
    password: 'exit-pw',
    rate: 1,
    seed: 7,
    utcOffsetMinutes: 0,
    receiverSize: 300,
    systemName: 'EXITS',
  });
  try {
    const dir = tempDir('exit');
    const config = writeAgentConfig({
      dir,
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      sink: '  - type: syslog\n    host: 127.0.0.1',
    });
    // The config's profile is AUDITOR; the simulator signs on SECADMIN: use a copy for the admin.
    writeFileSync(config, readFileSync(config, 'utf8').replace('user: AUDITOR', 'user: SECADMIN'));
    const run = async (...args: string[]) => {
      const io = captureIo({ AUDITRELAY_PASSWORD: 'exit-pw' });
      const code = await main(['ibmi', ...args, '--config', config], io);
      return { code, out: io.stdout, err: io.stderr };
    };
    const system = sim.server.system;

    // --dry-run changes nothing and prints the same script twice.
    const statements = sim.server.statements;
    const dry = await run('install-exit-points', '--dry-run', '--agent-user', 'ARAGENT');
    assert.equal(dry.code, 0, dry.err);
    assert.equal((await run('install-exit-points', '--dry-run', '--agent-user', 'ARAGENT')).out, dry.out);
    assert.equal(sim.server.statements, statements);
    assert.equal(system.exitPrograms.length, 0);
    const defaults = EXIT_PROGRAMS.filter((p) => p.byDefault);
    for (const p of defaults) {
      assert.ok(dry.out.includes(`CREATE OR REPLACE PROCEDURE AUDITRELAY.${p.program} (`), p.program);
      assert.ok(
        dry.out.includes(`-- CL: ADDEXITPGM EXITPNT(${p.exitPoint}) FORMAT(${p.format}) PGMNBR(9901)`),
        p.exitPoint,
      );
    }
    assert.doesNotMatch(dry.out, /ARFTPLOGON|ARTELNET/);
    assert.match(dry.out, /GRANT SELECT ON AUDITRELAY\.EXIT_LOG TO ARAGENT;/);
    assert.match(dry.out, /^-- {3}ENDSBS SBS\(QSERVER\) OPTION\(\*CNTRLD\) DELAY\(60\)$/m);

    // A security product already holds the one program slot of QIBM_QZDA_INIT.
    system.exitPrograms.push({
      exitPoint: 'QIBM_QZDA_INIT',
      format: 'ZDAI0100',
      number: 1,
      library: 'SECPROD',
      program: 'ZDAEXIT',
      text: 'another product',
    });
    const first = await run('install-exit-points', '--agent-user', 'ARAGENT');
    assert.equal(first.code, 1, first.out);
    assert.match(
      first.out,
      /^FAILED {3}ADDEXITPGM EXITPNT\(QIBM_QZDA_INIT\).*\[SQL0443\].*job log: CPF83CF Maximum number of exit programs reached for exit point QIBM_QZDA_INIT\.$/m,
    );
    assert.deepEqual(
      system.exitPrograms.filter((p) => p.library === 'SECPROD').map((p) => p.program),
      ['ZDAEXIT'],
      'never replaces another program',
    );
    assert.ok(system.hasObject('QSYS', 'AUDITRELAY', '*LIB'));
    const table = system.tables.get('AUDITRELAY.EXIT_LOG');
    assert.deepEqual(
      table?.columns.slice(0, 4).map((c) => c.name),
      ['ENTRY_ID', 'LOGGED_AT', 'EXIT_POINT', 'EXIT_FORMAT'],
    );
    for (const p of defaults) {
      assert.equal(
        system.routines.get(`AUDITRELAY.${p.program}`)?.parameters,
        p.parameters.length,
        p.program,
      );
      assert.ok(system.hasObject('AUDITRELAY', p.program, '*PGM'), p.program);
    }
    const ours = () =>
      system.exitPrograms
        .filter((p) => p.library === 'AUDITRELAY')
        .map((p) => `${p.exitPoint}/${p.format}/${p.number}/${p.program}`)
        .sort();
    assert.deepEqual(
      ours(),
      defaults
        .filter((p) => p.exitPoint !== 'QIBM_QZDA_INIT')
        .map((p) => `${p.exitPoint}/${p.format}/9901/${p.program}`)
        .sort(),
    );
    assert.match(first.out, /^ {2}ENDPJ SBS\(QUSRWRK\) PGM\(QSYS\/QZDASOINIT\) OPTION\(\*IMMED\)$/m);

    // Again, with the slot free: what exists is skipped, the missing registration is added.
    system.exitPrograms = system.exitPrograms.filter((p) => p.library !== 'SECPROD');
    const second = await run('install-exit-points', '--agent-user', 'ARAGENT');
    assert.equal(second.code, 0, second.out);
    assert.match(second.out, /^skipped {2}CREATE SCHEMA AUDITRELAY \(already so\)$/m);
    assert.match(second.out, /^done {5}ADDEXITPGM EXITPNT\(QIBM_QZDA_INIT\)/m);
    assert.equal(ours().length, defaults.length);

    // The doctor now sees them.
    const doctor = await run('doctor');
    assert.match(doctor.out, /^PASS +exit programs: registered: QIBM_QZDA_INIT/m);
    assert.match(doctor.out, /^PASS +exit-point log: AUDITRELAY\.EXIT_LOG is readable by SECADMIN$/m);
    // A log the profile may not read (created by another profile, nothing granted) fails, with the GRANT.
    const log = system.tables.get('AUDITRELAY.EXIT_LOG')!;
    const foreign = new SimulatedTable(log.schema, log.name, log.columns, 'QSECOFR', { timestamps: [] });
    system.tables.set('AUDITRELAY.EXIT_LOG', foreign);
    const denied = await run('doctor');
    assert.match(denied.out, /^FAIL +exit-point log: SECADMIN may not read AUDITRELAY\.EXIT_LOG/m);
    assert.match(denied.out, /GRANT SELECT ON AUDITRELAY\.EXIT_LOG TO SECADMIN/);
    system.tables.set('AUDITRELAY.EXIT_LOG', log);

    const removed = await run('uninstall-exit-points');
    assert.equal(removed.code, 0, removed.out);
    assert.deepEqual(ours(), []);
    assert.equal(system.routines.size, 0);
    assert.ok(system.tables.has('AUDITRELAY.EXIT_LOG'), 'the log is kept');
  } finally {
    await sim.stop();
  }
});

test('a configuration with only an exit-points source: install uses its connection and library; doctor needs the audit journal', async () => {
  const sim = await startSimulator({
    directory: tempDir('exit-only-sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'SECADMIN',
    password: 'exit-only-pw',
    rate: 1,
    seed: 8,
    utcOffsetMinutes: 0,
    receiverSize: 300,
    systemName: 'EXITONLY',
  });
  try {
    const dir = tempDir('exit-only');
    const config = join(dir, 'agent.yaml');
    writeFileSync(
      config,
      `state: ./state
sources:
  - type: exit-points
    name: exits
    library: SECLOG
    connection:
      type: mapepire
      host: 127.0.0.1
      port: ${sim.address.port}
      user: SECADMIN
      password: \${AUDITRELAY_PASSWORD}
      ca: ${sim.caCertificatePath}
sinks:
  - type: syslog
    host: 127.0.0.1
`,
    );
    const run = async (...args: string[]) => {
      const io = captureIo({ AUDITRELAY_PASSWORD: 'exit-only-pw' });
      const code = await main(['ibmi', ...args, '--config', config], io).catch((error: Error) => {
        io.err(error.message);
        return 2;
      });
      return { code, out: io.stdout, err: io.stderr };
    };
    const installed = await run('install-exit-points');
    assert.equal(installed.code, 0, installed.out + installed.err);
    assert.ok(sim.server.system.tables.has('SECLOG.EXIT_LOG'), 'the library of the exit-points source');
    const doctor = await run('doctor');
    assert.notEqual(doctor.code, 0);
    assert.match(doctor.err, /doctor reads the audit journal: .*agent\.yaml has no audit-journal source/);
  } finally {
    await sim.stop();
  }
});

test('names that are not IBM i names or exit points are usage errors', async () => {
  const dir = tempDir('exit-usage');
  writeFileSync(join(dir, 'ca.pem'), 'not read by --dry-run');
  writeFileSync(join(dir, 'ca.pem'), 'not read by --dry-run');
  const config = writeAgentConfig({
    dir,
    mapepirePort: 1,
    caFile: 'ca.pem',
    sink: '  - type: syslog\n    host: 127.0.0.1',
  });
  for (const args of [
    ['--library', 'TOO_LONG_NAME1'],
    ['--exit-points', 'QIBM_QRQ_SQL'],
  ]) {
    const io = captureIo({ AUDITRELAY_PASSWORD: 'x' });
    assert.equal(
      await main(['ibmi', 'install-exit-points', '--dry-run', ...args, '--config', config], io),
      2,
    );
    assert.match(io.stderr, /^AR_CLI_USAGE: /);
  }
});
