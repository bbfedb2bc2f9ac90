import type { Destination } from '../delivery.js';
import { type Framing, frame } from './framing.js';
import type { RelpConnection } from './relp/connection.js';
import type { StreamConnection } from './stream.js';
import type { UdpConnection } from './udp.js';

/** The three syslog transports as plain destinations of formatted messages (delivery.ts adds the policy). */
type Messages = readonly string[];

const utf8 = (messages: Messages) => messages.map((message) => Buffer.from(message, 'utf8'));
const total = (buffers: readonly Buffer[]) => buffers.reduce((n, b) => n + b.length, 0);

export function udpDestination(udp: UdpConnection): Destination<Messages> {
  return {
    description: udp.description,
    async send(messages) {
      const datagrams = utf8(messages);
      await udp.sendAll(datagrams);
      return { bytes: total(datagrams), resent: 0 };
    },
    close: () => udp.close(),
  };
}

export function relpDestination(relp: RelpConnection): Destination<Messages> {
  return {
    description: relp.description,
    async send(messages, signal) {
      const buffers = utf8(messages);
      const resentBefore = relp.counters.resent;
      const { refused } = await relp.send(buffers, signal);
      return { bytes: total(buffers), resent: relp.counters.resent - resentBefore, refused };
    },
    close: () => relp.close(),
  };
}

export function streamDestination(stream: StreamConnection, framing: Framing): Destination<Messages> {
  return {
    description: stream.description,
    async send(messages, signal) {
      const frames = messages.map((message) => Buffer.from(frame(message, framing), 'utf8'));
      const { confirmed } = await stream.write(frames, signal);
      return { bytes: total(frames), resent: 0, confirmed };
    },
    close: () => stream.close(),
  };
}
