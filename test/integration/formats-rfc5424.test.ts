/**
 * The formatters' RFC 5424 output against syslog-ng 3.38's strict parser: every message of
 * a realistic simulated journal plus hand-made hostile events must be accepted, and every
 * header field and structured-data parameter must come back with exactly the value the
 * event carries. CEF, LEEF and JSON behind an RFC 5424 header must arrive as the MSG intact.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import type { SecurityEvent } from '../../src/core/event.js';
import { compileFormat, type FormatInput } from '../../src/formats/index.js';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';
import { expectedEvents } from '../support/agent.js';
import { RFC5424_EVENT_PARAMS, sampleEvent } from '../support/events.js';
import { type RunningPeer, startSyslogNg, tempDir, waitFor } from '../support/peers.js';

let simulator: RunningSimulator;
let syslogNg: RunningPeer;
let events: SecurityEvent[];

/** Every character a value could use to break out of a field or a line. */
const HOSTILE = 'a|b=c\\d]e"f^g\th\ri\nj\u0000k\u0085l\u2028m😀n\u009fo] [x@1 y="z"]';

function hostileEvents(): SecurityEvent[] {
  return [
    sampleEvent({
      message: HOSTILE,
      object: HOSTILE,
      objectLibrary: 'LIB"]',
      objectType: '*FILE',
      path: `/home/${HOSTILE}`,
      user: `U${HOSTILE}`,
      targetUser: HOSTILE,
      subtypeName: HOSTILE,
      job: `123456/${HOSTILE}`,
      fields: { cmd: HOSTILE, number: 7, empty: '', 'bad name': 'x', trailing: 'ends in spaces   ' },
    }),
    sampleEvent({ message: '', fields: {}, remoteAddress: '2001:db8::1', remotePort: undefined }),
    sampleEvent({
      system: 'HOST WITH SPACE',
      jobNumber: '',
      entryType: 'X"',
      decodeError: { code: 'AR_DECODE_TRUNCATED', message: 'short', hex: 'D7C1' },
    }),
    sampleEvent({ message: `${'ü'.repeat(700)}`, path: `/${'\\'.repeat(900)}` }),
    // syslog-ng refuses a whole message whose HOSTNAME holds '['.
    sampleEvent({ system: 'SYS[1]"=\\' }),
  ];
}

before(async () => {
  simulator = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: 'formats-rfc5424',
    rate: 1,
    seed: 23,
    utcOffsetMinutes: 330,
    receiverSize: 300,
    systemName: 'FMT5424',
    startTime: Date.parse('2026-10-25T00:30:00Z'),
  });
  simulator.generate(800);
  events = [...expectedEvents(simulator.journal, 330), ...hostileEvents()];
  syslogNg = await startSyslogNg('tcp');
});

after(async () => {
  await syslogNg?.stop();
  await simulator?.stop();
});

type Received = Record<string, unknown>;

/** Sends octet-counted frames on one connection; returns what syslog-ng wrote, in order. */
async function deliver(messages: string[]): Promise<Received[]> {
  const before = syslogNg.lines().length;
  const socket = connect(syslogNg.port, '127.0.0.1');
  await once(socket, 'connect');
  socket.end(messages.map((message) => `${Buffer.byteLength(message)} ${message}`).join(''));
  await waitFor(
    () => `${messages.length} messages in syslog-ng`,
    () => syslogNg.lines().length >= before + messages.length,
    60_000,
  );
  // Anything more would be an event split in two.
  await new Promise((r) => setTimeout(r, 300));
  const lines = syslogNg.lines().slice(before);
  assert.equal(lines.length, messages.length, 'syslog-ng received a different number of messages');
  return lines.map((line) => JSON.parse(line) as Received);
}

/** What the formats promise for free text: each control character becomes one space. */
const plain = (value: unknown) => String(value).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
const printable = (value: string, max: number) =>
  value.replace(/[^\u0021-\u007e]/g, '_').slice(0, max) || '-';
