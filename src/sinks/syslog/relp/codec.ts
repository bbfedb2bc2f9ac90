/**
 * RELP wire format, for the client in connection.ts (rsyslog's Reliable Event Logging Protocol, as librelp 1.11 / imrelp speak it):
 * every syslog message is a transaction the receiver answers with `200 OK`, so a message
 * counts as delivered only once the receiver said so.
 *
 * Frames are `TXNR SP COMMAND SP DATALEN [SP DATA] LF`. A session opens with `open`
 * (offers `relp_version=0`, `commands=syslog`), carries one message per `syslog` command,
 * answers each with `rsp` under the same TXNR, and ends with `close`. TXNRs count from 1
 * in every session and must arrive in order (imrelp drops a session on a gap). The
 * receiver may announce its own shutdown with `0 serverclose 0`.
 */
import { retryable } from '../../../core/errors.js';

/** RELP's largest transaction number (9 digits). */
export const RELP_MAX_TXNR = 999_999_999;
const MAX_RESPONSE_BYTES = 64 * 1024;
const LF = Buffer.from('\n');
export const EMPTY = Buffer.alloc(0);
/** What we offer; imrelp requires `commands=syslog` and reads `relp_version`, `relp_software` is informative. */
export const RELP_OPEN_OFFERS = 'relp_version=0\nrelp_software=auditrelay\ncommands=syslog';

export interface RelpFrame {
  txnr: number;
  command: string;
  data: Buffer;
}

export function encodeRelpFrame(txnr: number, command: string, data: Buffer = EMPTY): Buffer {
  if (data.length === 0) return Buffer.from(`${txnr} ${command} 0\n`, 'latin1');
  return Buffer.concat([Buffer.from(`${txnr} ${command} ${data.length} `, 'latin1'), data, LF]);
}

export const protocolError = (message: string) => retryable('AR_SINK_RELP', message);

const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;
const isAlpha = (byte: number) => (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a;

/**
 * Splits the receiver's byte stream into frames, whatever the chunking: a frame may span
 * chunks and a chunk may hold several frames. Throws a retryable AR_SINK_RELP on bytes
 * that are not RELP (the session is then unusable).
 */
export class RelpFrameReader {
  private pending: Buffer = EMPTY;

  push(chunk: Buffer): RelpFrame[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: RelpFrame[] = [];
    let offset = 0;
    for (;;) {
      const parsed = this.frameAt(offset);
      if (!parsed) break;
      frames.push(parsed.frame);
      offset = parsed.next;
    }
    this.pending = this.pending.subarray(offset);
    return frames;
  }

  /** The frame starting at `start`, or undefined while it is incomplete. */
  private frameAt(start: number): { frame: RelpFrame; next: number } | undefined {
    const buffer = this.pending;
    const field = (from: number, accept: (byte: number) => boolean, max: number, name: string) => {
      let end = from;
      while (end < buffer.length && accept(buffer[end]!)) {
        if (end - from === max) throw protocolError(`the receiver sent a RELP ${name} longer than ${max}`);
        end++;
      }
      if (end === buffer.length) return undefined;
      if (end === from) {
        throw protocolError(
          `the receiver sent no RELP ${name} (byte 0x${buffer[end]!.toString(16)} instead)`,
        );
      }
      return end;
    };
    const txnrEnd = field(start, isDigit, 9, 'transaction number');
    if (txnrEnd === undefined) return undefined;
    if (buffer[txnrEnd] !== 0x20)
      throw protocolError('the receiver sent a malformed RELP transaction number');
    const commandEnd = field(txnrEnd + 1, isAlpha, 32, 'command');
    if (commandEnd === undefined) return undefined;
    if (buffer[commandEnd] !== 0x20) throw protocolError('the receiver sent a malformed RELP command');
    const lengthEnd = field(commandEnd + 1, isDigit, 9, 'data length');
    if (lengthEnd === undefined) return undefined;
    const length = Number(buffer.toString('latin1', commandEnd + 1, lengthEnd));
    if (length > MAX_RESPONSE_BYTES) {
      throw protocolError(`the receiver announced a ${length}-byte RELP frame; answers are small`);
    }
    // DATALEN 0 is followed by the trailer directly; otherwise by SP, the data and the trailer.
    const dataStart = length === 0 ? lengthEnd : lengthEnd + 1;
    if (length > 0 && buffer[lengthEnd] !== 0x20)
      throw protocolError('the receiver sent a malformed RELP data length');
    const trailer = dataStart + length;
    if (trailer >= buffer.length) return undefined;
    if (buffer[trailer] !== 0x0a) throw protocolError('a RELP frame from the receiver does not end in LF');
    return {
      frame: {
        txnr: Number(buffer.toString('latin1', start, txnrEnd)),
        command: buffer.toString('latin1', txnrEnd + 1, commandEnd),
        data: Buffer.from(buffer.subarray(dataStart, trailer)),
      },
      next: trailer + 1,
    };
  }
}

export interface RelpResponse {
  /** Three-digit status: 200 is success, anything else a refusal. */
  code: number;
  /** Human-readable text after the code (e.g. `OK`). */
  text: string;
  /** What follows the first LF (the server's offers in the answer to `open`). */
  body: string;
}

/** Reads the data of an `rsp` frame: `CODE [SP TEXT] [LF BODY]`. */
export function parseRelpResponse(data: Buffer): RelpResponse {
  const text = data.toString('utf8');
  const match = /^(\d{3})(?: ([^\n]*))?(?:\n([\s\S]*))?$/.exec(text);
  if (!match) throw protocolError(`the receiver sent a malformed RELP response "${text.slice(0, 80)}"`);
  return { code: Number(match[1]), text: match[2] ?? '', body: match[3] ?? '' };
}

/** Offers as `name=value,value` lines (librelp offers.c). */
export function parseRelpOffers(body: string): Map<string, string[]> {
  const offers = new Map<string, string[]>();
  for (const line of body.split('\n')) {
    if (line === '') continue;
    const equals = line.indexOf('=');
    const name = equals < 0 ? line : line.slice(0, equals);
    offers.set(
      name,
      equals < 0
        ? []
        : line
            .slice(equals + 1)
            .split(',')
            .filter(Boolean),
    );
  }
  return offers;
}
