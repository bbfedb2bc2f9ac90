import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { withProfile } from '../../../src/agent/profiles.js';
import { CEF_TRUNCATED, escapeCefHeader, escapeCefValue, externalId } from '../../../src/formats/cef.js';
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
    'CEF:0|AuditRelay|IBM i Audit|0.1.0|PW-P|Password not valid|6|rt=1795792530123 externalId=12345 cs6=PROD01/AUDLIB/AUDRCV0042/12345 cs6Label=eventId dvchost=PROD01 act=logon outcome=failure cat=authentication/logon duser=JSMITH src=10.1.2.3 spt=50123 deviceProcessName=123456/QUSER/QPADEV0001 cs1=QSYS/QWTMCMNL cs1Label=program msg=Password not valid for user JSMITH on device QPADEV0001 from 10.1.2.3 ibmiViolationEntryType=P ibmiUserName=JSMITH ibmiDeviceName=QPADEV0001',
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

test('object events: cs3 is LIB/OBJ, cs2 the object type (no fileType), filePath the IFS path and fname its name; no sub-type gives a plain class id', () => {
  const line = cef(
    sampleEvent({
      entryType: 'CO',
      action: 'object-create',
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
  assert.match(line, / cat=object-access\/creation suser=QUSER /);
  assert.match(
    line,
    / cs3=HR\/PAYROLL cs3Label=object cs2=\*FILE cs2Label=objectType filePath=\/home\/hr\/payroll.csv fname=payroll.csv /,
  );
  assert.ok(!/ (duser|src|spt|fileType)=/.test(line));
});

test('header fields escape backslash and pipe and lose line breaks; = stays', () => {
  assert.equal(escapeCefHeader('a|b\\c=d\r\ne'), 'a\\|b\\\\c=d  e');
  const line = cef(sampleEvent({ subtypeName: 'bad|name\\with\nbreak' }));
  assert.ok(line.includes('|PW-P|bad\\|name\\\\with break|6|'), line);
});

test('extension values escape \\ = CR LF, never |, and other controls become spaces', () => {
  assert.equal(escapeCefValue('a\\b=c\nd\re|f\tg\u0000h\u0085i', 100), 'a\\\\b\\=c\\nd\\re|f g h i');
  const line = cef(sampleEvent({ message: 'x=1 cs1=forged|CEF:0|', targetUser: 'A\\B' }));
  assert.ok(line.includes(' duser=A\\\\B '), line);
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

test('IPv6 sources go to c6a2 and destinations to c6a3 with their labels, IPv4-mapped ones to src, anything else to shost', () => {
  assert.match(
    cef(sampleEvent({ remoteAddress: '2001:db8::7' })),
    / c6a2=2001:db8::7 c6a2Label=Source IPv6 Address spt=/,
  );
  assert.match(cef(sampleEvent({ remoteAddress: '::ffff:192.0.2.9' })), / src=192.0.2.9 spt=/);
  assert.match(cef(sampleEvent({ remoteAddress: 'host=x' })), / shost=host\\=x spt=/);
  assert.ok(!cef(sampleEvent({ remotePort: 70000 })).includes('spt='));
  assert.match(
    cef(sampleEvent({ localAddress: '2001:db8::1', localPort: 23, direction: 'inbound' })),
    / src=10.1.2.3 spt=50123 c6a3=2001:db8::1 c6a3Label=Destination IPv6 Address dpt=23 deviceDirection=0 /,
  );
});

test('intrusion entries: the local address and port are the destination, unless the IBM i itself sent (extrusion)', () => {
  const im = {
    action: 'intrusion',
    entryType: 'IM',
    remoteAddress: '198.51.100.9',
    remotePort: 4444,
    localAddress: '10.0.0.5',
    localPort: 23,
    targetUser: undefined,
  } as const;
  assert.match(
    cef(sampleEvent({ ...im, direction: 'inbound' })),
    / cat=intrusion\/info suser=QUSER src=198.51.100.9 spt=4444 dst=10.0.0.5 dpt=23 deviceDirection=0 /,
  );
  assert.match(
    cef(sampleEvent({ ...im, direction: 'outbound' })),
    / src=10.0.0.5 spt=23 dst=198.51.100.9 dpt=4444 deviceDirection=1 /,
  );
});

test('users by family: the account signing on is duser; an account change names the actor suser and the account duser', () => {
  const logon = cef(sampleEvent());
  assert.match(logon, / duser=JSMITH /);
  assert.ok(!logon.includes('suser='), 'the job user of a sign-on is no actor');
  const change = cef(sampleEvent({ action: 'profile-change', entryType: 'CP', targetUser: 'BOB' }));
  assert.match(change, / cat=account-management\/change suser=QUSER duser=BOB /);
  const swap = cef(sampleEvent({ action: 'profile-swap', entryType: 'PS', targetUser: 'BOB' }));
  assert.match(swap, / cat=authentication\/escalation duser=BOB suser=QUSER /);
});

test("externalId is the sequence number while it fits Sentinel's int column, else left out", () => {
  assert.match(cef(sampleEvent({ sequence: '0000002147483647' })), / externalId=2147483647 /);
  assert.ok(!cef(sampleEvent({ sequence: '2147483648' })).includes('externalId='));
});

test('externalId: leading zeros dropped, digits only, at most 10 and within int, for any sequence text', () => {
  // The rule as first written with regular expressions; the formatter scans characters instead.
  const reference = (sequence: string) => {
    const stripped = sequence.replace(/^0+(?=\d)/, '');
    return /^\d{1,10}$/.test(stripped) && Number(stripped) <= 2_147_483_647 ? stripped : undefined;
  };
  const digitsAndMore = fc.string({
    unit: fc.constantFrom('0', '0', '1', '2', '9', '/', ':', 'a', ' ', '-', '\u0661'),
    maxLength: 14,
  });
  fc.assert(
    fc.property(fc.oneof(digitsAndMore, fc.string({ maxLength: 14 })), (sequence) => {
      assert.equal(externalId(sampleEvent({ sequence })), reference(sequence), JSON.stringify(sequence));
    }),
    { numRuns: 2000 },
  );
  for (const sequence of ['', '0', '00', '0a', '0000000000000', '02147483647', '2147483647', '12345678901'])
    assert.equal(externalId(sampleEvent({ sequence })), reference(sequence), sequence);
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
  // Cut between characters, never inside an escape: the last one may be a lone escaped backslash.
  const msg = / msg=((?:\\\\\\=)+(?:\\\\)?) /.exec(line);
  assert.ok(msg, line);
  assert.match(line, / filePath=\/x\/ü+ /);
  assert.match(line, / cs6=PROD01\/AUDLIB\/AUDRCV0042\/12345 cs6Label=eventId /);
});

test('extension value escaping of every BMP character between two letters', () => {
  const escapes: Record<string, string> = { '\\': '\\\\', '=': '\\=', '\n': '\\n', '\r': '\\r' };
  for (let code = 0; code <= 0xffff; code++) {
    const char = String.fromCharCode(code);
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
    const expected = escapes[char] ?? (control ? ' ' : char);
    assert.equal(escapeCefValue(`a${char}b`, 100), `a${expected}b`, `U+${code.toString(16)}`);
  }
});
