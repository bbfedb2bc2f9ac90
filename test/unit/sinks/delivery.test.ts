import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditRelayError, retryable } from '../../../src/core/errors.js';
import type { SecurityEvent } from '../../../src/core/event.js';
import { type Destination, FailoverGroup } from '../../../src/sinks/delivery.js';
import { silentLogger } from '../../../src/telemetry/logger.js';
import { sampleEvent } from '../../support/events.js';

type Batch = readonly SecurityEvent[];

function destination(name: string, state: { up: boolean; got: string[] }): Destination<Batch> {
  return {
    description: name,
    async send(events) {
      if (!state.up) throw retryable('AR_SINK_UNREACHABLE', `${name} down`);
      state.got.push(...events.map((e) => e.id));
      return undefined;
    },
    close: async () => {},
  };
}

const batch = (id: string) => [sampleEvent({ id })];

test('switches to the backup when the primary fails, and back after the failback time', async () => {
  let now = 0;
  const a = { up: true, got: [] as string[] };
  const b = { up: true, got: [] as string[] };
  const group = new FailoverGroup([destination('a', a), destination('b', b)], {
    failbackMs: 60_000,
    backoff: { initialMs: 1000, maxMs: 10_000, random: () => 0.99 },
    logger: silentLogger,
    now: () => now,
  });
  const signal = new AbortController().signal;
  await group.send(batch('1'), signal);
  a.up = false;
  await group.send(batch('2'), signal);
  assert.equal(group.activeDestination, 'b');
  now += 30_000;
  a.up = true;
  await group.send(batch('3'), signal);
  assert.equal(group.activeDestination, 'b', 'no failback before failbackMs');
  now += 31_000;
  await group.send(batch('4'), signal);
  assert.equal(group.activeDestination, 'a');
  assert.deepEqual(a.got, ['1', '4']);
  assert.deepEqual(b.got, ['2', '3']);
});

test('all down: the retryable error surfaces; a resting destination is still tried when all rest', async () => {
  let now = 0;
  const a = { up: false, got: [] as string[] };
  const b = { up: false, got: [] as string[] };
  const group = new FailoverGroup([destination('a', a), destination('b', b)], {
    failbackMs: 1000,
    backoff: { initialMs: 1000, maxMs: 10_000, random: () => 0.5 },
    logger: silentLogger,
    now: () => now,
  });
  const signal = new AbortController().signal;
  await assert.rejects(
    group.send(batch('1'), signal),
    (e: unknown) => e instanceof AuditRelayError && e.retryable,
  );
  now += 1;
  b.up = true;
  await group.send(batch('2'), signal);
  assert.deepEqual(b.got, ['2']);
});

test('a non-retryable error is not failed over', async () => {
  const failing: Destination<Batch> = {
    description: 'x',
    send: async () => {
      throw new AuditRelayError('AR_SINK_TLS', 'bad');
    },
    close: async () => {},
  };
  const b = { up: true, got: [] as string[] };
  const group = new FailoverGroup([failing, destination('b', b)], {
    failbackMs: 1,
    backoff: { initialMs: 1, maxMs: 1 },
    logger: silentLogger,
  });
  await assert.rejects(group.send(batch('1'), new AbortController().signal), /bad/);
  assert.deepEqual(b.got, []);
});
