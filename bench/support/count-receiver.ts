// A TCP syslog receiver in its own process, so counting frames does not share the agent's CPU.
// Sends its port to the parent, then 'done' once it has counted the expected octet-counted frames.
import { type AddressInfo, createServer } from 'node:net';

const expected = Number(process.argv[2]);
let frames = 0;
const server = createServer((socket) => {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let offset = 0;
    for (;;) {
      const space = pending.indexOf(0x20, offset);
      if (space < 0) break;
      const length = Number(pending.toString('latin1', offset, space));
      if (space + 1 + length > pending.length) break;
      offset = space + 1 + length;
      frames++;
    }
    pending = pending.subarray(offset);
    if (frames >= expected) process.send?.('done');
  });
});
server.listen(0, '127.0.0.1', () => process.send?.(String((server.address() as AddressInfo).port)));
