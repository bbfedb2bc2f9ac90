import { join } from 'node:path';
import { AuditRelayError, retryable } from '../../core/errors.js';
import { type FileSystem, nodeFileSystem, writeFully } from '../fs.js';
import {
  type CursorPosition,
  createCursorFile,
  cursorPath,
  parseCursorFileName,
  readCursorFile,
  writeCursorFile,
} from './cursor-file.js';
import { encodeFrame, FRAME_HEADER_BYTES, frameBytes, MAX_PAYLOAD_BYTES } from './record.js';
import { type Damage, recoverSegment } from './recovery.js';
import { FrameScanner, parseSegmentFileName, Segment } from './segment.js';

export interface WalOptions {
  /** Directory of the segment and cursor files; created when missing. One process per directory. */
  directory: string;
  /**
   * Names of the consumers (one per sink). A new name starts at the oldest record still in the
   * WAL. A cursor file of a name not listed is never deleted here: open fails with
   * AR_STATE_UNCLAIMED, and the operator renames or drops it (store/state/inventory.ts).
   */
  cursors: readonly string[];
  fs?: FileSystem;
  /**
   * A new segment is started when the next commit group would pass this size (a larger group
   * gets a segment of its own), and on the first commit after open. Default 64 MiB.
   */
  segmentBytes?: number;
  /**
   * Bound of the segment files together; at least 2 × segmentBytes. An append that would pass
   * it is rejected (retryable AR_STATE_FULL); one larger than maxBytes − segmentBytes can never
   * fit and is rejected for good. Default 1 GiB.
   */
  maxBytes?: number;
  /** How long the first append of a group waits for others to share its fdatasync. Default 2 ms. */
  commitDelayMs?: number;
  /** A group is committed at once when it holds this many records... Default 1000. */
  maxBatchRecords?: number;
  /** ...or this many bytes. Default 4 MiB. */
  maxBatchBytes?: number;
  /** fdatasync/fsync at all. Default true; false only for benchmarks and tests. */
  sync?: boolean;
  /** Problems that do not fail a call: damaged records (AR_WAL_CORRUPT), failed segment deletions. */
  onError?: (error: AuditRelayError) => void;
}

/**
 * Bytes of a segment that failed their checksum, found by a read: the records after `afterId`
 * (up to `nextId`, when the segment has a good record after them) were skipped.
 */
export type WalDamage = Damage;

export interface WalRecord {
  /** Record ids start at 1 and grow by one per record; JavaScript safe integers, u64 on disk. */
  id: number;
  payload: Buffer;
}

/** Ids given to the records of one append; an empty append gets an empty range. */
export interface AppendResult {
  firstId: number;
  lastId: number;
}

export interface RecoveryReport {
  segments: number;
  /** Bytes of a torn tail (a partial or never-synced commit group) cut off the newest segment. */
  tornBytes: number;
  /** Damaged places found in synced data on open, each one or more records (AR_WAL_CORRUPT). */
  damagedRegions: number;
}

export interface WalStats {
  /** Oldest id still stored (lastId + 1 when nothing is stored). */
  firstId: number;
  /** Newest durable id (0 before the first record). */
  lastId: number;
  /** Bytes of the segment files. */
  bytes: number;
  maxBytes: number;
  segments: number;
  /** Damaged places found since open (on open and by reads), each reported as AR_WAL_CORRUPT. */
  damagedRegions: number;
  /**
   * Per cursor: its acknowledged id, how many records are newer (its backlog) and about how
   * many bytes of segment files they take (see bytesAfter).
   */
  cursors: Record<string, { acked: number; backlog: number; backlogBytes: number }>;
}

interface CursorState {
  readonly name: string;
  readonly path: string;
  /** What the cursor file holds: the durably acknowledged id and the slot written last. */
  saved: CursorPosition;
  /** Durably acknowledged id. */
  acked: number;
  /** Highest id asked to acknowledge. */
  target: number;
  writing: Promise<void> | undefined;
  /** Where the record after `afterId` starts: saves a lookup for sequential reads. */
  hint: { afterId: number; segment: Segment; offset: number } | undefined;
}

