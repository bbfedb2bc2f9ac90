/**
 * Decode + normalize throughput on one core for a realistic mix of audit entries (the
 * simulator's scenario: object reads/changes, job changes, password failures, …).
 * Usage (from the repository root): npm run bench:build && node .bench/bench/decode.js [entries]   — prints JSON.
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

run(200_000); // warm up the JIT
const started = process.hrtime.bigint();
const checksum = run(total);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  JSON.stringify({
    benchmark: 'decode+normalize',
    entries: total,
    seconds: Number(seconds.toFixed(3)),
    entriesPerSecond: Math.round(total / seconds),
    node: process.version,
    mix,
    checksum,
  }),
);
