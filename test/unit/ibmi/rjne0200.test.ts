/**
 * RJNE0200 receiver variables built byte by byte with offsets typed in from the layout
 * transcription (iSphere + debezium-connector-ibmi; IBM's QJORJRNE tables were not readable),
 * never from the reader's own constants.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dtsToLocalTimestamp, readRjne0200 } from '../../../src/ibmi/journal/heading/rjne0200.js';
import { ebcdic, entryData } from '../../support/golden.js';

/** A zero-filled byte area with typed writers (big-endian binaries, EBCDIC 37 text via iconv). */
class Area {
  readonly bytes: Buffer;
  constructor(length: number) {
    this.bytes = Buffer.alloc(length, 0);
  }
  bin4(at: number, value: number) {
    this.bytes.writeUInt32BE(value >>> 0, at);
    return this;
  }
  bin2(at: number, value: number) {
    this.bytes.writeUInt16BE(value, at);
    return this;
  }
  bin8(at: number, value: bigint) {
    this.bytes.writeBigUInt64BE(value, at);
    return this;
  }
  char(at: number, length: number, text: string) {
    ebcdic(text, length).copy(this.bytes, at);
    return this;
  }
  raw(at: number, hex: string) {
    Buffer.from(hex, 'hex').copy(this.bytes, at);
    return this;
  }
}

/** *DTS of a local wall-clock time: microseconds since 2000-01-01 plus 2^51, shifted left 12. */
function dts(wall: string, uniqueness = 0xabcn): bigint {
  const m = /^(\d{4})-(\d\d)-(\d\d)-(\d\d)\.(\d\d)\.(\d\d)\.(\d{6})$/.exec(wall)!;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - Date.UTC(2000, 0, 1);
  return ((BigInt(ms) * 1000n + BigInt(m[7]!) + (1n << 51n)) << 12n) | uniqueness;
}

interface EntrySpec {
  sequence: bigint;
  timestamp: string;
  entryType: string;
  jobName: string;
  jobUser: string;
  jobNumber: string;
  program: string;
  programLibrary: string;
  userProfile: string;
  systemName: string;
  addressFamily: string;
  remoteAddressHex: string;
  remotePort: number;
  receiver?: { name: string; library: string; aspDevice: string; aspNumber: number };
  esd: Uint8Array;
  /** Declared ESD length, if it should differ from esd.length. */
  declaredLength?: number;
  bitFlags?: number;
}

const ENTRY_HEADER = 236; // layout: journal entry header length
const RECEIVER_INFO = 32; // layout: receiver information 0..31

/** One entry: header, receiver information (if any), entry-specific data; padded to 16. */
function entry(spec: EntrySpec): Area {
  const receiverAt = spec.receiver ? ENTRY_HEADER : 0;
  const esdAt = ENTRY_HEADER + (spec.receiver ? RECEIVER_INFO : 0);
  const length = Math.ceil((esdAt + 16 + spec.esd.length) / 16) * 16;
  const e = new Area(length)
    .bin4(8, esdAt) // displacement to entry specific data
    .bin4(20, receiverAt) // displacement to receiver information
    .bin8(24, spec.sequence)
    .bin8(32, dts(spec.timestamp))
    .bin8(40, 0x1122334455667788n) // thread identifier
    .bin8(48, 987654321n) // system sequence number
    .bin2(76, spec.remotePort)
    .raw(82, spec.remoteAddressHex)
    .char(98, 1, 'T')
    .char(99, 2, spec.entryType)
    .char(101, 10, spec.jobName)
    .char(111, 10, spec.jobUser)
    .char(121, 6, spec.jobNumber)
    .char(127, 10, spec.program)
    .char(137, 10, spec.programLibrary)
    .char(157, 30, 'QAUDJRN   QSYS')
    .char(187, 10, spec.userProfile)
    .char(207, 1, spec.addressFamily)
    .char(208, 8, spec.systemName)
    .char(219, 10, '*JRN');
  e.bytes[218] = spec.bitFlags ?? 0;
  if (spec.receiver) {
    e.char(receiverAt + 0, 10, spec.receiver.name)
      .char(receiverAt + 10, 10, spec.receiver.library)
      .char(receiverAt + 20, 10, spec.receiver.aspDevice)
      .bin2(receiverAt + 30, spec.receiver.aspNumber);
  }
  e.char(esdAt, 5, String(spec.declaredLength ?? spec.esd.length).padStart(5, '0'));
  Buffer.from(spec.esd).copy(e.bytes, esdAt + 16);
  return e;
}