interface PendingAppend {
  readonly payloads: readonly Uint8Array[];
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

interface Waiter {
  check(): boolean;
  resolve(): void;
  reject(error: unknown): void;
}

const MiB = 1024 * 1024;

type Settings = Required<Omit<WalOptions, 'onError' | 'cursors'>> & Pick<WalOptions, 'onError'>;

/**
 * The write-ahead log of normalized events: records appended to segment files with
 * length + CRC-32 framing, group commit with fdatasync, torn-tail recovery on open, one
 * durable cursor per consumer, and whole-segment deletion once every cursor has passed.
 * Follows Vector's disk buffer v2 and OTel's persistent queue.
 *
 * Only durable records are visible: `read`, `last` and `stats` never show a record before it
 * was fdatasync'ed (with `sync: true`).
 */
export class WriteAheadLog {
  readonly recovery: RecoveryReport;
  private readonly directory: string;
  private readonly fs: FileSystem;
  private readonly sync: boolean;
  private readonly segmentBytes: number;
  private readonly maxBytes: number;
  private readonly commitDelayMs: number;
  private readonly maxBatchRecords: number;
  private readonly maxBatchBytes: number;
  private readonly onError: (error: AuditRelayError) => void;

  private readonly segments: Segment[];
  /** The segment appends go to; undefined until the first commit after open. */
  private active: Segment | undefined;
  /** The segment holding `lastRecord`: never deleted, so the newest record survives restarts. */
  private lastRecordSegment: Segment | undefined;
  private lastRecord: WalRecord | undefined;
  private nextId: number;
  private bytes: number;
  private damagedRegions: number;
  private readonly cursors: Map<string, CursorState>;

  private pending: PendingAppend[] = [];
  private pendingRecords = 0;
  private pendingBytes = 0;
  private committingBytes = 0;
  private timer: { cancel(): void } | undefined;
  private committing: Promise<void> | undefined;
  /** A failed commit may have left bytes past `active.end`; they are cut before the next write. */
  private dirty = false;
  /** The last commit failed because the disk is full (not the WAL's own bound). */
  private diskFull = false;
  private collecting: Promise<void> | undefined;
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  private constructor(init: {
    options: Settings;
    segments: Segment[];
    lastRecord: WalRecord | undefined;
    lastRecordSegment: Segment | undefined;
    nextId: number;
    cursors: Map<string, CursorState>;
    recovery: RecoveryReport;
  }) {
    const { options } = init;
    this.directory = options.directory;
    this.fs = options.fs;
    this.sync = options.sync;
    this.segmentBytes = options.segmentBytes;
    this.maxBytes = options.maxBytes;
    this.commitDelayMs = options.commitDelayMs;
    this.maxBatchRecords = options.maxBatchRecords;
    this.maxBatchBytes = options.maxBatchBytes;
    this.onError = options.onError ?? (() => {});
    this.segments = init.segments;
    this.lastRecord = init.lastRecord;
    this.lastRecordSegment = init.lastRecordSegment;
    this.nextId = init.nextId;
    this.cursors = init.cursors;
    this.recovery = init.recovery;
    this.bytes = init.segments.reduce((sum, segment) => sum + segment.end, 0);
    this.damagedRegions = init.recovery.damagedRegions;
  }

  /**
   * Opens (and recovers) the WAL in `options.directory`. Throws AR_CONFIG_INVALID for bad
   * options, AR_STATE_CORRUPT for a damaged cursor file, retryable AR_STATE_IO / AR_STATE_FULL
   * when the disk fails.
   */
  static async open(options: WalOptions): Promise<WriteAheadLog> {
    const settings: Settings = {
      directory: options.directory,
      fs: options.fs ?? nodeFileSystem,
      segmentBytes: options.segmentBytes ?? 64 * MiB,
      maxBytes: options.maxBytes ?? 1024 * MiB,
      commitDelayMs: options.commitDelayMs ?? 2,
      maxBatchRecords: options.maxBatchRecords ?? 1000,
      maxBatchBytes: options.maxBatchBytes ?? 4 * MiB,
      sync: options.sync ?? true,
      onError: options.onError,
    };
    validate(settings, options.cursors);
    try {
      return await WriteAheadLog.recover(settings, options.cursors);
    } catch (error) {
      throw storeError(error, `open the write-ahead log in ${options.directory}`);
    }
  }

