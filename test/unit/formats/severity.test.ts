import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CEF_SEVERITY,
  cefSeverity,
  checkSeverityOverrides,
  leefSeverity,
  severityFor,
} from '../../../src/formats/severity.js';
import { sampleEvent } from '../../support/events.js';

test('one scale: CEF falls as syslog rises, LEEF never below 1, bands as SIEMs show them', () => {
  const syslog = [0, 1, 2, 3, 4, 5, 6, 7] as const;
  assert.deepEqual(syslog.map(cefSeverity), [10, 10, 9, 7, 6, 4, 2, 0]);
  assert.deepEqual(syslog.map(leefSeverity), [10, 10, 9, 7, 6, 4, 2, 1]);
  for (let i = 1; i < CEF_SEVERITY.length; i++) assert.ok(CEF_SEVERITY[i]! <= CEF_SEVERITY[i - 1]!);
  // 0–3 Low, 4–6 Medium, 7–8 High, 9–10 Very-High (CEF standard, §2.1 of the format notes).
  const band = (cef: number) => (cef <= 3 ? 'Low' : cef <= 6 ? 'Medium' : cef <= 8 ? 'High' : 'Very-High');
  assert.equal(band(cefSeverity(4)), 'Medium'); // warning: PW, AF
  assert.equal(band(cefSeverity(5)), 'Medium'); // notice: CA, CP, SV
  assert.equal(band(cefSeverity(6)), 'Low'); // informational: CO, DO, ZC, ZR, JS
  assert.equal(band(cefSeverity(2)), 'Very-High'); // critical: disabled profile
});

test('overrides: type-subtype first, then type, then the event', () => {
  const event = sampleEvent({ severity: 4 });
  assert.equal(severityFor(event, {}), 4);
  assert.equal(severityFor(event, { PW: 6 }), 6);
  assert.equal(severityFor(event, { PW: 6, 'PW-P': 1 }), 1);
  assert.equal(severityFor(event, { 'PW-U': 1 }), 4);
  assert.equal(severityFor(sampleEvent({ subtype: undefined }), { 'PW-P': 1, PW: 7 }), 7);
});

test('a malformed entry stays at least error (3), even when overridden lower', () => {
  const event = sampleEvent({
    severity: 3,
    decodeError: { code: 'AR_DECODE_TRUNCATED', message: 'x', hex: '' },
  });
  assert.equal(severityFor(event, { PW: 7 }), 3);
  assert.equal(severityFor(event, { PW: 1 }), 1);
});

test('override keys and values are checked', () => {
  checkSeverityOverrides({ PW: 0, 'PW-P': 7, 'M7-ADD': 5 });
  const bads: Record<string, number>[] = [
    { pw: 1 },
    { 'PW-': 1 },
    { P: 1 },
    { PW: 8 },
    { PW: -1 },
    { PW: 2.5 },
  ];
  for (const bad of bads) {
    assert.throws(() => checkSeverityOverrides(bad), { code: 'AR_FORMAT_OPTION' }, JSON.stringify(bad));
  }
});
