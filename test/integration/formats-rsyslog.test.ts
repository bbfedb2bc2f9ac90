/**
 * RFC 3164 and LEEF 1.0 / 2.0 through a real rsyslog (8.2302, control-character escaping
 * off on reception) over TCP with octet counting and over UDP: every message must arrive
 * byte for byte as sent, tabs and delimiters included; rsyslog's RFC 3164 parser must find
 * our host, tag and message; and each LEEF attribute must carry exactly the expected value.
 */
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import type { SecurityEvent } from '../../src/core/event.js';
import { AUDITRELAY_VERSION, compileFormat, type HeaderName } from '../../src/formats/index.js';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';
import { expectedEvents } from '../support/agent.js';
import { sampleEvent } from '../support/events.js';
import { expectedLeefAttributes } from '../support/leef.js';
import { type RunningPeer, startRsyslog, tempDir, waitFor } from '../support/peers.js';

let simulator: RunningSimulator;
let tcp: RunningPeer;
let udp: RunningPeer;
let events: SecurityEvent[];

const HOSTILE = 'a|b=c\\d]e"f^g\th\ri\nj\u0000k\u0085l\u2028m😀n\u009fo\tevil=1^forged=2';

function hostileEvents(): SecurityEvent[] {
  return [
    sampleEvent({
      message: HOSTILE,
      object: HOSTILE,
      path: `/home/${HOSTILE}`,
      user: `U${HOSTILE}`,
      targetUser: HOSTILE,
      subtypeName: HOSTILE,
      entryTypeName: `${HOSTILE}|x`,
      job: `123456/${HOSTILE}`,
      fields: { cmd: HOSTILE, number: 7, empty: '', 'bad name': 'x', Upper: 'u', trailing: 'spaces   ' },
    }),
    sampleEvent({ message: '', fields: {}, remoteAddress: '2001:db8::1', remotePort: undefined }),
    sampleEvent({ remoteAddress: '::ffff:198.51.100.7', subtype: '|', action: 'object-read' }),
    sampleEvent({ remoteAddress: 'not an address', system: 'prod01.example.com' }),
    sampleEvent({ decodeError: { code: 'AR_DECODE_TRUNCATED', message: 'short', hex: 'D7C1' } }),
  ];
}

before(async () => {
  simulator = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: 'formats-rsyslog',
    rate: 1,
    seed: 41,
    utcOffsetMinutes: 60,
    receiverSize: 300,
    systemName: 'FMTRSYS',
    startTime: Date.parse('2026-03-29T00:30:00Z'),
  });
  simulator.generate(600);
  events = [...expectedEvents(simulator.journal, 60), ...hostileEvents()];
  [tcp, udp] = await Promise.all([startRsyslog('tcp'), startRsyslog('udp')]);
});

after(async () => {
  await Promise.all([tcp?.stop(), udp?.stop()]);
  await simulator?.stop();
});

interface Received {
  raw: string;
  hostname: string;
  appname: string;
  msg: string;
}

async function collect(peer: RunningPeer, before: number, count: number): Promise<Received[]> {
  await waitFor(
    () => `${count} messages in rsyslog`,
    () => peer.lines().length >= before + count,
    60_000,
  );
  await new Promise((r) => setTimeout(r, 300));
  const lines = peer.lines().slice(before);
  assert.equal(lines.length, count, 'rsyslog received a different number of messages');
  return lines.map((line) => JSON.parse(line) as Received);
}

async function overTcp(messages: string[]): Promise<Received[]> {
  const before = tcp.lines().length;
  const socket = connect(tcp.port, '127.0.0.1');
  await once(socket, 'connect');
  socket.end(messages.map((message) => `${Buffer.byteLength(message)} ${message}`).join(''));
  return collect(tcp, before, messages.length);
}

async function overUdp(messages: string[]): Promise<Received[]> {
  const before = udp.lines().length;
  const socket = createSocket('udp4');
  for (const message of messages) {
    await new Promise<void>((done, fail) =>
      socket.send(Buffer.from(message), udp.port, '127.0.0.1', (error) => (error ? fail(error) : done())),
    );
  }
  socket.close();
  return collect(udp, before, messages.length);
}

const plain = (value: string) => value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');