  private static async recover(options: Settings, cursorNames: readonly string[]): Promise<WriteAheadLog> {
    const { fs, directory, sync } = options;
    const report = options.onError ?? (() => {});
    await fs.mkdir(directory);
    const names = await fs.readdir(directory);
    for (const name of names.filter((n) => n.endsWith('.tmp'))) await fs.unlink(join(directory, name));

    const segments = names
      .map(parseSegmentFileName)
      .filter((id): id is number => id !== undefined)
      .sort((a, b) => a - b)
      .map((firstId) => new Segment(directory, firstId));
    let highestUsedId = (segments.at(-1)?.firstId ?? 1) - 1;
    let tornBytes = 0;
    let damaged: Damage[] = [];
    let lastRecord: WalRecord | undefined;
    let lastRecordSegment: Segment | undefined;

    // The newest segment with records may end in a torn commit group. Newer segments
    // without a record (a roll whose group failed) are removed.
    while (segments.length > 0 && lastRecord === undefined) {
      const segment = segments.at(-1)!;
      const file = await fs.open(segment.path, 'r+');
      segment.file = file;
      const size = await file.size();
      const recovered = await recoverSegment(segment, file, size);
      damaged = damaged.concat(recovered.damaged);
      segment.end = recovered.end;
      if (recovered.tornBytes > 0) {
        tornBytes += recovered.tornBytes;
        await file.truncate(recovered.end);
      }
      // What recovery read may still be only in the page cache (a sync failed, or the
      // previous run died before it): make it durable before anyone is shown it.
      if (sync) await file.datasync();
      if (recovered.last === undefined && recovered.damaged.length === 0) {
        await file.close();
        await fs.unlink(segment.path);
        segments.pop();
        continue;
      }
      lastRecord = recovered.last;
      lastRecordSegment = segment;
      break;
    }
    for (const segment of segments.slice()) {
      if (segment.file !== undefined) continue;
      const file = await fs.open(segment.path, 'r');
      segment.end = await file.size();
      if (segment.end > 0) {
        segment.file = file;
        continue;
      }
      // An empty file left by a failed roll: it would hide the records after its name.
      await file.close();
      await fs.unlink(segment.path);
      segments.splice(segments.indexOf(segment), 1);
    }
    highestUsedId = Math.max(highestUsedId, lastRecord?.id ?? 0);

    const configured = new Set(cursorNames);
    const unclaimed = names.map(parseCursorFileName).filter((n) => n !== undefined && !configured.has(n));
    if (unclaimed.length > 0) {
      throw new AuditRelayError(
        'AR_STATE_UNCLAIMED',
        `${directory} holds the position of ${unclaimed.map((n) => JSON.stringify(n)).join(', ')}, which no configured sink has`,
      );
    }
    const cursors = new Map<string, CursorState>();
    for (const fileName of names) {
      const name = parseCursorFileName(fileName);
      if (name === undefined) continue;
      const path = cursorPath(directory, name);
      let saved = await readCursorFile(fs, path, name);
      // A file of the first format becomes one that can be written in place.
      if (!saved.slotted) saved = await createCursorFile(fs, path, name, saved.acked, sync);
      // A slot written in place whose fdatasync failed may be only in the page cache: make it
      // durable before anyone is shown it, or a crash could move the cursor back.
      else if (sync) await syncFile(fs, path);
      const acked = saved.acked;
      cursors.set(name, { name, path, saved, acked, target: acked, writing: undefined, hint: undefined });
      highestUsedId = Math.max(highestUsedId, acked);
    }
    const oldestStored = segments[0]?.firstId ?? highestUsedId + 1;
    for (const name of cursorNames) {
      if (cursors.has(name)) continue;
      const path = cursorPath(directory, name);
      const acked = oldestStored - 1;
      const saved = await createCursorFile(fs, path, name, acked, sync);
      cursors.set(name, { name, path, saved, acked, target: acked, writing: undefined, hint: undefined });
    }

    // Likewise for the directory: renamed cursor files, removed temp files and segments.
    if (sync) await fs.syncDirectory(directory);

    const wal = new WriteAheadLog({
      options,
      segments,
      lastRecord,
      lastRecordSegment,
      nextId: highestUsedId + 1,
      cursors,
      recovery: { segments: segments.length, tornBytes, damagedRegions: damaged.length },
    });
    for (const damage of damaged) {
      segments.find((segment) => segment.path === damage.path)?.reported.add(damage.offset);
      report(damageError(damage));
    }
    await wal.collect();
    await wal.keepReserve();
    return wal;
  }

