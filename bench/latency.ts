/**
 * Latency and idle cost at the default 1 s poll (or `pollInterval`): a simulated IBM i writes `rate` entries per
 * second with real timestamps; the agent (the compiled CLI, fdatasync on) sends RFC 5424 over
 * TCP to a receiver here, which takes each message's event time (the journal entry's
 * timestamp) from its header. Prints JSON: journal-write → receiver latency p50/p99/max over
 * `seconds`, then, with no new entries, the agent's CPU over `idleSeconds` as a share of one core:
 * over the whole window, in 5 s slices, and steady (the median slice). A slice far above the
 * others is a one-off: V8 shrinking its heaps after the burst, about 0.2 s of CPU once.
 * BENCH_METRICS=HOST:PORT gives the agent a metrics endpoint.
 *
 * Usage: npm run build && npm run bench:build && node .bench/bench/latency.js [rate=200] [seconds=30] [idleSeconds=30] [pollInterval=1s]
 */
import { type AddressInfo, createServer } from 'node:net';
import { benchDirectory, simulatedSystem, startAgent, stopAgent } from './support/agent.js';
import { onFrames } from './support/frames.js';
import { median, rssBytes, threadCpuSeconds } from './support/processes.js';

const rate = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 30);
const idleSeconds = Number(process.argv[4] ?? 30);
const pollInterval = process.argv[5] ?? '1s';
const WARM_UP_S = 5;
const SLICE_S = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let measuring = false;
let received = 0;
const latencies: number[] = [];
const server = createServer((socket) =>
  onFrames(socket, (header, at) => {
    received++;
    // "<PRI>1 TIMESTAMP HOST …": the timestamp is the second field of the header.
    if (measuring) latencies.push(at - Date.parse(header(64).split(' ')[1]!));
  }),
);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));

const dir = benchDirectory('latency');
const total = rate * (WARM_UP_S + seconds);
// The simulator stops writing once it has written `total` entries: then the idle phase starts.
const system = await simulatedSystem(dir, 'live', { rate, events: total });
const metricsListen = process.env['BENCH_METRICS'];
const agent = startAgent(dir, [system], (server.address() as AddressInfo).port, {
  pollInterval,
  metricsListen,
});
await sleep(WARM_UP_S * 1000);
measuring = true;
await sleep(seconds * 1000);
await system.simulator.done;
measuring = false;
await sleep(3000);
const receivedBeforeIdle = received;
const cpuBefore = threadCpuSeconds(agent.pid!);
const idleStarted = performance.now();
const slices: number[] = [];
for (let left = idleSeconds; left > 0; left -= SLICE_S) {
  const from = { cpu: threadCpuSeconds(agent.pid!), at: performance.now() };
  await sleep(Math.min(SLICE_S, left) * 1000);
  const wall = (performance.now() - from.at) / 1000;
  slices.push(Number((((threadCpuSeconds(agent.pid!) - from.cpu) / wall) * 100).toFixed(2)));
}
const idleCpu = threadCpuSeconds(agent.pid!) - cpuBefore;
const idleWall = (performance.now() - idleStarted) / 1000;
const idleRss = rssBytes(agent.pid!);
await stopAgent(agent);
await system.simulator.stop();
server.close();

const sorted = latencies.sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
console.log(
  JSON.stringify({
    benchmark: 'journal write → receiver latency at a 1 s poll, then idle CPU with no new entries',
    rate,
    pollInterval,
    seconds,
    measured: sorted.length,
    latencyMs: { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) },
    idleSeconds: Number(idleWall.toFixed(1)),
    idleCpuPercentOfOneCore: Number(((idleCpu / idleWall) * 100).toFixed(2)),
    idleCpuPercentBySlice: slices,
    idleCpuPercentSteady: median(slices),
    metrics: metricsListen ?? 'off',
    idleNewMessages: received - receivedBeforeIdle,
    idleRssMiB: Number((idleRss / 1024 / 1024).toFixed(1)),
    entriesWritten: system.simulator.generated(),
    total,
    node: process.version,
  }),
);
