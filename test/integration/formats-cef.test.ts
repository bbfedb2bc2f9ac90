/**
 * CEF output against liblognorm's strict CEF parser (`lognormalizer`, rule `%f:cef%`): every
 * message of a realistic simulated journal plus hostile events must parse, and every header
 * field and extension value must come back exactly (after the parser's unescaping).
 *
 * liblognorm 2.0.6 drops the first character of the first extension key; our first key is
 * always `rt`, so the parser reports it as `t`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { withProfile } from '../../src/agent/profiles.js';
import type { SecurityEvent } from '../../src/core/event.js';
import { AUDITRELAY_VERSION, compileFormat, type FormatInput } from '../../src/formats/index.js';
import { endpointsOf, meaningOf, rolesOf, roleUser, USER_ROLES } from '../../src/formats/semantics.js';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';
import { expectedEvents } from '../support/agent.js';
import { sampleEvent } from '../support/events.js';
import { tempDir } from '../support/peers.js';

let simulator: RunningSimulator;
let events: SecurityEvent[];
const rulebase = join(tempDir('lognorm'), 'cef.rulebase');

const HOSTILE = 'a|b=c\\d]e"f^g\th\ri\nj\u0000k\u0085l\u2028m😀n\u009fo x=y cs1=forged \\|';

function hostileEvents(): SecurityEvent[] {
  return [
    sampleEvent({
      message: HOSTILE,
      object: HOSTILE,
      objectLibrary: 'LIB=',
      objectType: '*FILE',
      path: `/home/${HOSTILE}`,
      user: `U${HOSTILE}`,
      targetUser: ` ${HOSTILE} `,
      subtypeName: HOSTILE,
      entryTypeName: `${HOSTILE}|x`,
      job: `123456/${HOSTILE}`,
      fields: { cmd: HOSTILE, number: 7, empty: '', 'bad name': 'x', trailing: 'ends in spaces   ' },
    }),
    sampleEvent({ message: '', fields: {}, remoteAddress: '2001:db8::1', remotePort: undefined }),
    sampleEvent({
      action: 'intrusion',
      remoteAddress: '2001:db8::9',
      localAddress: '192.0.2.1',
      localPort: 23,
      direction: 'outbound',
      objectType: '*USRSPC',
      object: 'SPACE',
      sequence: '99999999999',
    }),
    sampleEvent({ remoteAddress: '::ffff:198.51.100.7', subtype: '|' }),
    sampleEvent({ remoteAddress: 'client=name', program: '', targetUser: '' }),
    sampleEvent({ decodeError: { code: 'AR_DECODE_TRUNCATED', message: `short ${HOSTILE}`, hex: 'D7C1' } }),
    sampleEvent({ message: `${'=\\'.repeat(700)}`, path: `/${'😀'.repeat(1100)}`, action: 'a'.repeat(80) }),
  ];
}

before(async () => {
  writeFileSync(rulebase, 'rule=:%f:cef%\n');
  simulator = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: 'formats-cef',
    rate: 1,
    seed: 31,
    utcOffsetMinutes: -240,
    receiverSize: 300,
    systemName: 'FMTCEF',
    startTime: Date.parse('2026-07-14T12:00:00Z'),
  });
  simulator.generate(800);
  events = [...expectedEvents(simulator.journal, -240), ...hostileEvents()];
});

after(async () => {
  await simulator?.stop();
});

interface Parsed {
  DeviceVendor: string;
  DeviceProduct: string;
  DeviceVersion: string;
  SignatureID: string;
  Name: string;
  Severity: string;
  Extensions: Record<string, string>;
}

/** One lognormalizer run over many lines; one parse result per line, in order. */
async function lognormalize(lines: string[]): Promise<Parsed[]> {
  const child = spawn('lognormalizer', ['-r', rulebase, '-e', 'json'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d) => {
    out += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d) => {
    err += d;
  });
  child.stdin.end(`${lines.join('\n')}\n`);
  const code = await new Promise<number | null>((done) => child.once('close', done));
  assert.equal(code, 0, err);
  const results = out.split('\n').filter((line) => line !== '');
  assert.equal(results.length, lines.length, 'lognormalizer returned a different number of events');
  return results.map((line, index) => {
    const parsed = JSON.parse(line) as { f?: Parsed; originalmsg?: string };
    assert.ok(parsed.f && !parsed.originalmsg, `lognormalizer rejected: ${lines[index]}\n${line}`);
    const { t, ...rest } = parsed.f.Extensions;
    return { ...parsed.f, Extensions: t === undefined ? rest : { rt: t, ...rest } };
  });
}

