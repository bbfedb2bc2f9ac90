import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frame } from '../../../src/sinks/syslog/framing.js';
import { FrameReader } from '../../../src/testkit/frame-reader.js';

test('octet counting counts UTF-8 bytes, not characters', () => {
  assert.equal(frame('<13>1 - - - - - - é', 'octet-counting'), '20 <13>1 - - - - - - é');
});

test('LF framing keeps the message on one line', () => {
  assert.equal(frame('a\nb', 'lf'), 'a b\n');
});

test('the reader splits octet-counted and LF frames across chunk boundaries', () => {
  const reader = new FrameReader();
  const stream = Buffer.from(
    `${frame('<13>1 first é', 'octet-counting')}${frame('<13>1 second', 'lf')}${frame('<13>1 third', 'octet-counting')}`,
  );
  const out: string[] = [];
  for (let i = 0; i < stream.length; i += 3) out.push(...reader.push(stream.subarray(i, i + 3)));
  assert.deepEqual(out, ['<13>1 first é', '<13>1 second', '<13>1 third']);
});
