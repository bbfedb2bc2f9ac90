/**
 * Write-ahead log throughput with fdatasync on: appends of normalized events (JSON of the
 * simulator's entry mix) in batches of 1, 100 and 1000 by one appender (default 2 ms commit
 * delay, and batch 1 without it), 64 concurrent appenders of one record (group commit), then
 * reads by one cursor. One case with sync off shows what fdatasync costs.
 * Usage (from the repository root): npm run bench:build && node .bench/bench/wal.js [seconds per case, default 3] [directory, default the OS temp dir]
 * — prints JSON. fdatasync costs what the disk under the directory costs: tmpfs is meaningless.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FileSystem, nodeFileSystem } from '../src/store/fs.js';
import { type WalOptions, WriteAheadLog } from '../src/store/wal/wal.js';
import { entryMix, toEvent } from './support/entry-mix.js';

const seconds = Number(process.argv[2] ?? 3);
const parent = process.argv[3] ?? tmpdir();

const payloads: Buffer[] = entryMix().map((entry) => Buffer.from(JSON.stringify(toEvent(entry))));
const meanRecordBytes = Math.round(payloads.reduce((sum, p) => sum + p.length, 0) / payloads.length);

/** node:fs, counting fdatasyncs. */
let datasyncs = 0;
const countingFs: FileSystem = {
  ...nodeFileSystem,
  async open(path, flags) {
    const file = await nodeFileSystem.open(path, flags);
    return {
      read: file.read.bind(file),
      write: file.write.bind(file),
      truncate: file.truncate.bind(file),
      size: file.size.bind(file),
      close: file.close.bind(file),
      datasync: () => {
        datasyncs++;
        return file.datasync();
      },
    };
  },
};

function batchOf(size: number, start: number): Buffer[] {
  return Array.from({ length: size }, (_, i) => payloads[(start + i) & 4095]!);
}

function percentile(sorted: number[], p: number): number {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(3));
}

async function withWal<T>(options: Partial<WalOptions>, run: (wal: WriteAheadLog) => Promise<T>): Promise<T> {
  const directory = mkdtempSync(join(parent, 'auditrelay-bench-wal-'));
  const wal = await WriteAheadLog.open({
    directory,
    cursors: ['sink'],
    fs: countingFs,
    maxBytes: 64 * 1024 * 1024 * 1024,
    ...options,
  });
  try {
    return await run(wal);
  } finally {
    await wal.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** One appender awaiting each append of `batch` records. */
function appendCase(batch: number, options: { sync?: boolean; commitDelayMs?: number } = {}) {
  return withWal(options, async (wal) => {
    const latencies: number[] = [];
    let records = 0;
    let bytes = 0;
    datasyncs = 0;
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      const payloadBatch = batchOf(batch, records);
      const before = performance.now();
      await wal.append(payloadBatch);
      latencies.push(performance.now() - before);
      records += batch;
      for (const p of payloadBatch) bytes += p.length;
    }
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      case: `append batch ${batch}${options.sync === false ? ', sync off' : ''}${options.commitDelayMs === undefined ? '' : `, commitDelayMs ${options.commitDelayMs}`}`,
      appendsPerSecond: Math.round(latencies.length / elapsed),
      recordsPerSecond: Math.round(records / elapsed),
      bytesPerSecond: Math.round(bytes / elapsed),
      fdatasyncsPerSecond: Math.round(datasyncs / elapsed),
      latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
    };
  });
}

/** `appenders` concurrent appenders of one record each: they share fdatasyncs. */
function groupCommitCase(appenders: number) {
  return withWal({}, async (wal) => {
    let records = 0;
    let bytes = 0;
    datasyncs = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: appenders }, async () => {
        while (performance.now() - started < seconds * 1000) {
          const payload = payloads[records & 4095]!;
          await wal.append([payload]);
          records++;
          bytes += payload.length;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    return {
      case: `append batch 1, ${appenders} concurrent appenders`,
      recordsPerSecond: Math.round(records / elapsed),
      bytesPerSecond: Math.round(bytes / elapsed),
      fdatasyncsPerSecond: Math.round(datasyncs / elapsed),
      recordsPerFdatasync: Number((records / Math.max(1, datasyncs)).toFixed(1)),
    };
  });
}

/** Fills the WAL, then one cursor reads everything (1000 records or 1 MiB per read). */
function readCase(total: number, ackEachBatch: boolean) {
  return withWal({}, async (wal) => {
    for (let n = 0; n < total; n += 1000) await wal.append(batchOf(1000, n));
    datasyncs = 0;
    let records = 0;
    let bytes = 0;
    let after = 0;
    const started = performance.now();
    for (;;) {
      const batch = await wal.read('sink', 1000, 1024 * 1024, after);
      if (batch.length === 0) break;
      for (const record of batch) bytes += record.payload.length;
      records += batch.length;
      after = batch.at(-1)!.id;
      if (ackEachBatch) await wal.ack('sink', after);
    }
    const elapsed = (performance.now() - started) / 1000;
    if (records !== total) throw new Error(`read ${records} of ${total} records`);
    return {
      case: `read ${total} records, 1000 per read${ackEachBatch ? ', durable ack after each' : ''}`,
      recordsPerSecond: Math.round(records / elapsed),
      bytesPerSecond: Math.round(bytes / elapsed),
    };
  });
}

const results = [];
for (const batch of [1, 100, 1000]) results.push(await appendCase(batch));
results.push(await appendCase(1, { commitDelayMs: 0 }));
results.push(await appendCase(1000, { sync: false }));
results.push(await groupCommitCase(64));
results.push(await readCase(500_000, false));
results.push(await readCase(500_000, true));
console.log(
  JSON.stringify(
    {
      benchmark: 'wal',
      node: process.version,
      directory: parent,
      secondsPerCase: seconds,
      meanRecordBytes,
      results,
    },
    null,
    2,
  ),
);