/** At most `max` UTF-16 units without splitting a surrogate pair (the dictionary lengths). */
function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\ud800-\udbff]/.test(value[max - 1]!) ? max - 1 : max;
  return value.slice(0, end);
}
/** Extension values keep CR and LF (escaped as \r and \n); other controls become spaces. */
const extensionText = (value: string) =>
  value.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
/** Header fields lose every control character, CR and LF included. */
const headerText = (value: string) => value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');

const CEF_SEVERITY = [10, 10, 9, 7, 6, 4, 2, 0];

/**
 * The documented mapping (docs/fields.md, "CEF"). Which key carries which user and which side
 * of an exchange comes from the one mapping table (semantics.ts); the rest is written out here.
 */
function expectedExtensions(event: SecurityEvent, jobKey = 'deviceProcessName'): Record<string, string> {
  const ext: Record<string, string> = {};
  const put = (key: string, value: string | number | undefined, max: number) => {
    if (value === undefined || value === '') return;
    ext[key] = extensionText(cut(String(value), max));
  };
  const labelled = (key: string, value: string | undefined, label: string) => {
    if (!value) return;
    put(key, value, 4000);
    ext[`${key}Label`] = label;
  };
  const meaning = meaningOf(event);
  put('rt', event.timeMs, 100);
  const sequence = (event.sequence ?? '').replace(/^0+(?=\d)/, '');
  if (/^\d{1,10}$/.test(sequence) && Number(sequence) <= 2 ** 31 - 1) put('externalId', sequence, 40);
  labelled('cs6', event.id, 'eventId');
  put('dvchost', event.system, 100);
  put('act', event.action, 63);
  put('outcome', event.outcome, 63);
  put('cat', meaning.category, 1023);
  const roles = rolesOf(meaning);
  for (const role of USER_ROLES) {
    const key = roles[role]?.cef;
    if (key) put(key, roleUser(role, event, meaning), 1023);
  }
  const ends = endpointsOf(event);
  const side = (ipv4: string, ipv6: string, label: string, name: string, address: string | undefined) => {
    if (!address) return;
    if (isIPv4(address)) ext[ipv4] = address;
    else if (/^::ffff:/i.test(address) && isIPv4(address.slice(7))) ext[ipv4] = address.slice(7);
    else if (isIPv6(address)) {
      ext[ipv6] = address;
      ext[`${ipv6}Label`] = label;
    } else put(name, address, 1023);
  };
  side('src', 'c6a2', 'Source IPv6 Address', 'shost', ends.sourceAddress);
  put('spt', ends.sourcePort, 10);
  side('dst', 'c6a3', 'Destination IPv6 Address', 'dhost', ends.destinationAddress);
  put('dpt', ends.destinationPort, 10);
  if (event.direction) ext['deviceDirection'] = event.direction === 'outbound' ? '1' : '0';
  put(jobKey, event.job, 1023);
  if (event.program) {
    labelled(
      'cs1',
      event.programLibrary ? `${event.programLibrary}/${event.program}` : event.program,
      'program',
    );
  }
  if (event.object) {
    labelled('cs3', event.objectLibrary ? `${event.objectLibrary}/${event.object}` : event.object, 'object');
  }
  labelled('cs2', event.objectType, 'objectType');
  put('filePath', event.path, 1023);
  put('fname', event.path?.split('/').pop(), 1023);
  put('msg', event.message, 1023);
  if (event.decodeError) {
    labelled('cs4', event.decodeError.code, 'decodeError');
    put('reason', event.decodeError.message, 1023);
    labelled('cs5', event.decodeError.hex, 'entryHex');
  }
  for (const [key, value] of Object.entries(event.fields)) {
    if (/^[a-z][A-Za-z0-9]*$/.test(key)) put(`ibmi${key[0]!.toUpperCase()}${key.slice(1)}`, value, 4000);
  }
  return ext;
}

