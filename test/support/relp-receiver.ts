import { createServer, type Socket } from 'node:net';
import { encodeRelpFrame, type RelpFrame, RelpFrameReader } from '../../src/sinks/syslog/relp/codec.js';

/**
 * A scripted RELP receiver that speaks librelp's framing, for what a real imrelp will not do
 * on demand (refuse a message with 500, go silent, break the protocol).
 */
/** One client connection as the fake receiver saw it. */
export interface FakeSession {
  socket: Socket;
  frames: RelpFrame[];
  /** TXNRs that broke RELP's rule "1, 2, 3, … in every session" (imrelp drops the session). */
  txnrErrors: string[];
  ended: boolean;
  reply(txnr: number, text: string): void;
}

export type Handler = (frame: RelpFrame, session: FakeSession) => void;

export const OPEN_OK =
  '200 OK\nrelp_version=0\nrelp_software=librelp,1.11.0,http://librelp.adiscon.com\ncommands=syslog\n';

/** Answers like imrelp: open with its offers, syslog with 200 OK, close with an empty rsp and serverclose. */
export const imrelpLike: Handler = (frame, session) => {
  if (frame.command === 'open') session.reply(frame.txnr, OPEN_OK);
  else if (frame.command === 'syslog') session.reply(frame.txnr, '200 OK');
  else if (frame.command === 'close') {
    session.reply(frame.txnr, '');
    session.socket.end('0 serverclose 0\n');
  }
};

export async function fakeReceiver(handle: Handler = imrelpLike) {
  const sessions: FakeSession[] = [];
  const server = createServer((socket) => {
    const reader = new RelpFrameReader();
    const session: FakeSession = {
      socket,
      frames: [],
      txnrErrors: [],
      ended: false,
      reply: (txnr, text) => {
        if (!socket.destroyed) socket.write(encodeRelpFrame(txnr, 'rsp', Buffer.from(text)));
      },
    };
    sessions.push(session);
    socket.on('error', () => {});
    socket.on('end', () => {
      session.ended = true;
    });
    socket.on('data', (chunk) => {
      for (const frame of reader.push(chunk)) {
        const expected = session.frames.length + 1;
        if (frame.txnr !== expected) session.txnrErrors.push(`got ${frame.txnr}, expected ${expected}`);
        session.frames.push(frame);
        handle(frame, session);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    sessions,
    /** Message texts of the syslog frames, per session. */
    messages: () =>
      sessions.map((s) => s.frames.filter((f) => f.command === 'syslog').map((f) => f.data.toString())),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.socket.destroy();
        server.close(() => resolve());
      }),
  };
}
