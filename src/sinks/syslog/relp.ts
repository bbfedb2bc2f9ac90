/**
 * RELP client (rsyslog's Reliable Event Logging Protocol, as librelp 1.11 / imrelp speak it):
 * every syslog message is a transaction the receiver answers with `200 OK`, so a message
 * counts as delivered only once the receiver said so.
 *
 * Frames are `TXNR SP COMMAND SP DATALEN [SP DATA] LF`. A session opens with `open`
 * (offers `relp_version=0`, `commands=syslog`), carries one message per `syslog` command,
 * answers each with `rsp` under the same TXNR, and ends with `close`. TXNRs count from 1
 * in every session and must arrive in order (imrelp drops a session on a gap). The
 * receiver may announce its own shutdown with `0 serverclose 0`.
 */
import type { Socket } from 'node:net';
import { AuditRelayError, retryable } from '../../core/errors.js';
import { openSocket, type PreparedTls, prepareTls, type TlsFiles } from './connect.js';

/** RELP's largest transaction number (9 digits). */
export const RELP_MAX_TXNR = 999_999_999;
const MAX_RESPONSE_BYTES = 64 * 1024;
const LF = Buffer.from('\n');
const EMPTY = Buffer.alloc(0);
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

const protocolError = (message: string) => retryable('AR_SINK_RELP', message);

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

export interface RelpTarget {
  host: string;
  port: number;
  /** TLS settings; plain TCP when absent. TLS 1.2 or newer. */
  tls?: TlsFiles;
  /** Limit for TCP/TLS connect plus the answer to `open`. */
  connectTimeoutMs: number;
  /** Messages sent and not yet acknowledged, at most (default 128, librelp's default). */
  window?: number;
  /** A session with outstanding transactions and no answer for this long is dropped (default 60 s). */
  responseTimeoutMs?: number;
  /** How long close() waits for the answer to `close` and for the connection to end (default 2 s). */
  closeTimeoutMs?: number;
  /**
   * Highest TXNR a session uses before it is closed and a fresh one opened (default
   * RELP's 999,999,999; librelp cannot go past it either).
   */
  lastTxnr?: number;
}

export interface RelpCounters {
  /** `syslog` frames written, resends included. */
  sent: number;
  /** Messages the receiver answered with 200. */
  acknowledged: number;
  /** Frames written again because an earlier session ended before their answer came. */
  resent: number;
  /** Sessions opened. */
  sessions: number;
}

interface Pending {
  resolve(data: Buffer): void;
  reject(error: unknown): void;
}

/** One TCP/TLS connection carrying one RELP session. */
class RelpSession {
  private readonly reader = new RelpFrameReader();
  private readonly waiting = new Map<number, Pending>();
  private writes: Buffer[] = [];
  private nextTxnr = 1;
  private failure: AuditRelayError | undefined;
  private closing = false;
  private closed: Promise<void> | undefined;
  private readonly silence: NodeJS.Timeout;