function assertHeader(parsed: Parsed, event: SecurityEvent): void {
  assert.equal(parsed.DeviceVendor, 'AuditRelay');
  assert.equal(parsed.DeviceProduct, 'IBM i Audit');
  assert.equal(parsed.DeviceVersion, AUDITRELAY_VERSION);
  assert.equal(
    parsed.SignatureID,
    headerText(event.subtype ? `${event.entryType}-${event.subtype}` : event.entryType),
  );
  assert.equal(parsed.Name, headerText(cut(event.subtypeName || event.entryTypeName, 512)));
  assert.equal(parsed.Severity, String(CEF_SEVERITY[event.severity]));
}

const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const RFC3164_HEADER = /^<\d{1,3}>[A-Z][a-z]{2} [ 1-3]\d \d\d:\d\d:\d\d [!-~]+ $/;
const RFC5424_HEADER = /^<\d{1,3}>1 \S+ [!-~]+ [!-~]+ [!-~]+ [!-~]+ - $/;

for (const [header, pattern] of [
  ['none', /^$/],
  ['rfc3164', RFC3164_HEADER],
  ['rfc5424', RFC5424_HEADER],
] as const) {
  test(`CEF with header ${header}: lognormalizer accepts every message and returns every value`, async () => {
    const format = compileFormat({ format: 'cef', header });
    const lines = events.map(format);
    const payloads = lines.map((line) => {
      assert.doesNotMatch(line, CONTROLS, 'a control character could split or end the message');
      const at = line.indexOf('CEF:0|');
      assert.match(line.slice(0, at), pattern);
      return line.slice(at);
    });
    const parsed = await lognormalize(payloads);
    parsed.forEach((result, index) => {
      const event = events[index]!;
      assertHeader(result, event);
      assert.deepEqual(result.Extensions, expectedExtensions(event), event.id);
    });
  });
}

test('CEF as the Google SecOps profile writes it: the job in sproc', async () => {
  const format = compileFormat(withProfile({ profile: 'google-secops', header: 'none' } as FormatInput));
  const parsed = await lognormalize(events.map(format));
  parsed.forEach((result, index) => {
    assert.deepEqual(result.Extensions, expectedExtensions(events[index]!, 'sproc'));
  });
});

test('CEF cut to maxMessageSize: still accepted, values whole or cut, pairs intact, marked', async () => {
  const maxMessageSize = 640;
  const format = compileFormat({ format: 'cef', header: 'rfc3164', maxMessageSize });
  const lines = events.map(format);
  const parsed = await lognormalize(lines.map((line) => line.slice(line.indexOf('CEF:0|'))));
  let cut = 0;
  parsed.forEach((result, index) => {
    const event = events[index]!;
    assert.ok(Buffer.byteLength(lines[index]!) <= maxMessageSize);
    assertHeader(result, event);
    const want = expectedExtensions(event);
    const { auditrelayTruncated, ...got } = result.Extensions;
    if (auditrelayTruncated === undefined) {
      assert.deepEqual(got, want);
      return;
    }
    cut++;
    assert.equal(auditrelayTruncated, 'true');
    for (const [key, value] of Object.entries(got)) {
      assert.ok(want[key] !== undefined, `${event.id}: extra key ${key}`);
      assert.ok(want[key]!.startsWith(value), `${event.id}: ${key} is neither whole nor a prefix`);
      if (key.endsWith('Label')) assert.ok(got[key.slice(0, -5)] !== undefined, `${key} without its field`);
    }
  });
  assert.ok(cut > 0, 'no message was cut');
});