/** Receiver variable: 64-byte header, then the entries at `offsets`, chained by displacement. */
function receiverVariable(
  entries: Area[],
  offsets: number[],
  continuation = { handle: '0', receiver: '', library: '', sequence: '' },
): Buffer {
  const total = offsets.at(-1)! + entries.at(-1)!.bytes.length;
  const buffer = new Area(total).bin4(0, total).bin4(4, offsets[0]!).bin4(8, entries.length);
  buffer
    .char(12, 1, continuation.handle)
    .char(13, 10, continuation.receiver)
    .char(23, 10, continuation.library)
    .char(33, 20, continuation.sequence);
  entries.forEach((e, i) => {
    if (i < entries.length - 1) e.bin4(0, offsets[i + 1]! - offsets[i]!); // displacement to next header
    e.bytes.copy(buffer.bytes, offsets[i]!);
  });
  return buffer.bytes;
}

const pwData = entryData(620, [
  [610, 'char', 1, 'P'],
  [611, 'char', 10, 'JSMITH'],
]);
const caData = entryData(640, [[610, 'char', 1, 'A']]);

const first: EntrySpec = {
  sequence: 12345n,
  timestamp: '2026-11-27-10.15.30.123456',
  entryType: 'PW',
  jobName: 'QPADEV0001',
  jobUser: 'QUSER',
  jobNumber: '123456',
  program: 'QWTMCMNL',
  programLibrary: 'QSYS',
  userProfile: 'QUSER',
  systemName: 'PROD01',
  addressFamily: '4',
  remoteAddressHex: ebcdic('10.1.2.3', 16).toString('hex'),
  remotePort: 50123,
  receiver: { name: 'AUDRCV0042', library: 'AUDLIB', aspDevice: '', aspNumber: 1 },
  esd: pwData,
};
const second: EntrySpec = {
  ...first,
  sequence: 12346n,
  timestamp: '2026-11-27-10.15.31.000001',
  entryType: 'CA',
  userProfile: 'SECADM',
  addressFamily: '6',
  remoteAddressHex: '20010db8000000000000000000000001',
  remotePort: 0,
  receiver: undefined, // same receiver as the previous entry
  esd: caData,
};

function twoEntries(): { buffer: Buffer; offsets: number[] } {
  const a = entry(first);
  // A gap of junk between the entries: the reader must follow the displacement, not adjacency.
  const offsets = [64, 64 + a.bytes.length + 32];
  const buffer = receiverVariable([a, entry(second)], offsets, {
    handle: '1',
    receiver: 'AUDRCV0043',
    library: 'AUDLIB',
    sequence: '00000000000000012347',
  });
  buffer.fill(0xff, 64 + a.bytes.length, offsets[1]);
  return { buffer, offsets };
}

test('two entries chained by displacement, with the continuation point', () => {
  const { buffer, offsets } = twoEntries();
  const read = readRjne0200(buffer, 37);
  assert.deepEqual(read.issues, []);
  assert.equal(read.unreadEntries, 0);
  assert.deepEqual(read.header, {
    bytesReturned: buffer.length,
    firstEntryOffset: 64,
    entriesRetrieved: 2,
    continuation: { moreEntries: true, receiver: 'AUDRCV0043', receiverLibrary: 'AUDLIB', sequence: '12347' },
  });
  assert.equal(read.entries.length, 2);
  const [one, two] = read.entries;
  assert.deepEqual(one!.issues, []);
  assert.deepEqual(two!.issues, []);
  assert.deepEqual(one!.entry, {
    position: { receiverLibrary: 'AUDLIB', receiver: 'AUDRCV0042', sequence: '12345' },
    journalCode: 'T',
    entryType: 'PW',
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
    entryData: one!.entry.entryData,
  });
  assert.deepEqual(Buffer.from(one!.entry.entryData), Buffer.from(pwData));
  assert.equal(one!.details.offset, offsets[0]);
  assert.equal(one!.details.threadId, '1122334455667788');
  assert.equal(one!.details.systemSequence, '987654321');
  assert.equal(one!.details.objectName, 'QAUDJRN');
  assert.equal(one!.details.objectLibrary, 'QSYS');
  assert.equal(one!.details.objectType, '*JRN');
  assert.equal(one!.details.receiverAspNumber, 1);
  // The second entry has no receiver section: the first entry's receiver applies.
  assert.equal(two!.details.offset, offsets[1]);
  assert.deepEqual(two!.entry.position, {
    receiverLibrary: 'AUDLIB',
    receiver: 'AUDRCV0042',
    sequence: '12346',
  });
  assert.equal(two!.entry.entryType, 'CA');
  assert.equal(two!.entry.timestamp, '2026-11-27-10.15.31.000001');
  assert.equal(two!.entry.currentUser, 'SECADM');
  assert.equal(two!.entry.remoteAddress, '2001:db8::1');
  assert.equal(two!.entry.remotePort, undefined);
  assert.deepEqual(Buffer.from(two!.entry.entryData), Buffer.from(caData));
});

