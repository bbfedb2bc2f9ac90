import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compileRfc5424,
  escapeParamValue,
  headerField,
  isSdName,
  RFC5424_DEFAULTS,
} from '../../../src/formats/rfc5424.js';
import { sampleEvent } from '../../support/events.js';

test('header: PRI from facility and severity, RFC 3339 time with offset, host, app, procid, msgid', () => {
  const line = compileRfc5424(RFC5424_DEFAULTS)(sampleEvent());
  assert.ok(
    line.startsWith(
      '<108>1 2026-11-27T10:15:30.123456-05:00 PROD01 QAUDJRN 123456 PW [auditrelay@0 id="PROD01/AUDLIB/AUDRCV0042/12345" ',
    ),
    line,
  );
  assert.ok(line.endsWith('] Password not valid for user JSMITH on device QPADEV0001 from 10.1.2.3'));
  assert.match(line, /\]\[qaudjrn@0 violationEntryType="P" userName="JSMITH" deviceName="QPADEV0001"\]/);
});

test('configured facility, app name and enterprise number', () => {
  const line = compileRfc5424({
    ...RFC5424_DEFAULTS,
    facility: 4,
    appName: 'auditrelay',
    enterpriseNumber: 99999,
  })(sampleEvent({ severity: 2 }));
  assert.ok(line.startsWith('<34>1 '));
  assert.match(line, / auditrelay 123456 PW \[auditrelay@99999 /);
  assert.match(line, /\]\[qaudjrn@99999 /);
});

test('empty header fields are NILVALUE; header text is PRINTUSASCII within limits', () => {
  const line = compileRfc5424(RFC5424_DEFAULTS)(sampleEvent({ system: '', jobNumber: '' }));
  assert.match(line, /^<108>1 \S+ - QAUDJRN - PW \[/);
  assert.equal(headerField('a b\u00e9c', 48), 'a_b_c');
  assert.equal(headerField('x'.repeat(300), 255).length, 255);
});

test('SD values escape backslash, quote and bracket; control characters cannot split the message', () => {
  assert.equal(escapeParamValue('a\\b"c]d'), 'a\\\\b\\"c\\]d');
  assert.equal(escapeParamValue('line1\nline2\r\u0000'), 'line1 line2  ');
  const line = compileRfc5424(RFC5424_DEFAULTS)(
    sampleEvent({ message: 'two\nlines', fields: { cmd: 'CALL "X" ]' } }),
  );
  assert.ok(!line.includes('\n'));
  assert.match(line, /cmd="CALL \\"X\\" \\]"/);
});

test('SD-NAMEs are checked; entry fields with unusable names are left out', () => {
  assert.ok(isSdName('violationEntryType'));
  assert.ok(!isSdName('has space'));
  assert.ok(!isSdName('a=b'));
  assert.ok(!isSdName('x'.repeat(33)));
  const line = compileRfc5424(RFC5424_DEFAULTS)(sampleEvent({ fields: { 'bad name': 'x', good: 'y' } }));
  assert.ok(!line.includes('bad name'));
  assert.match(line, /good="y"/);
});

test('a decode error travels with its code and the raw bytes', () => {
  const line = compileRfc5424(RFC5424_DEFAULTS)(
    sampleEvent({ decodeError: { code: 'AR_DECODE_TRUNCATED', message: 'short', hex: 'D7C1' } }),
  );
  assert.match(line, /decodeError="AR_DECODE_TRUNCATED" entryHex="D7C1"/);
});

test('optional BOM before MSG', () => {
  const line = compileRfc5424({ ...RFC5424_DEFAULTS, bom: true })(sampleEvent());
  assert.ok(line.includes('] \ufeffPassword not valid'));
});
