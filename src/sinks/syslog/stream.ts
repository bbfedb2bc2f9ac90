import type { Socket } from 'node:net';
import { type AuditRelayError, retryable } from '../../core/errors.js';
import { openSocket, type PreparedTls, prepareTls, type TlsFiles } from './connect.js';

export type { TlsFiles } from './connect.js';

export interface StreamTarget {
  host: string;
  port: number;
  transport: 'tcp' | 'tls';
  tls: TlsFiles;
  connectTimeoutMs: number;
  /** A connection that carried this many bytes is ended to confirm them, and a new one opened. */
  checkpointBytes: number;
  /** ... or once its oldest unconfirmed write is this old. */
  checkpointIntervalMs: number;
  /** ... or when nothing was written to it for this long. */
  idleMs: number;
  /** How long an ending connection waits for the receiver to end its side. */
  closeTimeoutMs: number;
}

/** What a write was: bytes, and the promise that settles when the receiver is known to have read them. */
export interface StreamWrite {
  /**
   * Resolves once the receiver ended the connection cleanly after reading this write; rejects
   * (retryable AR_SINK_CLOSED) when the connection was lost first: the write must be sent again.
   */
  confirmed: Promise<void>;
}

interface Waiting {
  resolve(): void;
  reject(error: AuditRelayError): void;
}

/** One TCP or TLS connection and what was written on it that the receiver has not confirmed. */
interface Connection {
  socket: Socket;
  unconfirmed: Waiting[];
  messages: number;
  bytes: number;
  firstWriteAt: number;
  idle: NodeJS.Timeout | undefined;
  /** Set once we ended our side: the receiver's end now confirms everything. */
  ending: Promise<void> | undefined;
  peerEnded: boolean;
  /** Why the connection ended badly, once it did. */
  lost: AuditRelayError | undefined;
}

/**
 * Syslog over TCP or TLS (RFC 6587, RFC 5425) with delivery confirmed by the end of the
 * connection. Plain syslog has no acknowledgement, and what the kernel buffers on both ends
 * (megabytes) is lost when the receiver dies, so a write is not delivered when the kernel
 * took it. Instead, every few megabytes, every few seconds, and when the stream goes idle,
 * the connection is ended (FIN; TLS close_notify first) and the receiver's own end of it
 * awaited: a receiver ends its side only after it has read everything before our end, and
 * one that dies or refuses data resets the connection instead. A clean end confirms every
 * write on that connection; anything else rejects them, and the caller sends them again.
 * The cost: at most one connection's worth (checkpointBytes) sent twice after a loss, and
 * a reconnect per checkpoint. Receivers that keep their side open after ours is ended cannot
 * confirm anything: every checkpoint then times out, and the writes are sent again.
 */
export class StreamConnection {
  private connection: Connection | undefined;
  private connecting: Promise<Connection> | undefined;
  private readonly tls: PreparedTls | undefined;

  constructor(private readonly target: StreamTarget) {
    if (target.transport === 'tls') this.tls = prepareTls(target.host, target.tls);
  }

  get description(): string {
    return `${this.target.transport}://${this.target.host}:${this.target.port}`;
  }

  /**
   * Writes frames on the current connection (opening one when needed). Resolves once the
   * kernel took them, with the promise of their confirmation. Throws retryable AR_SINK_*
   * when the connection could not be opened, broke while writing, or `signal` aborted.
   */
  async write(frames: readonly Buffer[], signal?: AbortSignal): Promise<StreamWrite> {
    const previous = this.connection;
    if (previous?.ending) {
      await Promise.race([previous.ending, aborted(signal)]);
      if (signal?.aborted) {
        throw retryable('AR_SINK_TIMEOUT', `gave up waiting for ${this.description} to confirm delivery`);
      }
      // Writes that were waiting for a failed checkpoint must not overtake the ones it lost.
      if (previous.lost) throw previous.lost;
    }
    const connection = await this.connected();
    if (signal?.aborted) throw retryable('AR_SINK_TIMEOUT', `gave up writing to ${this.description}`);
    clearTimeout(connection.idle);
    const payload = frames.length === 1 ? frames[0]! : Buffer.concat(frames as Buffer[]);
    const giveUp = () =>
      this.lose(connection, retryable('AR_SINK_TIMEOUT', `gave up writing to ${this.description}`));
    signal?.addEventListener('abort', giveUp, { once: true });
    try {
      await new Promise<void>((resolve, reject) => {
        connection.socket.write(payload, (error) => {
          if (error || connection.lost) {
            this.lose(connection, this.closed(connection, 'broke while sending', error ?? undefined));
            reject(connection.lost);
          } else resolve();
        });
      });
    } finally {
      signal?.removeEventListener('abort', giveUp);
    }
    let waiting!: Waiting;
    const confirmed = new Promise<void>((resolve, reject) => {
      waiting = { resolve, reject };
    });
    // Rejections are for the caller; an unobserved one must not crash the process.
    confirmed.catch(() => {});
    connection.unconfirmed.push(waiting);
    if (connection.messages === 0) connection.firstWriteAt = Date.now();
    connection.messages += frames.length;
    connection.bytes += payload.length;
    this.scheduleCheckpoint(connection);
    return { confirmed };
  }

