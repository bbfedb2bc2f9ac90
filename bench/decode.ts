/**
 * Decode + normalize throughput on one core for a realistic mix of audit entries (the
 * simulator's scenario: object reads/changes, job changes, password failures, …).
 * Usage (from the repository root): npm run bench:build && node .bench/bench/decode.js [entries]   — prints JSON.
 *
 * In entries per CPU-second of this one thread (user + system, as bench/format.ts), the best
 * of three runs: on a shared machine wall-clock time also counts the time other processes
 * hold the core.
 */
import { entryMix, MIX_SIZE, toEvent, typeCounts } from './support/entry-mix.js';

const total = Number(process.argv[2] ?? 2_000_000);
const entries = entryMix();
const mix = typeCounts(entries);

function run(n: number): number {
  let checksum = 0;
  for (let i = 0; i < n; i++) {
    checksum += toEvent(entries[i % MIX_SIZE]!).message.length;
  }
  return checksum;
}

function measure(n: number): { cpuSeconds: number; checksum: number } {
  const started = process.cpuUsage();
  const checksum = run(n);
  const used = process.cpuUsage(started);
  return { cpuSeconds: (used.user + used.system) / 1e6, checksum };
}

run(200_000); // warm up the JIT
const { cpuSeconds, checksum } = [0, 1, 2]
  .map(() => measure(total))
  .sort((a, b) => a.cpuSeconds - b.cpuSeconds)[0]!;
console.log(
  JSON.stringify({
    benchmark: 'decode+normalize',
    entries: total,
    cpuSeconds: Number(cpuSeconds.toFixed(3)),
    entriesPerSecond: Math.round(total / cpuSeconds),
    node: process.version,
    mix,
    checksum,
  }),
);
