import type { Socket } from 'node:net';
import { AuditRelayError, retryable } from '../../../core/errors.js';
import { openSocket, type PreparedTls, prepareTls, type TlsFiles } from '../connect.js';
import {
  parseRelpOffers,
  parseRelpResponse,
  protocolError,
  RELP_MAX_TXNR,
  RELP_OPEN_OFFERS,
} from './codec.js';
import { RelpSession } from './session.js';

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
  /** Times the receiver may refuse (answer other than 200) one message before it is given up (default 3). */
  maxRefusals?: number;
}

/** What a send came to: every message acknowledged, except those refused for good. */
export interface RelpResult {
  /** Indexes of the messages the receiver refused `maxRefusals` times. */
  refused: number[];
}

export interface RelpCounters {
  /** `syslog` frames written, resends included. */
  sent: number;
  /** Messages given up after the receiver refused them `maxRefusals` times. */
  refused: number;
  /** Messages the receiver answered with 200. */
  acknowledged: number;
  /** Frames written again because an earlier session ended before their answer came. */
  resent: number;
  /** Sessions opened. */
  sessions: number;
}

/** The messages of one send() and how far each got: 0 not sent, 1 sent, 2 acknowledged. */
interface Delivery {
  messages: Buffer[];
  state: Uint8Array;
  /** Refusals per message so far. */
  refusals: Uint8Array;
}

const SENT = 1;
const ACKNOWLEDGED = 2;
const REFUSED = 3;

/**
 * A RELP client connection, (re)opened on demand. send() resolves only when the receiver
 * acknowledged every message with 200, or refused one `maxRefusals` times (the result names
 * those, for the dead letters). A refusal below that count fails the send (retryable
 * AR_SINK_RELP), like a broken session. When it fails (retryable AR_SINK_UNREACHABLE,
 * AR_SINK_CLOSED, AR_SINK_TLS, AR_SINK_PIN or AR_SINK_RELP) the caller retries the same
 * messages, and the retry sends only those the receiver has not acknowledged: after a
 * reconnect, at most one window of messages arrives twice, and none is lost.
 * Calls to send() run one after the other.
 */
export class RelpConnection {
  readonly counters: RelpCounters = { sent: 0, acknowledged: 0, resent: 0, sessions: 0, refused: 0 };
  private session: RelpSession | undefined;
  private opening: Promise<RelpSession> | undefined;
  private unfinished: Delivery | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly tls: PreparedTls | undefined;
  private readonly window: number;
  private readonly responseTimeoutMs: number;
  private readonly closeTimeoutMs: number;
  private readonly lastTxnr: number;
  private readonly maxRefusals: number;

  constructor(private readonly target: RelpTarget) {
    this.window = target.window ?? 128;
    this.responseTimeoutMs = target.responseTimeoutMs ?? 60_000;
    this.closeTimeoutMs = target.closeTimeoutMs ?? 2000;
    this.lastTxnr = target.lastTxnr ?? RELP_MAX_TXNR;
    this.maxRefusals = target.maxRefusals ?? 3;
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

  /**
   * Resolves once the receiver acknowledged every message (strings are sent as UTF-8). When
   * `signal` aborts first, the session is dropped and send() rejects; a retry of the same
   * messages then sends only what was not acknowledged.
   */
  send(messages: readonly Buffer[] | readonly string[], signal?: AbortSignal): Promise<RelpResult> {
    const buffers = messages.map((m) => (typeof m === 'string' ? Buffer.from(m, 'utf8') : m));
    const run = this.queue.then(() => {
      if (!signal) return this.deliver(buffers);
      if (signal.aborted) throw retryable('AR_SINK_TIMEOUT', `gave up sending to ${this.description}`);
      const giveUp = () =>
        this.session?.abort(retryable('AR_SINK_TIMEOUT', `gave up waiting for ${this.description}`));
      signal.addEventListener('abort', giveUp, { once: true });
      return this.deliver(buffers).finally(() => signal.removeEventListener('abort', giveUp));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async deliver(messages: Buffer[]): Promise<RelpResult> {
    if (messages.length === 0) return { refused: [] };
    const delivery = this.resumable(messages) ?? {
      messages,
      state: new Uint8Array(messages.length),
      refusals: new Uint8Array(messages.length),
    };
    this.unfinished = delivery;
    await this.transmit(delivery);
    this.unfinished = undefined;
    const refused: number[] = [];
    delivery.state.forEach((state, index) => {
      if (state === REFUSED) refused.push(index);
    });
    return { refused };
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
      if (state[index] === ACKNOWLEDGED || state[index] === REFUSED) continue;
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
          if (response.code !== 200 && ++delivery.refusals[index]! >= this.maxRefusals) {
            // Refused again and again: given up, so the messages behind it keep flowing.
            state[index] = REFUSED;
            this.counters.refused++;
            return;
          }
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
