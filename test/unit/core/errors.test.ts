import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditRelayError, describeError, retryable } from '../../../src/core/errors.js';

test('a wrapped error names its cause once, on one line', () => {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:514'), { code: 'ECONNREFUSED' });
  assert.equal(
    describeError(
      retryable('AR_SINK_UNREACHABLE', 'cannot connect to tcp://127.0.0.1:514: ECONNREFUSED', cause),
    ),
    'AR_SINK_UNREACHABLE: cannot connect to tcp://127.0.0.1:514: ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:514)',
  );
  const said = new Error('certificate has expired');
  assert.equal(
    describeError(
      new AuditRelayError('AR_SINK_TLS', 'TLS verification failed: certificate has expired', { cause: said }),
    ),
    'AR_SINK_TLS: TLS verification failed: certificate has expired',
    'not twice when the message already says it',
  );
  const openssl = new Error('error:0A000086:SSL routines::certificate verify failed\nerror:1:second line');
  assert.equal(
    describeError(new AuditRelayError('AR_SINK_TLS', 'handshake failed', { cause: openssl })),
    'AR_SINK_TLS: handshake failed (error:0A000086:SSL routines::certificate verify failed error:1:second line)',
  );
  assert.equal(describeError(new Error('x\ny')), 'AR_INTERNAL: x y');
});
