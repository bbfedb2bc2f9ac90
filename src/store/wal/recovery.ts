import type { StoreFile } from '../fs.js';
import type { FrameRecord } from './record.js';
import { FrameScanner, type Segment } from './segment.js';

/** A damaged record inside synced data: reported and skipped, never delivered. */
export interface Damage {
  path: string;
  offset: number;
  /** The last good record before the damage, and the first one after it (undefined: none in this segment). */
  afterId: number;
  nextId: number | undefined;
}

export interface SegmentRecovery {
  /** Bytes that hold records; a torn tail beyond it is to be cut off. */
  end: number;
  tornBytes: number;
  last: { id: number; payload: Buffer } | undefined;
  damaged: Damage[];
}

/**
 * Scans a whole segment, indexing it, and decides what each bad frame is.
 *
 * Appends are written one commit group at a time; the last record of a group carries the
 * commit-end bit, and a group is written only after the previous one was fdatasync'ed.
 *
 * - A bad frame followed by a later group (a commit-end record and then any valid record) was
 *   synced before that group was written: the data was damaged after it was made durable.
 *   That is corruption: reported and skipped.
 * - Otherwise the bad frame is in the last group, which may never have been synced: a torn
 *   tail. So is a last group that stops before its commit-end record. Either way the tail is
 *   cut back to the end of the last whole group. What remains is a prefix of what was
 *   written, and every append is in it whole or not at all. The source resumes after the
 *   newest record, so a hole before it would lose events, and a part of an append would lose
 *   the source position that its last record carries.
 *
 * Run on the newest segment that holds records; older ones are checked as they are read.
 */
export async function recoverSegment(
  segment: Segment,
  file: StoreFile,
  size: number,
): Promise<SegmentRecovery> {
  const scanner = new FrameScanner(file, 0, size, segment.firstId - 1, 1024 * 1024);
  const damaged: Damage[] = [];
  /** Records of the group being read, indexed once the group is known to be whole. */
  let group: FrameRecord[] = [];
  /** What is kept: the bytes up to `keptEnd`; `newest` is the newest record in them. */
  let keptEnd = 0;
  let newest: FrameRecord | undefined;
  const keepGroup = () => {
    for (const record of group) segment.noteRecord(record.offset, record.id, record.end);
    newest = group.at(-1) ?? newest;
    group = [];
  };
  for (;;) {
    const scanned = scanner.nextBuffered() ?? (await scanner.next());
    if (scanned.kind === 'end') break;
    if (scanned.kind === 'record') {
      group.push(scanned);
      if (scanned.commitEnd) {
        keepGroup();
        keptEnd = scanned.end;
      }
      continue;
    }
    if (!(await laterGroupFollows(file, scanned.offset, size, scanner.afterId))) break;
    keepGroup();
    const afterId = scanner.afterId;
    const nextId = await scanner.resync();
    damaged.push({ path: segment.path, offset: scanned.offset, afterId, nextId });
    segment.noteSkipped(scanned.offset, scanner.offset);
    keptEnd = scanner.offset;
  }
  const last = newest && { id: newest.id, payload: Buffer.from(newest.payload) };
  return { end: keptEnd, tornBytes: size - keptEnd, last, damaged };
}

/** Whether, after the bad frame at `offset`, a commit-end record is followed by another valid record. */
async function laterGroupFollows(
  file: StoreFile,
  offset: number,
  size: number,
  afterId: number,
): Promise<boolean> {
  const probe = new FrameScanner(file, offset, size, afterId);
  let groupEnded = false;
  while ((await probe.resync()) !== undefined) {
    for (;;) {
      const scanned = await probe.next();
      if (scanned.kind !== 'record') break;
      if (groupEnded) return true;
      if (scanned.commitEnd) groupEnded = true;
    }
  }
  return false;
}
