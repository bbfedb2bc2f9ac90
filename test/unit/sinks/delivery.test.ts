import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditRelayError, retryable } from '../../../src/core/errors.js';
import type { SecurityEvent } from '../../../src/core/event.js';
import { type Destination, deliverySink, FailoverGroup } from '../../../src/sinks/delivery.js';
import { silentLogger } from '../../../src/telemetry/logger.js';
import { Metrics } from '../../../src/telemetry/metrics.js';
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

test('a destination that takes sends but does not confirm them rests: the next send goes to the backup', async () => {
  const now = 0;
  let confirm!: { resolve(): void; reject(error: unknown): void };
  const a = { sends: 0 };
  const unconfirming: Destination<Batch> = {
    description: 'a',
    async send() {
      a.sends++;
      const confirmed = new Promise<void>((resolve, reject) => (confirm = { resolve, reject }));
      return { bytes: 1, resent: 0, confirmed };
    },
    close: async () => {},
  };
  const b = { up: true, got: [] as string[] };
  const group = new FailoverGroup([unconfirming, destination('b', b)], {
    failbackMs: 60_000,
    backoff: { initialMs: 1000, maxMs: 10_000, random: () => 0.5 },
    logger: silentLogger,
    now: () => now,
  });
  const signal = new AbortController().signal;
  await group.send(batch('1'), signal);
  confirm.resolve();
  await new Promise((r) => setImmediate(r));
  await group.send(batch('2'), signal);
  assert.equal(a.sends, 2, 'a confirmed destination stays in use');
  confirm.reject(retryable('AR_SINK_TIMEOUT', 'did not end the connection'));
  await new Promise((r) => setImmediate(r));
  await group.send(batch('2'), signal);
  assert.equal(group.activeDestination, 'b');
  assert.deepEqual(b.got, ['2']);
  assert.equal(a.sends, 2);
});

// The delivery wrapper with destinations that confirm later, as TCP and TLS do.

const fast = { initialMs: 1, maxMs: 2, random: () => 0.5 };

/**
 * A destination that confirms a send at the next "connection end" (`end()`), unless the
 * connection is reset first (`reset()`): like a TCP receiver that reads or dies.
 */
function confirmingDestination() {
  const received: string[][] = [];
  let open: { resolve(): void; reject(error: unknown): void }[] = [];
  return {
    received,
    destination: {
      description: 'confirming',
      async send(messages: readonly string[]) {
        received.push([...messages]);
        const confirmed = new Promise<void>((resolve, reject) => open.push({ resolve, reject }));
        return { bytes: messages.join('').length, resent: 0, confirmed };
      },
      close: async () => {},
    } satisfies Destination<readonly string[]>,
    end() {
      for (const waiting of open) waiting.resolve();
      open = [];
    },
    reset() {
      for (const waiting of open) waiting.reject(retryable('AR_SINK_CLOSED', 'reset'));
      open = [];
    },
  };
}

function sinkOver(destination: Destination<readonly string[]>, dead: string[] = []) {
  return deliverySink([destination], {
    format: (event) => event.id,
    shorter: [{ maxMessageSize: 4, format: (event) => `${event.id.slice(0, 2)}…` }],
    failbackMs: 60_000,
    backoff: fast,
    logger: silentLogger,
    counters: new Metrics().component('sink'),
    name: 'sink',
    deadLetters: { write: async (events) => void dead.push(...events.map((e) => e.id)) },
  });
}

const events = (...ids: string[]) => ids.map((id) => sampleEvent({ id }));
const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 20));
  return done;
};

test('a batch is delivered when confirmed; lost ones go again, in order, before newer ones', async () => {
  const fake = confirmingDestination();
  const sink = sinkOver(fake.destination);
  const signal = new AbortController().signal;
  const one = await sink.send(events('a', 'b'), signal);
  const two = await sink.send(events('c'), signal);
  assert.equal(await settled(one.delivered), false, 'not before the confirmation');
  fake.reset();
  await new Promise((r) => setTimeout(r, 20));
  const three = await sink.send(events('d'), signal);
  fake.end();
  await Promise.all([one.delivered, two.delivered, three.delivered]);
  assert.deepEqual(fake.received, [['a', 'b'], ['c'], ['a', 'b'], ['c'], ['d']]);
  await sink.close();
});

