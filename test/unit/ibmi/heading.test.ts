/** The *TYPE5 heading and DISPLAY_JOURNAL rows, read from bytes and columns typed in from IBM's tables. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryFromDisplayJournalRow } from '../../../src/ibmi/journal/heading/display-journal.js';
import { parseLocalTimestamp } from '../../../src/ibmi/journal/heading/timestamp.js';
import { readType5Record } from '../../../src/ibmi/journal/heading/type5.js';
import { entryData } from '../../support/golden.js';

test('*TYPE5 record: heading fields at IBM offsets, entry data from 610', () => {
  // Offsets 1–126 from IBM's QJORDJE5 table (7.3/7.6); 187+ derived (see type5-layout.ts).
  const esd = entryData(620, [
    [610, 'char', 1, 'P'],
    [611, 'char', 10, 'JSMITH'],
  ]);
  const heading = entryData(
    609,
    [
      [1, 'zoned', 5, 609 + esd.length],
      [6, 'char', 20, '00000000000000012345'],
      [26, 'char', 1, 'T'],
      [27, 'char', 2, 'PW'],
      [29, 'char', 26, '2026-11-27-10.15.30.123456'],
      [55, 'char', 10, 'QPADEV0001'],
      [65, 'char', 10, 'QUSER'],
      [75, 'zoned', 6, 123456],
      [81, 'char', 10, 'QWTMCMNL'],
      [91, 'char', 10, 'QSYS'],
      [187, 'char', 10, 'QUSER'],
      [197, 'char', 8, 'PROD01'],
      [241, 'char', 10, 'AUDRCV0042'],
      [251, 'char', 10, 'AUDLIB'],
      [306, 'zoned', 5, 50123],
      [311, 'char', 46, '10.1.2.3'],
    ],
    1,
  );
  const record = Buffer.concat([heading, esd]);
  const { entry, issues, length } = readType5Record(record, 0, 37);
  assert.deepEqual(issues, []);
  assert.equal(length, record.length);
  assert.equal(entry.position.sequence, '12345');
  assert.equal(entry.position.receiver, 'AUDRCV0042');
  assert.equal(entry.position.receiverLibrary, 'AUDLIB');
  assert.equal(entry.journalCode, 'T');
  assert.equal(entry.entryType, 'PW');
  assert.equal(entry.timestamp, '2026-11-27-10.15.30.123456');
  assert.equal(entry.jobName, 'QPADEV0001');
  assert.equal(entry.jobUser, 'QUSER');
  assert.equal(entry.jobNumber, '123456');
  assert.equal(entry.programName, 'QWTMCMNL');
  assert.equal(entry.systemName, 'PROD01');
  assert.equal(entry.remoteAddress, '10.1.2.3');
  assert.equal(entry.remotePort, 50123);
  assert.deepEqual(Buffer.from(entry.entryData), Buffer.from(esd));
});

test('*TYPE5 record with a broken length field is flagged and read to the end', () => {
  const record = Buffer.alloc(700, 0x40);
  const { issues, length } = readType5Record(record, 0, 37);
  assert.equal(issues[0]?.code, 'AR_DECODE_BAD_LENGTH');
  assert.equal(length, 700);
});

test('DISPLAY_JOURNAL row as Mapepire returns it', () => {
  const { entry, issues } = entryFromDisplayJournalRow({
    ENTRY_TIMESTAMP: '2026-11-27 10:15:30.123456',
    SEQUENCE_NUMBER: '18446744073709551000',
    JOURNAL_CODE: 'T',
    JOURNAL_ENTRY_TYPE: 'PW',
    JOB_NAME: 'QZSOSIGN',
    JOB_USER: 'QUSER',
    JOB_NUMBER: '012345',
    PROGRAM_NAME: 'QZSOSGND',
    PROGRAM_LIBRARY: 'QSYS',
    CURRENT_USER: 'QUSER',
    SYSTEM_NAME: 'PROD01',
    RECEIVER_LIBRARY: 'AUDLIB',
    RECEIVER_NAME: 'AUDRCV0042',
    REMOTE_ADDRESS: '10.1.2.3',
    REMOTE_PORT: 50123,
    ENTRY_DATA: 'D7D1E2D4C9E3C8',
  });
  assert.deepEqual(issues, []);
  assert.equal(entry.position.sequence, '18446744073709551000', 'no precision lost above 2^53');
  assert.equal(entry.timestamp, '2026-11-27-10.15.30.123456');
  assert.equal(entry.jobNumber, '012345');
  assert.deepEqual([...entry.entryData], [0xd7, 0xd1, 0xe2, 0xd4, 0xc9, 0xe3, 0xc8]);
});

test('a malformed row yields issues, not an exception', () => {
  const { entry, issues } = entryFromDisplayJournalRow({
    ENTRY_TIMESTAMP: 'yesterday',
    SEQUENCE_NUMBER: 'x',
    ENTRY_DATA: 'XYZ',
  });
  assert.deepEqual(
    issues.map((i) => i.code),
    ['AR_DECODE_BAD_HEADING', 'AR_DECODE_BAD_HEADING', 'AR_DECODE_BAD_HEADING', 'AR_DECODE_BAD_HEADING'],
  );
  assert.equal(entry.entryData.length, 0);
});

test('timestamps in IBM, JDBC and ISO form', () => {
  assert.equal(parseLocalTimestamp('2026-11-27-10.15.30.123456'), '2026-11-27-10.15.30.123456');
  assert.equal(parseLocalTimestamp('2026-11-27 10:15:30.12'), '2026-11-27-10.15.30.120000');
  assert.equal(parseLocalTimestamp('2026-11-27T10:15:30'), '2026-11-27-10.15.30.000000');
  assert.equal(parseLocalTimestamp('27.11.2026'), undefined);
});
