/**
 * The pipeline's life around its state: one agent per state directory, renamed sinks refused
 * until their state is renamed or dropped, sources and sinks replaced while running (a reload)
 * without losing or repeating an event, and a stop that is bounded whatever a sink does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pipeline, runPipeline } from '../../../src/agent/pipeline.js';
import type { Sink, SourcePosition } from '../../../src/core/component.js';
import { AuditRelayError } from '../../../src/core/errors.js';
import type { SecurityEvent } from '../../../src/core/event.js';
import { renameSinkState } from '../../../src/store/state/inventory.js';
import { tempDir } from '../../support/peers.js';
import { collectingSink, countingSource, options, until } from '../../support/pipeline.js';

async function codeOf(promise: Promise<unknown>): Promise<AuditRelayError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AuditRelayError, String(error));
    return error;
  }
  assert.fail('expected an AuditRelayError');
}

const numbers = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

test('two pipelines on one state: the second is refused naming the first, which goes on', async () => {
  const dir = tempDir('lifecycle');
  const got: string[] = [];
  const first = await Pipeline.open(options(dir, countingSource(50, 5, []), { a: collectingSink(got) }));
  const refused = await codeOf(
    Pipeline.open(options(dir, countingSource(50, 5, []), { a: collectingSink([]) })),
  );
  assert.equal(refused.code, 'AR_STATE_LOCKED');
  assert.match(refused.message, new RegExp(`in use by pid ${process.pid}`));
  await until(() => got.length === 50);
  first.stop();
  await first.done;
  assert.deepEqual(got, numbers(1, 50));
});

test('a renamed sink is refused with the commands to keep or drop its position; id or rename keeps it', async () => {
  const dir = tempDir('lifecycle');
  const got: string[] = [];
  const controller = new AbortController();
  const run = runPipeline(
    options(dir, countingSource(20, 5, []), { 'sink-1': collectingSink(got) }),
    controller.signal,
  );
  await until(() => got.length === 20);
  controller.abort();
  await run;

  const renamed = options(dir, countingSource(30, 5, []), { siem: collectingSink([]) });
  const refused = await codeOf(
    runPipeline({ ...renamed, configFile: 'agent.yaml' }, new AbortController().signal),
  );
  assert.equal(refused.code, 'AR_STATE_UNCLAIMED');
  assert.match(refused.message, /nothing was started, nothing was deleted/);
  assert.match(refused.message, /sink "sink-1" has its delivery position, but no configured sink is sink-1/);
  assert.match(refused.message, /auditrelay state rename sink sink-1 siem --config agent\.yaml/);
  assert.match(refused.message, /\(or give that sink `id: sink-1`\)/);
  assert.match(refused.message, /auditrelay state drop sink sink-1 --config agent\.yaml/);

  // An explicit id keeps the identity: nothing is sent twice.
  const again: string[] = [];
  const withId = options(dir, countingSource(30, 5, []), {});
  withId.sinks = [{ name: 'siem', id: 'sink-1', sink: collectingSink(again) }];
  const controller2 = new AbortController();
  const run2 = runPipeline(withId, controller2.signal);
  await until(() => again.length === 10);
  controller2.abort();
  await run2;
  assert.deepEqual(again, numbers(21, 30));

  // So does renaming the state.
  await renameSinkState(dir, 'sink-1', 'siem');
  const after: string[] = [];
  const controller3 = new AbortController();
  const run3 = runPipeline(
    options(dir, countingSource(35, 5, []), { siem: collectingSink(after) }),
    controller3.signal,
  );
  await until(() => after.length === 5);
  controller3.abort();
  await run3;
  assert.deepEqual(after, numbers(31, 35));
});

test('sinks and sources replaced while events flow: every event once, in order', async () => {
  const dir = tempDir('lifecycle');
  const total = 3000;
  const got: string[] = [];
  const reads: (SourcePosition | undefined)[] = [];
  /** A sink that takes a little while per batch, so replacements land mid-stream. */
  const slow = (): Sink => {
    const inner = collectingSink(got);
    return {
      async send(events, signal) {
        await new Promise((r) => setTimeout(r, 2));
        return inner.send(events, signal);
      },
      close: () => inner.close(),
    };
  };
  const pipeline = await Pipeline.open(options(dir, countingSource(total, 20, reads), { a: slow() }));
  for (let round = 0; round < 6; round++) {
    await until(() => got.length >= (round + 1) * 300);
    if (round % 2 === 0) await pipeline.replaceSink({ name: 'a', sink: slow() });
    else {
      await pipeline.replaceSource({
        name: 'src',
        source: countingSource(total, 20, reads),
        toEvent: (record) => record as SecurityEvent,
      });
    }
  }
  await until(() => got.length >= total);
  pipeline.stop();
  await pipeline.done;
  assert.deepEqual(got, numbers(1, total), 'nothing lost, nothing twice');
});

test('a sink added while running starts at the oldest stored event', async () => {
  const dir = tempDir('lifecycle');
  const a: string[] = [];
  const b: string[] = [];
  const pipeline = await Pipeline.open(options(dir, countingSource(40, 10, []), { a: collectingSink(a) }));
  await until(() => a.length === 40);
  await pipeline.addSink({ name: 'b', sink: collectingSink(b) });
  await until(() => b.length === 40);
  pipeline.stop();
  await pipeline.done;
  assert.deepEqual(b, numbers(1, 40));
});

test('stop is bounded even when a sink never answers and never closes; the state is free again', async () => {
  const dir = tempDir('lifecycle');
  const hung: Sink = { send: () => new Promise(() => {}), close: () => new Promise(() => {}) };
  const pipeline = await Pipeline.open({
    ...options(dir, countingSource(10, 5, []), { hung }),
    drainTimeoutMs: 300,
    closeTimeoutMs: 200,
  });
  await new Promise((r) => setTimeout(r, 100));
  const started = Date.now();
  pipeline.stop();
  await pipeline.done;
  const took = Date.now() - started;
  assert.ok(took >= 300 && took < 1500, `stopped after ${took} ms`);
  const next = await Pipeline.open(options(dir, countingSource(10, 5, []), { hung: collectingSink([]) }));
  next.stop();
  await next.done;
});
