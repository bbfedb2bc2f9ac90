import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileFormat } from '../../../src/formats/index.js';
import { quote } from '../../../src/formats/json.js';
import { sampleEvent } from '../../support/events.js';

const native = compileFormat({ format: 'json' });
const ecs = compileFormat({ format: 'json', jsonStyle: 'ecs' });

test('native JSON is the event itself, one line, no header by default', () => {
  const event = sampleEvent({ decodeError: { code: 'AR_DECODE_TRUNCATED', message: 'short', hex: 'D7' } });
  const line = native(event);
  assert.ok(
    line.startsWith('{"id":"PROD01/AUDLIB/AUDRCV0042/12345","time":"2026-11-27T10:15:30.123456-05:00",'),
  );
  assert.deepEqual(JSON.parse(line), event);
});

test('golden ECS object for the sample event', () => {
  assert.equal(
    ecs(sampleEvent()),
    '{"@timestamp":"2026-11-27T10:15:30.123456-05:00","message":"Password not valid for user JSMITH on device QPADEV0001 from 10.1.2.3","event":{"id":"PROD01/AUDLIB/AUDRCV0042/12345","kind":"event","category":["authentication"],"type":["start"],"code":"PW-P","action":"logon","outcome":"failure","reason":"Password not valid","severity":6,"provider":"QAUDJRN"},"host":{"name":"PROD01","hostname":"PROD01"},"user":{"name":"JSMITH"},"source":{"address":"10.1.2.3","ip":"10.1.2.3","port":50123},"related":{"user":["QUSER","JSMITH"],"ip":["10.1.2.3"],"hosts":["PROD01"]},"process":{"pid":123456,"name":"QPADEV0001","user":{"name":"QUSER"}},"log":{"syslog":{"severity":{"code":4,"name":"warning"}}},"ibmi":{"journalCode":"T","entryType":"PW","entryTypeName":"Password","subtype":"P","subtypeName":"Password not valid","action":"logon","user":"QUSER","targetUser":"JSMITH","job":"123456/QUSER/QPADEV0001","jobNumber":"123456","program":"QWTMCMNL","programLibrary":"QSYS","receiverLibrary":"AUDLIB","receiver":"AUDRCV0042","sequence":"12345","fields":{"violationEntryType":"P","userName":"JSMITH","deviceName":"QPADEV0001"}}}',
  );
});

test('ECS: objects under ibmi.object, IFS paths as file.*, no source.ip for a non-IP client', () => {
  const parsed = JSON.parse(
    ecs(
      sampleEvent({
        action: 'object-read',
        targetUser: undefined,
        object: 'PAYROLL',
        objectLibrary: 'HR',
        objectType: '*USRSPC',
        path: '/home/x/pay.csv',
        remoteAddress: 'client.example',
      }),
    ),
  );
  assert.deepEqual(parsed.ibmi.object, { name: 'PAYROLL', library: 'HR', type: '*USRSPC' });
  assert.deepEqual(parsed.file, { path: '/home/x/pay.csv', name: 'pay.csv', directory: '/home/x' });
  assert.deepEqual(parsed.source, { address: 'client.example', port: 50123 });
  assert.deepEqual([parsed.event.category, parsed.event.type], [['file'], ['access']]);
  assert.deepEqual(parsed.user, { name: 'QUSER' });
  assert.equal(parsed.related.ip, undefined);
});

test('ECS by family: account changes name the target, swaps the effective user, intrusions are alerts with a destination', () => {
  const created = JSON.parse(
    ecs(sampleEvent({ action: 'profile-change', targetUser: 'BOB', fields: { commandName: 'CRT' } })),
  );
  assert.deepEqual(created.event.category, ['iam']);
  assert.deepEqual(created.event.type, ['user', 'creation']);
  assert.deepEqual(created.user, { name: 'QUSER', target: { name: 'BOB' } });
  const swap = JSON.parse(ecs(sampleEvent({ action: 'profile-swap', targetUser: 'BOB' })));
  assert.deepEqual(swap.user, { name: 'QUSER', effective: { name: 'BOB' } });
  const intrusion = JSON.parse(
    ecs(
      sampleEvent({
        action: 'intrusion',
        outcome: 'unknown',
        targetUser: undefined,
        localAddress: '2001:db8::5',
        localPort: 23,
        direction: 'inbound',
      }),
    ),
  );
  assert.equal(intrusion.event.kind, 'alert');
  assert.deepEqual(intrusion.event.category, ['intrusion_detection']);
  assert.deepEqual(intrusion.destination, { address: '2001:db8::5', ip: '2001:db8::5', port: 23 });
  assert.deepEqual(intrusion.related.ip, ['10.1.2.3', '2001:db8::5']);
  assert.equal(intrusion.network.direction, 'inbound');
  const message = JSON.parse(ecs(sampleEvent({ action: 'message' })));
  assert.equal(message.event.category, undefined, 'no ECS category fits an operator message');
});

