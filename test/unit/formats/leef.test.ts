import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileFormat } from '../../../src/formats/index.js';
import { LEEF_TRUNCATED, leefDelimiterChar } from '../../../src/formats/leef.js';
import { sampleEvent } from '../../support/events.js';

const leef1 = compileFormat({ format: 'leef1', header: 'none' });
const leef2 = compileFormat({ format: 'leef2', header: 'none' });

/** Attributes of a LEEF payload: the header has 5 (1.0) or 6 (2.0) pipes. */
function attributes(line: string, delimiter: string, headerFields: number): [string, string][] {
  let at = 0;
  for (let i = 0; i < headerFields; i++) at = line.indexOf('|', at) + 1;
  return line
    .slice(at)
    .split(delimiter)
    .map((pair) => {
      const eq = pair.indexOf('=');
      return [pair.slice(0, eq), pair.slice(eq + 1)];
    });
}

const GOLDEN_ATTRIBUTES =
  'devTime=1795792530123|sev=6|cat=authentication/logon|usrName=JSMITH|src=10.1.2.3|srcPort=50123|identSrc=10.1.2.3|id=PROD01/AUDLIB/AUDRCV0042/12345|system=PROD01|entryTypeName=Password|subtype=P|subtypeName=Password not valid|action=logon|outcome=failure|user=QUSER|targetUser=JSMITH|job=123456/QUSER/QPADEV0001|program=QWTMCMNL|programLibrary=QSYS|receiverLibrary=AUDLIB|receiver=AUDRCV0042|sequence=12345|message=Password not valid for user JSMITH on device QPADEV0001 from 10.1.2.3|ibmiViolationEntryType=P|ibmiUserName=JSMITH|ibmiDeviceName=QPADEV0001';

test('golden LEEF 1.0: tab-delimited, devTime in epoch ms, sev 1–10', () => {
  assert.equal(
    leef1(sampleEvent()),
    `LEEF:1.0|AuditRelay|IBM i Audit|0.1.0|PW-P|${GOLDEN_ATTRIBUTES.replaceAll('|', '\t')}`,
  );
});

test('golden LEEF 2.0 with the declared ^ delimiter, behind an RFC 3164 header', () => {
  assert.equal(
    compileFormat({ format: 'leef2' })(sampleEvent()),
    `<108>Nov 27 10:15:30 PROD01 LEEF:2.0|AuditRelay|IBM i Audit|0.1.0|PW-P|^|${GOLDEN_ATTRIBUTES.replaceAll('|', '^')}`,
  );
});

test('other delimiters: printable ones as themselves, others as xHH', () => {
  assert.equal(leefDelimiterChar('x09'), '\t');
  assert.equal(leefDelimiterChar('0x7E'), '~');
  const tab = compileFormat({ format: 'leef2', header: 'none', leefDelimiter: 'x09' })(sampleEvent());
  assert.ok(tab.startsWith('LEEF:2.0|AuditRelay|IBM i Audit|0.1.0|PW-P|x09|devTime='), tab);
  const tilde = compileFormat({ format: 'leef2', header: 'none', leefDelimiter: '~' })(sampleEvent());
  assert.ok(tilde.includes('|PW-P|~|devTime=1795792530123~sev=6~'), tilde);
  for (const bad of ['', 'ab', 'a', '=', '|', '\n', 'x0A', 'é']) {
    assert.throws(
      () => compileFormat({ format: 'leef2', leefDelimiter: bad }),
      { code: 'AR_FORMAT_OPTION' },
      bad,
    );
  }
});

test('values lose the delimiter, CR, LF and other controls; = and | stay; no field can be forged', () => {
  const nasty = 'a\tb^c\rd\ne\u0000f\u0085g=h|i';
  const event = sampleEvent({ message: nasty, object: nasty, fields: { note: `x\tevil=1` } });
  const one = attributes(leef1(event), '\t', 5);
  assert.equal(new Map(one).get('message'), 'a b^c d e f g=h|i');
  assert.equal(new Map(one).get('ibmiNote'), 'x evil=1');
  assert.ok(!one.some(([key]) => key === 'evil'));
  const two = attributes(leef2(event), '^', 6);
  assert.equal(new Map(two).get('message'), 'a b c d e f g=h|i');
  const space = compileFormat({ format: 'leef2', header: 'none', leefDelimiter: ' ' })(event);
  assert.equal(new Map(attributes(space, ' ', 6)).get('message'), 'a_b^c_d_e_f_g=h|i');
});

