import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compileRfc5424,
  escapeParamValue,
  headerField,
  hostnameField,
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
  assert.equal(hostnameField('PROD01'), 'PROD01');
  assert.equal(hostnameField('SYS[1]'), 'SYS_1_');
  assert.equal(hostnameField('fe80::1%eth0'), 'fe80::1_eth0');
  assert.equal(hostnameField(''), '-');
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

test('golden message for the sample event', () => {
  assert.equal(
    compileRfc5424(RFC5424_DEFAULTS)(sampleEvent()),
    '<108>1 2026-11-27T10:15:30.123456-05:00 PROD01 QAUDJRN 123456 PW [auditrelay@0 id="PROD01/AUDLIB/AUDRCV0042/12345" entryType="PW" entryTypeName="Password" subtype="P" subtypeName="Password not valid" action="logon" outcome="failure" user="QUSER" targetUser="JSMITH" job="123456/QUSER/QPADEV0001" program="QWTMCMNL" programLibrary="QSYS" remoteAddress="10.1.2.3" remotePort="50123" receiverLibrary="AUDLIB" receiver="AUDRCV0042" sequence="12345"][qaudjrn@0 violationEntryType="P" userName="JSMITH" deviceName="QPADEV0001"] Password not valid for user JSMITH on device QPADEV0001 from 10.1.2.3',
  );
});

test('C1 controls (EBCDIC NL arrives as U+0085), U+2028 and U+2029 become spaces in SD values and MSG', () => {
  assert.equal(escapeParamValue('a\u0085b\u2028c\u2029d\u009fe'), 'a b c d e');
  const line = compileRfc5424(RFC5424_DEFAULTS)(sampleEvent({ message: 'm\u0085n\u0000o\to' }));
  assert.ok(line.endsWith('] m n o o'), line);
});

test('an empty MSG is left out with its space; an empty entry element stays valid', () => {
  const line = compileRfc5424(RFC5424_DEFAULTS)(sampleEvent({ message: '', fields: {} }));
  assert.ok(line.endsWith('sequence="12345"][qaudjrn@0]'), line);
});

test('severity overrides change PRI: sub-type key first, then type', () => {
  const format = compileRfc5424({ ...RFC5424_DEFAULTS, severityOverrides: { PW: 6, 'PW-P': 2 } });
  assert.ok(format(sampleEvent()).startsWith('<106>1 '));
  assert.ok(format(sampleEvent({ subtype: 'U' })).startsWith('<110>1 '));
});

test('a message over maxMessageSize keeps every SD element whole and says truncated="true"', () => {
  const event = sampleEvent({ message: `${'é'.repeat(400)}`, path: `/home/${'p'.repeat(900)}` });
  const line = compileRfc5424({ ...RFC5424_DEFAULTS, maxMessageSize: 700 })(event);
  assert.ok(Buffer.byteLength(line) <= 700, String(Buffer.byteLength(line)));
  assert.match(line, / sequence="12345" truncated="true"\]\[qaudjrn@0 [^\]]*\] é+$/);
  assert.match(line, / path="\/home\/p+" /);
  assert.ok(!line.includes('\ufffd'));
});

test('a cut never splits an escape: a value of backslashes keeps whole pairs', () => {
  const event = sampleEvent({ message: '', path: '\\'.repeat(2000), fields: {} });
  const line = compileRfc5424({ ...RFC5424_DEFAULTS, maxMessageSize: 600 })(event);
  const path = /path="((?:\\\\)+)"/.exec(line);
  assert.ok(path, line);
  assert.equal(path[1]!.length % 2, 0);
  assert.ok(Buffer.byteLength(line) <= 600);
});

test('invalid facility or enterprise number is refused with AR_FORMAT_OPTION', () => {
  assert.throws(() => compileRfc5424({ ...RFC5424_DEFAULTS, facility: 24 }), { code: 'AR_FORMAT_OPTION' });
  assert.throws(() => compileRfc5424({ ...RFC5424_DEFAULTS, enterpriseNumber: -1 }), {
    code: 'AR_FORMAT_OPTION',
  });
});

test('ports are written as JavaScript writes the number, in and out of the port range', () => {
  const format = compileRfc5424(RFC5424_DEFAULTS);
  for (const port of [0, 1, 80, 50123, 65535, 65536, -1, 1.5, -0]) {
    const line = format(sampleEvent({ remotePort: port, localPort: port }));
    assert.ok(line.includes(` remotePort="${String(port)}" `), `${port}: ${line}`);
    assert.ok(line.includes(` localPort="${String(port)}" `), `${port}: ${line}`);
  }
});

test('PARAM-VALUE escaping of every BMP character between two letters', () => {
  for (let code = 0; code <= 0xffff; code++) {
    const char = String.fromCharCode(code);
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
    const expected = control ? ' ' : char === '\\' || char === '"' || char === ']' ? `\\${char}` : char;
    assert.equal(escapeParamValue(`a${char}b`), `a${expected}b`, `U+${code.toString(16)}`);
  }
});
