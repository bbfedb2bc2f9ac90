import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SecurityEvent } from '../../../src/core/event.js';
import { SharedFormats } from '../../../src/formats/shared.js';
import { sampleEvent } from '../../support/events.js';

/** A formatter that counts its calls. */
function counting(prefix: string) {
  const calls: string[] = [];
  const compile = () => (event: SecurityEvent) => {
    calls.push(event.id);
    return `${prefix}:${event.id}`;
  };
  return { calls, compile };
}

test('sinks with an equal format share one formatted message per event; others format their own', () => {
  const formats = new SharedFormats();
  const rfc = counting('rfc');
  const cef = counting('cef');
  const a = formats.get('rfc', rfc.compile);
  const b = formats.get('rfc', rfc.compile);
  const c = formats.get('cef', cef.compile);
  const one = sampleEvent({ id: '1' });
  const two = sampleEvent({ id: '2' });
  assert.deepEqual([a(one), b(one), a(two), b(two), c(one)], ['rfc:1', 'rfc:1', 'rfc:2', 'rfc:2', 'cef:1']);
  assert.deepEqual(rfc.calls, ['1', '2'], 'each event formatted once for both sinks');
  assert.deepEqual(cef.calls, ['1']);
  // An equal event read again (another object, as from the WAL) is formatted again, correctly.
  assert.equal(b(sampleEvent({ id: '1' })), 'rfc:1');
  assert.deepEqual(rfc.calls, ['1', '2', '1']);
});

test('a format used by one sink formats every call (no memo to pay for)', () => {
  const formats = new SharedFormats();
  const rfc = counting('rfc');
  const a = formats.get('rfc', rfc.compile);
  const event = sampleEvent({ id: '7' });
  a(event);
  a(event);
  assert.deepEqual(rfc.calls, ['7', '7']);
});
