/**
 * `auditrelay ibmi doctor` against the strict simulated IBM i through IBM's Mapepire client:
 * a healthy set-up passes; a broken one fails each check with the CL that fixes it; and the
 * doctor changes nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { main } from '../../../src/cli/main.js';
import { parsePin } from '../../../src/core/pinning.js';
import { checkCertificate } from '../../../src/ibmi/doctor/certificate.js';
import { type RunningSimulator, startSimulator } from '../../../src/ibmi/simulator/index.js';
import { DEFAULT_RELEASE } from '../../../src/ibmi/simulator/objects.js';
import type { SimulatedSystem } from '../../../src/ibmi/simulator/system.js';
import { writeAgentConfig } from '../../support/agent.js';
import { captureIo } from '../../support/io.js';
import { tempDir } from '../../support/peers.js';

async function withSimulator(work: (sim: RunningSimulator) => Promise<void>): Promise<void> {
  const sim = await startSimulator({
    directory: tempDir('doctor-sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: 'doctor-pw',
    rate: 1,
    seed: 5,
    utcOffsetMinutes: -300,
    receiverSize: 300,
    systemName: 'DOCTORED',
    startTime: Date.parse('2026-11-27T00:00:00Z'),
  });
  try {
    sim.generate(20);
    await work(sim);
  } finally {
    await sim.stop();
  }
}

async function doctor(sim: RunningSimulator, sourceExtra = ''): Promise<{ code: number; out: string }> {
  const dir = tempDir('doctor');
  const config = writeAgentConfig({
    dir,
    mapepirePort: sim.address.port,
    caFile: sim.caCertificatePath,
    sink: '  - type: syslog\n    host: 127.0.0.1',
    sourceExtra,
  });
  const io = captureIo({ AUDITRELAY_PASSWORD: 'doctor-pw' });
  const code = await main(['ibmi', 'doctor', '--config', config], io);
  assert.equal(io.stderr, '');
  return { code, out: io.stdout };
}

/** Everything the set-up holds, Maps and Sets included. */
function snapshot(system: SimulatedSystem): string {
  return JSON.stringify(system, (_key, value) =>
    value instanceof Map || value instanceof Set ? [...value] : value,
  );
}