test('a message the receiver keeps refusing is found, cut shorter, then dead-lettered; the rest goes on', async () => {
  const fake = confirmingDestination();
  const dead: string[] = [];
  const sink = sinkOver(fake.destination, dead);
  const signal = new AbortController().signal;
  const batch = events('m0', 'm1', 'BAD99', 'm3');
  // The receiver resets every connection that carries BAD (or its shortened form "BA…").
  const refuse = setInterval(() => {
    if (fake.received.at(-1)?.some((m) => m.startsWith('BA'))) fake.reset();
    else fake.end();
  }, 5);
  try {
    const { delivered } = await sink.send(batch, signal);
    await delivered;
    assert.deepEqual(dead, ['BAD99']);
    const sent = fake.received.flat();
    for (const id of ['m0', 'm1', 'm3']) assert.ok(sent.includes(id), id);
    assert.ok(sent.includes('BA…'), 'tried cut shorter before giving up');
    const after = await sink.send(events('m4'), signal);
    await after.delivered;
  } finally {
    clearInterval(refuse);
    await sink.close();
  }
});

test('a receiver that refuses long messages: they are split out at once, not found by halving', async () => {
  const fake = confirmingDestination();
  const sink = sinkOver(fake.destination);
  const ids = Array.from({ length: 64 }, (_, i) => `m${i}`);
  ids.splice(40, 0, 'LONG1');
  // Like syslog-ng with a log-msg-size below ours: a connection carrying a long frame is closed.
  const refuse = setInterval(() => {
    if (fake.received.at(-1)?.some((m) => m.length > 4)) fake.reset();
    else fake.end();
  }, 5);
  try {
    const { delivered } = await sink.send(events(...ids), new AbortController().signal);
    await delivered;
    // Two tries of the whole batch, then three parts (before, the long one, after), the long
    // one twice more alone and once cut short. Halving down to it would take about twice as many.
    assert.ok(
      fake.received.length <= 8,
      `${fake.received.length} sends: ${JSON.stringify(fake.received.map((b) => b.length))}`,
    );
    const confirmed = fake.received.filter((b) => !b.some((m) => m.length > 4)).flat();
    assert.deepEqual(
      confirmed,
      ids.map((id) => (id === 'LONG1' ? 'LO…' : id)),
      'every message once, in order',
    );
  } finally {
    clearInterval(refuse);
    await sink.close();
  }
});

test('messages a destination reports refused for good (RELP 500s) go to the dead letters; the batch is delivered', async () => {
  const dead: string[] = [];
  const sink = sinkOver(
    {
      description: 'relp-like',
      send: async (messages) => ({ bytes: messages.length, resent: 0, refused: [1] }),
      close: async () => {},
    },
    dead,
  );
  const { delivered } = await sink.send(events('x', 'y', 'z'), new AbortController().signal);
  await delivered;
  assert.deepEqual(dead, ['y']);
  await sink.close();
});

test('a receiver that takes nothing (a TLS port spoken to in plain TCP) has nothing given up: it is retried', async () => {
  const fake = confirmingDestination();
  const dead: string[] = [];
  const sink = sinkOver(fake.destination, dead);
  const refuse = setInterval(() => fake.reset(), 2);
  try {
    const { delivered } = await sink.send(events('a', 'b', 'c'), new AbortController().signal);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await settled(delivered), false, 'not delivered');
    assert.deepEqual(dead, [], 'nothing dead-lettered');
    assert.ok(fake.received.length > 5, `kept trying (${fake.received.length} sends)`);
  } finally {
    clearInterval(refuse);
    await sink.close();
  }
});
