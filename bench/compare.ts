/**
 * `npm run bench:e2e`: our end-to-end rate beside rsyslog relaying the same pre-formatted
 * lines over TCP on this machine — what a user would otherwise deploy between a log source and
 * a SIEM. Alternates runs (ours, then rsyslog's three queue modes) so that the neighbours'
 * load on a shared machine hits both alike; prints one JSON line per run, a JSON summary of the
 * medians, and last the line
 *
 *   e2e <N> events/s; rsyslog relay <M> events/s; ratio <R>
 *
 * with M rsyslog's in-memory relay and R = N / M.
 *
 * rsyslog (the Debian 12 package, unpacked by scripts/test-peers/install.sh) runs as a private
 * instance on its own port with its own configuration: imtcp → main queue → omfwd (TCP,
 * octet-counted) to the same counting receiver our agent sends to. The queue modes:
 *   memory  main queue LinkedList (in memory: lost on a crash)
 *   da      disk-assisted: LinkedList of 10,000 that spills to disk files when full
 *   sync    a disk queue with queue.syncQueueFiles="on" (fsync after each queue-file write),
 *           the nearest rsyslog has to our fdatasync before a batch counts as accepted
 * The sender writes the lines octet-counted from this process as fast as rsyslog takes them;
 * the clock runs from the first byte sent to the last frame counted. Our clock runs from the
 * agent's start (it reads the journal, decodes, normalizes, fdatasyncs, formats and sends).
 *
 * Usage: npm run bench:e2e [-- entries=200000 runs=3 syncLines=20000 batchSize=1000]
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { compileFormat } from '../src/formats/index.js';
import { runE2e } from './e2e.js';
import { benchDirectory } from './support/agent.js';
import { entryMix, MIX_SIZE, toEvent } from './support/entry-mix.js';
import { median, startCountReceiver } from './support/processes.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string])) as Record<
  string,
  string | undefined
>;
const entries = Number(args['entries'] ?? 200_000);
const runs = Number(args['runs'] ?? 3);
// A syncing disk queue runs at a few thousand lines/s: a smaller count keeps the run short.
const syncLines = Number(args['syncLines'] ?? 20_000);
const batchSize = Number(args['batchSize'] ?? 1000);

const RSYSLOG = resolve('.test-peers/rsyslog');
if (!existsSync(join(RSYSLOG, 'usr/sbin/rsyslogd'))) {
  throw new Error('rsyslog is not installed: run npm run test:peers (scripts/test-peers/install.sh)');
}

// The lines our agent sends for the same entries (the simulator's scenario, seed 1), framed.
const format = compileFormat({ format: 'rfc5424' });
const mix = entryMix()
  .map(toEvent)
  .map((event) => {
    const line = Buffer.from(format(event), 'utf8');
    return Buffer.concat([Buffer.from(`${line.length} `), line]);
  });
const averageBytes = Math.round(mix.reduce((n, f) => n + f.length, 0) / MIX_SIZE);

type Mode = 'memory' | 'da' | 'sync';
const QUEUES: Record<Mode, (dir: string) => string> = {
  memory: () => 'main_queue(queue.type="LinkedList" queue.size="500000")',
  da: (dir) =>
    `main_queue(queue.type="LinkedList" queue.size="10000" queue.filename="da" queue.maxDiskSpace="4g" queue.spoolDirectory="${dir}" queue.saveOnShutdown="on")`,
  sync: (dir) =>
    `main_queue(queue.type="Disk" queue.filename="dq" queue.maxDiskSpace="4g" queue.spoolDirectory="${dir}" queue.syncQueueFiles="on")`,
};

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}

/** One relay run: lines → rsyslog (this mode) → counting receiver. Returns lines/s. */
async function rsyslogRelay(mode: Mode, lines: number): Promise<number> {
  const dir = benchDirectory(`rsyslog-${mode}`);
  const receiver = await startCountReceiver(lines);
  const port = await freePort();
  writeFileSync(
    join(dir, 'rsyslog.conf'),
    `global(workDirectory="${dir}" maxMessageSize="64k")
${QUEUES[mode](dir)}
module(load="imtcp")
input(type="imtcp" port="${port}" address="127.0.0.1")
template(name="raw" type="string" string="%rawmsg%")
action(type="omfwd" target="127.0.0.1" port="${receiver.port}" protocol="tcp" TCP_Framing="octet-counted" template="raw")
`,
  );
  const rsyslogd = spawn(
    join(RSYSLOG, 'usr/sbin/rsyslogd'),
    [
      '-n',
      '-f',
      join(dir, 'rsyslog.conf'),
      '-i',
      join(dir, 'pid'),
      '-M',
      join(RSYSLOG, 'usr/lib/x86_64-linux-gnu/rsyslog'),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  try {
    const socket = await connectWhenListening(port);
    const started = performance.now();
    for (let i = 0; i < lines; i++) {
      if (!socket.write(mix[i % MIX_SIZE]!)) await new Promise((r) => socket.once('drain', r));
    }
    const finished = await receiver.finished;
    socket.destroy();
    return Math.round(lines / ((finished - started) / 1000));
  } finally {
    // Our own rsyslogd, by its pid.
    const exited = new Promise((r) => rsyslogd.once('exit', r));
    rsyslogd.kill('SIGTERM');
    await exited;
    receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function connectWhenListening(port: number) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await new Promise<ReturnType<typeof connect>>((done, fail) => {
        const socket = connect(port, '127.0.0.1', () => done(socket));
        socket.once('error', fail);
      });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const ours: number[] = [];
const rss: number[] = [];
const relay: Record<Mode, number[]> = { memory: [], da: [], sync: [] };
for (let run = 1; run <= runs; run++) {
  const e2e = await runE2e(entries, batchSize);
  ours.push(e2e.eventsPerSecond);
  rss.push(e2e.agentPeakRssMiB);
  console.log(JSON.stringify({ run, what: 'auditrelay e2e', ...e2e }));
  for (const mode of ['memory', 'da', 'sync'] as const) {
    const lines = mode === 'sync' ? syncLines : entries;
    const rate = await rsyslogRelay(mode, lines);
    relay[mode].push(rate);
    console.log(JSON.stringify({ run, what: `rsyslog relay (${mode})`, lines, eventsPerSecond: rate }));
  }
}
const n = median(ours);
const m = median(relay.memory);
console.log(
  JSON.stringify({
    benchmark: 'e2e beside an rsyslog TCP relay of the same lines (medians)',
    entries,
    runs,
    batchSize,
    averageFrameBytes: averageBytes,
    auditrelay: n,
    auditrelayPeakRssMiB: median(rss),
    rsyslogMemory: m,
    rsyslogDiskAssisted: median(relay.da),
    rsyslogDiskSync: median(relay.sync),
    syncLines,
    ratios: {
      memory: Number((n / m).toFixed(3)),
      diskAssisted: Number((n / median(relay.da)).toFixed(3)),
      diskSync: Number((n / median(relay.sync)).toFixed(3)),
    },
    node: process.version,
  }),
);
console.log(`e2e ${n} events/s; rsyslog relay ${m} events/s; ratio ${(n / m).toFixed(2)}`);