test('RFC 3164 over TCP and UDP: intact, and rsyslog finds host, tag and message', async () => {
  const format = compileFormat({ format: 'rfc3164' });
  const messages = events.map(format);
  for (const received of [await overTcp(messages), await overUdp(messages)]) {
    received.forEach((message, index) => {
      const event = events[index]!;
      assert.equal(message.raw, messages[index]);
      assert.match(message.raw, /^<\d{1,3}>[A-Z][a-z]{2} [ 1-3]\d \d\d:\d\d:\d\d /);
      assert.equal(message.hostname, event.system.split('.')[0]!.replace(/[^!-~]/g, '_'));
      assert.equal(message.appname, 'QAUDJRN');
      assert.equal(message.msg, ` ${plain(event.message)}`);
    });
  }
});

/** Splits a received LEEF payload the way QRadar documents it: header by `|`, attributes by the delimiter. */
function parseLeef(payload: string, version: '1.0' | '2.0') {
  const headerFields = version === '1.0' ? 5 : 6;
  let at = 0;
  const header: string[] = [];
  for (let i = 0; i < headerFields; i++) {
    const next = payload.indexOf('|', at);
    header.push(payload.slice(at, next));
    at = next + 1;
  }
  const delimiter = version === '1.0' ? '\t' : header[5]!;
  const keys: string[] = [];
  const attributes = new Map<string, string>();
  for (const pair of payload.slice(at).split(delimiter)) {
    const eq = pair.indexOf('=');
    assert.ok(eq > 0, `not a key=value attribute: ${JSON.stringify(pair)}`);
    keys.push(pair.slice(0, eq));
    attributes.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  assert.equal(new Set(keys).size, keys.length, 'a key appears twice');
  return { header, delimiter, attributes };
}

for (const [format, version, header, transport] of [
  ['leef1', '1.0', 'rfc3164', 'tcp'],
  ['leef1', '1.0', 'rfc3164', 'udp'],
  ['leef1', '1.0', 'rfc5424', 'tcp'],
  ['leef2', '2.0', 'rfc3164', 'tcp'],
  ['leef2', '2.0', 'rfc5424', 'udp'],
] as const) {
  test(`LEEF ${version} behind ${header} over ${transport}: delimiters intact, every attribute exact`, async () => {
    const compiled = compileFormat({ format, header: header as HeaderName });
    const messages = events.map(compiled);
    const received = transport === 'tcp' ? await overTcp(messages) : await overUdp(messages);
    received.forEach((message, index) => {
      const event = events[index]!;
      assert.equal(message.raw, messages[index], 'rsyslog did not receive the message as sent');
      const payload = message.raw.slice(message.raw.indexOf(`LEEF:${version}|`));
      const leef = parseLeef(payload, version);
      const classId = event.subtype ? `${event.entryType}-${event.subtype}` : event.entryType;
      assert.deepEqual(leef.header.slice(0, 5), [
        `LEEF:${version}`,
        'AuditRelay',
        'IBM i Audit',
        AUDITRELAY_VERSION,
        classId.replace(/\|/g, '_'),
      ]);
      if (version === '2.0') assert.equal(leef.delimiter, '^');
      assert.deepEqual(leef.attributes, expectedLeefAttributes(event, leef.delimiter), event.id);
    });
  });
}

test('LEEF 2.0 with a tab declared as x09 and cut to 900 bytes: whole attributes, marked', async () => {
  const compiled = compileFormat({ format: 'leef2', leefDelimiter: 'x09', maxMessageSize: 900 });
  const messages = events.map(compiled);
  const received = await overTcp(messages);
  let cut = 0;
  received.forEach((message, index) => {
    const event = events[index]!;
    assert.equal(message.raw, messages[index]);
    assert.ok(Buffer.byteLength(message.raw) <= 900);
    const payload = message.raw.slice(message.raw.indexOf('LEEF:2.0|'));
    assert.equal(payload.split('|')[5], 'x09');
    const { header, attributes } = parseLeef(payload.replace('|x09|', '|\t|'), '2.0');
    assert.equal(header[5], '\t');
    const want = expectedLeefAttributes(event, '\t');
    if (attributes.get('truncated') === undefined) {
      assert.deepEqual(attributes, want);
      return;
    }
    cut++;
    for (const [key, value] of attributes) {
      if (key === 'truncated') continue;
      assert.ok(want.get(key)?.startsWith(value), `${event.id}: ${key} is neither whole nor a prefix`);
    }
  });
  assert.ok(cut > 0, 'no message was cut');
});
