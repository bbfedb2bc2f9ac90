/**
 * What one caught-up poll of the audit-journal source costs this process, and how much of it is
 * the Mapepire round trip itself. A simulated IBM i (`auditrelay simulate`, in its own process so
 * that its CPU is not counted) holds `entries` entries; the source reads them all, then polls
 * with nothing new, each poll `gapMs` after the last, as the agent does once a second: its code
 * and data are then cold (caches, branch predictors), which costs more than a poll right after
 * another. Per poll, the CPU time of this process (user + system, process.cpuUsage):
 *
 * - `poll`: AuditJournalReader.read after the newest entry: what the agent's source does per poll
 *   (one DISPLAY_JOURNAL statement, whose one row is the saved entry itself);
 * - `query`: the same statement on a connection of its own, without the reader around it;
 * - `roundTrip`: `VALUES 1` on that connection: the floor of any request over the TLS WebSocket.
 *
 * Usage: npm run build && npm run bench:build && node .bench/bench/poll.js [polls=20] [gapMs=1000] [entries=2000]
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SourcePosition } from '../src/core/component.js';
import { mapepireConnector } from '../src/ibmi/db2/mapepire.js';
import { journalQuery, OPTIONAL_COLUMNS } from '../src/sources/audit-journal/query.js';
import { AuditJournalReader } from '../src/sources/audit-journal/reader.js';
import { silentLogger } from '../src/telemetry/logger.js';
import { benchDirectory } from './support/agent.js';
import { median } from './support/processes.js';

const polls = Number(process.argv[2] ?? 20);
const gapMs = Number(process.argv[3] ?? 1000);
const entries = Number(process.argv[4] ?? 2000);

const dir = benchDirectory('poll');
const simulator = spawn(
  process.execPath,
  [
    resolve('dist/cli/bin.js'),
    'simulate',
    ...['--journal', dir, '--listen', '127.0.0.1:0', '--rate', '1000', '--events', String(entries)],
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
simulator.stdout!.setEncoding('utf8');
let said = '';
const port = await new Promise<number>((done, fail) => {
  simulator.once('exit', (code) => fail(new Error(`the simulator exited (${code}): ${said}`)));
  simulator.stdout!.on('data', (text: string) => {
    said += text;
    const m = /serving Mapepire on wss:\/\/[^:]+:(\d+)\//.exec(said);
    if (m) done(Number(m[1]));
  });
});
simulator.removeAllListeners('exit');

try {
  const connector = mapepireConnector(
    {
      host: '127.0.0.1',
      port,
      user: 'AUDITOR',
      password: 'auditor-demo',
      ca: `${dir}/server-cert.pem`,
      rejectUnauthorized: true,
      requestTimeout: 60_000,
      heartbeat: 5000,
    },
    silentLogger,
  );
  const journal = { journalLibrary: 'QSYS', journal: 'QAUDJRN' };
  const reader = new AuditJournalReader(connector, {
    ...journal,
    batchSize: 1000,
    startAt: 'oldest',
    entryTypes: [],
    ccsid: 37,
    utcOffsetMinutes: undefined,
    pollInterval: gapMs,
    onLostPosition: 'stop',
    gapThreshold: 1000,
    logger: silentLogger,
  });
  let position: SourcePosition | undefined;
  let read = 0;
  while (read < entries) {
    const batch = await reader.read(position);
    read += batch.records.length;
    position = batch.position ?? position;
    if (batch.records.length === 0) await sleep(100); // the simulator is still writing them
  }
  const connection = await connector.connect();
  const columns = new Set(OPTIONAL_COLUMNS);
  const newest = { receiverLibrary: '', receiver: '', sequence: '', ...position };
  const statement = journalQuery(newest, 1001, { ...journal, batchSize: 1000, entryTypes: [], columns });
  const cpuMs = async (work: () => Promise<unknown>) => {
    const before = process.cpuUsage();
    await work();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  const cases = {
    poll: async () => {
      const batch = await reader.read(position);
      if (batch.records.length > 0) throw new Error('the journal grew while polling');
    },
    query: () => connection.query(statement.sql, statement.parameters),
    roundTrip: () => connection.query('VALUES 1'),
  };
  const cold: Record<string, number[]> = { poll: [], query: [], roundTrip: [] };
  const hot: Record<string, number[]> = { poll: [], query: [], roundTrip: [] };
  for (let i = 0; i < polls; i++) {
    for (const [name, work] of Object.entries(cases)) {
      await sleep(gapMs);
      cold[name]!.push(await cpuMs(work));
    }
  }
  for (const [name, work] of Object.entries(cases)) {
    for (let i = 0; i < 200; i++) hot[name]!.push(await cpuMs(work));
  }
  const ms = (values: number[]) => Number(median(values).toFixed(3));
  // Not console.log: the Mapepire connector routes the client library's console.log to the log.
  process.stdout.write(
    `${JSON.stringify({
      benchmark: 'CPU of one caught-up audit-journal poll (this process), ms',
      polls,
      gapMs,
      entries: read,
      coldMs: Object.fromEntries(Object.entries(cold).map(([name, values]) => [name, ms(values)])),
      hotMs: Object.fromEntries(Object.entries(hot).map(([name, values]) => [name, ms(values)])),
      node: process.version,
    })}\n`,
  );
  await connection.close();
  await reader.close();
} finally {
  simulator.kill('SIGTERM');
}
