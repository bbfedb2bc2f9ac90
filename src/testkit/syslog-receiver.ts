import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { type AddressInfo, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { FrameReader } from './frame-reader.js';

/**
 * A small syslog receiver for trying a setup and for the demo: UDP (a message per datagram),
 * TCP and TLS (octet counting or LF framing, detected per frame). Not a SIEM; it hands every
 * message to `onMessage`.
 */
export interface ReceiverOptions {
  host: string;
  port: number;
  protocol: 'udp' | 'tcp' | 'tls';
  tls?: { cert: string; key: string; ca?: string; requestCert?: boolean };
  onMessage: (message: string, peer: string) => void;
}

export interface RunningReceiver {
  address: AddressInfo;
  /** Open TCP/TLS connections (tests reset them to simulate faults). */
  connections: Set<Socket>;
  close(): Promise<void>;
}

export function startReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  if (options.protocol === 'udp') return startUdp(options);
  const connections = new Set<Socket>();
  const onConnection = (socket: Socket) => {
    connections.add(socket);
    const reader = new FrameReader();
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.on('data', (chunk: Buffer) => {
      for (const message of reader.push(chunk)) options.onMessage(message, peer);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => connections.delete(socket));
  };
  let server: Server;
  if (options.protocol === 'tls') {
    if (!options.tls) throw new Error('a TLS receiver needs a certificate and key');
    server = createTlsServer(
      {
        cert: options.tls.cert,
        key: options.tls.key,
        ca: options.tls.ca,
        requestCert: options.tls.requestCert ?? false,
      },
      onConnection,
    );
  } else {
    server = createTcpServer(onConnection);
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      resolve({
        address: server.address() as AddressInfo,
        connections,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of connections) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function startUdp(options: ReceiverOptions): Promise<RunningReceiver> {
  const socket: UdpSocket = createSocket(options.host.includes(':') ? 'udp6' : 'udp4');
  socket.on('message', (message, rinfo) =>
    options.onMessage(message.toString('utf8'), `${rinfo.address}:${rinfo.port}`),
  );
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      // Bursts of small datagrams overflow the default receive buffer quickly.
      try {
        socket.setRecvBufferSize(8 * 1024 * 1024);
      } catch {}
      resolve({
        address: socket.address(),
        connections: new Set(),
        close: () => new Promise<void>((done) => socket.close(() => done())),
      });
    });
  });
}
