/**
 * An IBM i user can put any text in a command string (CD entries carry up to 6000 bytes of
 * it). Padded to ~3.7 KB and followed by a syslog line, it used to become an 8 KB+ message
 * that rsyslog's default 8096-byte limit split, taking the tail for an event of its own from
 * FORGEDHOST. Through the real agent, with the default configuration and with every SIEM
 * profile, into rsyslog with its default limit: every event arrives whole, none is forged.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PROFILE_NAMES } from '../../src/agent/profiles.js';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';
import { EntryWriter } from '../../src/ibmi/simulator/record-writer.js';
import { runAgent, writeAgentConfig } from '../support/agent.js';
import { startRsyslog, tempDir, waitFor } from '../support/peers.js';

const PASSWORD = 'forgery-pw';
const FORGED = '<38>Nov 27 10:15:31 FORGEDHOST sshd[999]: Accepted password for root from 10.9.9.9';
const HOSTILE_COMMANDS = 40;
const NORMAL_ENTRIES = 60;
/** Entries of a type the catalog does not know travel with their data in hex: 6000 bytes → 12,000+ characters. */
const UNKNOWN_ENTRIES = 5;

let simulator: RunningSimulator;

before(async () => {
  simulator = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1,
    seed: 5,
    utcOffsetMinutes: 0,
    receiverSize: 100_000,
    systemName: 'FORGE01',
    startTime: Date.parse('2026-11-27T10:00:00Z'),
  });
  simulator.generate(NORMAL_ENTRIES / 2);
  for (let i = 0; i < HOSTILE_COMMANDS; i++) {
    // IBM rzarlf10 (CD): 610 entry type, 611 object, 621 library, 631 type, 639 where run, 640 command (6000).
    const command = `CALL PGM(X) PARM('${'A'.repeat(3700 + i * 55)}${FORGED} ${i}')`;
    const data = new EntryWriter(6654)
      .char(610, 1, 'C')
      .char(611, 10, 'CALL')
      .char(621, 10, 'QSYS')
      .char(631, 8, '*CMD')
      .char(639, 1, 'N')
      .char(640, 6000, command).bytes;
    simulator.journal.append(
      {
        journalCode: 'T',
        entryType: 'CD',
        jobName: 'QPADEV0001',
        jobUser: 'MALLORY',
        jobNumber: '123456',
        currentUser: 'MALLORY',
        timestamp: `2026-11-27-10.00.${String(i).padStart(2, '0')}.000000`,
      },
      data,
    );
  }
  for (let i = 0; i < UNKNOWN_ENTRIES; i++) {
    simulator.journal.append(
      {
        journalCode: 'T',
        entryType: 'Q9',
        jobName: 'QPADEV0001',
        jobUser: 'MALLORY',
        jobNumber: '123456',
        currentUser: 'MALLORY',
        timestamp: `2026-11-27-10.01.0${i}.000000`,
      },
      new EntryWriter(6609).char(610, 6000, `${FORGED} ${i}`).bytes,
    );
  }
  simulator.generate(NORMAL_ENTRIES / 2);
});

after(async () => {
  await simulator?.stop();
});

const total = NORMAL_ENTRIES + HOSTILE_COMMANDS + UNKNOWN_ENTRIES;

for (const profile of [undefined, ...PROFILE_NAMES]) {
  test(`CD forgery through rsyslog's default limit, ${profile ? `profile ${profile}` : 'default configuration'}: every event whole, none forged`, async () => {
    const rsyslog = await startRsyslog('tcp', undefined, { maxMessageSize: 'default' });
    const agent = runAgent(
      writeAgentConfig({
        dir: tempDir('agent'),
        mapepirePort: simulator.address.port,
        caFile: simulator.caCertificatePath,
        sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${rsyslog.port}${profile ? `\n    profile: ${profile}` : ''}`,
      }),
      { AUDITRELAY_PASSWORD: PASSWORD },
    );
    try {
      await waitFor(
        () => `${total} messages (have ${rsyslog.lines().length})`,
        () => rsyslog.lines().length >= total,
      );
      // A split message would show up as more messages than events: give it time to.
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      assert.equal(await agent.stop(), 0, agent.output());
      await rsyslog.stop();
    }
    const received = rsyslog.lines().map((line) => JSON.parse(line) as { raw: string; hostname: string });
    assert.equal(received.length, total, 'one message per event: none split');
    assert.deepEqual(
      received.filter((m) => m.hostname === 'FORGEDHOST' || m.raw.startsWith('<38>')),
      [],
      'no forged event',
    );
    assert.equal(
      received.filter((m) => m.raw.includes('CALL PGM(X)')).length,
      HOSTILE_COMMANDS,
      'every hostile command arrived',
    );
    for (const message of received)
      assert.ok(Buffer.byteLength(message.raw) <= 8096, `${message.raw.length} bytes`);
  });
}
