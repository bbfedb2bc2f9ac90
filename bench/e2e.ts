/**
 * End to end: a simulated IBM i with N audit entries → the agent (the real CLI, compiled, as a
 * child process, fdatasync on) → a TCP receiver in a process of its own. Prints JSON: events/s
 * from agent start to the last message, the agent's CPU time per event (start-up included),
 * and its peak resident memory (which, with a large N, is the memory of draining a backlog).
 *
 * Usage (from the repository root): npm run build && npm run bench:build && node .bench/bench/e2e.js [entries=200000] [batchSize=1000]
 */
import { benchDirectory, simulatedSystem, startAgent, stopAgent } from './support/agent.js';
import { cpuSeconds, peakRss, startCountReceiver } from './support/processes.js';

export interface E2eResult {
  entries: number;
  batchSize: number;
  seconds: number;
  eventsPerSecond: number;
  agentPeakRssMiB: number;
  /** CPU time (user + system) of the agent per event: what neighbours' load on the machine moves least. */
  agentCpuMicrosPerEvent: number;
  /**
   * CPU time of the agent's main thread (the pipeline: WAL, format, send) per event; the rest
   * of the agent's time is mostly its source thread (read, decode, normalize, encode).
   */
  agentMainThreadCpuMicrosPerEvent: number;
  /** CPU time of this process (the simulated IBM i answering the agent) per event, on the same two cores. */
  simulatorCpuMicrosPerEvent: number;
}

export async function runE2e(entries: number, batchSize: number): Promise<E2eResult> {
  const dir = benchDirectory('e2e');
  const system = await simulatedSystem(dir, 'bench');
  system.simulator.generate(entries);
  const receiver = await startCountReceiver(entries);
  const started = performance.now();
  const simulatorCpu = process.cpuUsage();
  const agent = startAgent(dir, [system], receiver.port, { batchSize });
  const peak = peakRss(agent.pid!);
  const finished = await receiver.finished;
  const rss = peak();
  const cpu = cpuSeconds(agent.pid!);
  const mainThreadCpu = cpuSeconds(agent.pid!, true);
  const { user, system: kernel } = process.cpuUsage(simulatorCpu);
  await stopAgent(agent);
  receiver.stop();
  await system.simulator.stop();
  const seconds = (finished - started) / 1000;
  return {
    entries,
    batchSize,
    seconds: Number(seconds.toFixed(2)),
    eventsPerSecond: Math.round(entries / seconds),
    agentPeakRssMiB: Number((rss / 1024 / 1024).toFixed(1)),
    agentCpuMicrosPerEvent: Number(((cpu * 1e6) / entries).toFixed(1)),
    agentMainThreadCpuMicrosPerEvent: Number(((mainThreadCpu * 1e6) / entries).toFixed(1)),
    simulatorCpuMicrosPerEvent: Number(((user + kernel) / entries).toFixed(1)),
  };
}

if (process.argv[1]?.endsWith('/e2e.js') || process.argv[1]?.endsWith('/e2e.ts')) {
  const result = await runE2e(Number(process.argv[2] ?? 200_000), Number(process.argv[3] ?? 1000));
  console.log(
    JSON.stringify({
      benchmark: 'e2e simulated journal → agent (fdatasync on) → TCP receiver',
      ...result,
      node: process.version,
    }),
  );
}