  /**
   * Appends records; resolves once they are durable (fdatasync'ed), with their ids. An append
   * is atomic across crashes: after a restart its records are all there or none of them.
   * Rejects with a retryable AR_STATE_FULL when the WAL holds maxBytes (see waitForSpace) or
   * the disk is full, with a retryable AR_STATE_IO when the disk fails. A rejected append
   * stored nothing, and the caller retries it. One exception: if the process dies after a
   * failed fdatasync and before the WAL cut the group off, its records may turn up after the
   * restart. That gives duplicates, never a loss.
   */
  append(payloads: readonly Uint8Array[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(closedError());
    if (payloads.length === 0) return Promise.resolve({ firstId: this.nextId, lastId: this.nextId - 1 });
    let bytes = 0;
    for (const payload of payloads) {
      if (payload.length > MAX_PAYLOAD_BYTES) {
        return Promise.reject(
          new AuditRelayError('AR_STATE_FULL', `a record of ${payload.length} bytes is too large`),
        );
      }
      bytes += frameBytes(payload.length);
    }
    if (bytes > this.maxBytes - this.segmentBytes) {
      return Promise.reject(
        new AuditRelayError(
          'AR_STATE_FULL',
          `an append of ${bytes} bytes can never fit the WAL bound of ${this.maxBytes} bytes; append smaller batches`,
        ),
      );
    }
    if (!this.fits(bytes)) {
      return Promise.reject(
        retryable(
          'AR_STATE_FULL',
          `the WAL holds ${this.bytes} of ${this.maxBytes} bytes until the slowest sink catches up; the source pauses`,
        ),
      );
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ payloads, resolve, reject });
      this.pendingRecords += payloads.length;
      this.pendingBytes += bytes;
      if (this.pendingRecords >= this.maxBatchRecords || this.pendingBytes >= this.maxBatchBytes) {
        this.startCommit();
      } else if (this.timer === undefined && this.committing === undefined) {
        this.timer = this.later(() => this.startCommit());
      }
    });
  }

  /** Resolves when append(payloads) would not be rejected for the size bound. */
  waitForSpace(payloads: readonly Uint8Array[], signal?: AbortSignal): Promise<void> {
    const bytes = payloads.reduce((sum, payload) => sum + frameBytes(payload.length), 0);
    return this.wait(() => this.fits(bytes), signal);
  }

  /** Resolves when a record newer than `after` is durable. */
  waitForRecords(after: number, signal?: AbortSignal): Promise<void> {
    return this.wait(() => this.nextId - 1 > after, signal);
  }

  /**
   * Up to `maxRecords` durable records after the cursor's acknowledged id (or after `after`,
   * when that is larger: a consumer reading ahead of its acknowledgements), together at most
   * `maxBytes` of payload, but always at least one record when there is one. Damaged records
   * are skipped and reported, never returned. Payloads are views of a fresh read buffer.
   */
  async read(
    cursor: string,
    maxRecords: number,
    maxBytes: number,
    after?: number,
    onDamage?: (damage: WalDamage) => void,
  ): Promise<WalRecord[]> {
    if (this.closed) throw closedError();
    const state = this.cursor(cursor);
    const from = Math.max(after ?? state.acked, state.acked);
    const lastId = this.nextId - 1;
    const records: WalRecord[] = [];
    if (from >= lastId || maxRecords <= 0 || this.segments.length === 0) return records;

    let segment: Segment | undefined;
    let offset: number;
    let afterId: number;
    const hint = state.hint;
    if (hint !== undefined && hint.afterId === from && !hint.segment.deleted) {
      ({ segment, offset, afterId } = hint);
    } else {
      segment = this.segmentFor(from + 1);
      ({ offset, afterId } = segment.startFor(from));
    }
    let bytes = 0;
    let lastReturned = from;
    const windowBytes = this.readWindow(maxRecords, maxBytes);
    while (segment !== undefined) {
      const end = segment.end;
      const scanner = new FrameScanner(segment.file!, offset, end, afterId, windowBytes);
      segment.readers++;
      let done = false;
      try {
        while (!done) {
          const scanned = scanner.nextBuffered() ?? (await scanner.next());
          if (scanned.kind === 'end') break;
          if (scanned.kind === 'bad') {
            // Not inside onDamage?.(…): without a callback that would skip the skip.
            const damage = await this.skipDamage(segment, scanner, scanned.offset);
            onDamage?.(damage);
            continue;
          }
          segment.noteRecord(scanned.offset, scanned.id, scanned.end);
          if (scanned.id <= from) continue;
          if (records.length > 0 && bytes + scanned.payload.length > maxBytes) {
            state.hint = { afterId: lastReturned, segment, offset: scanned.offset };
            return records;
          }
          records.push({ id: scanned.id, payload: scanned.payload });
          bytes += scanned.payload.length;
          lastReturned = scanned.id;
          done = records.length >= maxRecords;
        }
      } finally {
        segment.readers--;
        if (segment.deleted && segment.readers === 0) void segment.file?.close().catch(() => {});
      }
      state.hint = { afterId: lastReturned, segment, offset: scanner.offset };
      if (done) return records;
      const next = this.segments.find((s) => s.firstId > segment!.firstId);
      if (next === undefined) break;
      segment = next;
      offset = 0;
      afterId = next.firstId - 1;
    }
    return records;
  }

  /**
   * Moves a cursor to `id` durably (cursor file replaced atomically); never backwards.
   * Resolves when the new position is durable. Segments every cursor has passed are deleted.
   * Throws AR_INTERNAL for an unknown cursor or an id that is not durable yet, retryable
   * AR_STATE_IO / AR_STATE_FULL when the cursor file cannot be written (the position stays).
   */
  async ack(cursor: string, id: number): Promise<void> {
    if (this.closed) throw closedError();
    const state = this.cursor(cursor);
    if (!Number.isSafeInteger(id) || id > this.nextId - 1) {
      throw new AuditRelayError(
        'AR_INTERNAL',
        `cannot acknowledge record ${id}: the newest durable record is ${this.nextId - 1}`,
      );
    }
    if (id <= state.acked) return;
    state.target = Math.max(state.target, id);
    while (state.acked < id) {
      state.writing ??= this.persistCursor(state);
      try {
        await state.writing;
      } catch (error) {
        state.target = state.acked;
        throw storeError(error, `save the position of WAL cursor "${cursor}"`);
      }
    }
    await this.collect();
  }

  /** The durably acknowledged id of a cursor. */
  acked(cursor: string): number {
    return this.cursor(cursor).acked;
  }

  /** The newest durable record: the pipeline resumes its source after the position inside it. */
  last(): WalRecord | undefined {
    return this.lastRecord;
  }

  stats(): WalStats {
    const lastId = this.nextId - 1;
    const cursors: WalStats['cursors'] = {};
    for (const state of this.cursors.values()) {
      cursors[state.name] = {
        acked: state.acked,
        backlog: Math.max(0, lastId - state.acked),
        backlogBytes: this.bytesAfter(state.acked),
      };
    }
    return {
      firstId: this.segments[0]?.firstId ?? lastId + 1,
      lastId,
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      segments: this.segments.length,
      damagedRegions: this.damagedRegions,
      cursors,
    };
  }

  /**
   * Adds a consumer while the WAL is open (a sink added by a reload): it starts at the oldest
   * stored record, like a new name given to open. Resolves once its cursor file is durable.
   */
  async addCursor(name: string): Promise<void> {
    if (this.closed) throw closedError();
    if (this.cursors.has(name)) return;
    const { segmentBytes, maxBytes, commitDelayMs, maxBatchRecords, maxBatchBytes } = this;
    validate({ segmentBytes, maxBytes, commitDelayMs, maxBatchRecords, maxBatchBytes }, [
      ...this.cursors.keys(),
      name,
    ]);
    const path = cursorPath(this.directory, name);
    const acked = (this.segments[0]?.firstId ?? this.nextId) - 1;
    let saved: CursorPosition;
    try {
      saved = await createCursorFile(this.fs, path, name, acked, this.sync);
    } catch (error) {
      throw storeError(error, `create the position of WAL cursor "${name}"`);
    }
    this.cursors.set(name, { name, path, saved, acked, target: acked, writing: undefined, hint: undefined });
  }

  /** Commits what is pending, finishes cursor writes and closes the files. Later calls reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.startCommit();
    while (this.committing !== undefined) await this.committing;
    if (this.dirty) await this.cutFailedGroup().catch(() => {});
    for (const state of this.cursors.values()) await state.writing?.catch(() => {});
    while (this.collecting !== undefined) await this.collecting;
    for (const waiter of this.waiters) waiter.reject(closedError());
    this.waiters.clear();
    for (const segment of this.segments) await segment.file?.close().catch(() => {});
  }

  /** Bytes to read at once: about what `maxRecords` records of the mean stored size take. */
  private readWindow(maxRecords: number, maxBytes: number): number {
    const stored = this.nextId - (this.segments[0]?.firstId ?? this.nextId);
    const meanFrame = stored > 0 ? this.bytes / stored : FRAME_HEADER_BYTES;
    const wanted = Math.min(maxBytes + maxRecords * FRAME_HEADER_BYTES, maxRecords * meanFrame) * 1.25;
    return Math.ceil(Math.min(Math.max(wanted, 16 * 1024), 8 * MiB));
  }

  /**
   * Bytes of the stored records after `id`: whole segments exactly, the segment holding the
   * next record from its mean record size (a segment's records are about the same size).
   */
  private bytesAfter(id: number): number {
    if (id + 1 >= this.nextId || this.segments.length === 0) return 0;
    const segment = this.segmentFor(id + 1);
    const index = this.segments.indexOf(segment);
    const segmentEnd = this.segments[index + 1]?.firstId ?? this.nextId;
    const records = segmentEnd - segment.firstId;
    const after = segmentEnd - Math.max(id + 1, segment.firstId);
    let bytes = records > 0 ? Math.round((segment.end * after) / records) : 0;
    for (const later of this.segments.slice(index + 1)) bytes += later.end;
    return bytes;
  }

  private fits(bytes: number): boolean {
    return this.bytes + this.pendingBytes + this.committingBytes + bytes <= this.maxBytes;
  }

  private cursor(name: string): CursorState {
    const state = this.cursors.get(name);
    if (state === undefined)
      throw new AuditRelayError('AR_INTERNAL', `the WAL has no cursor named "${name}"`);
    return state;
  }

  /** The segment that holds `id` (or the oldest, when `id` was deleted). */
  private segmentFor(id: number): Segment {
    let low = 0;
    let high = this.segments.length - 1;
    let found = 0;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.segments[middle]!.firstId <= id) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return this.segments[found]!;
  }

  private later(run: () => void): { cancel(): void } {
    if (this.commitDelayMs > 0) {
      const timeout = setTimeout(run, this.commitDelayMs);
      return { cancel: () => clearTimeout(timeout) };
    }
    const immediate = setImmediate(run);
    return { cancel: () => clearImmediate(immediate) };
  }

  private startCommit(): void {
    this.timer?.cancel();
    this.timer = undefined;
    if (this.committing !== undefined || this.pending.length === 0) return;
    this.committing = this.commitLoop();
  }

  /**
   * One commit group at a time: whatever arrived during an fdatasync forms the next group.
   * Runs only with something pending, so it awaits before clearing `committing`.
   */
  private async commitLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending;
      const bytes = this.pendingBytes;
      this.pending = [];
      this.pendingRecords = 0;
      this.pendingBytes = 0;
      this.committingBytes = bytes;
      try {
        const firstId = await this.commit(group, bytes);
        let id = firstId;
        for (const append of group) {
          append.resolve({ firstId: id, lastId: id + append.payloads.length - 1 });
          id += append.payloads.length;
        }
      } catch (error) {
        const failure = storeError(error, 'append to the write-ahead log');
        this.diskFull = isDiskFull(error);
        for (const append of group) append.reject(failure);
      } finally {
        this.committingBytes = 0;
        this.wake();
      }
    }
    this.committing = undefined;
  }

  /** Writes one group to the active segment and syncs it; returns the id of its first record. */
  private async commit(group: readonly PendingAppend[], bytes: number): Promise<number> {
    if (this.dirty) await this.cutFailedGroup();
    if (this.diskFull && this.everythingAcked()) await this.releaseFullDisk();
    if (this.active === undefined || (this.active.end > 0 && this.active.end + bytes > this.segmentBytes)) {
      await this.roll();
    }
    const segment = this.active!;
    const buffer = Buffer.allocUnsafe(bytes);
    const offsets: number[] = [];
    const firstId = this.nextId;
    let id = firstId;
    let at = 0;
    for (let g = 0; g < group.length; g++) {
      const payloads = group[g]!.payloads;
      for (let p = 0; p < payloads.length; p++) {
        offsets.push(at);
        at = encodeFrame(buffer, at, id++, payloads[p]!, g === group.length - 1 && p === payloads.length - 1);
      }
    }
    const start = segment.end;
    this.dirty = true;
    await writeFully(segment.file!, buffer, start);
    if (this.sync) await segment.file!.datasync();
    this.dirty = false;

    for (let i = 0; i < offsets.length; i++) {
      const offset = offsets[i]!;
      segment.noteRecord(start + offset, firstId + i, start + (offsets[i + 1] ?? bytes));
    }
    const lastPayload = buffer.subarray(offsets.at(-1)! + FRAME_HEADER_BYTES);
    segment.end += bytes;
    this.bytes += bytes;
    this.nextId = id;
    this.lastRecord = { id: id - 1, payload: Buffer.from(lastPayload) };
    if (this.lastRecordSegment !== segment) {
      // The previous segment no longer holds the newest record: it may be deletable now.
      this.lastRecordSegment = segment;
      await this.collect();
    }
    return firstId;
  }

  /**
   * Cuts what a failed commit may have left past the durable end, so that its records never
   * turn up. Until that works nothing else is written. (Should the process die first, the
   * group may reappear on open: a rejected append delivered anyway, a duplicate, not a loss.)
   */
  private async cutFailedGroup(): Promise<void> {
    const active = this.active!;
    await active.file!.truncate(active.end);
    if (this.sync) await active.file!.datasync();
    this.dirty = false;
  }

  private everythingAcked(): boolean {
    for (const state of this.cursors.values()) if (state.acked < this.nextId - 1) return false;
    return true;
  }

  /**
   * The disk is full and every cursor has passed the newest record: the segment holding it
   * is the only thing left to free, and it holds the restart position. So the newest record
   * is copied into a new segment (with room from the reserve file), every cursor moved past
   * the copy (in place, no space needed), and the old segments deleted. A crash in between
   * costs one duplicate event, never the position.
   */
  private async releaseFullDisk(): Promise<void> {
    const last = this.lastRecord;
    if (last === undefined || this.segments.length === 0) return;
    await this.fs.unlink(join(this.directory, RESERVE_FILE)).catch(() => {});
    // A segment a failed commit opened is still empty and already carries the next id's name.
    if (this.active === undefined || this.active.end > 0) await this.roll();
    const segment = this.active!;
    const frame = Buffer.allocUnsafe(frameBytes(last.payload.length));
    const id = this.nextId;
    encodeFrame(frame, 0, id, last.payload, true);
    this.dirty = true;
    await writeFully(segment.file!, frame, 0);
    if (this.sync) await segment.file!.datasync();
    this.dirty = false;
    segment.noteRecord(0, id, frame.length);
    segment.end = frame.length;
    this.bytes += frame.length;
    this.nextId = id + 1;
    this.lastRecord = { id, payload: last.payload };
    this.lastRecordSegment = segment;
    for (const state of this.cursors.values()) {
      state.target = Math.max(state.target, id);
      state.writing ??= this.persistCursor(state);
      await state.writing;
    }
    await this.collect();
    this.diskFull = false;
    await this.keepReserve();
  }

  /** A small file whose space a full disk can have back for releaseFullDisk (best effort). */
  private async keepReserve(): Promise<void> {
    const path = join(this.directory, RESERVE_FILE);
    if ((await this.fs.readdir(this.directory)).includes(RESERVE_FILE)) return;
    try {
      const file = await this.fs.open(path, 'w');
      try {
        await writeFully(file, Buffer.alloc(RESERVE_BYTES), 0);
        if (this.sync) await file.datasync();
      } finally {
        await file.close();
      }
    } catch {
      await this.fs.unlink(path).catch(() => {});
    }
  }

  /** Starts a new segment named after the next id; its directory entry is made durable first. */
  private async roll(): Promise<void> {
    const segment = new Segment(this.directory, this.nextId);
    const file = await this.fs.open(segment.path, 'w+');
    try {
      if (this.sync) await this.fs.syncDirectory(this.directory);
    } catch (error) {
      await file.close().catch(() => {});
      await this.fs.unlink(segment.path).catch(() => {}); // if not, open removes it
      throw error;
    }
    segment.file = file;
    this.segments.push(segment);
    this.active = segment;
  }

  private async persistCursor(state: CursorState): Promise<void> {
    try {
      while (state.target > state.acked) {
        const value = state.target;
        state.saved = await writeCursorFile(this.fs, state.path, state.name, value, state.saved, this.sync);
        state.acked = value;
      }
    } finally {
      state.writing = undefined;
    }
  }

  /** Deletes the oldest segments every cursor has passed, except the one holding the newest record. */
  private collect(): Promise<void> {
    if (this.collecting === undefined && this.deletable() !== undefined)
      this.collecting = this.deleteSegments();
    return this.collecting ?? Promise.resolve();
  }

  /** Starts with a deletable segment, so it awaits before it clears `collecting`. */
  private async deleteSegments(): Promise<void> {
    for (let segment = this.deletable(); segment !== undefined; segment = this.deletable()) {
      try {
        await this.fs.unlink(segment.path);
      } catch (error) {
        this.onError(
          storeError(
            error,
            `delete the WAL segment ${segment.path} (retried after the next acknowledgement)`,
          ),
        );
        break;
      }
      this.segments.shift();
      this.bytes -= segment.end;
      segment.deleted = true;
      if (segment.readers === 0) await segment.file?.close().catch(() => {});
    }
    this.collecting = undefined;
    this.wake();
  }

  private deletable(): Segment | undefined {
    const [segment, next] = this.segments;
    if (segment === undefined || next === undefined) return undefined;
    if (segment === this.active || segment === this.lastRecordSegment) return undefined;
    for (const state of this.cursors.values()) if (state.acked < next.firstId - 1) return undefined;
    return segment;
  }

  /** Skips a damaged frame (reported once per place) and moves the scanner to the next valid one. */
  private async skipDamage(segment: Segment, scanner: FrameScanner, offset: number): Promise<WalDamage> {
    const afterId = scanner.afterId;
    const nextId = await scanner.resync();
    segment.noteSkipped(offset, scanner.offset);
    const damage = { path: segment.path, offset, afterId, nextId };
    if (!segment.reported.has(offset)) {
      segment.reported.add(offset);
      this.damagedRegions++;
      this.onError(damageError(damage));
    }
    return damage;
  }

  private wait(check: () => boolean, signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    if (check()) return Promise.resolve();
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiters.delete(waiter);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        check,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      this.waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private wake(): void {
    for (const waiter of this.waiters) {
      if (waiter.check()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }
}

function validate(
  options: {
    segmentBytes: number;
    maxBytes: number;
    commitDelayMs: number;
    maxBatchRecords: number;
    maxBatchBytes: number;
  },
  cursors: readonly string[],
): void {
  const problems: string[] = [];
  if (!Number.isSafeInteger(options.segmentBytes) || options.segmentBytes < 1024) {
    problems.push('segmentBytes must be an integer of at least 1024');
  }
  if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes < 2 * options.segmentBytes) {
    problems.push('maxBytes must be an integer of at least 2 × segmentBytes (whole segments are deleted)');
  }
  if (!(options.commitDelayMs >= 0)) problems.push('commitDelayMs must be 0 or more');
  if (!Number.isSafeInteger(options.maxBatchRecords) || options.maxBatchRecords < 1) {
    problems.push('maxBatchRecords must be a positive integer');
  }
  if (!Number.isSafeInteger(options.maxBatchBytes) || options.maxBatchBytes < 1) {
    problems.push('maxBatchBytes must be a positive integer');
  }
  if (new Set(cursors).size !== cursors.length) problems.push('cursor names must be unique');
  if (cursors.some((name) => name.length === 0 || encodeURIComponent(name).length > 200)) {
    problems.push('cursor names must have 1 to 200 characters, counting non-ASCII ones percent-encoded');
  }
  if (problems.length > 0) {
    throw new AuditRelayError('AR_CONFIG_INVALID', `write-ahead log options: ${problems.join('; ')}`);
  }
}

async function syncFile(fs: FileSystem, path: string): Promise<void> {
  const file = await fs.open(path, 'r+');
  try {
    await file.datasync();
  } finally {
    await file.close();
  }
}

const RESERVE_FILE = 'reserve';
const RESERVE_BYTES = 64 * 1024;

function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

function storeError(error: unknown, action: string): AuditRelayError {
  if (error instanceof AuditRelayError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return retryable(
      'AR_STATE_FULL',
      `the disk is full: cannot ${action}; retried when space returns`,
      error,
    );
  }
  return retryable('AR_STATE_IO', `cannot ${action}`, error);
}

function damageError(damage: Damage): AuditRelayError {
  const lost =
    damage.nextId === undefined
      ? `records after ${damage.afterId} up to the end of the segment are skipped`
      : damage.nextId === damage.afterId + 1
        ? 'the damaged bytes held no record'
        : `records ${damage.afterId + 1} to ${damage.nextId - 1} are skipped`;
  return new AuditRelayError(
    'AR_WAL_CORRUPT',
    `${damage.path} fails its checksum at byte ${damage.offset}: ${lost}, never delivered`,
  );
}

function closedError(): AuditRelayError {
  return new AuditRelayError('AR_INTERNAL', 'the write-ahead log is closed');
}
