import assert from 'node:assert/strict';
import { basename, dirname } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { AuditRelayError } from '../../src/core/errors.js';
import type { FileSystem, StoreFile } from '../../src/store/fs.js';
import { type WalRecord, WriteAheadLog } from '../../src/store/wal/wal.js';

/**
 * Model test of the WAL (Vector's disk buffer has the same kind in tests/model/): random
 * sequences of append / read / ack / reopen run against an in-memory filesystem that knows
 * what was fdatasync'ed. Each scenario is run once to count its write points (every write,
 * fdatasync, truncate, create, rename, unlink, directory fsync), then again for EVERY write
 * point N: once with the power failing at N, once with N failing with ENOSPC or EIO while the
 * process goes on. Then the machine "reboots": each file keeps what was synced plus maybe a
 * torn part of what was not, each directory entry its synced or its latest binding. The WAL
 * is reopened and checked against the model.
 */

const DIRECTORY = '/state/wal';
const CURSORS = ['siem-a', 'siem-b'] as const;
type Cursor = (typeof CURSORS)[number];

/** mulberry32: the crash outcomes are a pure function of the scenario's seed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Inode {
  data: Buffer = Buffer.alloc(0);
  /** What fdatasync made durable. */
  synced: Buffer = Buffer.alloc(0);
}

interface Fault {
  at: number;
  mode: 'power-loss' | 'error';
}

class PowerFailure extends Error {
  constructor() {
    super('the power failed');
  }
}

/** One directory in memory, with the durability rules of a POSIX filesystem. */
class CrashingFileSystem implements FileSystem {
  entries = new Map<string, Inode>();
  /** The directory as of its last fsync. */
  syncedEntries = new Map<string, Inode>();
  points = 0;
  off = false;

  constructor(
    private readonly random: () => number,
    private readonly fault?: Fault,
  ) {}

  /** A write point: the fault strikes here, after `partly` did part of the operation, or not. */
  private point(partly?: () => void): void {
    this.alive();
    this.points++;
    if (this.fault?.at !== this.points) return;
    if (partly !== undefined && this.random() < 0.5) partly();
    if (this.fault.mode === 'power-loss') {
      this.off = true;
      throw new PowerFailure();
    }
    const code = this.random() < 0.5 ? 'ENOSPC' : 'EIO';
    throw Object.assign(new Error(`${code}: injected at write point ${this.points}`), { code });
  }

  private alive(): void {
    if (this.off) throw new PowerFailure();
  }

