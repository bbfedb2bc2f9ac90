import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Minimal X.509 v3 certificate issuance with Node's crypto (ECDSA P-256 / SHA-256), so the
 * simulator, `demo` and `receive` can serve TLS without openssl or a native dependency.
 * Not a general PKI: just enough DER for a CA and leaf certificates Node's TLS accepts.
 */

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  let length: Buffer;
  if (body.length < 0x80) length = Buffer.from([body.length]);
  else {
    const bytes: number[] = [];
    for (let n = body.length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

const seq = (...c: Buffer[]) => der(0x30, ...c);
const set = (...c: Buffer[]) => der(0x31, ...c);
const oid = (dotted: string) => {
  const parts = dotted.split('.').map(Number);
  const bytes = [parts[0]! * 40 + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    for (let n = part >> 7; n > 0; n >>= 7) chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
};
const utf8 = (s: string) => der(0x0c, Buffer.from(s, 'utf8'));
const integer = (b: Buffer) => der(0x02, b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
const bool = (v: boolean) => der(0x01, Buffer.from([v ? 0xff : 0]));
const octets = (b: Buffer) => der(0x04, b);
const bits = (b: Buffer) => der(0x03, Buffer.concat([Buffer.from([0]), b]));

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  // UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5).
  return date.getUTCFullYear() < 2050
    ? der(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : der(0x18, Buffer.from(`${iso}Z`));
}

const name = (commonName: string) => seq(set(seq(oid('2.5.4.3'), utf8(commonName))));
const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

export interface IssuedCertificate {
  certificate: string;
  key: string;
  keyObject: KeyObject;
}

export interface CertificateOptions {
  commonName: string;
  /** DNS names and IP addresses for subjectAltName. */
  altNames?: string[];
  /** A CA certificate may sign others. */
  isCa?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  /** Issuer; omitted for a self-signed certificate. */
  issuer?: { commonName: string; key: KeyObject };
}

export function issueCertificate(options: CertificateOptions): IssuedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 825 * 86_400_000);
  const extensions: Buffer[] = [
    seq(oid('2.5.29.19'), bool(true), octets(seq(...(options.isCa ? [bool(true)] : [])))),
    seq(oid('2.5.29.15'), bool(true), octets(bits(Buffer.from([options.isCa ? 0x86 : 0x80])))),
  ];
  if (options.altNames?.length) {
    const names = options.altNames.map((n) => {
      const family = isIP(n);
      if (family === 4) return der(0x87, Buffer.from(n.split('.').map(Number)));
      if (family === 6) return der(0x87, ipv6Bytes(n));
      return der(0x82, Buffer.from(n, 'ascii'));
    });
    extensions.push(seq(oid('2.5.29.17'), octets(seq(...names))));
  }
  const tbs = seq(
    der(0xa0, integer(Buffer.from([2]))),
    integer(serialNumber()),
    ECDSA_SHA256,
    name(options.issuer?.commonName ?? options.commonName),
    seq(time(notBefore), time(notAfter)),
    name(options.commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, options.issuer?.key ?? privateKey);
  const certificate = seq(tbs, ECDSA_SHA256, bits(signature));
  const pem = `-----BEGIN CERTIFICATE-----\n${certificate.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { certificate: pem, key, keyObject: createPrivateKey(key) };
}

/**
 * 16 random bytes whose first byte is never 0: DER wants an INTEGER in its shortest form, and
 * a leading zero byte before one below 0x80 is "illegal padding" to OpenSSL (once in ~512 runs).
 */
function serialNumber(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return serial;
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail = ''] = address.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return Buffer.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}

/** A CA plus a server certificate for localhost, as the simulator and demo need. */
export function localhostCertificates(): { ca: IssuedCertificate; server: IssuedCertificate } {
  const ca = issueCertificate({ commonName: 'AuditRelay local CA', isCa: true });
  const server = issueCertificate({
    commonName: 'localhost',
    altNames: ['localhost', '127.0.0.1', '::1'],
    issuer: { commonName: 'AuditRelay local CA', key: ca.keyObject },
  });
  return { ca, server };
}
