/**
 * The agent's own capacity: DISPLAY_JOURNAL rows (as Mapepire delivers them, prepared in
 * memory through the Db2 port, so neither the network nor the simulator limits it) → decode →
 * normalize → WAL with fdatasync → RFC 5424 over TCP to a receiver in another process.
 * Prints JSON: events/s. (Memory is measured by bench/e2e.ts, where the agent has a process of
 * its own; here the prepared rows would dominate it.)
 *
 * Usage (from the repository root): npm run bench:build && node .bench/bench/pipeline.js [entries=200000] [batchSize=1000]
 */
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../src/agent/pipeline.js';
import { DEFAULT_BACKOFF } from '../src/core/backoff.js';
import type { FormatLimits } from '../src/core/component.js';
import type { SecurityEvent } from '../src/core/event.js';
import { rfc5424Format } from '../src/formats/components.js';
import type { Db2Connector, Db2Row } from '../src/ibmi/db2/port.js';
import { runStatement } from '../src/ibmi/simulator/engine.js';
import { startSimulator } from '../src/ibmi/simulator/index.js';
import { DEFAULT_RELEASE, JobLog } from '../src/ibmi/simulator/objects.js';
import { parseStatement } from '../src/ibmi/simulator/sql.js';
import { jsonValue } from '../src/ibmi/simulator/sql-types.js';
import { syslogSink } from '../src/sinks/syslog/index.js';
import { auditJournalSource } from '../src/sources/audit-journal/index.js';
import { journalQuery, OPTIONAL_COLUMNS } from '../src/sources/audit-journal/query.js';
import { AuditJournalReader } from '../src/sources/audit-journal/reader.js';
import { deadLetters } from '../src/store/dead-letters.js';
import { silentLogger } from '../src/telemetry/logger.js';
import { Metrics } from '../src/telemetry/metrics.js';

const entries = Number(process.argv[2] ?? 200_000);
const batchSize = Number(process.argv[3] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'auditrelay-pipeline-'));

// Rows exactly as the agent's query selects them, built once from a simulated journal.
const simulator = await startSimulator({
  directory: join(dir, 'ibmi'),
  host: '127.0.0.1',
  port: 0,
  user: 'A',
  password: 'p',
  rate: 1,
  seed: 1,
  utcOffsetMinutes: -300,
  receiverSize: 10_000_000,
  systemName: 'BENCH',
  startTime: Date.parse('2026-11-27T00:00:00Z'),
});
simulator.generate(entries);
// The agent's own journal query, answered once by the simulator's SQL engine, values as
// Mapepire serializes them.
const query = journalQuery('*CURAVLCHN', entries, {
  journalLibrary: 'QSYS',
  journal: 'QAUDJRN',
  batchSize: entries,
  entryTypes: [],
  columns: new Set(OPTIONAL_COLUMNS),
});
const result = runStatement(parseStatement(query.sql), query.parameters, {
  journal: simulator.journal,
  messages: simulator.messages,
  jobLog: new JobLog(),
  job: '1/BENCH/QZDASOINIT',
  behaviour: { lostPosition: 'error', returnNothing: false },
  release: DEFAULT_RELEASE,
  system: simulator.server.system,
  user: 'A',
  registers: { timezone: -50000, server: 'BENCH' },
});
const rows: Db2Row[] = result.rows.map((row) =>
  Object.fromEntries(result.columns.map((c) => [c.name, jsonValue(row[c.name] ?? null, c.type)])),
);
await simulator.stop();
const indexBySequence = new Map(rows.map((row, index) => [String(row['SEQUENCE_NUMBER']), index]));

/** The Db2 port answering from memory: system info, the column probe, then batches after a position. */
const connector: Db2Connector = {
  target: 'memory',
  async connect() {
    return {
      alive: true,
      async query(sql, parameters = []) {
        if (sql.includes('CURRENT TIMEZONE')) {
          return { rows: [{ UTC_OFFSET: -50000, SYSTEM_NAME: 'BENCH' }], columns: [] };
        }
        if (!sql.includes('ENTRY_DATA')) return { rows: [], columns: [] };
        const from = parameters.length ? (indexBySequence.get(String(parameters[2])) ?? rows.length) : 0;
        const count = Number(/FETCH FIRST (\d+)/.exec(sql)?.[1]);
        // JSON round trip: the agent parses what Mapepire sends, so the bench pays for it too.
        return { rows: JSON.parse(JSON.stringify(rows.slice(from, from + count))), columns: [] };
      },
      async close() {},
    };
  },
};

// The receiver runs in its own process and reports when it has counted every frame.
// Same extension as this file: .ts under tsx, .js when compiled (npm run bench:build).
const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const receiver = fork(new URL(`./support/count-receiver.${extension}`, import.meta.url), [String(entries)], {
  stdio: 'inherit',
});
const port = await new Promise<number>((resolve) => receiver.once('message', (m) => resolve(Number(m))));
// Timed in this process when the receiver reports, so both ends use the same clock.
const finished = new Promise<number>((resolve) => receiver.once('message', () => resolve(performance.now())));

const metrics = new Metrics();
const context = {
  name: 'sink',
  logger: silentLogger,
  counters: metrics.component('sink'),
  configDirectory: dir,
  format: (limits: FormatLimits) =>
    rfc5424Format.create(rfc5424Format.configSchema.parse({ type: 'rfc5424' }), limits),
  backoff: DEFAULT_BACKOFF,
  deadLetters: deadLetters(dir, 'sink'),
};
const sink = syslogSink.create(
  syslogSink.configSchema.parse({ type: 'syslog', host: '127.0.0.1', port, transport: 'tcp' }),
  context,
);
const reader = new AuditJournalReader(connector, {
  journalLibrary: 'QSYS',
  journal: 'QAUDJRN',
  batchSize,
  startAt: 'oldest',
  entryTypes: [],
  ccsid: 37,
  utcOffsetMinutes: undefined,
  pollInterval: 1000,
  onLostPosition: 'resume-oldest',
  gapThreshold: 1000,
  logger: silentLogger,
});
const controller = new AbortController();
const started = performance.now();
const run = runPipeline(
  {
    sources: [
      {
        name: 'source',
        source: reader,
        toEvent: auditJournalSource.toEvent as (r: unknown) => SecurityEvent,
      },
    ],
    sinks: [{ name: 'sink', sink }],
    stateDirectory: join(dir, 'state'),
    buffer: { maxBytes: 4 * 1024 ** 3, segmentBytes: 64 * 1024 ** 2, sync: true },
    logger: silentLogger,
    metrics,
  },
  controller.signal,
);
const receivedAt = await finished;
const seconds = (receivedAt - started) / 1000;
controller.abort();
await run;
await sink.close();
receiver.kill();
console.log(
  JSON.stringify({
    benchmark: 'agent pipeline: rows → decode → normalize → WAL (fdatasync) → RFC 5424 → TCP',
    entries,
    batchSize,
    seconds: Number(seconds.toFixed(2)),
    eventsPerSecond: Math.round(entries / seconds),
    node: process.version,
  }),
);