  private inode(path: string): Inode {
    const inode = this.entries.get(path);
    if (inode === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return inode;
  }

  async open(path: string, flags: 'r' | 'r+' | 'w' | 'w+'): Promise<StoreFile> {
    this.alive();
    let inode: Inode;
    if (flags === 'r' || flags === 'r+') {
      inode = this.inode(path);
    } else {
      this.point();
      inode = this.entries.get(path) ?? new Inode();
      inode.data = Buffer.alloc(0);
      this.entries.set(path, inode);
    }
    const write = (buffer: Buffer, offset: number, length: number, position: number) => {
      const grown = Buffer.alloc(Math.max(inode.data.length, position + length));
      inode.data.copy(grown);
      buffer.copy(grown, position, offset, offset + length);
      inode.data = grown;
    };
    return {
      read: async (buffer, offset, length, position) => {
        this.alive();
        const n = Math.max(0, Math.min(length, inode.data.length - position));
        inode.data.copy(buffer, offset, position, position + n);
        return n;
      },
      write: async (buffer, offset, length, position) => {
        this.point(() => write(buffer, offset, Math.floor(this.random() * length), position));
        write(buffer, offset, length, position);
        return length;
      },
      datasync: async () => {
        this.point();
        inode.synced = Buffer.from(inode.data);
      },
      truncate: async (length) => {
        this.point();
        const resized = Buffer.alloc(length);
        inode.data.copy(resized, 0, 0, length);
        inode.data = resized;
      },
      size: async () => {
        this.alive();
        return inode.data.length;
      },
      close: async () => this.alive(),
    };
  }

  async readFile(path: string): Promise<Buffer> {
    this.alive();
    return Buffer.from(this.inode(path).data);
  }

  async readdir(path: string): Promise<string[]> {
    this.alive();
    return [...this.entries.keys()].filter((p) => dirname(p) === path).map((p) => basename(p));
  }

  async mkdir(): Promise<void> {
    this.alive();
  }

  async rename(from: string, to: string): Promise<void> {
    const inode = this.inode(from);
    this.point();
    this.entries.delete(from);
    this.entries.set(to, inode);
  }

  async unlink(path: string): Promise<void> {
    this.inode(path);
    this.point();
    this.entries.delete(path);
  }

  async syncDirectory(): Promise<void> {
    this.point();
    this.syncedEntries = new Map(this.entries);
  }

  /** The disk as found after the power came back. */
  reboot(random: () => number): CrashingFileSystem {
    const after = new CrashingFileSystem(random);
    const survivors = new Map<Inode, Inode>();
    const survivor = (inode: Inode): Inode => {
      let found = survivors.get(inode);
      if (found === undefined) {
        found = new Inode();
        found.data = found.synced = afterCrash(inode, random);
        survivors.set(inode, found);
      }
      return found;
    };
    for (const name of new Set([...this.syncedEntries.keys(), ...this.entries.keys()])) {
      const inode = random() < 0.5 ? this.syncedEntries.get(name) : this.entries.get(name);
      if (inode !== undefined) after.entries.set(name, survivor(inode));
    }
    after.syncedEntries = new Map(after.entries);
    return after;
  }
}

/** What may be on disk of a file: what was synced, and maybe some of what was written after. */
function afterCrash(inode: Inode, random: () => number): Buffer {
  const { data, synced } = inode;
  if (data.equals(synced)) return synced;
  const choice = random();
  const appended = data.length > synced.length && data.subarray(0, synced.length).equals(synced);
  if (!appended) return choice < 0.5 ? synced : data;
  if (choice < 0.25) return synced;
  if (choice < 0.5) return data;
  const kept = Buffer.from(
    data.subarray(0, synced.length + Math.floor(random() * (data.length - synced.length + 1))),
  );
  if (choice < 0.75 && kept.length > synced.length) {
    // A block of the unsynced part never reached the disk, though a later one did.
    const from = synced.length + Math.floor(random() * (kept.length - synced.length));
    kept.fill(0, from, Math.min(kept.length, from + 1 + Math.floor(random() * 600)));
  }
  return kept;
}

type Operation =
  | { kind: 'append'; appends: number[][] }
  | { kind: 'read'; cursor: Cursor; maxRecords: number; maxBytes: number; ahead: boolean }
  | { kind: 'ack'; cursor: Cursor; advance: number }
  | { kind: 'reopen' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      // 1 to 3 concurrent appends of 1 to 4 records of 0 to 200 bytes.
      appends: fc.array(fc.array(fc.nat(200), { minLength: 1, maxLength: 4 }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      cursor: fc.constantFrom(...CURSORS),
      maxRecords: fc.integer({ min: 1, max: 8 }),
      maxBytes: fc.integer({ min: 1, max: 1500 }),
      ahead: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('ack' as const),
      cursor: fc.constantFrom(...CURSORS),
      advance: fc.integer({ min: 1, max: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
);

interface Scenario {
  operations: Operation[];
  seed: number;
}

/** What the WAL promised: appends that resolved, acks that resolved, everything ever offered. */
class Model {
  /** Every payload ever appended: which append it was in, at which position of how many. */
  readonly offered = new Map<string, { append: number; position: number; size: number }>();
  readonly accepted = new Map<number, string>();
  readonly acked = new Map<Cursor, number>(CURSORS.map((c) => [c, 0]));
  readonly readAhead = new Map<Cursor, number>();
  highestId = 0;
  private counter = 0;
  private appends = 0;

  /** The payloads of one append, of the given sizes, each unique. */
  append(sizes: readonly number[]): Buffer[] {
    const append = ++this.appends;
    return sizes.map((size, position) => {
      const text = `#${++this.counter}#`;
      const payload = Buffer.concat([Buffer.from(text), Buffer.alloc(size, 0x61 + (this.counter % 26))]);
      this.offered.set(payload.toString('latin1'), { append, position, size: sizes.length });
      return payload;
    });
  }

  /**
   * An append is in the log whole or not at all: a record that is not the last of its append
   * is followed by the next one of the same append, and the log ends with the last of one.
   */
  checkWholeAppends(records: readonly WalRecord[]): void {
    for (const [i, record] of records.entries()) {
      const here = this.offered.get(record.payload.toString('latin1'))!;
      if (here.position === here.size - 1) continue;
      const next = records[i + 1];
      assert.ok(next !== undefined, `the log ends inside append ${here.append} of ${here.size} records`);
      const there = this.offered.get(next.payload.toString('latin1'))!;
      assert.ok(
        there.append === here.append && there.position === here.position + 1,
        `append ${here.append} is split after record ${record.id}`,
      );
    }
  }

  /** A record may be delivered only whole and as offered; an accepted one only as accepted. */
  checkRecord(record: WalRecord): void {
    const text = record.payload.toString('latin1');
    assert.ok(
      this.offered.has(text),
      `record ${record.id} is not a payload ever appended: ${text.slice(0, 40)}`,
    );
    const accepted = this.accepted.get(record.id);
    if (accepted !== undefined)
      assert.ok(text === accepted, `record ${record.id} is not the accepted payload`);
    this.highestId = Math.max(this.highestId, record.id);
  }

  checkCursors(wal: WriteAheadLog): void {
    for (const cursor of CURSORS) {
      const acked = wal.acked(cursor);
      assert.ok(
        acked >= this.acked.get(cursor)!,
        `${cursor} moved back from ${this.acked.get(cursor)} to ${acked}`,
      );
      assert.ok(acked <= wal.stats().lastId, `${cursor} at ${acked} is past the newest record`);
      this.acked.set(cursor, acked);
    }
  }
}

/** What the runs went through, to show that the scenarios reach the interesting cases. */
const seen = { runs: 0, tornTails: 0, full: 0, deletedSegments: 0, rolls: 0 };

const options = (fs: FileSystem) => ({
  directory: DIRECTORY,
  cursors: CURSORS,
  fs,
  segmentBytes: 1024,
  maxBytes: 4096,
  commitDelayMs: 0,
  maxBatchRecords: 3,
  // A crash only touches what was not synced yet: that is a torn tail, never damage.
  onError: (error: AuditRelayError) => assert.notEqual(error.code, 'AR_WAL_CORRUPT', error.message),
});

function expectRetryable(error: unknown, fs: CrashingFileSystem): void {
  if (fs.off) return;
  assert.ok(error instanceof AuditRelayError, `unexpected ${String(error)}`);
  assert.ok(error.retryable, `${error.code} should be retryable: ${error.message}`);
  assert.ok(['AR_STATE_FULL', 'AR_STATE_IO'].includes(error.code), error.code);
}

async function openWal(fs: CrashingFileSystem): Promise<WriteAheadLog> {
  for (;;) {
    try {
      return await WriteAheadLog.open(options(fs));
    } catch (error) {
      if (fs.off) throw error;
      expectRetryable(error, fs); // an injected failure; the next try does not meet it again
    }
  }
}

/** A recovered WAL holds every accepted record after each cursor, contiguous, and nothing else. */
async function checkRecovered(wal: WriteAheadLog, model: Model): Promise<void> {
  model.checkCursors(wal);
  const { lastId } = wal.stats();
  const accepted = [...model.accepted.keys()];
  const highestAccepted = accepted.length > 0 ? Math.max(...accepted) : 0;
  assert.ok(lastId >= highestAccepted, `record ${highestAccepted} was accepted, the WAL ends at ${lastId}`);
  if (highestAccepted > 0) {
    const last = wal.last();
    assert.equal(last?.id, lastId, 'last() is the newest record');
    model.checkRecord(last!);
    model.checkWholeAppends([last!]);
  }
  for (const cursor of CURSORS) {
    let expected = wal.acked(cursor) + 1;
    const all: WalRecord[] = [];
    for (;;) {
      const batch = await wal.read(cursor, 50, 1 << 20, expected - 1);
      if (batch.length === 0) break;
      all.push(...batch);
      for (const record of batch) {
        assert.equal(record.id, expected, `${cursor}: ids must be contiguous`);
        model.checkRecord(record);
        expected++;
      }
    }
    assert.equal(expected - 1, lastId, `${cursor} reads up to the newest record`);
    model.checkWholeAppends(all);
  }
}

async function apply(
  wal: WriteAheadLog,
  op: Operation,
  model: Model,
  fs: CrashingFileSystem,
): Promise<WriteAheadLog> {
  switch (op.kind) {
    case 'append': {
      const batches = op.appends.map((sizes) => model.append(sizes));
      const results = await Promise.allSettled(batches.map((payloads) => wal.append(payloads)));
      for (const [i, result] of results.entries()) {
        if (result.status === 'rejected') {
          expectRetryable(result.reason, fs);
          if (result.reason instanceof AuditRelayError && result.reason.code === 'AR_STATE_FULL') seen.full++;
          continue;
        }
        const { firstId, lastId } = result.value;
        assert.equal(lastId - firstId + 1, batches[i]!.length);
        assert.ok(firstId > model.highestId, `id ${firstId} after ${model.highestId} was seen`);
        for (const [k, payload] of batches[i]!.entries())
          model.accepted.set(firstId + k, payload.toString('latin1'));
      }
      for (const id of model.accepted.keys()) model.highestId = Math.max(model.highestId, id);
      return wal;
    }
    case 'read': {
      const acked = wal.acked(op.cursor);
      const after = op.ahead ? Math.max(acked, model.readAhead.get(op.cursor) ?? 0) : acked;
      let records: WalRecord[];
      try {
        records = await wal.read(op.cursor, op.maxRecords, op.maxBytes, after);
      } catch (error) {
        expectRetryable(error, fs);
        return wal;
      }
      assert.ok(records.length <= op.maxRecords);
      assert.equal(records.length === 0, wal.stats().lastId <= after, 'empty only when nothing is newer');
      const bytes = records.reduce((sum, r) => sum + r.payload.length, 0);
      assert.ok(records.length <= 1 || bytes <= op.maxBytes, 'more than maxBytes');
      for (const [i, record] of records.entries()) {
        assert.equal(record.id, after + 1 + i, 'reads are contiguous');
        model.checkRecord(record);
      }
      if (records.length > 0) model.readAhead.set(op.cursor, records.at(-1)!.id);
      return wal;
    }
    case 'ack': {
      const target = Math.min(wal.acked(op.cursor) + op.advance, wal.stats().lastId);
      try {
        await wal.ack(op.cursor, target);
        model.acked.set(op.cursor, Math.max(model.acked.get(op.cursor)!, target));
      } catch (error) {
        expectRetryable(error, fs);
      }
      model.checkCursors(wal);
      return wal;
    }
    case 'reopen': {
      await wal.close();
      const reopened = await openWal(fs);
      await checkRecovered(reopened, model);
      return reopened;
    }
  }
}

/** Runs a scenario, reboots, checks the recovered WAL; returns the number of write points. */
async function execute(scenario: Scenario, fault?: Fault): Promise<number> {
  const random = randomFrom(scenario.seed * 7919 + (fault?.at ?? 0) * 2 + (fault?.mode === 'error' ? 1 : 0));
  const fs = new CrashingFileSystem(random, fault);
  const model = new Model();
  try {
    let wal = await openWal(fs);
    for (const op of scenario.operations) {
      wal = await apply(wal, op, model, fs);
      if (fs.off) break;
    }
    if (!fs.off) await wal.close();
  } catch (error) {
    if (!fs.off) throw error;
  }
  const points = fs.points;
  const rebooted = fs.reboot(random);
  const wal = await WriteAheadLog.open(options(rebooted));
  await checkRecovered(wal, model);
  seen.runs++;
  if (wal.recovery.tornBytes > 0) seen.tornTails++;
  if (wal.stats().firstId > 1) seen.deletedSegments++;
  if (wal.stats().segments > 1) seen.rolls++;
  // Ids stay monotonic across the crash: a new record comes after everything seen.
  for (const cursor of CURSORS) await wal.ack(cursor, wal.stats().lastId); // room for it
  const { firstId } = await wal.append(model.append([10]));
  assert.ok(firstId > model.highestId, `new id ${firstId} after ${model.highestId} was seen`);
  for (const cursor of CURSORS) assert.ok(firstId > wal.acked(cursor));
  await wal.close();
  return points;
}

test('the WAL keeps its promises with a crash or an I/O error at every write point', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({ operations: fc.array(operation, { minLength: 1, maxLength: 14 }), seed: fc.nat() }),
      async (scenario) => {
        const points = await execute(scenario);
        for (let at = 1; at <= points; at++) {
          for (const mode of ['power-loss', 'error'] as const) {
            try {
              await execute(scenario, { at, mode });
            } catch (error) {
              const detail = error instanceof Error ? error.stack : String(error);
              throw new Error(`${mode} at write point ${at} of ${points}: ${detail}`, { cause: error });
            }
          }
        }
      },
    ),
    { numRuns: 100, includeErrorInReport: true },
  );
  // Not timings: evidence that the random scenarios reached rolls, deletions, the size bound
  // and torn tails, so that passing means something.
  assert.ok(seen.runs > 2000, `only ${seen.runs} runs`);
  for (const [what, count] of Object.entries(seen)) assert.ok(count > 0, `no run had ${what}`);
});