test('*DTS conversion: anchors from IBM JTOpen and microsecond rounding around them', () => {
  assert.equal(dtsToLocalTimestamp(0x8000000000000000n), '2000-01-01-00.00.00.000000');
  assert.equal(dtsToLocalTimestamp(0x8000000000000fffn), '2000-01-01-00.00.00.000000'); // uniqueness bits
  assert.equal(dtsToLocalTimestamp(0x7ffffffffffff000n), '1999-12-31-23.59.59.999999');
  assert.equal(dtsToLocalTimestamp(0n), '1928-08-23-12.03.06.314752');
  assert.equal(dtsToLocalTimestamp(dts('2071-05-08-23.59.59.999999')), '2071-05-08-23.59.59.999999');
});

test('a truncated buffer: header says more bytes than arrived, last entry cut in its data', () => {
  const { buffer, offsets } = twoEntries();
  const cut = buffer.subarray(0, offsets[1]! + ENTRY_HEADER + 16 + 4); // 4 bytes of CA data left
  const read = readRjne0200(cut, 37);
  assert.deepEqual(
    read.issues.map((i) => i.code),
    ['AR_DECODE_TRUNCATED'],
  );
  assert.equal(read.entries.length, 2);
  assert.deepEqual(read.entries[0]!.issues, []);
  const two = read.entries[1]!;
  assert.deepEqual(
    two.issues.map((i) => i.code),
    ['AR_DECODE_BAD_LENGTH'],
  );
  assert.equal(two.entry.entryDataTruncated, true);
  assert.deepEqual(Buffer.from(two.entry.entryData), Buffer.from(caData).subarray(0, 4));
  assert.equal(two.entry.position.sequence, '12346');
});

test('a buffer cut inside the second entry header: the first entry is read, the second reported unread', () => {
  const { buffer, offsets } = twoEntries();
  const read = readRjne0200(buffer.subarray(0, offsets[1]! + 100), 37);
  assert.equal(read.entries.length, 1);
  assert.deepEqual(read.entries[0]!.issues, []);
  assert.equal(read.unreadEntries, 1);
  assert.deepEqual(
    read.issues.map((i) => i.code),
    ['AR_DECODE_TRUNCATED', 'AR_DECODE_BAD_LENGTH'],
  );
});

test('bad displacements to the next entry stop the walk with an issue, never an exception', () => {
  for (const displacement of [0, 8, 0x7ffffff0, 0xfffffff0]) {
    const { buffer, offsets } = twoEntries();
    buffer.writeUInt32BE(displacement, offsets[0]!); // entry 1: displacement to next header
    const read = readRjne0200(buffer, 37);
    assert.equal(read.entries.length, 1, `displacement ${displacement}`);
    assert.equal(read.entries[0]!.entry.position.sequence, '12345');
    assert.equal(read.unreadEntries, 1);
    assert.equal(read.issues.length, 1);
    assert.equal(read.issues[0]!.code, 'AR_DECODE_BAD_LENGTH');
    assert.match(read.issues[0]!.message, /displacement to the next entry/);
  }
});

test('a bad offset to the first entry leaves every entry unread', () => {
  for (const offset of [0, 10, 100000, -1]) {
    const { buffer } = twoEntries();
    buffer.writeInt32BE(offset, 4); // offset to first journal entry header
    const read = readRjne0200(buffer, 37);
    assert.equal(read.entries.length, 0);
    assert.equal(read.unreadEntries, 2);
    assert.deepEqual(
      read.issues.map((i) => i.code),
      ['AR_DECODE_BAD_LENGTH'],
    );
  }
});

