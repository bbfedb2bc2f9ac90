/**
 * Certificate fingerprint pinning for TLS peers, receivers (RFC 5425 §5.2) and the Mapepire
 * server alike: the peer is accepted
 * when the hash of its end-entity certificate (DER) equals one of the configured fingerprints,
 * written `HASH:HEX` with a hash name from IANA's "Hash Function Textual Names" registry,
 * e.g. `sha-256:AB:CD:…`.
 *
 * Two ways to use it, both checked after the handshake by {@link peerPinError}:
 * - with CA verification (rejectUnauthorized: true): chain, host name and pin must all pass;
 * - pin-only (rejectUnauthorized: false): the pin alone authenticates the receiver, so a
 *   self-signed receiver certificate works without a CA file and without a name check.
 * A post-handshake check is used rather than `checkServerIdentity` because node:tls calls
 * that hook only when chain verification succeeded, and ignores what it returns when
 * rejectUnauthorized is false — exactly the pin-only case.
 */
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { AuditRelayError, retryable } from './errors.js';

/** IANA hash names accepted for pins, with Node's digest name and digest length in bytes. */
const HASHES = {
  'sha-1': { node: 'sha1', bytes: 20 },
  'sha-224': { node: 'sha224', bytes: 28 },
  'sha-256': { node: 'sha256', bytes: 32 },
  'sha-384': { node: 'sha384', bytes: 48 },
  'sha-512': { node: 'sha512', bytes: 64 },
} as const;

export type PinHash = keyof typeof HASHES;

export interface CertificatePin {
  readonly hash: PinHash;
  readonly digest: Buffer;
}

/**
 * Reads one fingerprint: hash name case-insensitive (`sha-256`, also OpenSSL's `sha256`),
 * hex case-insensitive, bytes separated by colons or not at all.
 * Throws AR_CONFIG_INVALID naming what is wrong.
 */
export function parsePin(text: string): CertificatePin {
  const invalid = (why: string) =>
    new AuditRelayError('AR_CONFIG_INVALID', `certificate fingerprint "${text}" ${why}`);
  const colon = text.indexOf(':');
  if (colon < 0) throw invalid('must start with a hash name, e.g. sha-256:AB:CD:…');
  const name = text
    .slice(0, colon)
    .trim()
    .toLowerCase()
    .replace(/^sha(\d)/, 'sha-$1');
  if (name === 'md5' || name === 'md2') throw invalid(`uses ${name}, which is broken; use sha-256`);
  if (!Object.hasOwn(HASHES, name)) {
    throw invalid(
      `names an unknown hash "${text.slice(0, colon)}"; use one of ${Object.keys(HASHES).join(', ')}`,
    );
  }
  const hash = name as PinHash;
  const hex = text.slice(colon + 1).trim();
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2})*$/i.test(hex) && !/^(?:[0-9a-f]{2})+$/i.test(hex)) {
    throw invalid('must continue with hex bytes, all separated by colons or none');
  }
  const digest = Buffer.from(hex.replace(/:/g, ''), 'hex');
  if (digest.length !== HASHES[hash].bytes) {
    throw invalid(`has ${digest.length} bytes, but a ${hash} fingerprint has ${HASHES[hash].bytes}`);
  }
  return { hash, digest };
}

/** The RFC 5425 form of a certificate's fingerprint: `sha-256:AB:CD:…`, upper-case hex. */
export function certificateFingerprint(der: Buffer, hash: PinHash): string {
  const hex = createHash(HASHES[hash].node).update(der).digest('hex').toUpperCase();
  return `${hash}:${hex.match(/../g)!.join(':')}`;
}

/**
 * undefined when the DER certificate matches one of `pins`; otherwise a retryable error
 * (AR_SINK_PIN for a receiver, `code` for others) that names the fingerprints seen (one per
 * hash the pins use), so an operator can compare them with the peer's certificate.
 */
export function pinError(
  der: Buffer | undefined,
  pins: readonly CertificatePin[],
  peer: string,
  code: 'AR_SINK_PIN' | 'AR_SOURCE_TLS' = 'AR_SINK_PIN',
): AuditRelayError | undefined {
  if (!der || der.length === 0) {
    return retryable(code, `${peer} presented no certificate to compare with the pinned fingerprints`);
  }
  const digests = new Map<PinHash, Buffer>();
  for (const pin of pins) {
    let digest = digests.get(pin.hash);
    if (!digest) {
      digest = createHash(HASHES[pin.hash].node).update(der).digest();
      digests.set(pin.hash, digest);
    }
    if (digest.equals(pin.digest)) return undefined;
  }
  const seen = [...new Set(pins.map((pin) => pin.hash))].map((hash) => certificateFingerprint(der, hash));
  return retryable(
    code,
    `the certificate of ${peer} has fingerprint ${seen.join(' / ')}, which matches none of the ${pins.length} pinned`,
  );
}

/** The post-handshake check: the peer's end-entity certificate against `pins`. */
export function peerPinError(
  socket: TLSSocket,
  pins: readonly CertificatePin[],
  peer: string,
  code: 'AR_SINK_PIN' | 'AR_SOURCE_TLS' = 'AR_SINK_PIN',
): AuditRelayError | undefined {
  return pinError(socket.getPeerCertificate().raw, pins, peer, code);
}
