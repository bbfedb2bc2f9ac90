/**
 * Formatting throughput on one core, per format, for a realistic event mix (the simulator's
 * scenario: object reads/changes, job changes, password failures, authority and profile
 * changes, system values…), decoded and normalized as the agent does.
 * Usage (from the repository root): npm run bench:build && node .bench/bench/format.js [events-per-format]   — prints JSON.
 *
 * Two numbers per format, in events per CPU-second of this one thread: `eventsPerSecond` is
 * the formatter alone (the string it returns); `withEncodePerSecond` adds what every sink
 * does next, Buffer.byteLength over the result, which makes V8 flatten the string and count
 * its UTF-8 bytes. Each is the best of three runs.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SecurityEvent } from '../src/core/event.js';
import { compileFormat, type FormatInput } from '../src/formats/index.js';
import { entryMix, MIX_SIZE, toEvent, typeCounts } from './support/entry-mix.js';

const total = Number(process.argv[2] ?? 500_000);
const events: SecurityEvent[] = entryMix().map(toEvent);
const mix = typeCounts(events);

const CASES: [string, FormatInput][] = [
  ['rfc5424', { format: 'rfc5424' }],
  ['cef', { format: 'cef' }],
  ['rfc3164', { format: 'rfc3164' }],
  ['leef1', { format: 'leef1' }],
  ['leef2', { format: 'leef2' }],
  ['json', { format: 'json' }],
  ['json-ecs', { format: 'json', jsonStyle: 'ecs' }],
  ['json-cim', { format: 'json', jsonStyle: 'cim' }],
  ['rfc5424-max1400', { format: 'rfc5424', maxMessageSize: 1400 }],
  ['cef-max1400', { format: 'cef', maxMessageSize: 1400 }],
];

/** CPU seconds (user + system) of the loop: other processes on the machine do not count. */
function measure(format: (event: SecurityEvent) => string, n: number, encode: boolean) {
  let bytes = 0;
  const started = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const line = format(events[i % MIX_SIZE]!);
    bytes += encode ? Buffer.byteLength(line, 'utf8') : line.length;
  }
  const used = process.cpuUsage(started);
  return { seconds: (used.user + used.system) / 1e6, bytes };
}

function run(name: string) {
  const input = CASES.find(([caseName]) => caseName === name)![1];
  const format = compileFormat(input);
  measure(format, 200_000, true); // warm up the JIT
  const plain = [0, 1, 2].map(() => measure(format, total, false)).sort((a, b) => a.seconds - b.seconds)[0]!;
  const encoded = [0, 1, 2].map(() => measure(format, total, true)).sort((a, b) => a.seconds - b.seconds)[0]!;
  return {
    format: name,
    eventsPerSecond: Math.round(total / plain.seconds),
    withEncodePerSecond: Math.round(total / encoded.seconds),
    averageBytes: Math.round(encoded.bytes / total),
  };
}

// One process per format, as in an agent with one sink: formats measured one after the other
// in one process share helpers whose JIT feedback the earlier ones have already shaped.
const only = process.env['BENCH_FORMAT'];
if (only !== undefined) {
  console.log(JSON.stringify(run(only)));
} else {
  const results = CASES.map(([name]) => {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), String(total)],
      {
        env: { ...process.env, BENCH_FORMAT: name },
        encoding: 'utf8',
      },
    );
    if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
    return JSON.parse(child.stdout) as ReturnType<typeof run>;
  });
  console.log(
    JSON.stringify({
      benchmark: 'format',
      eventsPerFormat: total,
      node: process.version,
      mix,
      results,
    }),
  );
}