  constructor(
    private readonly socket: Socket,
    private readonly description: string,
    private readonly lastTxnr: number,
    responseTimeoutMs: number,
  ) {
    this.silence = setTimeout(() => {
      if (this.waiting.size > 0) {
        this.abort(
          retryable(
            'AR_SINK_UNREACHABLE',
            `${description} answered nothing for ${responseTimeoutMs} ms with ${this.waiting.size} transactions outstanding`,
          ),
        );
      }
    }, responseTimeoutMs).unref();
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) =>
      this.abort(
        retryable('AR_SINK_CLOSED', `the connection to ${description} failed: ${error.message}`, error),
      ),
    );
    // Without allowHalfOpen Node answers the receiver's FIN (and close_notify) by itself.
    socket.on('end', () => this.fail(this.lost('closed the connection')));
    socket.on('close', () => this.fail(this.lost('connection closed')));
  }

  get usable(): boolean {
    return this.failure === undefined && !this.closing;
  }

  /** True once the next `syslog` would leave no TXNR for `close`. */
  get exhausted(): boolean {
    return this.nextTxnr >= this.lastTxnr;
  }

  /** Sends one command; resolves with the data of its `rsp`. */
  command(command: string, data: Buffer): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing && command !== 'close') {
      return Promise.reject(retryable('AR_SINK_CLOSED', `the session with ${this.description} is closing`));
    }
    const txnr = this.nextTxnr++;
    if (this.waiting.size === 0) this.silence.refresh();
    this.writes.push(encodeRelpFrame(txnr, command, data));
    // Frames queued while one batch of answers is handled leave in one write.
    if (this.writes.length === 1) setImmediate(() => this.flush());
    return new Promise((resolve, reject) => this.waiting.set(txnr, { resolve, reject }));
  }

  private flush(): void {
    const frames = this.writes;
    this.writes = [];
    if (this.failure || frames.length === 0) return;
    this.socket.write(frames.length === 1 ? frames[0]! : Buffer.concat(frames));
  }

  private receive(chunk: Buffer): void {
    if (this.waiting.size > 0) this.silence.refresh();
    let frames: RelpFrame[];
    try {
      frames = this.reader.push(chunk);
    } catch (error) {
      this.abort(error as AuditRelayError);
      return;
    }
    for (const frame of frames) {
      if (frame.command === 'rsp') {
        const pending = this.waiting.get(frame.txnr);
        if (!pending) {
          this.abort(
            protocolError(`${this.description} answered transaction ${frame.txnr}, which was not asked`),
          );
          return;
        }
        this.waiting.delete(frame.txnr);
        pending.resolve(frame.data);
      } else if (frame.command === 'serverclose') {
        // The receiver is going away (it also says so after our `close`); what is unanswered fails.
        this.fail(this.lost('ended the session (serverclose)'));
        this.socket.end();
        return;
      } else {
        this.abort(protocolError(`${this.description} sent the unexpected RELP command "${frame.command}"`));
        return;
      }
    }
  }

  private lost(what: string): AuditRelayError {
    return retryable(
      'AR_SINK_CLOSED',
      `${this.description} ${what} with ${this.waiting.size} transactions unanswered`,
    );
  }

  /** Ends the session for good: every outstanding transaction fails with `error`. */
  private fail(error: AuditRelayError): void {
    if (this.failure) return;
    this.failure = error;
    clearTimeout(this.silence);
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const pending of waiting) pending.reject(error);
  }

  abort(error: AuditRelayError): void {
    this.fail(error);
    this.socket.destroy();
  }

  /** `close`, its answer, then FIN (TLS: close_notify first); bounded by `timeoutMs`. */
  close(timeoutMs: number): Promise<void> {
    this.closed ??= this.shutdown(timeoutMs);
    return this.closed;
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    if (this.failure) {
      this.socket.destroy();
      return;
    }
    this.closing = true;
    const timer = setTimeout(
      () => this.abort(retryable('AR_SINK_CLOSED', `${this.description} did not answer close in time`)),
      timeoutMs,
    );
    try {
      await this.command('close', EMPTY).catch(() => undefined);
      if (this.socket.destroyed) return;
      await new Promise<void>((resolve) => {
        this.socket.once('close', () => resolve());
        this.socket.end();
      });
    } finally {
      clearTimeout(timer);
      this.socket.destroy();
    }
  }
}

/** The messages of one send() and how far each got: 0 not sent, 1 sent, 2 acknowledged. */
interface Delivery {
  messages: Buffer[];
  state: Uint8Array;
}

const SENT = 1;
const ACKNOWLEDGED = 2;

/**
 * A RELP client connection, (re)opened on demand. send() resolves only when the receiver
 * acknowledged every message with 200. When it fails (retryable AR_SINK_UNREACHABLE,
 * AR_SINK_CLOSED, AR_SINK_TLS, AR_SINK_PIN or AR_SINK_RELP) the caller retries the same
 * messages, and the retry sends only those the receiver has not acknowledged: after a
 * reconnect, at most one window of messages arrives twice, and none is lost.
 * Calls to send() run one after the other.
 */
export class RelpConnection {
  readonly counters: RelpCounters = { sent: 0, acknowledged: 0, resent: 0, sessions: 0 };
  private session: RelpSession | undefined;
  private opening: Promise<RelpSession> | undefined;
  private unfinished: Delivery | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly tls: PreparedTls | undefined;
  private readonly window: number;
  private readonly responseTimeoutMs: number;
  private readonly closeTimeoutMs: number;
  private readonly lastTxnr: number;

  constructor(private readonly target: RelpTarget) {
    this.window = target.window ?? 128;
    this.responseTimeoutMs = target.responseTimeoutMs ?? 60_000;
    this.closeTimeoutMs = target.closeTimeoutMs ?? 2000;
    this.lastTxnr = target.lastTxnr ?? RELP_MAX_TXNR;
    if (!Number.isInteger(this.window) || this.window < 1) {
      throw new AuditRelayError(
        'AR_CONFIG_INVALID',
        `the RELP window must be a positive integer, not ${this.window}`,
      );
    }
    if (!Number.isInteger(this.lastTxnr) || this.lastTxnr < 3 || this.lastTxnr > RELP_MAX_TXNR) {
      throw new AuditRelayError('AR_CONFIG_INVALID', `lastTxnr must be within 3..${RELP_MAX_TXNR}`);
    }
    if (target.tls) this.tls = prepareTls(target.host, target.tls);
  }