test('CIM: Authentication action success|failure, user is the account, src, dest, app', () => {
  const cim = compileFormat({ format: 'json', jsonStyle: 'cim' });
  const failed = JSON.parse(cim(sampleEvent()));
  assert.deepEqual(
    [failed.action, failed.user, failed.src, failed.dest, failed.app, failed.src_user],
    ['failure', 'JSMITH', '10.1.2.3', 'PROD01', 'ibmi:signon', undefined],
  );
  assert.equal(failed.signature_id, 'PW-P');
  assert.equal(failed.ibmi.user, 'QUSER');
  const created = JSON.parse(
    cim(
      sampleEvent({
        action: 'profile-change',
        outcome: 'success',
        targetUser: 'BOB',
        fields: { commandName: 'CRT' },
      }),
    ),
  );
  assert.deepEqual(
    [created.family, created.action, created.status, created.user, created.src_user, created.object],
    ['account-management', 'created', 'success', 'BOB', 'QUSER', 'BOB'],
  );
  assert.equal(created.object_category, 'user');
  const read = JSON.parse(
    cim(
      sampleEvent({
        action: 'object-read',
        outcome: 'success',
        targetUser: undefined,
        object: 'PAYROLL',
        objectLibrary: 'HR',
        objectType: '*FILE',
      }),
    ),
  );
  assert.deepEqual(
    [read.action, read.user, read.object, read.object_path, read.object_category],
    ['read', 'QUSER', 'PAYROLL', 'HR/PAYROLL', 'file'],
  );
});

test('every string survives exactly; nothing a reader could take for a line break is written raw', () => {
  const nasty = 'q"b\\s\nl\r\u0000\u0085\u2028\u2029😀\ud800end';
  const line = native(sampleEvent({ message: nasty, fields: { [nasty]: nasty } }));
  assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(line));
  const parsed = JSON.parse(line);
  assert.equal(parsed.message, nasty);
  assert.equal(parsed.fields[nasty], nasty);
  assert.equal(quote('plain'), '"plain"');
});

test('severity overrides show in native and ECS', () => {
  const overridden = compileFormat({ format: 'json', severityOverrides: { PW: 2 } });
  assert.equal(JSON.parse(overridden(sampleEvent())).severity, 2);
  const ecsOverridden = compileFormat({ format: 'json', jsonStyle: 'ecs', severityOverrides: { 'PW-P': 6 } });
  const parsed = JSON.parse(ecsOverridden(sampleEvent()));
  assert.equal(parsed.log.syslog.severity.code, 6);
  assert.equal(parsed.event.severity, 2);
});

test('JSON behind a syslog header', () => {
  const line = compileFormat({ format: 'json', header: 'rfc5424' })(sampleEvent());
  assert.ok(
    line.startsWith('<108>1 2026-11-27T10:15:30.123456-05:00 PROD01 QAUDJRN 123456 PW - {"id":'),
    line,
  );
});

test('a cut object is still valid JSON, within the limit, and marked', () => {
  const event = sampleEvent({ message: '"'.repeat(3000), fields: { big: 'b'.repeat(3000), small: 's' } });
  const line = compileFormat({ format: 'json', maxMessageSize: 1000 })(event);
  assert.ok(Buffer.byteLength(line) <= 1000);
  const parsed = JSON.parse(line);
  assert.equal(parsed.truncated, true);
  assert.equal(parsed.id, event.id);
  assert.match(parsed.message, /^"+$/);
  const ecsLine = compileFormat({ format: 'json', jsonStyle: 'ecs', maxMessageSize: 1000 })(event);
  assert.ok(Buffer.byteLength(ecsLine) <= 1000);
  assert.deepEqual(JSON.parse(ecsLine).tags, ['truncated']);
});
