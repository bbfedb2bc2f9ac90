import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeFileSystem } from '../fs.js';
import { parseCursorFileName, readCursorFile } from './cursor-file.js';
import { FrameScanner, parseSegmentFileName, segmentFileName } from './segment.js';

/**
 * A read-only look at a WAL directory, safe while an agent writes it: nothing is created,
 * cut or deleted, and a group the writer has not finished is simply not seen. Used by
 * `auditrelay status` and the start-up checks; the agent itself uses WriteAheadLog.
 */
export interface WalInspection {
  segments: number;
  bytes: number;
  /** Oldest stored id (lastId + 1 when nothing is stored). */
  firstId: number;
  /** Newest id of a whole commit group (0 before the first record). */
  lastId: number;
  /** The newest record of a whole commit group: the one that carries the restart position. */
  newest: InspectedRecord | undefined;
  cursors: Record<string, CursorInspection>;
}

export interface InspectedRecord {
  id: number;
  payload: Buffer;
}

export interface CursorInspection {
  acked: number;
  backlog: number;
  /** Bytes of stored records after the cursor, framing included. */
  backlogBytes: number;
  /** When the cursor last moved (its file's modification time). */
  movedAt: Date;
  /** The record acknowledged last, when still stored. */
  lastAcked: InspectedRecord | undefined;
  /** The oldest record not yet acknowledged. */
  oldestPending: InspectedRecord | undefined;
}

/** Names of the cursors a WAL directory holds, from the file names alone. */
export async function walCursorNames(directory: string): Promise<string[]> {
  const names = await nodeFileSystem.readdir(directory);
  return names.map(parseCursorFileName).filter((name): name is string => name !== undefined);
}

export async function inspectWal(directory: string): Promise<WalInspection> {
  const fs = nodeFileSystem;
  const names = await fs.readdir(directory);
  const segments: { firstId: number; size: number }[] = [];
  for (const name of names) {
    const firstId = parseSegmentFileName(name);
    if (firstId === undefined) continue;
    const size = (await stat(join(directory, name)).catch(() => undefined))?.size;
    if (size !== undefined && size > 0) segments.push({ firstId, size });
  }
  segments.sort((a, b) => a.firstId - b.firstId);
  const cursors: Record<string, { acked: number; movedAt: Date }> = {};
  for (const name of names) {
    const cursor = parseCursorFileName(name);
    if (cursor === undefined) continue;
    const path = join(directory, name);
    const { acked } = await readCursorFile(fs, path, cursor);
    cursors[cursor] = { acked, movedAt: (await stat(path)).mtime };
  }

  // Only the segments that hold a wanted record are read: the newest, and each cursor's.
  const wanted = new Set<number>();
  for (const { acked } of Object.values(cursors)) wanted.add(acked).add(acked + 1);
  const found = new Map<number, InspectedRecord & { offset: number }>();
  const segmentOf = (id: number) => segments.findLast((s) => s.firstId <= id);
  const toScan = new Set([segments.at(-1), ...[...wanted].map(segmentOf)].filter((s) => s !== undefined));
  let newest: InspectedRecord | undefined;
  for (const segment of segments.filter((s) => toScan.has(s))) {
    const last = await scanSegment(directory, segment, wanted, found);
    if (segment === segments.at(-1)) newest = last;
  }
  const lastId = newest?.id ?? (segments.at(-1)?.firstId ?? 1) - 1;
  const bytes = segments.reduce((sum, s) => sum + s.size, 0);

  const inspected: Record<string, CursorInspection> = {};
  for (const [name, { acked, movedAt }] of Object.entries(cursors)) {
    const pending = found.get(acked + 1);
    const at = pending && segmentOf(pending.id);
    const backlogBytes =
      pending && at
        ? at.size -
          pending.offset +
          segments.filter((s) => s.firstId > at.firstId).reduce((n, s) => n + s.size, 0)
        : 0;
    inspected[name] = {
      acked,
      backlog: Math.max(0, lastId - acked),
      backlogBytes,
      movedAt,
      lastAcked: strip(found.get(acked)),
      oldestPending: acked < lastId ? strip(pending) : undefined,
    };
  }
  return {
    segments: segments.length,
    bytes,
    firstId: segments[0]?.firstId ?? lastId + 1,
    lastId,
    newest,
    cursors: inspected,
  };
}

/** Reads one segment up to its first bad or unfinished frame; returns the newest record of a whole group. */
async function scanSegment(
  directory: string,
  segment: { firstId: number; size: number },
  wanted: ReadonlySet<number>,
  found: Map<number, InspectedRecord & { offset: number }>,
): Promise<InspectedRecord | undefined> {
  let file: Awaited<ReturnType<typeof nodeFileSystem.open>>;
  try {
    file = await nodeFileSystem.open(join(directory, segmentFileName(segment.firstId)), 'r');
  } catch {
    return undefined; // deleted by the agent meanwhile
  }
  let newest: InspectedRecord | undefined;
  try {
    const scanner = new FrameScanner(file, 0, segment.size, segment.firstId - 1, 1024 * 1024);
    for (;;) {
      const frame = scanner.nextBuffered() ?? (await scanner.next().catch(() => ({ kind: 'end' as const })));
      if (frame.kind !== 'record') break;
      if (wanted.has(frame.id)) {
        found.set(frame.id, { id: frame.id, payload: Buffer.from(frame.payload), offset: frame.offset });
      }
      if (frame.commitEnd) newest = { id: frame.id, payload: Buffer.from(frame.payload) };
    }
  } finally {
    await file.close();
  }
  return newest;
}

function strip(record: (InspectedRecord & { offset: number }) | undefined): InspectedRecord | undefined {
  return record && { id: record.id, payload: record.payload };
}
