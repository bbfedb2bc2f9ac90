import type { Socket } from 'node:net';
import { type AuditRelayError, retryable } from '../../../core/errors.js';
import { EMPTY, encodeRelpFrame, protocolError, type RelpFrame, RelpFrameReader } from './codec.js';

interface Pending {
  resolve(data: Buffer): void;
  reject(error: unknown): void;
}

/** One TCP/TLS connection carrying one RELP session. */
export class RelpSession {
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
