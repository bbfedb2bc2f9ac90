import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { JournalEntry } from '../../../src/ibmi/journal/entry.js';
import { journalEntryToEvent } from '../../../src/ibmi/journal/to-event.js';
import { entryData, type Put } from '../../support/golden.js';

function event(
  entryType: string,
  lastOffset: number,
  puts: Put[],
  heading: Partial<JournalEntry> = {},
  utcOffsetMinutes = -300,
) {
  const entry: JournalEntry = {
    position: { receiverLibrary: 'AUDLIB', receiver: 'AUDRCV0042', sequence: '12345' },
    journalCode: 'T',
    entryType,
    timestamp: '2026-11-27-10.15.30.123456',
    jobName: 'QPADEV0001',
    jobUser: 'QUSER',
    jobNumber: '123456',
    programName: 'QWTMCMNL',
    programLibrary: 'QSYS',
    currentUser: 'QUSER',
    systemName: 'PROD01',
    remoteAddress: '10.1.2.3',
    remotePort: 50123,
    entryData: entryData(lastOffset, puts),
    ...heading,
  };
  return journalEntryToEvent(entry, [], { ccsid: 37, utcOffsetMinutes });
}

test('journal local time becomes ISO-8601 with the system offset; epoch ms is UTC', () => {
  const e = event('PW', 712, [
    [610, 'char', 1, 'P'],
    [611, 'char', 10, 'JSMITH'],
  ]);
  assert.equal(e.time, '2026-11-27T10:15:30.123456-05:00');
  assert.equal(e.timeMs, Date.parse('2026-11-27T15:15:30.123Z'));
  const east = event('PW', 712, [[610, 'char', 1, 'P']], {}, 330);
  assert.equal(east.time, '2026-11-27T10:15:30.123456+05:30');
});

test('epoch ms equals Date.UTC of the local time, entry after entry across days, years and offsets', () => {
  const two = (n: number) => String(n).padStart(2, '0');
  const local = fc.record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    micro: fc.integer({ min: 0, max: 999_999 }),
    offset: fc.integer({ min: -720, max: 840 }),
  });
  fc.assert(
    fc.property(fc.array(local, { minLength: 1, maxLength: 6 }), (times) => {
      for (const t of times) {
        const timestamp = `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)}-${two(t.hour)}.${two(t.minute)}.${two(t.second)}.${String(t.micro).padStart(6, '0')}`;
        const e = event('PW', 712, [[610, 'char', 1, 'P']], { timestamp }, t.offset);
        const utc = Date.UTC(
          t.year,
          t.month - 1,
          t.day,
          t.hour,
          t.minute,
          t.second,
          Math.floor(t.micro / 1000),
        );
        assert.equal(e.timeMs, utc - t.offset * 60_000, timestamp);
      }
    }),
    { numRuns: 300 },
  );
});

test('stable id from system, receiver and sequence', () => {
  assert.equal(event('PW', 712, [[610, 'char', 1, 'P']]).id, 'PROD01/AUDLIB/AUDRCV0042/12345');
});

test('PW: readable message, target user, failure outcome, severity by sub-type', () => {
  const e = event('PW', 712, [
    [610, 'char', 1, 'P'],
    [611, 'char', 10, 'JSMITH'],
    [621, 'char', 40, 'QPADEV0001'],
  ]);
  assert.equal(e.message, 'Password not valid for user JSMITH on device QPADEV0001 from 10.1.2.3');
  assert.equal(e.targetUser, 'JSMITH');
  assert.equal(e.outcome, 'failure');
  assert.equal(e.action, 'logon');
  assert.equal(e.severity, 4);
  assert.equal(e.remoteAddress, '10.1.2.3');
  assert.equal(e.remotePort, 50123);
  assert.equal(
    event('PW', 712, [
      [610, 'char', 1, 'Q'],
      [611, 'char', 10, 'JSMITH'],
    ]).severity,
    2,
    'disabled profile is critical',
  );
});

test('CP that grants *ALLOBJ is a warning and says so', () => {
  const e = event(
    'CP',
    685,
    [
      [610, 'char', 1, 'A'],
      [611, 'char', 10, 'MBROWN'],
      [639, 'char', 3, 'CHG'],
      [645, 'char', 1, 'Y'],
      [646, 'char', 1, 'Y'],
      [647, 'char', 1, 'N'],
      [648, 'char', 1, 'N'],
      [649, 'char', 1, 'N'],
      [650, 'char', 1, 'N'],
      [651, 'char', 1, 'N'],
      [652, 'char', 1, 'N'],
      [653, 'char', 1, 'N'],
      [654, 'char', 1, 'Y'],
    ],
    { currentUser: 'SECADM1' },
  );
  assert.equal(e.severity, 4);
  assert.equal(e.targetUser, 'MBROWN');
  assert.equal(
    e.message,
    'User SECADM1 changed user profile MBROWN; special authorities now *ALLOBJ *JOBCTL (gained *ALLOBJ)',
  );
});

test('SV joins the value parts and flags security system values', () => {
  const e = event(
    'SV',
    3620,
    [
      [610, 'char', 1, 'A'],
      [611, 'char', 10, 'QMAXSIGN'],
      [621, 'char', 250, '*NOMAX'],
      [871, 'char', 250, '3'],
    ],
    { currentUser: 'QSECOFR' },
  );
  assert.equal(e.message, 'User QSECOFR changed system value QMAXSIGN from "3" to "*NOMAX"');
  assert.equal(e.severity, 4);
});

test('ZR names the object and the access type', () => {
  const e = event(
    'ZR',
    720,
    [
      [610, 'char', 1, 'R'],
      [611, 'char', 10, 'EMPMAST'],
      [621, 'char', 10, 'PAYROLL'],
      [631, 'char', 8, '*FILE'],
      [639, 'packed', 3, 35],
    ],
    { currentUser: 'JSMITH' },
  );
  assert.equal(e.message, 'User JSMITH read *FILE PAYROLL/EMPMAST (Read)');
  assert.deepEqual([e.object, e.objectLibrary, e.objectType], ['EMPMAST', 'PAYROLL', '*FILE']);
});

test('a malformed entry becomes an event with its error code and bytes in hex', () => {
  const e = event('ZR', 640, [
    [610, 'char', 1, 'R'],
    [639, 'char', 2, 'XX'],
  ]);
  assert.equal(e.decodeError?.code, 'AR_DECODE_TRUNCATED');
  assert.match(e.decodeError!.hex, /^D9/);
  assert.match(e.message, /\[AR_DECODE_TRUNCATED\]$/);
  assert.equal(e.severity, 3);
  const unknown = event('Q9', 615, [[610, 'char', 1, 'A']]);
  assert.equal(unknown.decodeError?.code, 'AR_DECODE_UNKNOWN_TYPE');
  assert.equal(unknown.entryTypeName, 'Unknown entry type');
});

test('a long command string is quoted in the message only in part; its field keeps all of it', () => {
  const command = `CALL PGM(X) PARM('${'A'.repeat(3000)}')`;
  const cd = event('CD', 6654, [
    [610, 'char', 1, 'C'],
    [611, 'char', 10, 'CALL'],
    [621, 'char', 10, 'QSYS'],
    [631, 'char', 8, '*CMD'],
    [639, 'char', 1, 'N'],
    [640, 'char', 6000, command],
  ]);
  assert.equal(cd.fields['commandString'], command);
  assert.ok(cd.message.length < 300, cd.message);
  assert.ok(cd.message.endsWith(`${command.slice(0, 200)}…"`), cd.message);
});
