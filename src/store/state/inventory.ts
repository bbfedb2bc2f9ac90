import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditRelayError } from '../../core/errors.js';
import { nodeFileSystem } from '../fs.js';
import { createCursorFile, cursorPath, readCursorFile } from '../wal/cursor-file.js';
import { walCursorNames } from '../wal/inspect.js';

/**
 * What a state directory holds, by state id: one WAL directory per source (`wal/<source>/`),
 * and in each a cursor file per sink. And the operations that change those identities on
 * purpose (`auditrelay state rename|drop`), never implicitly.
 */
export interface StateInventory {
  sources: { id: string; directory: string; cursors: string[] }[];
}

export function walDirectory(stateDirectory: string, source: string): string {
  return join(stateDirectory, 'wal', source);
}

export async function readInventory(stateDirectory: string): Promise<StateInventory> {
  let names: string[];
  try {
    names = await readdir(join(stateDirectory, 'wal'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sources: [] };
    throw new AuditRelayError('AR_STATE_IO', `cannot list ${join(stateDirectory, 'wal')}`, { cause: error });
  }
  const sources: StateInventory['sources'] = [];
  for (const id of names.sort()) {
    const directory = walDirectory(stateDirectory, id);
    if (!(await stat(directory)).isDirectory()) continue;
    sources.push({ id, directory, cursors: (await walCursorNames(directory)).sort() });
  }
  return { sources };
}

/** Gives the cursors of sink `from` (in every source's WAL) to sink `to`. Returns how many moved. */
export async function renameSinkState(stateDirectory: string, from: string, to: string): Promise<number> {
  const { sources } = await readInventory(stateDirectory);
  const holding = sources.filter((s) => s.cursors.includes(from));
  if (holding.length === 0) throw notFound('sink', from, stateDirectory);
  const taken = sources.filter((s) => s.cursors.includes(to));
  if (taken.length > 0) {
    throw new AuditRelayError(
      'AR_STATE_UNCLAIMED',
      `sink ${to} already has a position in ${taken.map((s) => s.directory).join(', ')}; drop it first (auditrelay state drop sink ${to})`,
    );
  }
  for (const source of holding) {
    const { acked } = await readCursorFile(nodeFileSystem, cursorPath(source.directory, from), from);
    await createCursorFile(nodeFileSystem, cursorPath(source.directory, to), to, acked, true);
    await nodeFileSystem.unlink(cursorPath(source.directory, from));
    await nodeFileSystem.syncDirectory(source.directory);
  }
  return holding.length;
}

/** Deletes the cursors of sink `name` in every source's WAL. Returns how many were deleted. */
export async function dropSinkState(stateDirectory: string, name: string): Promise<number> {
  const { sources } = await readInventory(stateDirectory);
  const holding = sources.filter((s) => s.cursors.includes(name));
  if (holding.length === 0) throw notFound('sink', name, stateDirectory);
  for (const source of holding) {
    await nodeFileSystem.unlink(cursorPath(source.directory, name));
    await nodeFileSystem.syncDirectory(source.directory);
  }
  return holding.length;
}

/** Gives the WAL (and so the journal position) of source `from` to source `to`. */
export async function renameSourceState(stateDirectory: string, from: string, to: string): Promise<void> {
  const { sources } = await readInventory(stateDirectory);
  if (!sources.some((s) => s.id === from)) throw notFound('source', from, stateDirectory);
  if (sources.some((s) => s.id === to)) {
    throw new AuditRelayError(
      'AR_STATE_UNCLAIMED',
      `source ${to} already has a WAL in ${walDirectory(stateDirectory, to)}; drop it first (auditrelay state drop source ${to})`,
    );
  }
  await rename(walDirectory(stateDirectory, from), walDirectory(stateDirectory, to));
  await nodeFileSystem.syncDirectory(join(stateDirectory, 'wal'));
}

/** Deletes the WAL of source `name`: its position and every event of it not yet delivered. */
export async function dropSourceState(stateDirectory: string, name: string): Promise<void> {
  const { sources } = await readInventory(stateDirectory);
  if (!sources.some((s) => s.id === name)) throw notFound('source', name, stateDirectory);
  await rm(walDirectory(stateDirectory, name), { recursive: true });
  await nodeFileSystem.syncDirectory(join(stateDirectory, 'wal'));
}

function notFound(kind: string, name: string, stateDirectory: string): AuditRelayError {
  return new AuditRelayError('AR_STATE_UNCLAIMED', `the state in ${stateDirectory} holds no ${kind} ${name}`);
}
