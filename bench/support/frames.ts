import type { Socket } from 'node:net';

/**
 * Calls `onFrame` with the start of each octet-counted frame (RFC 6587) `socket` receives and
 * the Date.now() of the chunk that completed it: `header(n)` is the frame's first n bytes as text.
 */
export function onFrames(
  socket: Socket,
  onFrame: (header: (bytes: number) => string, at: number) => void,
): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    const at = Date.now();
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let offset = 0;
    for (;;) {
      const space = pending.indexOf(0x20, offset);
      if (space < 0) break;
      const length = Number(pending.toString('latin1', offset, space));
      const start = space + 1;
      if (start + length > pending.length) break;
      const frame = pending;
      onFrame((bytes) => frame.toString('latin1', start, start + Math.min(bytes, length)), at);
      offset = start + length;
    }
    pending = pending.subarray(offset);
  });
}
