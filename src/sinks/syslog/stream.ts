import type { Socket } from 'node:net';
import { retryable } from '../../core/errors.js';
import { openSocket, type PreparedTls, prepareTls, type TlsFiles } from './connect.js';

export type { TlsFiles } from './connect.js';

export interface StreamTarget {
  host: string;
  port: number;
  transport: 'tcp' | 'tls';
  tls: TlsFiles;
  connectTimeoutMs: number;
  /**
   * Messages written before a connection broke that are written again on the next
   * connection: TCP cannot tell which of them the receiver got, so a reset costs duplicates
   * (at most this many), never losses. 0 turns it off.
   */
  resendWindow: number;
}

/**
 * One TCP or TLS connection to a syslog receiver, opened on first use and after failures.
 * A write resolves when the data has been handed to the kernel ("written and flushed").
 * Plain TCP has no application acknowledgement: what the kernel had buffered when a
 * connection resets is unknown, so the last `resendWindow` messages go out again on the next
 * connection. RELP closes the gap with real acknowledgements.
 */
export class StreamConnection {
  private socket: Socket | undefined;
  private connecting: Promise<Socket> | undefined;
  private readonly tls: PreparedTls | undefined;
  /** Frames most recently written, oldest first, at most `resendWindow` of them. */
  private recent: Buffer[] = [];
  /** A connection that carried data broke: resend `recent` before anything new. */
  private resendPending = false;
  private carried = false;

  constructor(private readonly target: StreamTarget) {
    if (target.transport === 'tls') this.tls = prepareTls(target.host, target.tls);
  }

  get description(): string {
    return `${this.target.transport}://${this.target.host}:${this.target.port}`;
  }

  /**
   * Writes frames; resolves with how many earlier frames were re-sent first (after a reset).
   * When `signal` aborts before the kernel took everything, the connection is dropped, so the
   * next write starts on a fresh one with the resend window.
   */
  async write(frames: readonly Buffer[], signal?: AbortSignal): Promise<{ resent: number }> {
    const socket = await this.connected();
    const resend = this.resendPending ? this.recent : [];
    const payload = Buffer.concat(resend.length ? [...resend, ...frames] : (frames as Buffer[]));
    const giveUp = () => this.drop(socket);
    signal?.addEventListener('abort', giveUp, { once: true });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.write(payload, (error) => {
          if (error) {
            this.drop(socket);
            reject(
              retryable('AR_SINK_CLOSED', `the connection to ${this.description} broke while sending`, error),
            );
          } else resolve();
        });
      });
    } finally {
      signal?.removeEventListener('abort', giveUp);
    }
    this.carried = true;
    this.resendPending = false;
    if (this.target.resendWindow > 0) {
      this.recent = [...this.recent, ...frames].slice(-this.target.resendWindow);
    }
    return { resent: resend.length };
  }

  private connected(): Promise<Socket> {
    if (this.socket && !this.socket.destroyed && this.socket.writable) return Promise.resolve(this.socket);
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<Socket> {
    const socket = await openSocket({ ...this.target, tls: this.tls, description: this.description });
    // Receivers do not talk back; a peer that closes its side ends the connection.
    socket.on('data', () => {});
    socket.on('end', () => this.drop(socket));
    socket.on('error', () => this.drop(socket));
    socket.on('close', () => this.drop(socket));
    this.socket = socket;
    return socket;
  }

  private drop(socket: Socket): void {
    if (this.socket === socket) {
      this.socket = undefined;
      if (this.carried) this.resendPending = this.recent.length > 0;
      this.carried = false;
    }
    socket.destroy();
  }

  /** Ends the connection politely: FIN for TCP, close_notify then FIN for TLS. */
  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.destroy();
        resolve();
      }, 2000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }
}
