import { readFileSync } from 'node:fs';
import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import { type ConnectionOptions, connect as tlsConnect } from 'node:tls';
import { AuditRelayError, retryable } from '../../core/errors.js';

export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  rejectUnauthorized: boolean;
}

export interface StreamTarget {
  host: string;
  port: number;
  transport: 'tcp' | 'tls';
  tls: TlsFiles;
  connectTimeoutMs: number;
}

/** Names for the TLS verification failures operators actually meet. */
const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'the receiver certificate has expired',
  CERT_NOT_YET_VALID: 'the receiver certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the receiver certificate is self-signed and not in the configured CA file',
  SELF_SIGNED_CERT_IN_CHAIN: 'the receiver certificate chain ends in an untrusted root',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the receiver certificate is not signed by a trusted CA',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of the receiver certificate is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the receiver certificate does not name this host',
};

/**
 * One TCP or TLS connection to a syslog receiver, opened on first use and after failures.
 * A write resolves when the data has been handed to the kernel ("written and flushed");
 * plain TCP has no application acknowledgement, so a reset can still lose what the
 * kernel had buffered — the WAL and RELP issue close that gap.
 */
export class StreamConnection {
  private socket: Socket | undefined;
  private connecting: Promise<Socket> | undefined;
  private readonly tlsOptions: ConnectionOptions | undefined;

  constructor(private readonly target: StreamTarget) {
    if (target.transport === 'tls') {
      const read = (path: string | undefined) => (path ? readFileSync(path) : undefined);
      try {
        this.tlsOptions = {
          ca: read(target.tls.ca),
          cert: read(target.tls.cert),
          key: read(target.tls.key),
          rejectUnauthorized: target.tls.rejectUnauthorized,
          minVersion: 'TLSv1.2',
          servername: target.tls.servername ?? (isIP(target.host) ? undefined : target.host),
        };
      } catch (error) {
        throw new AuditRelayError('AR_SINK_TLS', `cannot read a TLS file: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  }

  get description(): string {
    return `${this.target.transport}://${this.target.host}:${this.target.port}`;
  }

  async write(data: Buffer): Promise<void> {
    const socket = await this.connected();
    await new Promise<void>((resolve, reject) => {
      socket.write(data, (error) => {
        if (error) {
          this.drop(socket);
          reject(
            retryable('AR_SINK_CLOSED', `the connection to ${this.description} broke while sending`, error),
          );
        } else resolve();
      });
    });
  }

  private connected(): Promise<Socket> {
    if (this.socket && !this.socket.destroyed && this.socket.writable) return Promise.resolve(this.socket);
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private open(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const { host, port } = this.target;
      const socket =
        this.target.transport === 'tls'
          ? tlsConnect({ host, port, ...this.tlsOptions })
          : tcpConnect({ host, port });
      const ready = this.target.transport === 'tls' ? 'secureConnect' : 'connect';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          retryable(
            'AR_SINK_UNREACHABLE',
            `no connection to ${this.description} within ${this.target.connectTimeoutMs} ms`,
          ),
        );
      }, this.target.connectTimeoutMs);
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        const reason = TLS_REASONS[error.code ?? ''];
        reject(
          reason
            ? retryable(
                'AR_SINK_TLS',
                `TLS verification of ${this.description} failed: ${reason} (${error.code})`,
                error,
              )
            : retryable(
                'AR_SINK_UNREACHABLE',
                `cannot connect to ${this.description}: ${error.code ?? error.message}`,
                error,
              ),
        );
      });
      socket.once(ready, () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setKeepAlive(true, 30_000);
        socket.setNoDelay(true);
        // Receivers do not talk back; a peer that closes its side ends the connection.
        socket.on('data', () => {});
        socket.on('end', () => this.drop(socket));
        socket.on('error', () => this.drop(socket));
        socket.on('close', () => this.drop(socket));
        this.socket = socket;
        resolve(socket);
      });
    });
  }

  private drop(socket: Socket): void {
    if (this.socket === socket) this.socket = undefined;
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
