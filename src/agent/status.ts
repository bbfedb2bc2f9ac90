import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { SourcePosition } from '../core/component.js';
import { decodeRecord } from '../store/event-records.js';
import { nodeFileSystem } from '../store/fs.js';
import { readStateFormat } from '../store/state/format.js';
import { readInventory } from '../store/state/inventory.js';
import { LOCK_FILE, type LockHolder } from '../store/state/lock.js';
import { type InspectedRecord, inspectWal } from '../store/wal/inspect.js';
import { readPositionMark, resumePosition } from '../store/wal/position-mark.js';
import type { AgentConfig } from './config/schema.js';
import { identities } from './reload.js';

/**
 * What the state directory says, read without the lock and without writing: so it works
 * whether an agent runs or not (`auditrelay status`).
 */
export interface StatusReport {
  state: string;
  format: number | undefined;
  /** The agent holding the state, from its lock file. */
  agent: { pid: number; host: string; since: string; alive: boolean | undefined } | undefined;
  sources: SourceStatus[];
}

export interface SourceStatus {
  name: string;
  id: string;
  /** False for state the configuration does not claim (renamed or removed). */
  configured: boolean;
  position: SourcePosition | undefined;
  newestEvent: EventRef | undefined;
  walBytes: number;
  walSegments: number;
  walEvents: number;
  sinks: SinkStatus[];
}

export interface SinkStatus {
  name: string;
  id: string;
  configured: boolean;
  backlog: number;
  backlogBytes: number;
  oldestPending: EventRef | undefined;
  lastDelivery: { at: string; event: EventRef | undefined } | undefined;
}

export interface EventRef {
  id: string;
  time: string;
}

export async function readStatus(config: AgentConfig, stateDirectory: string): Promise<StatusReport> {
  const ids = identities(config);
  const nameOf = (list: { name: string; id: string }[], id: string) =>
    list.find((x) => x.id === id)?.name ?? id;
  const sources: SourceStatus[] = [];
  for (const found of (await readInventory(stateDirectory)).sources) {
    const wal = await inspectWal(found.directory);
    sources.push({
      name: nameOf(ids.sources, found.id),
      id: found.id,
      configured: ids.sources.some((s) => s.id === found.id),
      position: resumePosition(await readPositionMark(nodeFileSystem, found.directory), wal.newest),
      newestEvent: eventRef(wal.newest),
      walBytes: wal.bytes,
      walSegments: wal.segments,
      walEvents: wal.lastId - wal.firstId + 1,
      sinks: Object.entries(wal.cursors).map(([id, cursor]) => ({
        name: nameOf(ids.sinks, id),
        id,
        configured: ids.sinks.some((s) => s.id === id),
        backlog: cursor.backlog,
        backlogBytes: cursor.backlogBytes,
        oldestPending: eventRef(cursor.oldestPending),
        lastDelivery:
          cursor.acked > 0
            ? { at: cursor.movedAt.toISOString(), event: eventRef(cursor.lastAcked) }
            : undefined,
      })),
    });
  }
  return {
    state: stateDirectory,
    format: await readStateFormat(stateDirectory).catch(() => undefined),
    agent: await lockHolder(stateDirectory),
    sources,
  };
}

function eventRef(record: InspectedRecord | undefined): EventRef | undefined {
  if (!record) return undefined;
  const { event } = decodeRecord(record.payload);
  return { id: event.id, time: event.time };
}

async function lockHolder(stateDirectory: string): Promise<StatusReport['agent']> {
  let holder: LockHolder;
  try {
    holder = JSON.parse(await readFile(join(stateDirectory, LOCK_FILE), 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
  let alive: boolean | undefined;
  if (holder.host === hostname()) {
    try {
      process.kill(holder.pid, 0);
      alive = true;
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
  return { pid: holder.pid, host: holder.host, since: holder.since, alive };
}
