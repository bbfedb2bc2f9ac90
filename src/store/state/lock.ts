import { randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { sleep } from '../../core/backoff.js';
import { AuditRelayError } from '../../core/errors.js';

/**
 * One agent per state directory. Node has no flock(2), so the lock is a file created with
 * O_EXCL (atomic on local file systems and on NFSv3 and newer) that names its holder:
 *
 * - Holder on this machine (same host name, boot and PID namespace): alive when its pid is
 *   (and, on Linux, still the process that started then). A lock left by SIGKILL or a power
 *   loss is stale and taken over at once, with a warning.
 * - Holder elsewhere (another host sharing the directory over NFS, or a container restarted
 *   into a new PID namespace): its pid means nothing here. The holder rewrites the file every
 *   few seconds (a heartbeat); a lock whose content does not change for `observeMs` is stale.
 *   Content, not mtime, because NFS caches attributes but re-reads data on open.
 * - The holder checks at each heartbeat that the lock is still its own, and reports the loss
 *   (a takeover after the agent was frozen longer than `observeMs`) so it can stop.
 */

export const LOCK_FILE = 'lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** Linux boot id: a pid from another boot names another process. */
  boot?: string;
  /** Linux PID namespace: a pid from another container names another process. */
  pidNamespace?: string;
  /** Linux start time of the process (clock ticks since boot): tells a reused pid. */
  startTicks?: string;
  since: string;
  nonce: string;
  beat: number;
}

export interface LockOptions {
  /** How long a lock held elsewhere must stay unchanged to count as stale. Default 15 s. */
  observeMs?: number;
  /** How often the holder rewrites the lock. Default 5 s. */
  heartbeatMs?: number;
  /** Told when waiting on a lock held elsewhere and when taking over a stale one. */
  onNotice?: (message: string) => void;
  /** Told when the lock was taken from this holder; the agent must stop. */
  onLost?: (error: AuditRelayError) => void;
}

/** Nonces of the locks this process holds: a lock naming our own pid is stale unless it is one of these. */
const heldHere = new Set<string>();

export class StateLock {
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> = Promise.resolve();
  private released = false;

  private constructor(
    readonly path: string,
    private holder: LockHolder,
    private readonly options: LockOptions,
  ) {}

  /** Takes the lock of `directory` (which must exist) or throws AR_STATE_LOCKED naming the holder. */
  static async acquire(directory: string, options: LockOptions = {}): Promise<StateLock> {
    const path = join(directory, LOCK_FILE);
    const observeMs = options.observeMs ?? 15_000;
    const self = selfHolder();
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await createExclusive(path, self)) {
        const lock = new StateLock(path, self, options);
        heldHere.add(self.nonce);
        lock.startHeartbeat();
        return lock;
      }
      const seen = await readHolder(path);
      if (seen === undefined) continue; // released meanwhile
      const stale = await isStale(seen, self, path, observeMs, options.onNotice);
      if (!stale) throw lockedError(path, seen.holder);
      if (await takeOver(path, seen.text)) {
        options.onNotice?.(
          `took over the stale state lock of pid ${seen.holder?.pid ?? '?'} on ${seen.holder?.host ?? '?'} (${stale})`,
        );
      }
    }
    throw new AuditRelayError('AR_STATE_LOCKED', `could not take ${path}: other agents keep taking it`);
  }

  /** Stops the heartbeat and removes the lock, if it is still ours. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearInterval(this.timer);
    await this.beating;
    heldHere.delete(this.holder.nonce);
    const current = await readHolder(this.path);
    if (current?.holder?.nonce === this.holder.nonce) await unlink(this.path).catch(() => {});
  }

  private startHeartbeat(): void {
    this.timer = setInterval(() => {
      this.beating = this.beat();
    }, this.options.heartbeatMs ?? 5000);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    if (this.released) return;
    const next = { ...this.holder, beat: this.holder.beat + 1 };
    // Read, check and rewrite through one descriptor: a takeover puts a new file in place (it
    // never writes into this one), so this write can only land in the file it checked.
    const current = await beatInPlace(this.path, this.holder.nonce, next).catch(() => undefined);
    if (this.released) return;
    if (current === 'ours') {
      this.holder = next;
      return;
    }
    this.released = true;
    clearInterval(this.timer);
    heldHere.delete(this.holder.nonce);
    this.options.onLost?.(
      new AuditRelayError(
        'AR_STATE_LOCKED',
        `the state lock ${this.path} is no longer ours (${current ? `now pid ${current.pid} on ${current.host}` : 'removed'}): stopping so that two agents never share the state`,
      ),
    );
  }
}

/** Rewrites the lock with `next` if it still holds `nonce`; else returns who holds it (undefined: nobody). */
async function beatInPlace(
  path: string,
  nonce: string,
  next: LockHolder,
): Promise<'ours' | LockHolder | undefined> {
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    let holder: LockHolder | undefined;
    try {
      holder = JSON.parse(await file.readFile('utf8')) as LockHolder;
    } catch {
      holder = undefined;
    }
    if (holder?.nonce !== nonce) return holder;
    const text = Buffer.from(`${JSON.stringify(next)}\n`);
    await file.write(text, 0, text.length, 0);
    await file.truncate(text.length);
    return 'ours';
  } finally {
    await file.close();
  }
}

