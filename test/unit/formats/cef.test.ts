import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withProfile } from '../../../src/agent/profiles.js';
import { CEF_TRUNCATED, escapeCefHeader, escapeCefValue } from '../../../src/formats/cef.js';
import { compileFormat } from '../../../src/formats/index.js';
import { sampleEvent } from '../../support/events.js';

const cef = compileFormat({ format: 'cef', header: 'none' });

/** Extension keys in order (the simple split is enough for values without spaces). */
const keysOf = (line: string) =>
  line
    .slice(line.indexOf('|6|') + 3)
    .split(' ')
    .map((pair) => pair.split('=')[0]);

test('golden CEF payload for the sample event', () => {
  assert.equal(
    cef(sampleEvent()),
    'CEF:0|AuditRelay|IBM i Audit|0.1.0|PW-P|Password not valid|6|rt=1795792530123 externalId=AUDRCV0042/12345 cs6=PROD01/AUDLIB/AUDRCV0042/12345 cs6Label=eventId dvchost=PROD01 act=logon outcome=failure suser=QUSER duser=JSMITH src=10.1.2.3 spt=50123 deviceProcessName=123456/QUSER/QPADEV0001 cs1=QSYS/QWTMCMNL cs1Label=program cat=Password msg=Password not valid for user JSMITH on device QPADEV0001 from 10.1.2.3 ibmiViolationEntryType=P ibmiUserName=JSMITH ibmiDeviceName=QPADEV0001',
  );
});

test('golden CEF behind each syslog header', () => {
  const event = sampleEvent();
  const payload = cef(event);
  assert.equal(compileFormat({ format: 'cef' })(event), `<108>Nov 27 10:15:30 PROD01 ${payload}`);
  assert.equal(
    compileFormat({ format: 'cef', header: 'rfc5424' })(event),
    `<108>1 2026-11-27T10:15:30.123456-05:00 PROD01 QAUDJRN 123456 PW - ${payload}`,
  );
});

test('object events: fname is LIB/OBJ, fileType the object type, filePath the IFS path; no sub-type gives a plain class id', () => {
  const line = cef(
    sampleEvent({
      entryType: 'CO',
      subtype: undefined,
      subtypeName: undefined,
      entryTypeName: 'Create Object',
      object: 'PAYROLL',
      objectLibrary: 'HR',
      objectType: '*FILE',
      path: '/home/hr/payroll.csv',
      targetUser: undefined,
      remoteAddress: undefined,
      remotePort: undefined,
    }),
  );
  assert.ok(line.startsWith('CEF:0|AuditRelay|IBM i Audit|0.1.0|CO|Create Object|6|rt='), line);
  assert.match(
    line,
    / fname=HR\/PAYROLL filePath=\/home\/hr\/payroll.csv fileType=\*FILE cat=Create Object /,
  );
  assert.ok(!/ (duser|src|spt)=/.test(line));
});

test('header fields escape backslash and pipe and lose line breaks; = stays', () => {
  assert.equal(escapeCefHeader('a|b\\c=d\r\ne'), 'a\\|b\\\\c=d  e');
  const line = cef(sampleEvent({ subtypeName: 'bad|name\\with\nbreak' }));
  assert.ok(line.includes('|PW-P|bad\\|name\\\\with break|6|'), line);
});

test('extension values escape \\ = CR LF, never |, and other controls become spaces', () => {
  assert.equal(escapeCefValue('a\\b=c\nd\re|f\tg\u0000h\u0085i', 100), 'a\\\\b\\=c\\nd\\re|f g h i');
  const line = cef(sampleEvent({ message: 'x=1 cs1=forged|CEF:0|', user: 'A\\B' }));
  assert.ok(line.includes(' suser=A\\\\B '), line);
  assert.ok(line.includes(' msg=x\\=1 cs1\\=forged|CEF:0| '), line);
});