test('each key once, whatever the event holds', () => {
  const event = sampleEvent({ fields: { user: 'x', message: 'y', sev: '1', devTime: '2', Upper: 'z' } });
  for (const [line, delimiter, pipes] of [
    [leef1(event), '\t', 5],
    [leef2(event), '^', 6],
  ] as const) {
    const keys = attributes(line, delimiter, pipes).map(([key]) => key);
    assert.equal(new Set(keys).size, keys.length, keys.join());
    assert.ok(keys.includes('ibmiUser') && keys.includes('ibmiDevTime') && !keys.includes('ibmiUpper'));
  }
});

test('usrName is the account signing on for authentication, the actor otherwise; identSrc only for authentication', () => {
  const logon = new Map(attributes(leef1(sampleEvent()), '\t', 5));
  assert.equal(logon.get('usrName'), 'JSMITH');
  assert.equal(logon.get('identSrc'), '10.1.2.3');
  const change = new Map(
    attributes(leef1(sampleEvent({ action: 'profile-change', targetUser: 'BOB' })), '\t', 5),
  );
  assert.equal(change.get('usrName'), 'QUSER');
  assert.equal(change.get('targetUser'), 'BOB');
  assert.equal(change.get('cat'), 'account-management/change');
  assert.equal(change.get('identSrc'), undefined);
  assert.equal(change.get('src'), '10.1.2.3');
  const other = new Map(attributes(leef1(sampleEvent({ remoteAddress: 'not an ip' })), '\t', 5));
  assert.equal(other.get('src'), undefined);
  assert.equal(other.get('srcName'), 'not an ip');
});

test('intrusion entries: local address and port in dst and dstPort, swapped for extrusions', () => {
  const im = {
    action: 'intrusion',
    remoteAddress: '198.51.100.9',
    remotePort: 4444,
    localAddress: '10.0.0.5',
    localPort: 23,
  } as const;
  const inbound = new Map(attributes(leef1(sampleEvent({ ...im, direction: 'inbound' })), '\t', 5));
  assert.deepEqual(
    ['src', 'srcPort', 'dst', 'dstPort', 'cat'].map((key) => inbound.get(key)),
    ['198.51.100.9', '4444', '10.0.0.5', '23', 'intrusion/info'],
  );
  const outbound = new Map(attributes(leef1(sampleEvent({ ...im, direction: 'outbound' })), '\t', 5));
  assert.deepEqual(
    ['src', 'srcPort', 'dst', 'dstPort', 'direction'].map((key) => outbound.get(key)),
    ['10.0.0.5', '23', '198.51.100.9', '4444', 'outbound'],
  );
});

test('sev maps syslog 0–7 onto LEEF 10 10 9 7 6 4 2 1', () => {
  const got = [0, 1, 2, 3, 4, 5, 6, 7].map((severity) =>
    Number(new Map(attributes(leef1(sampleEvent({ severity: severity as 0 })), '\t', 5)).get('sev')),
  );
  assert.deepEqual(got, [10, 10, 9, 7, 6, 4, 2, 1]);
});

test('a cut message keeps whole attributes and ends with truncated=true', () => {
  const event = sampleEvent({ message: 'ä'.repeat(2000) });
  const line = compileFormat({ format: 'leef1', maxMessageSize: 800 })(event);
  assert.ok(Buffer.byteLength(line) <= 800);
  const attrs = attributes(line.slice(line.indexOf('LEEF:')), '\t', 5);
  assert.deepEqual(attrs.at(-1), [LEEF_TRUNCATED, 'true']);
  assert.match(new Map(attrs).get('message')!, /^ä+$/);
  assert.equal(new Map(attrs).get('id'), 'PROD01/AUDLIB/AUDRCV0042/12345');
});
