import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { test } from 'node:test';
import type { AuditRelayError } from '../../../src/core/errors.js';
import { StreamConnection, type StreamTarget } from '../../../src/sinks/syslog/stream.js';

interface FakeReceiver {
  port: number;
  /** Bytes received, per connection, in order. */
  connections: string[];
  sockets: Socket[];
  close(): Promise<void>;
}

/**
 * A receiver that reads everything and, by default, ends its side when the client ends
 * its own, as rsyslog and syslog-ng do. `behave` may do otherwise with a connection.
 */
async function receiver(behave?: (socket: Socket, index: number) => void): Promise<FakeReceiver> {
  const connections: string[] = [];
  const sockets: Socket[] = [];
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    const index = connections.push('') - 1;
    sockets.push(socket);
    socket.on('data', (chunk) => {
      connections[index] += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    if (behave) behave(socket, index);
    else socket.on('end', () => socket.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections,
    sockets,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function stream(port: number, options: Partial<StreamTarget> = {}): StreamConnection {
  return new StreamConnection({
    host: '127.0.0.1',
    port,
    transport: 'tcp',
    tls: { rejectUnauthorized: true },
    connectTimeoutMs: 2000,
    checkpointBytes: 1024 * 1024,
    checkpointIntervalMs: 60_000,
    idleMs: 20,
    closeTimeoutMs: 500,
    ...options,
  });
}

const frames = (...texts: string[]) => texts.map((text) => Buffer.from(text, 'latin1'));

async function rejection(promise: Promise<unknown>): Promise<AuditRelayError> {
  try {
    await promise;
  } catch (error) {
    return error as AuditRelayError;
  }
  throw new Error('expected a rejection');
}

test('writes are confirmed when the receiver ends its side after ours (idle checkpoint)', async () => {
  const fake = await receiver();
  const connection = stream(fake.port);
  try {
    const a = await connection.write(frames('a\n', 'b\n'));
    const b = await connection.write(frames('c\n'));
    await Promise.all([a.confirmed, b.confirmed]);
    assert.deepEqual(fake.connections, ['a\nb\nc\n']);
    const c = await connection.write(frames('d\n'));
    await c.confirmed;
    assert.deepEqual(fake.connections, ['a\nb\nc\n', 'd\n'], 'a new connection after a checkpoint');
  } finally {
    await connection.close();
    await fake.close();
  }
});

test('a connection that carried checkpointBytes is ended and confirmed; later writes wait and keep their order', async () => {
  const fake = await receiver();
  const connection = stream(fake.port, { checkpointBytes: 5, idleMs: 60_000 });
  try {
    const written = [];
    for (let i = 0; i < 5; i++) written.push(await connection.write(frames(`message${i}\n`)));
    // Each write passed 5 bytes, so each was confirmed without waiting for idleness.
    await Promise.all(written.map((w) => w.confirmed));
    assert.equal(fake.connections.join(''), 'message0\nmessage1\nmessage2\nmessage3\nmessage4\n');
    assert.equal(fake.connections.length, 5);
  } finally {
    await connection.close();
    await fake.close();
  }
});

test('a receiver that resets the connection: what it had is unconfirmed (AR_SINK_CLOSED), the next write reconnects', async () => {
  let first = true;
  const fake = await receiver((socket) => {
    if (first) {
      first = false;
      socket.once('data', () => socket.resetAndDestroy());
    } else socket.on('end', () => socket.end());
  });
  const connection = stream(fake.port, { idleMs: 200 });
  try {
    const lost = await connection.write(frames('x\n'));
    const error = await rejection(lost.confirmed);
    assert.equal(error.code, 'AR_SINK_CLOSED');
    assert.equal(error.retryable, true);
    assert.match(error.message, /not confirmed and will be sent again/);
    const again = await connection.write(frames('x\n'));
    await again.confirmed;
    assert.equal(fake.connections.length, 2);
  } finally {
    await connection.close();
    await fake.close();
  }
});

test('a receiver that closes its side first (a TLS port spoken to in plain TCP) confirms nothing', async () => {
  const fake = await receiver((socket) => {
    socket.once('data', () => socket.end());
  });
  const connection = stream(fake.port, { idleMs: 200 });
  try {
    const error = await rejection((await connection.write(frames('<13>1 - h a - - - hello\n'))).confirmed);
    assert.equal(error.code, 'AR_SINK_CLOSED');
    assert.match(error.message, /closed the connection/);
  } finally {
    await connection.close();
    await fake.close();
  }
});

test('a receiver that keeps its side open cannot confirm: the checkpoint times out (AR_SINK_TIMEOUT)', async () => {
  const fake = await receiver(() => {});
  const connection = stream(fake.port, { closeTimeoutMs: 200 });
  try {
    const error = await rejection((await connection.write(frames('y\n'))).confirmed);
    assert.equal(error.code, 'AR_SINK_TIMEOUT');
    assert.match(error.message, /use RELP/);
  } finally {
    await connection.close();
    await fake.close();
  }
});

test('a write that cannot finish (a receiver that does not read) gives up when its signal aborts', async () => {
  const fake = await receiver((socket) => socket.pause());
  const connection = stream(fake.port);
  const timeout = new AbortController();
  setTimeout(() => timeout.abort(), 300);
  try {
    // Far more than both kernel buffers hold.
    const big = Buffer.alloc(64 * 1024 * 1024, 0x61);
    const error = await rejection(connection.write([big], timeout.signal));
    assert.equal(error.code, 'AR_SINK_TIMEOUT');
  } finally {
    await connection.close();
    await fake.close();
  }
});

test('close confirms what is outstanding', async () => {
  const fake = await receiver();
  const connection = stream(fake.port, { idleMs: 60_000 });
  try {
    const written = await connection.write(frames('last\n'));
    await connection.close();
    await written.confirmed;
    assert.deepEqual(fake.connections, ['last\n']);
  } finally {
    await fake.close();
  }
});
