import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AuditRelayError } from '../../../src/core/errors.js';
import { type LockHolder, StateLock } from '../../../src/store/state/lock.js';
import { tempDir, waitFor } from '../../support/peers.js';

async function lockedBy(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AuditRelayError, String(error));
    assert.equal(error.code, 'AR_STATE_LOCKED');
    return error.message;
  }
  assert.fail('expected AR_STATE_LOCKED');
}

/** The lock file as the holder wrote it, for tests to edit. */
const holderIn = (dir: string): LockHolder => JSON.parse(readFileSync(join(dir, 'lock'), 'utf8'));

test('a second agent is refused with the holder pid; release lets the next one in', async () => {
  const dir = tempDir('lock');
  const first = await StateLock.acquire(dir);
  const message = await lockedBy(StateLock.acquire(dir));
  assert.match(message, new RegExp(`in use by pid ${process.pid} on ${hostname()}`));
  assert.match(message, /remove .*lock/);
  await first.release();
  assert.equal(existsSync(join(dir, 'lock')), false);
  const second = await StateLock.acquire(dir);
  await second.release();
});

test('a lock left by a process that died (SIGKILL) is taken over at once, with a notice', async () => {
  const dir = tempDir('lock');
  const held = await StateLock.acquire(dir);
  const holder = holderIn(dir);
  await held.release();
  const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  const deadPid = Number(gone.stdout.trim());
  writeFileSync(join(dir, 'lock'), JSON.stringify({ ...holder, pid: deadPid, nonce: 'dead' }));
  const notices: string[] = [];
  const lock = await StateLock.acquire(dir, { onNotice: (m) => notices.push(m), observeMs: 60_000 });
  assert.deepEqual(notices, [
    `took over the stale state lock of pid ${deadPid} on ${hostname()} (pid ${deadPid} is gone)`,
  ]);
  assert.equal(holderIn(dir).pid, process.pid);
  await lock.release();
});

test('a live holder on this machine is never taken over', async () => {
  const dir = tempDir('lock');
  const held = await StateLock.acquire(dir);
  const holder = holderIn(dir);
  await held.release();
  // The test runner's parent is alive: a lock naming it is live.
  writeFileSync(
    join(dir, 'lock'),
    JSON.stringify({ ...holder, pid: process.ppid, startTicks: undefined, nonce: 'parent' }),
  );
  assert.match(await lockedBy(StateLock.acquire(dir, { observeMs: 10 })), new RegExp(`pid ${process.ppid}`));
});

test('a holder elsewhere is stale only when its heartbeat stops', async () => {
  const dir = tempDir('lock');
  const elsewhere = { pid: 1, host: 'other-host', since: new Date().toISOString(), nonce: 'remote', beat: 0 };
  writeFileSync(join(dir, 'lock'), JSON.stringify(elsewhere));
  let beat = 0;
  const heartbeat = setInterval(() => {
    writeFileSync(join(dir, 'lock'), JSON.stringify({ ...elsewhere, beat: ++beat }));
  }, 20);
  const notices: string[] = [];
  try {
    const message = await lockedBy(
      StateLock.acquire(dir, { observeMs: 200, onNotice: (m) => notices.push(m) }),
    );
    assert.match(message, /pid 1 on other-host/);
    assert.match(notices[0]!, /held by pid 1 on other-host, which this machine cannot check; waiting 0.2 s/);
  } finally {
    clearInterval(heartbeat);
  }
  const lock = await StateLock.acquire(dir, { observeMs: 200, onNotice: (m) => notices.push(m) });
  assert.match(
    notices.at(-1)!,
    /took over the stale state lock of pid 1 on other-host \(no heartbeat for 0.2 s\)/,
  );
  await lock.release();
});

test('the holder beats, and notices when its lock was taken', async () => {
  const dir = tempDir('lock');
  const lost: AuditRelayError[] = [];
  const lock = await StateLock.acquire(dir, { heartbeatMs: 20, onLost: (e) => lost.push(e) });
  await waitFor('two heartbeats', () => holderIn(dir).beat >= 2, 5000, 10);
  // A takeover as another agent does it: the old file moved aside, a new one created.
  const thief = { ...holderIn(dir), pid: 4242, nonce: 'thief' };
  renameSync(join(dir, 'lock'), join(dir, 'lock.stale-test'));
  writeFileSync(join(dir, 'lock'), JSON.stringify(thief));
  await waitFor('the loss noticed', () => lost.length > 0, 5000, 10);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(lost.length, 1, 'reported once');
  assert.match(lost[0]!.message, /no longer ours \(now pid 4242/);
  await lock.release();
  assert.equal(holderIn(dir).nonce, 'thief', "release never removes another holder's lock");
});
