/**
 * Many partitions, one agent host: `systems` simulated IBM i (each its own Mapepire server,
 * all in this process), each with a backlog of `entries` audit entries (the first one with
 * `heavyFactor` times as many), read by one agent (the compiled CLI, one source per system,
 * fdatasync on) into one TCP sink. Prints JSON: aggregate events/s, the agent's peak RSS, and
 * per system when its first, middle and last entry arrived — fairness: no system should wait
 * for another's backlog.
 *
 * Usage: npm run build && npm run bench:build && node .bench/bench/fleet.js [systems=20] [entries=10000] [heavyFactor=5] [batchSize=1000]
 */
import { benchDirectory, simulatedSystem, startAgent, stopAgent } from './support/agent.js';
import { median, peakRss, startCountReceiver } from './support/processes.js';

const systems = Number(process.argv[2] ?? 20);
const entries = Number(process.argv[3] ?? 10_000);
const heavyFactor = Number(process.argv[4] ?? 5);
const batchSize = Number(process.argv[5] ?? 1000);

const dir = benchDirectory('fleet');
const fleet = [];
for (let i = 1; i <= systems; i++) {
  const system = await simulatedSystem(dir, `ibmi${String(i).padStart(2, '0')}`, { seed: i });
  system.simulator.generate(i === 1 ? entries * heavyFactor : entries);
  fleet.push(system);
}
const total = entries * (systems - 1) + entries * heavyFactor;
const receiver = await startCountReceiver(total, true);
const startedMs = Date.now();
const started = performance.now();
const agent = startAgent(dir, fleet, receiver.port, { batchSize });
const peak = peakRss(agent.pid!);
const report = (await receiver.report) as {
  hosts: Record<string, { frames: number; firstMs: number; halfMs: number; lastMs: number }>;
};
const finished = performance.now();
const rss = peak();
await stopAgent(agent);
receiver.stop();
for (const { simulator } of fleet) await simulator.stop();

const seconds = (finished - started) / 1000;
const at = (ms: number) => Number(((ms - startedMs) / 1000).toFixed(2));
const perSystem = Object.entries(report.hosts)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([host, h]) => ({
    host,
    frames: h.frames,
    firstS: at(h.firstMs),
    halfS: at(h.halfMs),
    lastS: at(h.lastMs),
  }));
const light = perSystem.slice(1);
console.log(
  JSON.stringify({
    benchmark: 'fleet: simulated IBM i systems → one agent (one source each, fdatasync on) → TCP receiver',
    systems,
    entriesEach: entries,
    heavy: { host: perSystem[0]?.host, entries: entries * heavyFactor },
    total,
    batchSize,
    seconds: Number(seconds.toFixed(2)),
    eventsPerSecond: Math.round(total / seconds),
    agentPeakRssMiB: Number((rss / 1024 / 1024).toFixed(1)),
    fairness: {
      // Each light system's events arrive spread over the run, not after the heavy backlog.
      lightFirstS: {
        median: median(light.map((s) => s.firstS)),
        max: Math.max(...light.map((s) => s.firstS)),
      },
      lightLastS: { median: median(light.map((s) => s.lastS)), max: Math.max(...light.map((s) => s.lastS)) },
      heavyHalfS: perSystem[0]?.halfS,
      heavyLastS: perSystem[0]?.lastS,
    },
    perSystem,
    node: process.version,
  }),
);
