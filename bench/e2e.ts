/**
 * End to end: a simulated IBM i with N audit entries → the agent (the real CLI, compiled, as a
 * child process, fdatasync on) → a TCP receiver. Prints JSON: events/s from agent start to
 * the last message, and the agent's peak resident memory.
 *
 * Usage (from the repository root): npm run build && npm run bench:build && node .bench/bench/e2e.js [entries=200000] [batchSize=5000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSimulator } from '../src/ibmi/simulator/index.js';
import { startReceiver } from '../src/testkit/syslog-receiver.js';

const entries = Number(process.argv[2] ?? 200_000);
const batchSize = Number(process.argv[3] ?? 5000);
const dir = mkdtempSync(join(tmpdir(), 'auditrelay-e2e-'));

const simulator = await startSimulator({
  directory: join(dir, 'ibmi'),
  host: '127.0.0.1',
  port: 0,
  user: 'AUDITOR',
  password: 'bench',
  rate: 1,
  seed: 1,
  utcOffsetMinutes: -300,
  receiverSize: 100_000,
  systemName: 'BENCH',
  startTime: Date.parse('2026-11-27T00:00:00Z'),
});
simulator.generate(entries);

let received = 0;
let bytes = 0;
let lastAt = 0;
const receiver = await startReceiver({
  host: '127.0.0.1',
  port: 0,
  protocol: 'tcp',
  onMessage: (message) => {
    received++;
    bytes += message.length;
    lastAt = performance.now();
  },
});

const config = join(dir, 'agent.yaml');
writeFileSync(
  config,
  `state: ${join(dir, 'state')}
log: { level: warn }
sources:
  - type: audit-journal
    connection: { type: mapepire, host: 127.0.0.1, port: ${simulator.address.port}, user: AUDITOR, password: bench, ca: ${simulator.caCertificatePath} }
    startAt: oldest
    batchSize: ${batchSize}
    pollInterval: 1s
sinks:
  - type: syslog
    host: 127.0.0.1
    port: ${receiver.address.port}
    transport: tcp
`,
);

const started = performance.now();
// AGENT_NODE_ARGS (e.g. "--cpu-prof") is handed to the agent's node, for profiling.
const nodeArgs = (process.env['AGENT_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
const agent = spawn(process.execPath, [...nodeArgs, resolve('dist/cli/bin.js'), 'run', '--config', config], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
let peakRss = 0;
const sampler = setInterval(() => {
  try {
    const status = readFileSync(`/proc/${agent.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peakRss = Math.max(peakRss, kb * 1024);
  } catch {}
}, 100);
while (received < entries) await new Promise((r) => setTimeout(r, 50));
const seconds = (lastAt - started) / 1000;
clearInterval(sampler);
agent.kill('SIGTERM');
await new Promise((r) => agent.once('exit', r));
await receiver.close();
await simulator.stop();
console.log(
  JSON.stringify({
    benchmark: 'e2e simulated journal → agent (fdatasync on) → TCP receiver',
    entries,
    batchSize,
    seconds: Number(seconds.toFixed(2)),
    eventsPerSecond: Math.round(entries / seconds),
    megabytesSent: Number((bytes / 1e6).toFixed(1)),
    agentPeakRssMiB: Number((peakRss / 1024 / 1024).toFixed(1)),
    node: process.version,
  }),
);
