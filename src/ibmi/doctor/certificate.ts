import { readFileSync } from 'node:fs';
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';
import { type CertificatePin, pinError } from '../../core/pinning.js';
import type { Finding } from './findings.js';

export interface CertificateTarget {
  host: string;
  port: number;
  /** PEM file the agent trusts for the Mapepire server (connection.ca), if any. */
  ca?: string;
  rejectUnauthorized: boolean;
  /** connection.fingerprints: the certificate must match one. */
  fingerprints?: readonly CertificatePin[];
  /** Warn when the certificate expires within this many days. */
  warnDays?: number;
  timeoutMs?: number;
  /** The clock, for tests. */
  now?: Date;
}

const NAME = 'Mapepire certificate';

/**
 * The Mapepire server's TLS certificate as the agent will meet it: is it trusted under the
 * configured CA (or the system's CAs), does it name the host, when does it expire. Reads
 * only: one TLS handshake, no sign-on.
 */
export async function checkCertificate(target: CertificateTarget): Promise<Finding> {
  const fetch = [
    `openssl s_client -connect ${target.host}:${target.port} -showcerts </dev/null 2>/dev/null | openssl x509 -outform PEM > mapepire-ca.pem`,
    'check its fingerprint against the IBM i (the server certificate Mapepire uses), then set connection.ca: mapepire-ca.pem',
  ];
  let ca: string | undefined;
  try {
    ca = target.ca ? readFileSync(target.ca, 'utf8') : undefined;
  } catch (error) {
    return {
      check: NAME,
      verdict: 'FAIL',
      what: `cannot read connection.ca ${target.ca}: ${(error as Error).message}`,
      fix: fetch,
    };
  }
  let peer: { certificate: PeerCertificate; authorized: boolean; error?: string };
  try {
    peer = await handshake(target, ca);
  } catch (error) {
    return {
      check: NAME,
      verdict: 'FAIL',
      what: `no TLS handshake with ${target.host}:${target.port}: ${(error as Error).message}`,
      fix: [
        `start the Mapepire server on the IBM i (docs/ibmi-setup.md) and open port ${target.port} from this host`,
      ],
    };
  }
  const { certificate } = peer;
  const now = target.now ?? new Date();
  const expires = new Date(certificate.valid_to);
  const days = Math.floor((expires.getTime() - now.getTime()) / 86_400_000);
  const identity = checkServerIdentity(target.host, certificate);
  const about = `subject ${certificate.subject?.CN ?? '?'}, issuer ${certificate.issuer?.CN ?? '?'}, expires ${expires.toISOString().slice(0, 10)}, SHA-256 ${certificate.fingerprint256}`;
  if (target.fingerprints) {
    const mismatch = pinError(
      certificate.raw,
      target.fingerprints,
      `${target.host}:${target.port}`,
      'AR_SOURCE_TLS',
    );
    if (mismatch) {
      return {
        check: NAME,
        verdict: 'FAIL',
        what: mismatch.message,
        fix: [
          'compare with the certificate the Mapepire server uses on the IBM i, then correct connection.fingerprints',
        ],
      };
    }
    if (!target.rejectUnauthorized) {
      return { check: NAME, verdict: 'PASS', what: `pinned by connection.fingerprints (pin only): ${about}` };
    }
  }
  if (!target.rejectUnauthorized) {
    return {
      check: NAME,
      verdict: 'WARN',
      what: `connection.rejectUnauthorized is false: the agent does not verify this certificate (${about})`,
      fix: [
        ...fetch,
        'and remove rejectUnauthorized: false, or pin it: connection.fingerprints: [sha-256:…]',
      ],
    };
  }
  if (!peer.authorized) {
    return {
      check: NAME,
      verdict: 'FAIL',
      what: `not trusted with ${target.ca ? `connection.ca ${target.ca}` : "the system's CAs"}: ${peer.error} (${about})`,
      fix: fetch,
    };
  }
  if (identity) {
    return {
      check: NAME,
      verdict: 'FAIL',
      what: `does not name ${target.host}: ${identity.message}`,
      fix: [
        'connect by a name the certificate holds (connection.host), or issue the Mapepire server a certificate for this name',
      ],
    };
  }
  if (days < 0) {
    return {
      check: NAME,
      verdict: 'FAIL',
      what: `expired (${about})`,
      fix: ['renew the Mapepire server certificate on the IBM i, then fetch it again', ...fetch],
    };
  }
  if (days < (target.warnDays ?? 30)) {
    return {
      check: NAME,
      verdict: 'WARN',
      what: `expires in ${days} days (${about})`,
      fix: ['renew the Mapepire server certificate on the IBM i, then fetch it again'],
    };
  }
  return {
    check: NAME,
    verdict: 'PASS',
    what: `trusted (${target.ca ? `connection.ca ${target.ca}` : 'system CAs'}): ${about}`,
  };
}

function handshake(
  target: CertificateTarget,
  ca: string | undefined,
): Promise<{ certificate: PeerCertificate; authorized: boolean; error?: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: target.host,
      port: target.port,
      ca,
      // Verification is judged below, so the handshake completes and the certificate can be shown.
      rejectUnauthorized: false,
      servername: /^[\d.:]+$/.test(target.host) ? undefined : target.host,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${target.timeoutMs ?? 10_000} ms`));
    }, target.timeoutMs ?? 10_000);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const certificate = socket.getPeerCertificate();
      resolve({
        certificate,
        authorized: socket.authorized,
        error: socket.authorizationError ? String(socket.authorizationError) : undefined,
      });
      socket.end();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
