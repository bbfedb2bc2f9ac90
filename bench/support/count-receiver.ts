// A TCP syslog receiver in its own process, so counting frames does not share the agent's CPU.
// Sends its port to the parent, then once it has counted the expected octet-counted frames
// 'done', or with a second argument `hosts`, for each RFC 5424 HOSTNAME how many frames came
// and when (Date.now()) the first, the middle one of its share and the last arrived.
import { type AddressInfo, createServer } from 'node:net';
import { onFrames } from './frames.js';

const expected = Number(process.argv[2]);
const byHost = process.argv[3] === 'hosts';
const hosts = new Map<string, { frames: number; firstMs: number; lastMs: number; times: number[] }>();
let frames = 0;
const server = createServer((socket) =>
  onFrames(socket, (header, at) => {
    if (byHost) count(header(120), at);
    if (++frames === expected) process.send?.(byHost ? { hosts: summary() } : 'done');
  }),
);
server.listen(0, '127.0.0.1', () => process.send?.(String((server.address() as AddressInfo).port)));

/** "<PRI>1 TIMESTAMP HOSTNAME …": the third field of the header. */
function count(header: string, now: number): void {
  const host = header.split(' ', 3)[2] ?? '-';
  const seen = hosts.get(host) ?? { frames: 0, firstMs: now, lastMs: now, times: [] };
  hosts.set(host, seen);
  seen.frames++;
  seen.lastMs = now;
  seen.times.push(now);
}

function summary() {
  return Object.fromEntries(
    [...hosts].map(([host, { frames, firstMs, lastMs, times }]) => [
      host,
      { frames, firstMs, halfMs: times[times.length >> 1], lastMs },
    ]),
  );
}