test('values are cut to their dictionary length before escaping, never inside a surrogate pair', () => {
  assert.equal(escapeCefValue('='.repeat(100), 63), '\\='.repeat(63));
  assert.equal(escapeCefValue(`${'a'.repeat(62)}😀`, 63), 'a'.repeat(62));
  const line = cef(
    sampleEvent({ message: 'm'.repeat(2000), action: 'a'.repeat(100), system: 's'.repeat(200) }),
  );
  assert.match(line, / msg=m{1023} /);
  assert.match(line, / act=a{63} /);
  assert.match(line, / dvchost=s{100} /);
});

test('no empty values; csN always with csNLabel', () => {
  const line = cef(sampleEvent({ user: '', targetUser: '', program: '', fields: { a: '', b: 'x' } }));
  assert.ok(!/=( |$)/.test(line), line);
  assert.ok(!line.includes('suser=') && !line.includes('cs1='));
  for (const n of [1, 2, 3, 4, 5, 6]) {
    assert.equal(line.includes(` cs${n}=`), line.includes(` cs${n}Label=`), `cs${n}`);
  }
  assert.ok(line.endsWith(' ibmiB=x'));
});

test('IPv6 clients go to c6a1 with a label, IPv4-mapped ones to src, anything else to shost', () => {
  assert.match(
    cef(sampleEvent({ remoteAddress: '2001:db8::7' })),
    / c6a1=2001:db8::7 c6a1Label=clientAddress spt=/,
  );
  assert.match(cef(sampleEvent({ remoteAddress: '::ffff:192.0.2.9' })), / src=192.0.2.9 spt=/);
  assert.match(cef(sampleEvent({ remoteAddress: 'host=x' })), / shost=host\\=x spt=/);
  assert.ok(!cef(sampleEvent({ remotePort: 70000 })).includes('spt='));
});

test('severity maps syslog 0–7 onto CEF 10 10 9 7 6 4 2 0', () => {
  const got = [0, 1, 2, 3, 4, 5, 6, 7].map((severity) =>
    Number(cef(sampleEvent({ severity: severity as 0 })).split('|')[6]),
  );
  assert.deepEqual(got, [10, 10, 9, 7, 6, 4, 2, 0]);
});

test('a decode error travels as cs4 decodeError, reason and cs5 entryHex', () => {
  const line = cef(
    sampleEvent({ decodeError: { code: 'AR_DECODE_TRUNCATED', message: 'short', hex: 'D7C1' } }),
  );
  assert.match(
    line,
    / cs4=AR_DECODE_TRUNCATED cs4Label=decodeError reason=short cs5=D7C1 cs5Label=entryHex /,
  );
});

test('sproc as the job key (Google SecOps profile); vendor, product and version are configurable', () => {
  const line = compileFormat(
    withProfile({ profile: 'google-secops', header: 'none', vendor: 'Acme', version: '9' }),
  )(sampleEvent());
  assert.ok(line.startsWith('CEF:0|Acme|IBM i Audit|9|'), line);
  assert.match(line, / sproc=123456\/QUSER\/QPADEV0001 /);
  assert.ok(!line.includes('deviceProcessName'));
});

test('rt is always the first key; keys are unique; entry fields get the ibmi prefix', () => {
  const keys = keysOf(cef(sampleEvent({ message: 'no-spaces' })));
  assert.equal(keys[0], 'rt');
  assert.equal(new Set(keys).size, keys.length);
  assert.ok(keys.includes('ibmiViolationEntryType'));
});

test('a cut message keeps key=value pairs whole and ends with the truncated marker', () => {
  const event = sampleEvent({ message: '\\='.repeat(900), path: `/x/${'ü'.repeat(900)}` });
  const line = compileFormat({ format: 'cef', header: 'rfc3164', maxMessageSize: 900 })(event);
  assert.ok(Buffer.byteLength(line) <= 900, String(Buffer.byteLength(line)));
  assert.ok(line.endsWith(` ${CEF_TRUNCATED}=true`), line.slice(-40));
  const msg = / msg=((?:\\\\\\=)+) /.exec(line);
  assert.ok(msg, line);
  assert.match(line, / filePath=\/x\/ü+ /);
  assert.match(line, / cs6=PROD01\/AUDLIB\/AUDRCV0042\/12345 cs6Label=eventId /);
});
