import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withProfile } from '../../../src/agent/profiles.js';
import type { SecurityEvent } from '../../../src/core/event.js';
import { compileCefPayload } from '../../../src/formats/cef.js';
import { compileFormat, FORMAT_NAMES, type FormatInput } from '../../../src/formats/index.js';
import { compileJsonPayload } from '../../../src/formats/json.js';
import { compileLeefPayload } from '../../../src/formats/leef.js';
import { compileRfc3164Payload } from '../../../src/formats/rfc3164.js';
import { compileRfc5424Payload } from '../../../src/formats/rfc5424.js';
import { fitParts, type Part } from '../../../src/formats/truncate.js';
import { type RunningSimulator, startSimulator } from '../../../src/ibmi/simulator/index.js';
import { expectedEvents } from '../../support/agent.js';
import { sampleEvent } from '../../support/events.js';
import { tempDir } from '../../support/peers.js';

let simulator: RunningSimulator;
let events: SecurityEvent[];

before(async () => {
  simulator = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: 'truncate-test',
    rate: 1,
    seed: 11,
    utcOffsetMinutes: -300,
    receiverSize: 250,
    systemName: 'TRUNC01',
    startTime: Date.parse('2026-11-01T05:30:00Z'),
  });
  simulator.generate(600);
  events = expectedEvents(simulator.journal, -300);
  // Long values of every kind, so that cuts land in escapes and multi-byte characters.
  events.push(
    sampleEvent({
      message: '\\"]=\n'.repeat(300),
      path: `/é/${'😀'.repeat(300)}`,
      fields: { cmd: '^\t|'.repeat(400) },
    }),
    sampleEvent({
      decodeError: { code: 'AR_DECODE_TRUNCATED', message: 'm'.repeat(2000), hex: 'AB'.repeat(3000) },
    }),
  );
});

after(async () => {
  await simulator?.stop();
});

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

test('fitParts keeps the frame, then whole parts by rank, then shares what is left among long ones', () => {
  const parts: Part[] = [
    { text: '[frame', rank: -1 },
    { text: ' a=1', rank: 0 },
    { text: ` long=${'x'.repeat(100)}`, rank: 1, shorten: (max) => ` long=${'x'.repeat(max - 6)}` },
    { text: ' b=2', rank: 2 },
    { text: ` other=${'y'.repeat(100)}`, rank: 3, shorten: (max) => ` other=${'y'.repeat(max - 7)}` },
    { text: ']', rank: -1 },
  ];
  const chosen = fitParts(parts, 7 + 4 + 4 + 40);
  assert.deepEqual(chosen, [
    '[frame',
    ' a=1',
    ` long=${'x'.repeat(14)}`,
    ' b=2',
    ` other=${'y'.repeat(13)}`,
    ']',
  ]);
  assert.deepEqual(fitParts(parts, 3), ['[frame', '', '', '', '', ']']);
});

test('every format keeps every message within maxMessageSize and marks each cut one', () => {
  const markers: Record<string, RegExp> = {
    rfc5424: / truncated="true"\]\[qaudjrn@0/,
    rfc3164: / \[truncated\]$/,
    cef: / auditrelayTruncated=true$/,
    leef1: /\ttruncated=true$/,
    leef2: /\^truncated=true$/,
    json: /"truncated":true}$/,
  };
  for (const format of FORMAT_NAMES) {
    const whole = compileFormat({ format });
    for (const maxMessageSize of [480, 700, 1400]) {
      const limited = compileFormat({ format, maxMessageSize });
      let cut = 0;
      for (const event of events) {
        const full = whole(event);
        const line = limited(event);
        if (Buffer.byteLength(full) <= maxMessageSize) {
          assert.equal(line, full);
          continue;
        }
        cut++;
        assert.ok(Buffer.byteLength(line) <= maxMessageSize, `${format} ${maxMessageSize}: ${line}`);
        assert.match(line, markers[format]!, `${format} ${maxMessageSize}`);
        assert.ok(!LONE_SURROGATE.test(line), `${format}: a cut split a surrogate pair`);
        if (format === 'json') JSON.parse(line);
      }
      assert.ok(cut > 0, `${format} ${maxMessageSize}: nothing was cut, the test proves nothing`);
    }
  }
});

test('the slow path builds the same message as the fast path when everything fits', () => {
  const huge = 1e9;
  const payloads = {
    rfc5424: [
      compileRfc5424Payload({ enterpriseNumber: 0, bom: false }),
      (s: string) => s.replace('][qaudjrn@0', ' truncated="true"][qaudjrn@0'),
    ],
    cef: [
      compileCefPayload({ vendor: 'V', product: 'P', version: '1', jobKey: 'deviceProcessName' }),
      (s: string) => `${s} auditrelayTruncated=true`,
    ],
    leef1: [
      compileLeefPayload({ version: '1.0', delimiter: '\t', vendor: 'V', product: 'P', productVersion: '1' }),
      (s: string) => `${s}\ttruncated=true`,
    ],
    leef2: [
      compileLeefPayload({ version: '2.0', delimiter: '^', vendor: 'V', product: 'P', productVersion: '1' }),
      (s: string) => `${s}^truncated=true`,
    ],
    rfc3164: [compileRfc3164Payload({ appName: '' }), (s: string) => `${s} [truncated]`],
  } as const;
  for (const [name, [payload, marked]] of Object.entries(payloads)) {
    for (const event of events.slice(0, 600)) {
      assert.equal(
        payload.fit(event, event.severity, huge),
        marked(payload.render(event, event.severity)),
        name,
      );
    }
  }
  for (const style of ['native', 'ecs'] as const) {
    const payload = compileJsonPayload(style);
    for (const event of events) {
      const whole = JSON.parse(payload.render(event, event.severity));
      const marker = style === 'native' ? { truncated: true } : { tags: ['truncated'] };
      assert.deepEqual(JSON.parse(payload.fit(event, event.severity, huge)), { ...whole, ...marker });
    }
  }
});

test('options that cannot work are refused with AR_FORMAT_OPTION', () => {
  const bad: (FormatInput & { profile?: string })[] = [
    { maxMessageSize: 479 },
    { maxMessageSize: 1000.5 },
    { format: 'xml' as 'json' },
    { format: 'cef', header: 'rfc3339' as 'none' },
    { vendor: 'A|B' },
    { product: '' },
    { version: 'x'.repeat(32) },
    { jsonStyle: 'flat' as 'ecs' },
    { severityOverrides: { PW: 9 } },
    { profile: 'nosuchsiem' },
  ];
  for (const input of bad)
    assert.throws(
      () => compileFormat(withProfile(input)),
      { code: 'AR_FORMAT_OPTION' },
      JSON.stringify(input),
    );
});