/** The line of a check, and its fix lines. */
function finding(out: string, check: string): string {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^(PASS|WARN|FAIL) +${check}:`).test(l));
  assert.ok(start >= 0, `no ${check} line in:\n${out}`);
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('      fix: '));
  return lines.slice(start, end).join('\n');
}

test('a healthy set-up: no FAIL, exit 0, and nothing changed', async () => {
  await withSimulator(async (sim) => {
    const before = { state: JSON.stringify(sim.journal.state), statements: sim.server.statements };
    const system = snapshot(sim.server.system);
    const { code, out } = await doctor(sim);
    assert.equal(code, 0, out);
    assert.doesNotMatch(out, /^FAIL/m);
    for (const check of [
      'Mapepire certificate',
      'release',
      'user profile',
      'QAUDCTL',
      'QAUDLVL',
      'audit journal',
      'receiver deletion',
      'QSYSMSG',
      'CCSID',
      'UTC offset',
    ]) {
      assert.match(finding(out, check), /^PASS/, check);
    }
    assert.match(finding(out, 'receiver deletion'), /keeps detached receivers until someone deletes them/);
    assert.match(finding(out, 'release'), /IBM i 7\.5, Db2 PTF group SF99950 level 8/);
    assert.match(
      finding(out, 'audit journal'),
      /QSYS\/QAUDJRN, receiver AUDLIB\/AUDRCV0001 attached and readable/,
    );
    assert.match(finding(out, 'UTC offset'), /UTC-05:00/);
    assert.match(finding(out, 'SQL services'), /^PASS/);
    assert.match(finding(out, 'exit programs'), /^WARN .*no AuditRelay exit program in AUDITRELAY/);
    assert.equal(JSON.stringify(sim.journal.state), before.state);
    assert.equal(snapshot(sim.server.system), system, 'the doctor only reads');
  });
});

test('a broken set-up: each check fails or warns with the exact fix, exit 1', async () => {
  await withSimulator(async (sim) => {
    const system = sim.server.system;
    system.systemValues['QAUDCTL'] = '*NONE';
    system.systemValues['QAUDLVL'] = '*CREATE *DELETE';
    system.systemValues['QCCSID'] = 65535;
    system.users.set('AUDITOR', { status: '*ENABLED', specialAuthorities: ['*ALLOBJ', '*AUDIT', '*SECADM'] });
    system.journalReaders.clear();
    system.objects = system.objects.filter((o) => o.name !== 'QSYSMSG');
    system.journalDeletesReceivers = true;
    sim.server.release = { ...DEFAULT_RELEASE, missing: ['QSYS2.DISPLAY_JOURNAL'] };
    const { code, out } = await doctor(sim, "    entryTypes: [PW, ZC, CD]\n    utcOffset: '+01:00'");
    assert.equal(code, 1, out);
    assert.match(
      finding(out, 'QAUDCTL'),
      /^FAIL .*'\*NONE'.*\n {6}fix: CHGSYSVAL SYSVAL\(QAUDCTL\) VALUE\('\*AUDLVL \*OBJAUD'\)$/,
    );
    assert.match(
      finding(out, 'QAUDLVL'),
      /^FAIL .*missing \*AUTFAIL \(for PW\).*\n {6}fix: CHGSYSVAL SYSVAL\(QAUDLVL\) VALUE\('\*CREATE \*DELETE \*AUTFAIL'\)$/,
    );
    assert.match(out, /^WARN +QAUDLVL: CD come from per-user auditing/m);
    assert.match(finding(out, 'SQL services'), /^FAIL .*missing: QSYS2\.DISPLAY_JOURNAL/);
    assert.match(
      finding(out, 'user profile'),
      /^WARN .*\*ALLOBJ \*SECADM.*\n {6}fix: CHGUSRPRF USRPRF\(AUDITOR\) SPCAUT\(\*AUDIT\)$/,
    );
    assert.match(
      finding(out, 'audit journal'),
      /^FAIL +audit journal: cannot read QSYS\/QAUDJRN: QSYS2\.DISPLAY_JOURNAL is not on this system \(\[SQL0204\].*\n {6}fix: apply the latest Db2 PTF group/,
    );
    assert.match(
      finding(out, 'QSYSMSG'),
      /^WARN .*\n {6}fix: CRTMSGQ MSGQ\(QSYS\/QSYSMSG\) TEXT\('Optional MSGQ to receive specific system messages'\)/,
    );
    assert.match(finding(out, 'CCSID'), /^WARN +CCSID: QCCSID is 65535/);
    assert.match(finding(out, 'UTC offset'), /^WARN .*UTC-05:00.*utcOffset \+01:00/);
    assert.match(
      finding(out, 'receiver deletion'),
      /^WARN .*deletes detached QSYS\/QAUDJRN receivers by itself \(DLTRCV \*YES\).*\n {6}fix: CHGJRN JRN\(QSYS\/QAUDJRN\) DLTRCV\(\*NO\)/,
    );
  });
});

test('without authority to the journal the job log explains the failure; without *AUDIT the audit values are reported hidden', async () => {
  await withSimulator(async (sim) => {
    sim.server.system.journalReaders.clear();
    sim.server.system.users.set('AUDITOR', { status: '*ENABLED', specialAuthorities: [] });
    const { code, out } = await doctor(sim);
    assert.equal(code, 1);
    const journal = finding(out, 'audit journal');
    assert.match(
      journal,
      /fix: GRTOBJAUT OBJ\(QSYS\/QAUDJRN\) OBJTYPE\(\*JRN\) USER\(AUDITOR\) AUT\(\*USE\)/,
    );
    assert.match(
      journal,
      /fix: GRTOBJAUT OBJ\(AUDLIB\/\*ALL\) OBJTYPE\(\*JRNRCV\) USER\(AUDITOR\) AUT\(\*USE\)/,
    );
    assert.match(
      journal,
      /\[SQL0443\] Trigger program or external routine detected an error\. \(SQLSTATE 38501, SQLCODE -443\); job log: CPF9802 Not authorized to object QAUDJRN in QSYS type \*JRN\./,
    );
    assert.match(
      finding(out, 'audit system values'),
      /^WARN .*hidden from AUDITOR \(reading them needs \*AUDIT or \*ALLOBJ\)/,
    );
    assert.match(finding(out, 'user profile'), /^PASS .*special authorities: \*NONE/);
  });
});

test('the certificate check: untrusted, expiring and expired certificates', async () => {
  await withSimulator(async (sim) => {
    const target = {
      host: '127.0.0.1',
      port: sim.address.port,
      ca: sim.caCertificatePath,
      rejectUnauthorized: true,
    };
    const good = await checkCertificate({ ...target, now: new Date('2026-12-01T00:00:00Z') });
    assert.equal(good.verdict, 'PASS', good.what);
    const expires = new Date(/expires (\d{4}-\d\d-\d\d)/.exec(good.what)![1]!);
    const soon = await checkCertificate({ ...target, now: new Date(expires.getTime() - 10 * 86_400_000) });
    assert.match(`${soon.verdict} ${soon.what}`, /^WARN expires in \d+ days/);
    const late = await checkCertificate({ ...target, now: new Date(expires.getTime() + 2 * 86_400_000) });
    assert.match(`${late.verdict} ${late.what}`, /^FAIL expired/);
    const untrusted = await checkCertificate({ ...target, ca: undefined });
    assert.equal(untrusted.verdict, 'FAIL');
    assert.match(untrusted.fix!.join('\n'), /openssl s_client -connect 127\.0\.0\.1:\d+ -showcerts/);
    const unchecked = await checkCertificate({ ...target, rejectUnauthorized: false });
    assert.match(`${unchecked.verdict} ${unchecked.what}`, /^WARN connection\.rejectUnauthorized is false/);
    // connection.fingerprints: the one the doctor printed passes, pin only too; another fails, naming what it saw.
    const seen = /SHA-256 ([0-9A-F:]+)/.exec(good.what)![1]!;
    const pinOnly = await checkCertificate({
      ...target,
      rejectUnauthorized: false,
      fingerprints: [parsePin(`sha-256:${seen}`)],
    });
    assert.match(
      `${pinOnly.verdict} ${pinOnly.what}`,
      /^PASS pinned by connection\.fingerprints \(pin only\)/,
    );
    const wrong = await checkCertificate({
      ...target,
      fingerprints: [parsePin(`sha-256:${'00:'.repeat(31)}00`)],
    });
    assert.equal(wrong.verdict, 'FAIL');
    assert.ok(wrong.what.includes(`sha-256:${seen}`), wrong.what);
  });
});
