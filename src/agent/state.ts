import { mkdir } from 'node:fs/promises';
import { AuditRelayError } from '../core/errors.js';
import { checkStateFormat, formatRefusal, readStateFormat } from '../store/state/format.js';
import { readInventory, type StateInventory } from '../store/state/inventory.js';
import { type LockOptions, StateLock } from '../store/state/lock.js';
import { VERSION } from './version.js';

/** The state ids the configuration claims: one WAL per source, one cursor per sink in each. */
export interface StateClaims {
  sources: readonly string[];
  sinks: readonly string[];
}

/**
 * Takes the state directory for one agent: creates it, takes its lock, refuses a format this
 * version cannot read, and refuses state the configuration does not claim (a renamed or
 * removed source or sink), naming the commands that resolve it. Nothing is deleted here.
 */
export async function openState(
  directory: string,
  claims: StateClaims,
  options: LockOptions & { configFile?: string } = {},
): Promise<StateLock> {
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new AuditRelayError('AR_STATE_IO', `cannot create the state directory ${directory}`, {
      cause: error,
    });
  }
  const lock = await StateLock.acquire(directory, options);
  try {
    await checkStateFormat(directory, `auditrelay ${VERSION}`);
    const problem = unclaimedState(await readInventory(directory), claims, directory, options.configFile);
    if (problem) throw problem;
  } catch (error) {
    await lock.release();
    throw error;
  }
  return lock;
}

/**
 * What a start would refuse in the state, read without the lock and without writing (for
 * `check`): a format this version cannot read, state the configuration does not claim.
 */
export async function stateProblem(
  directory: string,
  claims: StateClaims,
  configFile?: string,
): Promise<AuditRelayError | undefined> {
  try {
    const refused = formatRefusal(directory, await readStateFormat(directory), `auditrelay ${VERSION}`);
    return refused ?? unclaimedState(await readInventory(directory), claims, directory, configFile);
  } catch (error) {
    return error instanceof AuditRelayError ? error : new AuditRelayError('AR_STATE_IO', String(error));
  }
}

/** AR_STATE_UNCLAIMED naming each unclaimed source and sink and what to run, or undefined. */
export function unclaimedState(
  inventory: StateInventory,
  claims: StateClaims,
  directory: string,
  configFile = 'FILE',
): AuditRelayError | undefined {
  const claimed = inventory.sources.filter((s) => claims.sources.includes(s.id));
  const sources = inventory.sources.filter((s) => !claims.sources.includes(s.id)).map((s) => s.id);
  const sinks = [...new Set(claimed.flatMap((s) => s.cursors))].filter(
    (name) => !claims.sinks.includes(name),
  );
  if (sources.length === 0 && sinks.length === 0) return undefined;
  const stated = new Set(claimed.flatMap((s) => s.cursors));
  const newSinks = claims.sinks.filter((name) => !stated.has(name));
  const newSources = claims.sources.filter((id) => !inventory.sources.some((s) => s.id === id));
  const command = (args: string) => `auditrelay state ${args} --config ${configFile}`;
  const advice = (kind: 'source' | 'sink', name: string, candidates: readonly string[]) => {
    const to = candidates.length === 1 ? candidates[0]! : 'NEW-NAME';
    const what =
      kind === 'sink'
        ? 'its delivery position'
        : 'its write-ahead log with its journal position and undelivered events';
    return [
      `- ${kind} "${name}" has ${what}, but no configured ${kind} is ${name}.`,
      `  Renamed to ${to}? Keep its state: ${command(`rename ${kind} ${name} ${to}`)}`,
      `    (or give that ${kind} \`id: ${name}\`)`,
      `  Removed? Give up its state: ${command(`drop ${kind} ${name}`)}`,
    ].join('\n');
  };
  return new AuditRelayError(
    'AR_STATE_UNCLAIMED',
    [
      `the state in ${directory} belongs to sources or sinks the configuration no longer has; nothing was started, nothing was deleted:`,
      ...sources.map((name) => advice('source', name, newSources)),
      ...sinks.map((name) => advice('sink', name, newSinks)),
    ].join('\n'),
  );
}
