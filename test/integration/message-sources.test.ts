/**
 * The three IBM i sources at once (QAUDJRN, QHST, QSYSOPR/QSYSMSG) through the real CLI into
 * rsyslog over RELP, across SIGKILLs; a queue cleared with unread messages, a missing QSYSMSG
 * that appears later, hostile message text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSimulator } from '../../src/ibmi/simulator/index.js';
import { messageTimestamp } from '../../src/ibmi/simulator/message-traffic.js';
import type { SimulatedMessage } from '../../src/ibmi/simulator/messages.js';
import { messageSourcesYaml, runAgent, writeAgentConfig } from '../support/agent.js';
import { startRelpRsyslog, tempDir, waitFor } from '../support/peers.js';

const PASSWORD = 'messages-pw';

test('three sources into rsyslog over RELP across SIGKILLs: every entry and message once or more, gaps and a missing queue said', async () => {
  const sim = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1,
    events: 0,
    seed: 41,
    utcOffsetMinutes: 60,
    receiverSize: 1000,
    systemName: 'MSGS',
    qsysmsg: false,
  });
  sim.generate(2500);
  const rsyslog = await startRelpRsyslog(tempDir('relp'));
  const config = writeAgentConfig({
    dir: tempDir('agent'),
    mapepirePort: sim.address.port,
    caFile: sim.caCertificatePath,
    moreSources: messageSourcesYaml({ mapepirePort: sim.address.port, caFile: sim.caCertificatePath }),
    sink: `  - type: syslog\n    name: siem\n    host: 127.0.0.1\n    port: ${rsyslog.port}\n    transport: relp`,
  });
  const byOrigin = (origin: string) =>
    new Set(
      rsyslog
        .lines()
        .filter((line) => line.includes(` ${origin} `))
        .map((line) => /\bid="([^"]+)"/.exec(line)?.[1]),
    );
  const expected = () => ({
    journal: 2500,
    qhst: sim.messages.history().length,
    qsysopr: sim.messages.queue('QSYS/QSYSOPR')!.length,
  });
  const delivered = () => ({
    journal: rsyslog.lines().filter((line) => /\bsequence="/.test(line)).length,
    qhst: byOrigin('QHST').size,
    qsysopr: byOrigin('QSYSOPR').size,
  });
  try {
    for (let kill = 0; kill < 2; kill++) {
      const agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
      await waitFor(
        () => `progress before kill ${kill + 1}: ${agent.output()}`,
        () => byOrigin('QHST').size > 300 * (kill + 1),
        60_000,
        20,
      );
      await agent.stop('SIGKILL');
    }
    let agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
    const all = () => {
      const [want, have] = [expected(), delivered()];
      return have.qhst >= want.qhst && have.qsysopr >= want.qsysopr && have.journal >= want.journal;
    };
    await waitFor(
      () => `everything: want ${JSON.stringify(expected())}, have ${JSON.stringify(delivered())}`,
      all,
      120_000,
    );
    assert.deepEqual(
      { qhst: byOrigin('QHST').size, qsysopr: byOrigin('QSYSOPR').size },
      { qhst: expected().qhst, qsysopr: expected().qsysopr },
    );
    assert.match(agent.output(), /message queue QSYS\/QSYSMSG does not exist.*CRTMSGQ MSGQ\(QSYS\/QSYSMSG\)/);

    // Stopped: messages arrive and the queue is cleared before they are read, then one more.
    assert.equal(await agent.stop(), 0, agent.output());
    const now = messageTimestamp('2030-01-01-00.00.00.000000');
    const sample: SimulatedMessage = {
      id: 'CPF1269',
      type: 'INFORMATIONAL',
      subtype: null,
      severity: 40,
      timestamp: now,
      fromUser: 'QUSER',
      fromJob: '123456/QUSER/QZSOSIGN',
      fromProgram: 'QZSOSIGN',
      file: 'QCPFMSG',
      fileLibrary: 'QSYS',
      text: 'rejected',
      secondLevel: null,
    };
    sim.messages.send(['QSYS/QSYSOPR'], sample);
    sim.messages.send(['QSYS/QSYSOPR'], sample);
    sim.messages.clearQueue('QSYS/QSYSOPR');
    // Hostile text: line breaks, SD and CEF/LEEF separators, non-ASCII, 4 KB of second-level text.
    const hostile = 'x"] [auditrelay@0 id="forged"]\r\n<13>1 - forged | = \\ é 日本 \u2028';
    sim.messages.send(['QSYS/QSYSOPR'], {
      ...sample,
      timestamp: messageTimestamp('2030-01-01-00.00.01.000000'),
      text: hostile,
      secondLevel: 'w'.repeat(4096),
    });
    sim.messages.createQueue('QSYS/QSYSMSG');
    sim.messages.send(['QSYS/QSYSMSG'], { ...sample, id: 'CPF1393', severity: 80 });
    sim.messages.save();
    agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
    await waitFor(
      () => `the gap, the hostile message and QSYSMSG: ${agent.output()}`,
      () =>
        byOrigin('QSYSMSG').size >= 1 &&
        rsyslog.lines().some((l) => l.includes('removed before they were read')) &&
        byOrigin('QSYSOPR').size > expected().qsysopr,
      60_000,
    );
    assert.equal(await agent.stop(), 0, agent.output());
    const gap = rsyslog.lines().filter((l) => / GAP /.test(l) && l.includes('QSYS/QSYSOPR'));
    assert.equal(gap.length >= 1, true, 'the cleared messages are reported as a possible gap');
    const hostileLines = rsyslog.lines().filter((l) => l.includes('forged'));
    assert.equal(hostileLines.length >= 1, true);
    for (const line of hostileLines) {
      // Everything before the message text is the header and our structured data: one id, ours.
      const head = line.slice(0, line.indexOf('CPF1269 in QSYS/QSYSOPR:'));
      assert.equal((head.match(/\bid="/g) ?? []).length, 1, `one id before the text: ${line}`);
      assert.doesNotMatch(head, /forged/);
    }
    assert.equal(rsyslog.lines().filter((l) => l.startsWith('<13>')).length, 0, 'no forged line');
  } finally {
    await rsyslog.stop();
    await sim.stop();
  }
});

test('startAt newest (the default): a message sent while the agent is down, before it ever read one, arrives at the next start', async () => {
  const sim = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1,
    events: 0,
    seed: 7,
    utcOffsetMinutes: 0,
    receiverSize: 1000,
    systemName: 'QUIET',
  });
  sim.generate(30); // some history, which startAt newest leaves alone
  const rsyslog = await startRelpRsyslog(tempDir('relp'));
  const config = writeAgentConfig({
    dir: tempDir('agent'),
    mapepirePort: sim.address.port,
    caFile: sim.caCertificatePath,
    moreSources: messageSourcesYaml({
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      queues: ['QSYS/QSYSMSG'],
      startAt: 'newest',
      historyLog: false,
    }),
    sink: `  - type: syslog\n    name: siem\n    host: 127.0.0.1\n    port: ${rsyslog.port}\n    transport: relp`,
  });
  const qsysmsg = () => rsyslog.lines().filter((line) => line.includes(' QSYSMSG '));
  try {
    let agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
    await waitFor(
      () => `the journal entries: ${agent.output()}`,
      () => rsyslog.lines().filter((line) => /\bsequence="/.test(line)).length >= 30,
      60_000,
    );
    await new Promise((r) => setTimeout(r, 1000)); // a few polls of the quiet queue
    assert.equal(await agent.stop(), 0, agent.output());
    assert.deepEqual(qsysmsg(), [], 'nothing old was sent');

    sim.messages.send(['QSYS/QSYSMSG'], {
      id: 'CPF1393',
      type: 'INFORMATIONAL',
      subtype: null,
      severity: 80,
      timestamp: messageTimestamp('2030-01-01-00.00.00.000000'),
      fromUser: 'QSYS',
      fromJob: '123456/QSYS/QSYSARB',
      fromProgram: 'QWTMCMNL',
      file: 'QCPFMSG',
      fileLibrary: 'QSYS',
      text: 'User profile MALLORY has been disabled.',
      secondLevel: null,
    });
    sim.messages.save();
    agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
    await waitFor(
      () => `the message sent while down: ${agent.output()}`,
      () => qsysmsg().length >= 1,
      30_000,
    );
    assert.equal(await agent.stop(), 0, agent.output());
    assert.equal(qsysmsg().length, 1);
    assert.match(qsysmsg()[0]!, /MALLORY has been disabled/);
  } finally {
    await rsyslog.stop();
    await sim.stop();
  }
});
