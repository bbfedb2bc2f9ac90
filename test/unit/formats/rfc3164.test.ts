import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileFormat } from '../../../src/formats/index.js';
import {
  compileRfc3164,
  RFC3164_TRUNCATED,
  rfc3164Host,
  rfc3164Tag,
  rfc3164Timestamp,
} from '../../../src/formats/rfc3164.js';
import { sampleEvent } from '../../support/events.js';

const DEFAULTS = { facility: 13, appName: '' };

test('golden message: PRI, local wall time of the event, host, tag, message', () => {
  assert.equal(
    compileRfc3164(DEFAULTS)(sampleEvent()),
    '<108>Nov 27 10:15:30 PROD01 QAUDJRN: Password not valid for user JSMITH on device QPADEV0001 from 10.1.2.3',
  );
});

test('the timestamp is the wall time the event states, whatever its offset; days are space-padded', () => {
  assert.equal(rfc3164Timestamp('2026-03-07T23:59:59.999999+09:30'), 'Mar  7 23:59:59');
  assert.equal(rfc3164Timestamp('2026-01-01T00:00:00.000000-12:00'), 'Jan  1 00:00:00');
  assert.equal(rfc3164Timestamp('2026-12-31T08:05:09.000000Z'), 'Dec 31 08:05:09');
  const line = compileRfc3164(DEFAULTS)(sampleEvent({ time: '2026-02-05T01:02:03.000000+14:00' }));
  assert.ok(line.startsWith('<108>Feb  5 01:02:03 PROD01 '), line);
});

test('host drops any domain and non-printable characters; tag keeps at most 32 letters and digits', () => {
  assert.equal(rfc3164Host('prod01.example.com'), 'prod01');
  assert.equal(rfc3164Host('A B'), 'A_B');
  assert.equal(rfc3164Host(''), '-');
  assert.equal(rfc3164Tag('audit-relay_1'), 'auditrelay1');
  assert.equal(rfc3164Tag('x'.repeat(40)).length, 32);
  assert.ok(compileRfc3164({ ...DEFAULTS, appName: 'ibm-i:audit' })(sampleEvent()).includes(' ibmiaudit: '));
});

test('the message stays on one line', () => {
  const line = compileRfc3164(DEFAULTS)(sampleEvent({ message: 'a\r\nb\u0085c\u2028d' }));
  assert.ok(line.endsWith('QAUDJRN: a  b c d'), line);
});

test('the 1024-byte limit applies when asked, cuts on a UTF-8 boundary and marks the cut', () => {
  const event = sampleEvent({ message: '€'.repeat(1000) });
  const unlimited = compileFormat({ format: 'rfc3164' })(event);
  assert.ok(Buffer.byteLength(unlimited) > 3000);
  const limited = compileFormat({ format: 'rfc3164', rfc3164Limit: true })(event);
  assert.ok(Buffer.byteLength(limited) <= 1024);
  assert.ok(Buffer.byteLength(limited) > 1020);
  assert.ok(limited.endsWith(`€${RFC3164_TRUNCATED}`), limited.slice(-20));
  const smaller = compileFormat({ format: 'rfc3164', rfc3164Limit: true, maxMessageSize: 600 })(event);
  assert.ok(Buffer.byteLength(smaller) <= 600);
});

test('the 1024-byte limit also holds CEF and LEEF behind an RFC 3164 header, not behind RFC 5424', () => {
  const event = sampleEvent({ message: 'm'.repeat(3000) });
  for (const format of ['cef', 'leef1', 'leef2'] as const) {
    const line = compileFormat({ format, header: 'rfc3164', rfc3164Limit: true })(event);
    assert.ok(Buffer.byteLength(line) <= 1024, format);
  }
  const line = compileFormat({ format: 'cef', header: 'rfc5424', rfc3164Limit: true })(event);
  assert.ok(Buffer.byteLength(line) > 1024);
});
