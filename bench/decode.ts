/**
 * Decode + normalize throughput on one core for a realistic mix of audit entries (the
 * simulator's scenario: object reads/changes, job changes, password failures, …).
 * Usage (from the repository root): npm run bench:build && node .bench/bench/decode.js [entries]   — prints JSON.
 */
import { normalize } from '../src/events/normalize.js';
import { layoutFor } from '../src/ibmi/journal/catalog/index.js';
import { decodeEntry } from '../src/ibmi/journal/decode.js';
import type { JournalEntry } from '../src/ibmi/journal/entry.js';
import { Scenario } from '../src/ibmi/simulator/scenario.js';

const total = Number(process.argv[2] ?? 2_000_000);
const scenario = new Scenario(1);
const entries: JournalEntry[] = Array.from({ length: 4096 }, (_, i) => {
  const { heading, entryData } = scenario.next();
  return {
    position: { receiverLibrary: 'AUDLIB', receiver: 'AUDRCV0001', sequence: String(i + 1) },
    journalCode: 'T',
    entryType: String(heading.entryType),
    timestamp: '2026-11-27-10.15.30.123456',
    jobName: String(heading.jobName ?? ''),
    jobUser: String(heading.jobUser ?? ''),
    jobNumber: String(heading.jobNumber ?? ''),
    programName: String(heading.programName ?? ''),
    programLibrary: String(heading.programLibrary ?? ''),
    currentUser: String(heading.currentUser ?? ''),
    systemName: 'BENCH',
    remoteAddress: String(heading.remoteAddress ?? ''),
    remotePort: heading.remotePort === undefined ? undefined : Number(heading.remotePort),
    entryData,
  };
});
const mix: Record<string, number> = {};
for (const e of entries) mix[e.entryType] = (mix[e.entryType] ?? 0) + 1;

function run(n: number): number {
  let checksum = 0;
  for (let i = 0; i < n; i++) {
    const entry = entries[i & 4095]!;
    const event = normalize(decodeEntry(entry, layoutFor(entry.entryType), { ccsid: 37 }), [], {
      utcOffsetMinutes: -300,
    });
    checksum += event.message.length;
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
