import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { retryable } from '../../core/errors.js';

/** Largest UDP payload over IPv4 (65 535 − 8 − 20). */
const MAX_DATAGRAM = 65_507;

/**
 * Syslog over UDP (RFC 5426): one message per datagram, no framing, no trailing LF.
 * Best effort by nature: a datagram handed to the kernel counts as sent; nothing tells us
 * whether it arrived.
 */
export class UdpConnection {
  private socket: Socket | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  get description(): string {
    return `udp://${this.host}:${this.port}`;
  }

  async sendAll(messages: readonly Buffer[]): Promise<void> {
    this.socket ??= createSocket(isIPv6(this.host) ? 'udp6' : 'udp4');
    const socket = this.socket;
    await Promise.all(
      messages.map(
        (message) =>
          new Promise<void>((resolve, reject) => {
            // The formats issue adds size limits that truncate on safe boundaries; until then cut.
            socket.send(
              message.length > MAX_DATAGRAM ? message.subarray(0, MAX_DATAGRAM) : message,
              this.port,
              this.host,
              (error) => {
                if (error)
                  reject(
                    retryable(
                      'AR_SINK_UNREACHABLE',
                      `cannot send to ${this.description}: ${error.message}`,
                      error,
                    ),
                  );
                else resolve();
              },
            );
          }),
      ),
    );
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