test('bad displacements inside an entry are issues of that entry', () => {
  const { buffer, offsets } = twoEntries();
  buffer.writeUInt32BE(0x00100000, offsets[0]! + 8); // displacement to entry specific data
  buffer.writeUInt32BE(4, offsets[0]! + 20); // displacement to receiver information
  const read = readRjne0200(buffer, 37);
  assert.deepEqual(read.issues, []);
  const one = read.entries[0]!;
  assert.deepEqual(
    one.issues.map((i) => i.code),
    ['AR_DECODE_BAD_LENGTH', 'AR_DECODE_BAD_LENGTH'],
  );
  assert.equal(one.entry.entryData.length, 0);
  assert.equal(one.entry.position.receiver, '');
  // Without a readable receiver on the first entry, the second has none to inherit either.
  assert.match(read.entries[1]!.issues[0]!.message, /no receiver information/);
});

test('entry-specific data length that is not a number, or runs past the entry', () => {
  const bad = readRjne0200(receiverVariable([entry({ ...first, declaredLength: 99999 })], [64]), 37);
  assert.equal(bad.entries[0]!.entry.entryDataTruncated, true);
  assert.match(bad.entries[0]!.issues[0]!.message, /runs past the end/);
  const a = entry(first);
  a.raw(ENTRY_HEADER + RECEIVER_INFO, '4040C1C2C3'); // length field: blanks and letters
  const junk = readRjne0200(receiverVariable([a], [64]), 37);
  assert.equal(junk.entries[0]!.issues[0]!.code, 'AR_DECODE_BAD_LENGTH');
  assert.equal(junk.entries[0]!.entry.entryDataTruncated, undefined);
});

test('incomplete-data flag marks the entry data as truncated', () => {
  const read = readRjne0200(receiverVariable([entry({ ...first, bitFlags: 0x20 })], [64]), 37);
  const one = read.entries[0]!;
  assert.equal(one.details.flags.incompleteData, true);
  assert.equal(one.details.flags.trigger, false);
  assert.equal(one.entry.entryDataTruncated, true);
  assert.equal(one.issues[0]!.code, 'AR_DECODE_TRUNCATED');
});

test('IPv4 address delivered as four binary bytes (iSphere PMR note) is read too', () => {
  const read = readRjne0200(
    receiverVariable([entry({ ...first, remoteAddressHex: '0a010203000000000000000000000000' })], [64]),
    37,
  );
  assert.equal(read.entries[0]!.entry.remoteAddress, '10.1.2.3');
});

test('a zero timestamp is flagged, not turned into 1928', () => {
  const a = entry(first);
  a.bin8(32, 0n);
  const read = readRjne0200(receiverVariable([a], [64]), 37);
  assert.equal(read.entries[0]!.entry.timestamp, '0001-01-01-00.00.00.000000');
  assert.equal(read.entries[0]!.issues[0]!.code, 'AR_DECODE_BAD_HEADING');
});

test('short, empty and random buffers yield issues, never an exception', () => {
  assert.equal(readRjne0200(new Uint8Array(10), 37).issues[0]!.code, 'AR_DECODE_TRUNCATED');
  const empty = readRjne0200(new Area(64).bin4(0, 64).bytes, 37);
  assert.deepEqual(empty.issues, []);
  assert.equal(empty.entries.length, 0);
  const { buffer } = twoEntries();
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  for (let round = 0; round < 3000; round++) {
    const mutated = Buffer.from(buffer.subarray(0, random() % (buffer.length + 1)));
    for (let k = 0; k < 6; k++) if (mutated.length) mutated[random() % mutated.length] = random() & 0xff;
    const read = readRjne0200(mutated, round % 2 ? 37 : 930);
    assert.ok(read.entries.length <= 2);
  }
});

test('auditrelay decode --input rjne0200 prints one event per entry', async () => {
  const { main } = await import('../../../src/cli/main.js');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tempDir } = await import('../../support/peers.js');
  const file = join(tempDir('rjne'), 'entries.bin');
  writeFileSync(file, twoEntries().buffer);
  let out = '';
  const io = {
    out: (t: string) => {
      out += t;
    },
    err: () => {},
    isTty: false,
    env: {},
  };
  assert.equal(await main(['decode', '--input', 'rjne0200', file], io), 0);
  const events = out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(events.length, 2);
  assert.deepEqual(
    events.map((e) => e.entryType),
    [first.entryType, second.entryType],
  );
  assert.ok(events.every((e) => e.decodeError === undefined));
});