const hostname = (value: string) => value.replace(/[^A-Za-z0-9._:#$@-]/g, '_').slice(0, 255) || '-';

function expectedSd(event: SecurityEvent): {
  normalized: Record<string, string>;
  entry: Record<string, string>;
} {
  const normalized: Record<string, string> = {};
  for (const key of RFC5424_EVENT_PARAMS) {
    const value = event[key];
    if (value !== undefined && value !== '') normalized[key] = plain(value);
  }
  if (event.decodeError) {
    normalized['decodeError'] = event.decodeError.code;
    normalized['entryHex'] = event.decodeError.hex;
  }
  const entry: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.fields)) {
    if (value !== '' && /^[!#-<>-\\^-~]{1,32}$/.test(key)) entry[key] = plain(value);
  }
  return { normalized, entry };
}

const PRIORITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

function assertAccepted(message: Received): void {
  assert.doesNotMatch(String(message['MESSAGE']), /Error processing log message/, JSON.stringify(message));
}

function elements(message: Received, pen: number) {
  const sdata = (message['_SDATA'] ?? {}) as Record<string, Record<string, string> | ''>;
  assert.deepEqual(Object.keys(sdata).sort(), [`auditrelay@${pen}`, `qaudjrn@${pen}`], 'SD-IDs');
  return {
    normalized: sdata[`auditrelay@${pen}`] || {},
    entry: sdata[`qaudjrn@${pen}`] || {},
  };
}

for (const [name, options, pen] of [
  ['defaults', {}, 0],
  [
    'PEN 99999, app name, facility 4, BOM',
    { enterpriseNumber: 99999, appName: 'auditrelay', facility: 4, bom: true },
    99999,
  ],
] as [string, FormatInput, number][]) {
  test(`rfc5424 (${name}): syslog-ng accepts every message and returns every value exactly`, async () => {
    const format = compileFormat({ format: 'rfc5424', ...options });
    const messages = events.map(format);
    for (const message of messages) {
      assert.doesNotMatch(
        message,
        /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/,
        'a control character in the message',
      );
    }
    const received = await deliver(messages);
    received.forEach((message, index) => {
      const event = events[index]!;
      assertAccepted(message);
      assert.equal(message['HOST'], hostname(event.system));
      assert.equal(message['PROGRAM'], options.appName || event.origin);
      assert.equal(message['PID'] ?? '-', printable(event.jobNumber, 128));
      assert.equal(message['MSGID'], printable(event.entryType, 32));
      assert.equal(message['PRIORITY'], PRIORITIES[event.severity]);
      assert.equal(message['FACILITY'], (options.facility ?? 13) === 4 ? 'auth' : 'security');
      assert.equal(message['MESSAGE'] ?? '', plain(event.message));
      const got = elements(message, pen);
      const want = expectedSd(event);
      assert.deepEqual(got.normalized, want.normalized, event.id);
      assert.deepEqual(got.entry, want.entry, event.id);
    });
  });
}

test('rfc5424 with maxMessageSize: every cut message parses, values are whole or cut, and it says so', async () => {
  const maxMessageSize = 700;
  const format = compileFormat({ format: 'rfc5424', maxMessageSize });
  const messages = events.map(format);
  const received = await deliver(messages);
  let cut = 0;
  received.forEach((message, index) => {
    const event = events[index]!;
    assertAccepted(message);
    assert.ok(Buffer.byteLength(messages[index]!) <= maxMessageSize);
    const got = elements(message, 0);
    const want = expectedSd(event);
    if (got.normalized['truncated'] === undefined) {
      assert.deepEqual(got, want);
      return;
    }
    cut++;
    assert.equal(got.normalized['truncated'], 'true');
    const { truncated: _marker, ...normalized } = got.normalized;
    for (const [gotElement, wantElement] of [
      [normalized, want.normalized],
      [got.entry, want.entry],
    ]) {
      for (const [key, value] of Object.entries(gotElement!)) {
        const full = wantElement![key];
        assert.ok(full !== undefined, `${event.id}: extra parameter ${key}`);
        assert.ok(full.startsWith(value), `${event.id}: ${key} is neither whole nor a prefix`);
      }
    }
    assert.ok(plain(event.message).startsWith(String(message['MESSAGE'] ?? '')));
  });
  assert.ok(cut > 0, 'no message was cut');
});

test('CEF, LEEF and JSON behind an RFC 5424 header: strict header parse, payload intact as MSG', async () => {
  for (const format of ['cef', 'leef1', 'leef2', 'json'] as const) {
    const withHeader = compileFormat({ format, header: 'rfc5424' });
    const payload = compileFormat({ format, header: 'none' });
    const received = await deliver(events.map(withHeader));
    received.forEach((message, index) => {
      const event = events[index]!;
      assertAccepted(message);
      assert.equal(message['_SDATA'], undefined, 'structured data must be NILVALUE');
      assert.equal(message['HOST'], hostname(event.system));
      assert.equal(message['MSGID'], printable(event.entryType, 32));
      assert.equal(message['MESSAGE'], payload(event), `${format} ${event.id}`);
    });
  }
});
