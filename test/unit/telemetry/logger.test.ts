import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../../../src/telemetry/logger.js';

const now = () => new Date('2026-12-03T10:00:00Z');

test('remote text cannot start a log line of its own: control characters and line separators are escaped', () => {
  const lines: string[] = [];
  const logger = createLogger({ write: (line) => lines.push(line), now });
  logger.warn('object PAY\nROLL\r\u0085x\u2028y', {
    object: 'A\nFORGED 2026 ERROR',
    empty: '',
    plain: 'ok',
    quote: 'a"b',
  });
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.split('\n').length, 2, 'one line, one newline at its end');
  assert.equal(
    lines[0],
    '2026-12-03T10:00:00.000Z WARN  object PAY\\nROLL\\r\\u0085x\\u2028y object="A\\nFORGED 2026 ERROR" empty="" plain=ok quote="a\\"b"\n',
  );
});

test('JSON lines stay one line per entry', () => {
  const lines: string[] = [];
  createLogger({ format: 'json', write: (line) => lines.push(line), now }).error('a\nb', { x: 'c\rd' });
  assert.equal(lines[0]!.split('\n').length, 2);
  assert.deepEqual(JSON.parse(lines[0]!), {
    time: '2026-12-03T10:00:00.000Z',
    level: 'error',
    message: 'a\nb',
    x: 'c\rd',
  });
});
