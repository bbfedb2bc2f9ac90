import { join } from 'node:path';
import { readFully, type StoreFile } from '../fs.js';
import { decodeFrame, FRAME_HEADER_BYTES, type FrameRecord } from './record.js';

const SEGMENT_SUFFIX = '.seg';
const SEGMENT_NAME = /^(\d{20})\.seg$/;
/** Bytes between two sparse index entries: a lookup reads at most this much before its record. */
const INDEX_INTERVAL = 64 * 1024;
const TWO_32 = 0x1_0000_0000;

/** Segment files are named after their first record id, zero-padded so names sort by id. */
export function segmentFileName(firstId: number): string {
  return `${String(firstId).padStart(20, '0')}${SEGMENT_SUFFIX}`;
}

export function parseSegmentFileName(name: string): number | undefined {
  const match = SEGMENT_NAME.exec(name);
  if (!match) return undefined;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * One segment file and what is known about it in memory: how many bytes hold durable
 * records, and a sparse index (every INDEX_INTERVAL bytes: id → offset) that grows as
 * records are written or read, so a reader never re-scans from the start.
 */
export class Segment {
  readonly path: string;
  /** Bytes of durable records; readers never look past this. */
  end = 0;
  file: StoreFile | undefined;
  /** Reads in progress; a deleted segment's file is closed when the last one finishes. */
  readers = 0;
  deleted = false;
  /** Offsets of damaged records already reported, so each is reported once. */
  readonly reported = new Set<number>();
  private readonly indexIds: number[] = [];
  private readonly indexOffsets: number[] = [];
  /** Records before this offset are indexed; `indexedAfterId` is the last of them. */
  private indexedEnd = 0;
  private indexedAfterId: number;

  constructor(
    directory: string,
    readonly firstId: number,
  ) {
    this.path = join(directory, segmentFileName(firstId));
    this.indexedAfterId = firstId - 1;
  }

  /** Notes a record seen by a writer or reader; extends the index when it continues it. */
  noteRecord(offset: number, id: number, end: number): void {
    if (offset !== this.indexedEnd) return;
    const lastOffset = this.indexOffsets.at(-1);
    if (lastOffset === undefined || offset - lastOffset >= INDEX_INTERVAL) {
      this.indexIds.push(id);
      this.indexOffsets.push(offset);
    }
    this.indexedEnd = end;
    this.indexedAfterId = id;
  }

  /** Notes damaged bytes between `from` and `to` that a reader skipped. */
  noteSkipped(from: number, to: number): void {
    if (from === this.indexedEnd) this.indexedEnd = to;
  }

  /**
   * Where to start scanning for the first record after `afterId`: an offset and the id of
   * the record before it. The scan may pass a few records with smaller ids first.
   */
  startFor(afterId: number): { offset: number; afterId: number } {
    if (afterId >= this.indexedAfterId) return { offset: this.indexedEnd, afterId: this.indexedAfterId };
    let low = 0;
    let high = this.indexIds.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.indexIds[middle]! <= afterId + 1) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (found < 0) return { offset: 0, afterId: this.firstId - 1 };
    return { offset: this.indexOffsets[found]!, afterId: this.indexIds[found]! - 1 };
  }
}

export type Scanned =
  | FrameRecord
  /** A frame at `offset` that is partial or fails its checksum. */
  | { kind: 'bad'; offset: number }
  | { kind: 'end' };

/**
 * Reads frames of one segment between `offset` and `end` through a window of
 * `windowBytes`, and can re-synchronize after a damaged frame.
 */
export class FrameScanner {
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly file: StoreFile,
    public offset: number,
    private readonly end: number,
    /** Id of the last record before `offset`; every next record must be larger. */
    public afterId: number,
    private readonly windowBytes = 256 * 1024,
  ) {}

  /** The next record when the window holds all of it, without a promise; else undefined: call next(). */
  nextBuffered(): FrameRecord | undefined {
    const at = this.offset - this.windowStart;
    if (this.offset >= this.end || at < 0) return undefined;
    const frame = decodeFrame(this.window, at, this.afterId, this.windowStart);
    if (frame.kind !== 'record') return undefined;
    this.offset = frame.end;
    this.afterId = frame.id;
    return frame;
  }

  async next(): Promise<Scanned> {
    if (this.offset >= this.end) return { kind: 'end' };
    const frame = await this.decodeAt(this.offset, this.afterId);
    if (frame === undefined) return { kind: 'bad', offset: this.offset };
    this.offset = frame.end;
    this.afterId = frame.id;
    return frame;
  }

  /**
   * After a bad frame, moves to the next offset where a valid frame with a larger id starts.
   * Ids grow by one per record and a frame takes at least FRAME_HEADER_BYTES, which bounds
   * the ids worth trying. Returns the id of that frame, or undefined (and moves to the end)
   * when there is none.
   */
  async resync(): Promise<number | undefined> {
    const bad = this.offset;
    const highestId = this.afterId + Math.ceil((this.end - bad) / FRAME_HEADER_BYTES);
    for (let offset = bad + 1; offset + FRAME_HEADER_BYTES <= this.end; offset++) {
      if (offset + FRAME_HEADER_BYTES > this.windowStart + this.window.length) {
        await this.ensure(offset, FRAME_HEADER_BYTES);
      }
      const at = offset - this.windowStart;
      const id = this.window.readUInt32LE(at + 12) * TWO_32 + this.window.readUInt32LE(at + 8);
      if (id <= this.afterId || id > highestId) continue;
      const length = this.window.readUInt32LE(at + 4) & 0x7fff_ffff;
      if (offset + FRAME_HEADER_BYTES + length > this.end) continue;
      if ((await this.decodeAt(offset, this.afterId)) !== undefined) {
        this.offset = offset;
        return id;
      }
    }
    this.offset = this.end;
    return undefined;
  }

  private async decodeAt(offset: number, afterId: number): Promise<FrameRecord | undefined> {
    await this.ensure(offset, FRAME_HEADER_BYTES);
    let frame = decodeFrame(this.window, offset - this.windowStart, afterId, this.windowStart);
    if (frame.kind === 'short') {
      if (offset + frame.needed > this.end) return undefined;
      await this.ensure(offset, frame.needed);
      frame = decodeFrame(this.window, offset - this.windowStart, afterId, this.windowStart);
    }
    return frame.kind === 'record' ? frame : undefined;
  }

  /** Makes the window hold `length` bytes from `offset` (or up to the end). */
  private async ensure(offset: number, length: number): Promise<void> {
    const have = this.windowStart + this.window.length;
    if (offset >= this.windowStart && offset + length <= have) return;
    const size = Math.min(Math.max(this.windowBytes, length), this.end - offset);
    this.window = await readFully(this.file, size, offset);
    this.windowStart = offset;
    if (this.window.length < size) {
      throw new Error(`segment file ends at ${offset + this.window.length}, expected ${this.end} bytes`);
    }
  }
}
