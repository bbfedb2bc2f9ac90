/**
 * Builds entry bytes for golden tests from offsets typed in from IBM's layout tables —
 * deliberately not from the catalog or the simulator.
 */
import { execFileSync } from 'node:child_process';
import type { JournalEntry } from '../../src/ibmi/journal/entry.js';

export type Put = [
  offset: number,
  format: 'char' | 'packed' | 'bin2' | 'bin4' | 'bin8' | 'zoned' | 'utf16' | 'hex',
  length: number,
  value: string | number | bigint,
  /** For 'char': the EBCDIC CCSID to write the text in (default 37). */
  ccsid?: number,
];

/** iconv output by target charset and text: golden tests write the same names many times. */
const converted = new Map<string, Buffer>();

function iconv(text: string, charset: string): Buffer {
  const key = `${charset}\u0000${text}`;
  let bytes = converted.get(key);
  if (!bytes) {
    bytes = execFileSync('iconv', ['-f', 'UTF-8', '-t', charset], { input: text });
    converted.set(key, bytes);
  }
  return bytes;
}

/** EBCDIC via iconv, the reference, not our own tables. */
export function ebcdic(text: string, length: number, ccsid = 37): Buffer {
  const bytes = iconv(text, ccsid === 37 ? 'IBM037' : `IBM${ccsid}`);
  return Buffer.concat([bytes, Buffer.alloc(Math.max(0, length - bytes.length), 0x40)]).subarray(0, length);
}

/** UTF-16BE (CCSID 1200/13488) via iconv, padded with U+0000 to `length` bytes. */
export function utf16(text: string, length: number): Buffer {
  const bytes = iconv(text, 'UTF-16BE');
  return Buffer.concat([bytes, Buffer.alloc(Math.max(0, length - bytes.length), 0)]).subarray(0, length);
}

/**
 * Entry-specific data from J5 offset 610 up to `lastOffset`, blanks where nothing is put.
 * 'utf16' writes UTF-16BE text; 'hex' writes raw bytes given as a hex string.
 */
export function entryData(lastOffset: number, puts: Put[], base = 610): Uint8Array {
  const data = Buffer.alloc(lastOffset - base + 1, 0x40);
  for (const [offset, format, length, value, ccsid] of puts) {
    const at = offset - base;
    switch (format) {
      case 'char':
        ebcdic(String(value), length, ccsid).copy(data, at);
        break;
      case 'utf16':
        utf16(String(value), length).copy(data, at);
        break;
      case 'hex':
        Buffer.from(String(value), 'hex').subarray(0, length).copy(data, at);
        break;
      case 'zoned': {
        const digits = String(value).padStart(length, '0');
        for (let i = 0; i < length; i++) data[at + i] = 0xf0 + Number(digits[i]);
        break;
      }
      case 'packed': {
        const digits = String(value).padStart(length * 2 - 1, '0');
        const nibbles = [...digits].map(Number).concat(0xf);
        for (let i = 0; i < length; i++) data[at + i] = (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!;
        break;
      }
      case 'bin2':
        data.writeInt16BE(Number(value), at);
        break;
      case 'bin4':
        data.writeInt32BE(Number(value), at);
        break;
      case 'bin8':
        data.writeBigInt64BE(BigInt(value), at);
        break;
    }
  }
  return Uint8Array.from(data);
}

/** A journal entry with a fixed, plausible heading around the given entry-specific data. */
export function journalEntry(entryType: string, data: Uint8Array): JournalEntry {
  return {
    position: { receiverLibrary: 'AUDLIB', receiver: 'AUDRCV0001', sequence: '1' },
    journalCode: 'T',
    entryType,
    timestamp: '2026-11-27-10.15.30.000000',
    jobName: 'QPADEV0001',
    jobUser: 'JSMITH',
    jobNumber: '123456',
    programName: 'QCMD',
    programLibrary: 'QSYS',
    currentUser: 'JSMITH',
    systemName: 'PROD01',
    remoteAddress: '',
    remotePort: undefined,
    entryData: data,
  };
}
