import { crc32 } from 'node:zlib';

/**
 * On-disk framing of one WAL record (all little-endian):
 *
 *   0  u32  CRC-32 (zlib) of bytes 4 .. end of payload
 *   4  u32  payload length; bit 31 set on the last record written before an fdatasync
 *   8  u64  record id
 *  16       payload
 *
 * The CRC covers the length and the id too, so a flipped bit anywhere is caught. The
 * "commit end" bit lets recovery tell a torn, never-synced tail from damage inside data
 * that was synced (see recovery.ts).
 */
export const FRAME_HEADER_BYTES = 16;
export const MAX_PAYLOAD_BYTES = 0x7fff_ffff;
const COMMIT_END = 0x8000_0000;
const TWO_32 = 0x1_0000_0000;

export function frameBytes(payloadBytes: number): number {
  return FRAME_HEADER_BYTES + payloadBytes;
}

/** Writes one frame at `offset` of `target`; returns the offset after it. */
export function encodeFrame(
  target: Buffer,
  offset: number,
  id: number,
  payload: Uint8Array,
  commitEnd: boolean,
): number {
  target.writeUInt32LE((payload.length | (commitEnd ? COMMIT_END : 0)) >>> 0, offset + 4);
  target.writeUInt32LE(id % TWO_32, offset + 8);
  target.writeUInt32LE(Math.floor(id / TWO_32), offset + 12);
  target.set(payload, offset + FRAME_HEADER_BYTES);
  const end = offset + FRAME_HEADER_BYTES + payload.length;
  target.writeUInt32LE(crc32(target.subarray(offset + 4, end)), offset);
  return end;
}

export interface FrameRecord {
  kind: 'record';
  id: number;
  /** A view into the decoded buffer. */
  payload: Buffer;
  /** Where the frame starts and ends, counted from `base`. */
  offset: number;
  end: number;
  commitEnd: boolean;
}

export type DecodedFrame =
  | FrameRecord
  /** `buffer` ends before the frame does: `needed` bytes from `offset` would hold it. */
  | { kind: 'short'; needed: number }
  /** Checksum mismatch, an id that does not follow `afterId`, or an impossible id. */
  | { kind: 'bad' };

const BAD: DecodedFrame = { kind: 'bad' };

/**
 * Decodes the frame at `offset` of `buffer`, which starts at byte `base` of its file. Pure;
 * the payload is a view into `buffer`.
 */
export function decodeFrame(buffer: Buffer, offset: number, afterId: number, base = 0): DecodedFrame {
  if (buffer.length - offset < FRAME_HEADER_BYTES) return { kind: 'short', needed: FRAME_HEADER_BYTES };
  const word = buffer.readUInt32LE(offset + 4);
  const length = word & MAX_PAYLOAD_BYTES;
  const end = offset + FRAME_HEADER_BYTES + length;
  if (end > buffer.length) return { kind: 'short', needed: FRAME_HEADER_BYTES + length };
  if (crc32(buffer.subarray(offset + 4, end)) !== buffer.readUInt32LE(offset)) return BAD;
  const high = buffer.readUInt32LE(offset + 12);
  const id = high * TWO_32 + buffer.readUInt32LE(offset + 8);
  if (!Number.isSafeInteger(id) || id <= afterId) return BAD;
  return {
    kind: 'record',
    id,
    payload: buffer.subarray(offset + FRAME_HEADER_BYTES, end),
    offset: base + offset,
    end: base + end,
    commitEnd: (word & COMMIT_END) !== 0,
  };
}