  get description(): string {
    return `${this.target.tls ? 'relp+tls' : 'relp'}://${this.target.host}:${this.target.port}`;
  }

  /** Resolves once the receiver acknowledged every message (strings are sent as UTF-8). */
  send(messages: readonly Buffer[] | readonly string[]): Promise<void> {
    const buffers = messages.map((m) => (typeof m === 'string' ? Buffer.from(m, 'utf8') : m));
    const run = this.queue.then(() => this.deliver(buffers));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async deliver(messages: Buffer[]): Promise<void> {
    if (messages.length === 0) return;
    const delivery = this.resumable(messages) ?? { messages, state: new Uint8Array(messages.length) };
    this.unfinished = delivery;
    await this.transmit(delivery);
    this.unfinished = undefined;
  }

  /** The failed delivery these messages repeat byte for byte, so acknowledged ones are skipped. */
  private resumable(messages: Buffer[]): Delivery | undefined {
    const previous = this.unfinished;
    if (!previous || previous.messages.length !== messages.length) return undefined;
    for (let i = 0; i < messages.length; i++) {
      if (!previous.messages[i]!.equals(messages[i]!)) return undefined;
    }
    return previous;
  }

  private async transmit(delivery: Delivery): Promise<void> {
    let session = await this.connected();
    let inflight = 0;
    let failure: unknown;
    let wake: (() => void) | undefined;
    const settled = () => {
      inflight--;
      const resume = wake;
      wake = undefined;
      resume?.();
    };
    const nextSettled = () => new Promise<void>((resolve) => (wake = resolve));
    const { messages, state } = delivery;
    for (let index = 0; index < messages.length && failure === undefined; index++) {
      if (state[index] === ACKNOWLEDGED) continue;
      while (failure === undefined && inflight >= this.window) await nextSettled();
      if (failure !== undefined) break;
      if (session.exhausted || !session.usable) {
        while (inflight > 0) await nextSettled();
        if (failure !== undefined) break;
        await session.close(this.closeTimeoutMs);
        session = await this.connected();
      }
      if (state[index] === SENT) this.counters.resent++;
      state[index] = SENT;
      this.counters.sent++;
      inflight++;
      session
        .command('syslog', messages[index]!)
        .then((data) => {
          const response = parseRelpResponse(data);
          if (response.code !== 200) {
            throw protocolError(
              `${this.description} refused message ${index + 1} of ${messages.length}: ${response.code} ${response.text}`,
            );
          }
          state[index] = ACKNOWLEDGED;
          this.counters.acknowledged++;
        })
        .catch((error) => {
          failure ??= error;
        })
        .finally(settled);
    }
    while (inflight > 0) await nextSettled();
    if (failure !== undefined) throw failure;
  }

  private connected(): Promise<RelpSession> {
    if (this.session?.usable) return Promise.resolve(this.session);
    this.opening ??= this.open().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async open(): Promise<RelpSession> {
    const socket = await this.connect();
    const session = new RelpSession(socket, this.description, this.lastTxnr, this.responseTimeoutMs);
    const timer = setTimeout(
      () =>
        session.abort(
          retryable(
            'AR_SINK_UNREACHABLE',
            `${this.description} did not answer the RELP open within ${this.target.connectTimeoutMs} ms`,
          ),
        ),
      this.target.connectTimeoutMs,
    );
    try {
      const response = parseRelpResponse(await session.command('open', Buffer.from(RELP_OPEN_OFFERS)));
      if (response.code !== 200) {
        throw protocolError(
          `${this.description} refused the RELP session: ${response.code} ${response.text}`,
        );
      }
      const offers = parseRelpOffers(response.body);
      if (offers.get('relp_version')?.[0] !== '0') {
        throw protocolError(`${this.description} speaks RELP version ${offers.get('relp_version')}, not 0`);
      }
      if (!offers.get('commands')?.includes('syslog')) {
        throw protocolError(`${this.description} does not accept the RELP syslog command`);
      }
    } catch (error) {
      session.abort(error as AuditRelayError);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    this.counters.sessions++;
    this.session = session;
    return session;
  }

  private connect(): Promise<Socket> {
    return openSocket({ ...this.target, tls: this.tls, description: this.description });
  }

  /** Sends `close`, waits for its answer and ends the connection, all bounded by closeTimeoutMs. */
  async close(): Promise<void> {
    const session = this.session ?? (await this.opening?.catch(() => undefined));
    this.session = undefined;
    await session?.close(this.closeTimeoutMs);
  }
}