  private scheduleCheckpoint(connection: Connection): void {
    clearTimeout(connection.idle);
    const { checkpointBytes, checkpointIntervalMs, idleMs } = this.target;
    if (connection.bytes >= checkpointBytes || Date.now() - connection.firstWriteAt >= checkpointIntervalMs) {
      void this.checkpoint(connection);
      return;
    }
    connection.idle = setTimeout(() => void this.checkpoint(connection), idleMs);
    connection.idle.unref();
  }

  /** Ends the connection and waits for the receiver's end; settles (never rejects) when it is over. */
  private checkpoint(connection: Connection): Promise<void> {
    clearTimeout(connection.idle);
    connection.ending ??= new Promise<void>((done) => {
      const { socket } = connection;
      const timer = setTimeout(() => {
        this.lose(
          connection,
          retryable(
            'AR_SINK_TIMEOUT',
            `${this.description} did not end the connection within ${this.target.closeTimeoutMs} ms of ours; ${connection.messages} messages are not confirmed and will be sent again (a receiver that keeps its side open cannot confirm delivery: use RELP)`,
          ),
        );
      }, this.target.closeTimeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        if (!connection.lost && connection.peerEnded) {
          for (const waiting of connection.unconfirmed) waiting.resolve();
          connection.unconfirmed = [];
        } else {
          this.lose(connection, this.closed(connection, 'closed the connection before it ended cleanly'));
        }
        if (this.connection === connection) this.connection = undefined;
        done();
      });
      socket.end();
    });
    return connection.ending;
  }

  private connected(): Promise<Connection> {
    const current = this.connection;
    if (current && !current.lost && !current.ending) return Promise.resolve(current);
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<Connection> {
    const socket = await openSocket({ ...this.target, tls: this.tls, description: this.description });
    const connection: Connection = {
      socket,
      unconfirmed: [],
      messages: 0,
      bytes: 0,
      firstWriteAt: 0,
      idle: undefined,
      ending: undefined,
      peerEnded: false,
      lost: undefined,
    };
    // Receivers do not talk back; data from one is ignored.
    socket.on('data', () => {});
    socket.on('end', () => {
      connection.peerEnded = true;
      if (!connection.ending) this.lose(connection, this.closed(connection, 'closed the connection'));
    });
    socket.on('error', (error) =>
      this.lose(connection, this.closed(connection, 'broke the connection', error)),
    );
    socket.on('close', () => {
      if (!connection.ending) this.lose(connection, this.closed(connection, 'closed the connection'));
    });
    this.connection = connection;
    return connection;
  }

  private closed(connection: Connection, what: string, cause?: Error): AuditRelayError {
    const pending = connection.unconfirmed.length;
    return retryable(
      'AR_SINK_CLOSED',
      `${this.description} ${what}${pending ? `; ${connection.messages} messages written on it are not confirmed and will be sent again` : ''}`,
      cause,
    );
  }

  /** The connection ended badly: everything written on it is unconfirmed. */
  private lose(connection: Connection, error: AuditRelayError): void {
    if (connection.lost) return;
    connection.lost = error;
    clearTimeout(connection.idle);
    for (const waiting of connection.unconfirmed) waiting.reject(error);
    connection.unconfirmed = [];
    connection.socket.destroy();
    if (this.connection === connection) this.connection = undefined;
  }

  /**
   * Confirms what is outstanding by ending the connection, waiting at most SHUTDOWN_MS for
   * the receiver (the agent's shutdown is bounded); what stays unconfirmed is sent again by
   * the next start.
   */
  async close(): Promise<void> {
    const connection = this.connection ?? (await this.connecting?.catch(() => undefined));
    if (!connection || connection.lost) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(
        () => {
          this.lose(
            connection,
            retryable(
              'AR_SINK_TIMEOUT',
              `${this.description} did not end the connection while the agent stopped`,
            ),
          );
          resolve();
        },
        Math.min(SHUTDOWN_MS, this.target.closeTimeoutMs),
      );
    });
    await Promise.race([this.checkpoint(connection), late]);
    clearTimeout(timer);
  }
}

/** How long closing waits for a receiver to confirm, at most. */
const SHUTDOWN_MS = 2000;

/** Settles (never rejects) when `signal` aborts; never without one. */
function aborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
