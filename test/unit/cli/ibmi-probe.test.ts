/**
 * `auditrelay ibmi probe` against the strict simulated IBM i (an older release: no REMOTE_PORT,
 * no JOURNAL_RECEIVER_INFO), through IBM's Mapepire client: the report holds what the system
 * answered, failures included, and one entry of each type with its exact bytes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../../src/cli/main.js';
import { readType5Heading } from '../../../src/ibmi/journal/heading/type5.js';
import { TYPE5_HEADING_LENGTH } from '../../../src/ibmi/journal/heading/type5-layout.js';
import { startSimulator } from '../../../src/ibmi/simulator/index.js';
import { DEFAULT_RELEASE } from '../../../src/ibmi/simulator/objects.js';
import { writeAgentConfig } from '../../support/agent.js';
import { captureIo as capture } from '../../support/io.js';
import { tempDir } from '../../support/peers.js';

test('ibmi probe writes release, PTF groups, columns, QADSPJR5 fields and one entry of each type, read-only', async () => {
  const sim = await startSimulator({
    directory: tempDir('probe-sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: 'probe-pw',
    rate: 1,
    seed: 11,
    utcOffsetMinutes: 0,
    receiverSize: 300,
    systemName: 'PROBED',
    startTime: Date.parse('2026-11-27T00:00:00Z'),
    release: {
      ...DEFAULT_RELEASE,
      version: 7,
      release: 4,
      ptfGroups: [{ name: 'SF99704', level: 14, description: 'DB2 FOR IBM I' }],
      missing: ['QSYS2.DISPLAY_JOURNAL.REMOTE_PORT', 'QSYS2.JOURNAL_RECEIVER_INFO'],
    },
  });
  try {
    sim.generate(500); // two receivers: samples come from the attached one only
    const long = new Uint8Array(20_000).map((_, i) => i % 251);
    sim.journal.append(
      {
        journalCode: 'T',
        entryType: 'ZZ',
        timestamp: '2026-11-27-01.00.00.000000',
        jobName: 'J',
        jobUser: 'U',
        jobNumber: '1',
        currentUser: 'U',
      },
      long,
    );
    sim.journal.save();
    const before = JSON.stringify(sim.journal.state);
    const dir = tempDir('probe');
    const config = writeAgentConfig({
      dir,
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      sink: '  - type: syslog\n    host: 127.0.0.1',
    });
    const output = join(dir, 'report.json');
    const io = capture({ AUDITRELAY_PASSWORD: 'probe-pw' });
    assert.equal(await main(['ibmi', 'probe', '--config', config, '-o', output], io), 0, io.stderr);
    assert.match(io.stdout, /release: IBM i 7\.4/);
    assert.match(io.stdout, /REMOTE_PORT no/);
    assert.match(
      io.stdout,
      /receivers: \[SQL0204\] JOURNAL_RECEIVER_INFO in QSYS2 type \*FILE not found\. \(SQLSTATE 42704, SQLCODE -204\)/,
    );

    const report = JSON.parse(readFileSync(output, 'utf8'));
    assert.equal(report.journal, 'QSYS/QAUDJRN');
    assert.doesNotMatch(JSON.stringify(report), /probe-pw/, 'no password in the report');
    assert.deepEqual(report.sections.release.rows, [{ OS_NAME: 'IBM i', OS_VERSION: '7', OS_RELEASE: '4' }]);
    assert.equal(report.sections.ptfGroups.rows[0].PTF_GROUP_NAME, 'SF99704');
    const columns = report.sections.displayJournalColumns.rows.map(
      (r: Record<string, unknown>) => r['COLUMN_NAME'],
    );
    assert.ok(columns.includes('ENTRY_DATA') && !columns.includes('REMOTE_PORT'));
    assert.deepEqual(report.optionalColumns, { SYSTEM_NAME: true, REMOTE_ADDRESS: true, REMOTE_PORT: false });
    assert.equal(report.sections.qadspjr5Fields.rows[1].COLUMN_NAME, 'JOSEQN');
    assert.deepEqual(report.sections.receivers.error, {
      message: '[SQL0204] JOURNAL_RECEIVER_INFO in QSYS2 type *FILE not found.',
      sqlState: '42704',
      sqlCode: -204,
    });
    const types = Object.fromEntries(
      report.sections.journalQuery.columns.map((c: { name: string; type: string }) => [c.name, c.type]),
    );
    assert.equal(types['ENTRY_TIMESTAMP'], 'TIMESTAMP');
    assert.equal(types['ENTRY_DATA_LENGTH'], 'INTEGER');

    // One sample per entry type of the attached receiver, with exactly its bytes.
    const attached = sim.journal.attached!;
    const stored = sim.journal.entriesOf(attached).filter((e) => e.journalCode === 'T');
    const firstOfType = new Map<string, (typeof stored)[number]>();
    for (const e of stored) {
      const type = readType5Heading(e.record, 37)['entryType']!;
      if (!firstOfType.has(type)) firstOfType.set(type, e);
    }
    assert.deepEqual(
      report.samples.map((s: { entryType: string }) => s.entryType),
      [...firstOfType.keys()].sort(),
    );
    for (const sample of report.samples) {
      const entry = firstOfType.get(sample.entryType)!;
      assert.equal(sample.row.SEQUENCE_NUMBER, String(entry.sequence));
      assert.equal(
        sample.row.ENTRY_DATA,
        Buffer.from(entry.record.subarray(TYPE5_HEADING_LENGTH)).toString('hex').toUpperCase(),
        sample.entryType,
      );
    }
    assert.equal(report.entriesScanned, stored.length);
    assert.equal(JSON.stringify(sim.journal.state), before, 'the journal is unchanged');
  } finally {
    await sim.stop();
  }
});