function selfHolder(): LockHolder {
  return {
    pid: process.pid,
    host: hostname(),
    boot: readOptional('/proc/sys/kernel/random/boot_id'),
    pidNamespace: linkOptional('/proc/self/ns/pid'),
    startTicks: startTicksOf(process.pid),
    since: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
    beat: 0,
  };
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function linkOptional(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/PID/stat (after the command name, which may hold spaces and parentheses). */
function startTicksOf(pid: number): string | undefined {
  const stat = readOptional(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

async function createExclusive(path: string, holder: LockHolder): Promise<boolean> {
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new AuditRelayError('AR_STATE_IO', `cannot create the state lock ${path}`, { cause: error });
  }
  try {
    await file.writeFile(`${JSON.stringify(holder)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  return true;
}

/** The lock's text and holder (undefined holder: empty or torn, e.g. a crash right after create). */
async function readHolder(path: string): Promise<{ text: string; holder?: LockHolder } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AuditRelayError('AR_STATE_IO', `cannot read the state lock ${path}`, { cause: error });
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) && typeof holder.nonce === 'string' ? { text, holder } : { text };
  } catch {
    return { text };
  }
}

/** Why the lock is stale, or undefined when its holder may be alive. */
async function isStale(
  seen: { text: string; holder?: LockHolder },
  self: LockHolder,
  path: string,
  observeMs: number,
  notice: LockOptions['onNotice'],
): Promise<string | undefined> {
  const holder = seen.holder;
  const here =
    holder !== undefined &&
    holder.host === self.host &&
    holder.boot === self.boot &&
    holder.pidNamespace === self.pidNamespace;
  if (here) {
    if (heldHere.has(holder.nonce)) return undefined;
    if (holder.pid === self.pid) return 'its pid is ours now';
    if (!isAlive(holder.pid)) return `pid ${holder.pid} is gone`;
    const ticks = startTicksOf(holder.pid);
    if (holder.startTicks && ticks && ticks !== holder.startTicks)
      return `pid ${holder.pid} is another process now`;
    return undefined;
  }
  notice?.(
    holder
      ? `the state lock ${path} is held by pid ${holder.pid} on ${holder.host}, which this machine cannot check; waiting ${observeMs / 1000} s for a heartbeat`
      : `the state lock ${path} is unreadable; waiting ${observeMs / 1000} s to see whether an agent is writing it`,
  );
  await sleep(observeMs);
  const later = await readHolder(path);
  if (later === undefined) return 'released meanwhile';
  return later.text === seen.text ? `no heartbeat for ${observeMs / 1000} s` : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the stale lock whose text is `staleText`, never a fresh one: the lock is first
 * renamed to a name of our own, and put back if it turns out another agent took it meanwhile.
 */
async function takeOver(path: string, staleText: string): Promise<boolean> {
  const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new AuditRelayError('AR_STATE_IO', `cannot take over the state lock ${path}`, { cause: error });
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved !== staleText) await link(aside, path).catch(() => {});
  await unlink(aside).catch(() => {});
  return moved === staleText;
}

function lockedError(path: string, holder: LockHolder | undefined): AuditRelayError {
  const who = holder ? `pid ${holder.pid} on ${holder.host} (since ${holder.since})` : 'another agent';
  return new AuditRelayError(
    'AR_STATE_LOCKED',
    `the state directory ${dirname(path)} is in use by ${who}: two agents on one state would deliver events twice. Stop that agent, or give this one another state directory. If you are sure no agent runs, remove ${path}`,
  );
}
