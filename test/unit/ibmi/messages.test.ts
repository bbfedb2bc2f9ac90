import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEVERITY } from '../../../src/core/event.js';
import { cefFormat, jsonFormat, leef2Format, rfc5424Format } from '../../../src/formats/components.js';
import { syslogSeverityOf } from '../../../src/ibmi/messages/catalog.js';
import type { IbmiMessage } from '../../../src/ibmi/messages/message.js';
import { messageGapEvent, messageToEvent } from '../../../src/ibmi/messages/to-event.js';

const context = { system: 'PROD1', utcOffsetMinutes: -300 };
const disabled: IbmiMessage = {
  origin: 'QSYSMSG',
  queue: 'QSYS/QSYSMSG',
  id: 'CPF1393',
  type: 'INFORMATIONAL',
  subtype: null,
  severity: 0,
  timestamp: '2026-11-27-10.15.30.123456',
  fromUser: 'QSYS',
  fromJob: '012345/QSYS/QSYSWRK',
  fromProgram: 'QWTSCSBJ',
  file: 'QCPFMSG',
  fileLibrary: 'QSYS',
  text: 'Subsystem QSYSWRK disabled user profile JSMITH on device QPADEV0001.',
  secondLevel: 'Cause . . :   QMAXSIGN reached.',
  key: '0000002A',
  associatedKey: null,
};

test('a message becomes an event with its own identity and place, no journal fields', () => {
  const event = messageToEvent({ message: disabled, context });
  assert.equal(event.id, 'PROD1/MSGQ/QSYS/QSYSMSG/0000002A/20261127101530123456');
  assert.equal(event.time, '2026-11-27T10:15:30.123456-05:00');
  assert.equal(event.timeMs, Date.UTC(2026, 10, 27, 15, 15, 30, 123));
  assert.equal(event.origin, 'QSYSMSG');
  assert.equal(event.entryType, 'CPF1393');
  assert.equal(event.action, 'account-disable');
  assert.equal(event.severity, SEVERITY.alert, 'a security ID is at least as severe as the catalog says');
  assert.equal(event.jobNumber, '012345');
  assert.equal(event.sequence, undefined);
  assert.equal(event.receiver, undefined);
  assert.equal(event.journalCode, undefined);
  assert.deepEqual(event.fields, {
    messageType: 'INFORMATIONAL',
    messageId: 'CPF1393',
    ibmSeverity: 0,
    messageFile: 'QSYS/QCPFMSG',
    messageQueue: 'QSYS/QSYSMSG',
    messageKey: '0000002A',
    secondLevelText: 'Cause . . :   QMAXSIGN reached.',
  });
});

test('QHST ids carry the content hash and the occurrence; an impromptu inquiry says it waits', () => {
  const qhst = { ...disabled, origin: 'QHST', queue: undefined, key: undefined, associatedKey: undefined };
  assert.equal(
    messageToEvent({ message: qhst, hash: 'abc', occurrence: 1, context }).id,
    'PROD1/QHST/20261127101530123456/abc',
  );
  assert.equal(
    messageToEvent({ message: qhst, hash: 'abc', occurrence: 2, context }).id,
    'PROD1/QHST/20261127101530123456/abc-2',
  );
  const inquiry = messageToEvent({
    message: {
      ...disabled,
      id: null,
      type: 'INQUIRY',
      severity: 99,
      awaitingReply: true,
      text: 'Reply G or C',
    },
    context,
  });
  assert.equal(inquiry.entryType, 'IMPROMPTU');
  assert.equal(inquiry.fields['awaitingReply'], 'yes');
  assert.match(inquiry.message, /waiting for a reply/);
  assert.equal(inquiry.severity, SEVERITY.alert);
});

test("IBM's severity scale maps to syslog severities", () => {
  assert.deepEqual(
    [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 99].map(syslogSeverityOf),
    [6, 5, 4, 3, 3, 3, 3, 2, 2, 1, 1],
  );
});

test('every format renders message events and message gaps', () => {
  const event = messageToEvent({ message: { ...disabled, text: 'a]b|c=d\\e\r\nf' }, context });
  const gap = messageGapEvent({
    origin: 'QSYSOPR',
    queue: 'QSYS/QSYSOPR',
    lastTimestamp: '2026-11-27-10.00.00.000000',
    nextTimestamp: '2026-11-27-11.00.00.000000',
    reason: 'keys jump',
    context,
    detectedMs: 0,
  });
  const syslog = rfc5424Format.create(rfc5424Format.configSchema.parse({ type: 'rfc5424' }) as never, {});
  const line = syslog(event);
  assert.match(line, /\[ibmimsg@\d+ messageType="INFORMATIONAL" messageId="CPF1393"/);
  assert.doesNotMatch(line, /sequence=|receiver=|qaudjrn@/);
  assert.doesNotMatch(line, /[\r\n]/);
  const cef = cefFormat.create(cefFormat.configSchema.parse({ type: 'cef' }) as never, {})(event);
  assert.match(cef, /\|CPF1393\|/);
  assert.doesNotMatch(cef, /externalId=/);
  const leef = leef2Format.create(leef2Format.configSchema.parse({ type: 'leef2' }) as never, {})(event);
  assert.match(leef, /CPF1393/);
  for (const style of ['native', 'ecs', 'cim']) {
    const json = JSON.parse(
      jsonFormat.create(jsonFormat.configSchema.parse({ type: 'json', style }) as never, {})(event),
    );
    assert.ok(JSON.stringify(json).includes('CPF1393'), style);
    assert.ok(!JSON.stringify(json).includes('"sequence"'), style);
  }
  assert.match(syslog(gap), /GAP.*keys jump/);
});
