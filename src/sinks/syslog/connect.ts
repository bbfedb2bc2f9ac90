import { readFileSync } from 'node:fs';
import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import { type ConnectionOptions, type TLSSocket, connect as tlsConnect } from 'node:tls';
import { AuditRelayError, retryable } from '../../core/errors.js';
import { type CertificatePin, parsePin, peerPinError } from '../../core/pinning.js';

/** TLS settings of a syslog or RELP destination, as configured (paths already resolved). */
export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  rejectUnauthorized: boolean;
  /**
   * RFC 5425 fingerprints (`sha-256:AB:CD:…`) of the receiver certificate. With
   * rejectUnauthorized the chain, the name and the pin must all pass; without it the pin alone
   * authenticates the receiver (for self-signed receivers).
   */
  fingerprints?: readonly string[];
}

export interface SocketTarget {
  host: string;
  port: number;
  /** TLS when present, plain TCP when absent. */
  tls?: PreparedTls;
  connectTimeoutMs: number;
  /** `tcp://host:port` and the like, for messages. */
  description: string;
}

export interface PreparedTls {
  options: ConnectionOptions;
  pins: CertificatePin[];
}

/** Reads the certificate files once and parses the pins (TLS 1.2 or newer; SNI unless an IP address). */
export function prepareTls(host: string, tls: TlsFiles): PreparedTls {
  const read = (path: string | undefined) => (path ? readFileSync(path) : undefined);
  try {
    return {
      options: {
        ca: read(tls.ca),
        cert: read(tls.cert),
        key: read(tls.key),
        rejectUnauthorized: tls.rejectUnauthorized,
        minVersion: 'TLSv1.2',
        servername: tls.servername ?? (isIP(host) ? undefined : host),
      },
      pins: (tls.fingerprints ?? []).map(parsePin),
    };
  } catch (error) {
    if (error instanceof AuditRelayError) throw error;
    throw new AuditRelayError('AR_SINK_TLS', `cannot read a TLS file: ${(error as Error).message}`, {
      cause: error,
    });
  }
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

function connectFailure(target: SocketTarget, error: NodeJS.ErrnoException): AuditRelayError {
  const code = error.code ?? '';
  const reason =
    TLS_REASONS[code] ??
    (target.tls && /CERT|TLS|SSL|ISSUER|SIGNATURE|HOSTNAME|ALTNAME/.test(code) ? error.message : undefined);
  if (reason)
    return retryable(
      'AR_SINK_TLS',
      `TLS verification of ${target.description} failed: ${reason} (${code})`,
      error,
    );
  return retryable(
    'AR_SINK_UNREACHABLE',
    `cannot connect to ${target.description}: ${code || error.message}`,
    error,
  );
}

/**
 * Opens a TCP or TLS connection within the connect timeout, checks pins before any byte is
 * sent, and classifies failures (AR_SINK_UNREACHABLE, AR_SINK_TLS, AR_SINK_PIN — all retryable:
 * a receiver or its certificate can be fixed without restarting the agent).
 */
export function openSocket(target: SocketTarget): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const { host, port, tls } = target;
    const socket = tls ? tlsConnect({ host, port, ...tls.options }) : tcpConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        retryable(
          'AR_SINK_UNREACHABLE',
          `no connection to ${target.description} within ${target.connectTimeoutMs} ms`,
        ),
      );
    }, target.connectTimeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(connectFailure(target, error));
    });
    socket.once(tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      const pinFailure = tls?.pins.length
        ? peerPinError(socket as TLSSocket, tls.pins, target.description)
        : undefined;
      if (pinFailure) {
        socket.destroy();
        reject(pinFailure);
        return;
      }
      socket.setKeepAlive(true, 30_000);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}
