import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { AuditRelayError } from '../../../src/core/errors.js';
import { certificateFingerprint, type PinHash, parsePin, pinError } from '../../../src/core/pinning.js';
import { opensslCertificates, tempDir } from '../../support/peers.js';

const material = opensslCertificates(tempDir('pinning'));
const der = new X509Certificate(execFileSync('openssl', ['x509', '-in', material.certFile])).raw;
const otherDer = new X509Certificate(execFileSync('openssl', ['x509', '-in', material.caFile])).raw;

/** The fingerprint as the openssl CLI prints it, e.g. `SHA256 Fingerprint=AB:CD:…`. */
function opensslFingerprint(file: string, digest: string): string {
  const out = execFileSync('openssl', [
    'x509',
    '-noout',
    '-fingerprint',
    `-${digest}`,
    '-in',
    file,
  ]).toString();
  return out.trim().split('=')[1]!;
}

test('fingerprints are the hash of the DER certificate, as openssl prints them', () => {
  for (const [hash, digest] of [
    ['sha-1', 'sha1'],
    ['sha-224', 'sha224'],
    ['sha-256', 'sha256'],
    ['sha-384', 'sha384'],
    ['sha-512', 'sha512'],
  ] as const) {
    assert.equal(
      certificateFingerprint(der, hash as PinHash),
      `${hash}:${opensslFingerprint(material.certFile, digest)}`,
    );
  }
  assert.equal(certificateFingerprint(der, 'sha-256'), `sha-256:${new X509Certificate(der).fingerprint256}`);
});

test('pins are read whatever the case, with or without colons, with IANA or OpenSSL hash names', () => {
  const hex = opensslFingerprint(material.certFile, 'sha256');
  const expected = { hash: 'sha-256', digest: Buffer.from(hex.replace(/:/g, ''), 'hex') };
  for (const text of [
    `sha-256:${hex}`,
    `SHA-256:${hex.toLowerCase()}`,
    `sha-256:${hex.replace(/:/g, '')}`,
    `sha256:${hex}`,
    ` sha-256: ${hex} `,
  ]) {
    assert.deepEqual(parsePin(text), expected, text);
  }
  assert.equal(parsePin(`sha-1:${opensslFingerprint(material.certFile, 'sha1')}`).hash, 'sha-1');
  assert.equal(parsePin(`sha-512:${opensslFingerprint(material.certFile, 'sha512')}`).digest.length, 64);
});

test('malformed pins are refused with AR_CONFIG_INVALID saying why', () => {
  const hex32 = 'AB:'.repeat(31) + 'AB';
  for (const [text, why] of [
    [hex32, /unknown hash "AB"/],
    ['AB', /must start with a hash name/],
    [`md5:${'AB:'.repeat(15)}AB`, /md5, which is broken/],
    [`sha-3:${hex32}`, /unknown hash/],
    [`sha-256:${hex32.slice(3)}`, /has 31 bytes, but a sha-256 fingerprint has 32/],
    [`sha-256:${hex32.replace('AB:AB:', 'ABAB:')}`, /all separated by colons or none/],
    [`sha-256:${hex32.replace('AB', 'AG')}`, /hex bytes/],
    ['sha-256:', /hex bytes/],
  ] as const) {
    assert.throws(
      () => parsePin(text),
      (error: unknown) =>
        error instanceof AuditRelayError && error.code === 'AR_CONFIG_INVALID' && why.test(error.message),
      text,
    );
  }
});

test('a certificate matching any pin passes; otherwise AR_SINK_PIN names what was seen', () => {
  const right = parsePin(certificateFingerprint(der, 'sha-256'));
  const wrong = parsePin(certificateFingerprint(otherDer, 'sha-256'));
  const wrongSha1 = parsePin(certificateFingerprint(otherDer, 'sha-1'));
  assert.equal(pinError(der, [right], 'relp://x'), undefined);
  assert.equal(pinError(der, [wrong, wrongSha1, right], 'relp://x'), undefined, 'one of several pins');
  assert.equal(pinError(der, [parsePin(certificateFingerprint(der, 'sha-1'))], 'relp://x'), undefined);

  const error = pinError(der, [wrong, wrongSha1], 'relp://receiver:2514');
  assert.ok(error instanceof AuditRelayError);
  assert.equal(error.code, 'AR_SINK_PIN');
  assert.equal(error.retryable, true, 'the events stay buffered and the agent keeps trying');
  assert.ok(error.message.includes(certificateFingerprint(der, 'sha-256')), error.message);
  assert.ok(error.message.includes(certificateFingerprint(der, 'sha-1')), error.message);
  assert.match(error.message, /relp:\/\/receiver:2514/);

  const none = pinError(undefined, [right], 'relp://x');
  assert.equal(none?.code, 'AR_SINK_PIN');
  assert.match(none!.message, /presented no certificate/);
});

test('the CA file is not the leaf: pinning the CA does not accept the server', () => {
  const caPin = parsePin(`sha-256:${opensslFingerprint(material.caFile, 'sha256')}`);
  assert.equal(pinError(der, [caPin], 'relp://x')?.code, 'AR_SINK_PIN');
});
