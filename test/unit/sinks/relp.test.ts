import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditRelayError } from '../../../src/core/errors.js';
import {
  encodeRelpFrame,
  parseRelpOffers,
  parseRelpResponse,
  RELP_OPEN_OFFERS,
  type RelpFrame,
  RelpFrameReader,
} from '../../../src/sinks/syslog/relp/codec.js';
import { RelpConnection } from '../../../src/sinks/syslog/relp/connection.js';
import { freePort } from '../../support/peers.js';
import { fakeReceiver, imrelpLike, OPEN_OK } from '../../support/relp-receiver.js';

const messages = (count: number, prefix = 'm') =>
  Array.from({ length: count }, (_, i) => `<110>1 - host app - - - ${prefix}${i}`);

function connection(port: number, options: Partial<ConstructorParameters<typeof RelpConnection>[0]> = {}) {
  return new RelpConnection({ host: '127.0.0.1', port, connectTimeoutMs: 2000, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<AuditRelayError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AuditRelayError, `expected an AuditRelayError, got ${error}`);
    return error;
  }
  assert.fail('expected a rejection');
}

test('frames are TXNR SP COMMAND SP DATALEN [SP DATA] LF, DATALEN in bytes', () => {
  assert.equal(encodeRelpFrame(2, 'syslog', Buffer.from('héllo')).toString(), '2 syslog 6 héllo\n');
  assert.equal(encodeRelpFrame(7, 'close').toString(), '7 close 0\n');
  assert.equal(
    encodeRelpFrame(1, 'open', Buffer.from(RELP_OPEN_OFFERS)).toString(),
    `1 open ${RELP_OPEN_OFFERS.length} relp_version=0\nrelp_software=auditrelay\ncommands=syslog\n`,
  );
});

test('the reader finds the same frames however the stream is cut', () => {
  const stream = Buffer.from(
    `1 rsp ${Buffer.byteLength(OPEN_OK)} ${OPEN_OK}\n2 rsp 6 200 OK\n3 rsp 0\n0 serverclose 0\n`,
  );
  const expected = [
    { txnr: 1, command: 'rsp', data: OPEN_OK },
    { txnr: 2, command: 'rsp', data: '200 OK' },
    { txnr: 3, command: 'rsp', data: '' },
    { txnr: 0, command: 'serverclose', data: '' },
  ];
  const read = (chunks: Buffer[]) => {
    const reader = new RelpFrameReader();
    return chunks.flatMap((c) => reader.push(c)).map((f) => ({ ...f, data: f.data.toString() }));
  };
  assert.deepEqual(read([stream]), expected);
  for (let cut = 1; cut < stream.length; cut++) {
    assert.deepEqual(read([stream.subarray(0, cut), stream.subarray(cut)]), expected, `cut at ${cut}`);
  }
  assert.deepEqual(read([...stream].map((byte) => Buffer.from([byte]))), expected, 'one byte at a time');
});

test('the reader rejects what is not RELP with a retryable AR_SINK_RELP', () => {
  for (const bad of [
    'x rsp 0\n',
    '1 rsp 2 abc\n',
    '1 rsp 2 abX2 rsp 0\n',
    '1234567890 rsp 0\n',
    '1 rsp 0 \n',
    '1 r2p 0\n',
    '1 rsp 99999 ',
    ' 1 rsp 0\n',
    '1 rsp 6x200 OK\n',
  ]) {
    assert.throws(
      () => new RelpFrameReader().push(Buffer.from(bad)),
      (error: unknown) =>
        error instanceof AuditRelayError && error.code === 'AR_SINK_RELP' && error.retryable,
      JSON.stringify(bad),
    );
  }
});

test('responses and offers read like librelp writes them', () => {
  assert.deepEqual(parseRelpResponse(Buffer.from('200 OK')), { code: 200, text: 'OK', body: '' });
  assert.deepEqual(parseRelpResponse(Buffer.from('500 command disabled')), {
    code: 500,
    text: 'command disabled',
    body: '',
  });
  const open = parseRelpResponse(Buffer.from(OPEN_OK));
  assert.equal(open.code, 200);
  assert.deepEqual(
    [...parseRelpOffers(open.body)],
    [
      ['relp_version', ['0']],
      ['relp_software', ['librelp', '1.11.0', 'http://librelp.adiscon.com']],
      ['commands', ['syslog']],
    ],
  );
  assert.throws(() => parseRelpResponse(Buffer.from('OK')), /malformed RELP response/);
});

test('send opens a session, numbers transactions from 1 and resolves only once every message is acknowledged', async () => {
  const held: Array<() => void> = [];
  const receiver = await fakeReceiver((frame, session) => {
    if (frame.command === 'syslog') held.push(() => session.reply(frame.txnr, '200 OK'));
    else imrelpLike(frame, session);
  });
  const relp = connection(receiver.port);
  try {
    let settled = false;
    const sending = relp.send(messages(5)).finally(() => {
      settled = true;
    });
    while (held.length < 5) await new Promise((r) => setTimeout(r, 5));
    for (const answer of held.slice(0, 4)) answer();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(settled, false, 'one message is still unacknowledged');
    held[4]!();
    await sending;
    const [session] = receiver.sessions;
    assert.equal(session!.frames[0]!.command, 'open');
    assert.equal(session!.frames[0]!.data.toString(), RELP_OPEN_OFFERS);
    assert.deepEqual(receiver.messages(), [messages(5)]);
    assert.deepEqual(session!.txnrErrors, []);
    assert.deepEqual(relp.counters, { sent: 5, acknowledged: 5, resent: 0, sessions: 1, refused: 0 });
  } finally {
    await relp.close();
    await receiver.close();
  }
});

test('never more messages outstanding than the window', async () => {
  const window = 16;
  let unanswered: RelpFrame[] = [];
  let most = 0;
  let timer: NodeJS.Timeout | undefined;
  const receiver = await fakeReceiver((frame, session) => {
    if (frame.command !== 'syslog') return imrelpLike(frame, session);
    unanswered.push(frame);
    most = Math.max(most, unanswered.length);
    // Answer only once the client has gone quiet, so it sends as many as it allows itself.
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const f of unanswered) session.reply(f.txnr, '200 OK');
      unanswered = [];
    }, 20);
  });
  const relp = connection(receiver.port, { window });
  try {
    await relp.send(messages(200));
    assert.equal(most, window);
    assert.deepEqual(receiver.messages(), [messages(200)]);
  } finally {
    await relp.close();
    await receiver.close();
  }
});

test('after a broken connection the retry re-sends only the unacknowledged messages', async () => {
  const window = 8;
  const receiver = await fakeReceiver((frame, session) => {
    if (frame.command !== 'syslog' || session !== receiver.sessions[0]) return imrelpLike(frame, session);
    const received = session.frames.filter((f) => f.command === 'syslog').length;
    if (received <= 10) session.reply(frame.txnr, '200 OK');
    if (received === 15) session.socket.destroy();
  });
  const relp = connection(receiver.port, { window });
  const batch = messages(100);
  try {
    const error = await rejection(relp.send(batch));
    assert.equal(error.code, 'AR_SINK_CLOSED');
    assert.equal(error.retryable, true);
    assert.equal(relp.counters.acknowledged, 10);
    const unacknowledged = relp.counters.sent - 10;
    assert.ok(unacknowledged >= 5 && unacknowledged <= window, `${unacknowledged} in flight at the break`);

    await relp.send(batch);
    const [first, second] = receiver.messages();
    assert.deepEqual(
      second,
      batch.slice(10),
      'the second session starts at the first unacknowledged message',
    );
    assert.deepEqual(first!.slice(0, 10), batch.slice(0, 10));
    assert.equal(relp.counters.resent, unacknowledged);
    assert.equal(relp.counters.acknowledged, 100);
    assert.deepEqual(
      receiver.sessions.flatMap((s) => s.txnrErrors),
      [],
    );
  } finally {
    await relp.close();
    await receiver.close();
  }
});

test('a different batch after a failure is sent whole', async () => {
  const receiver = await fakeReceiver((frame, session) => {
    if (
      frame.command === 'syslog' &&
      session === receiver.sessions[0] &&
      frame.data.toString().endsWith('a3')
    ) {
      session.socket.destroy();
    } else imrelpLike(frame, session);
  });
  const relp = connection(receiver.port, { window: 1 });
  try {
    await rejection(relp.send(messages(5, 'a')));
    await relp.send(messages(5, 'b'));
    assert.deepEqual(receiver.messages()[1], messages(5, 'b'));
    assert.equal(relp.counters.resent, 0);
  } finally {
    await relp.close();
    await receiver.close();
  }
});

test('a refused message fails the send with AR_SINK_RELP and only it is sent again', async () => {
  let refused = false;
  const receiver = await fakeReceiver((frame, session) => {
    if (frame.command === 'syslog' && frame.data.toString().endsWith('m4') && !refused) {
      refused = true;
      session.reply(frame.txnr, '500 queue full');
    } else imrelpLike(frame, session);
  });
  const relp = connection(receiver.port, { window: 4 });
  const batch = messages(10);
  try {
    const error = await rejection(relp.send(batch));
    assert.equal(error.code, 'AR_SINK_RELP');
    assert.match(error.message, /refused message 5 of 10: 500 queue full/);
    const before = receiver.messages()[0]!.length;
    await relp.send(batch);
    const all = receiver.messages()[0]!;
    const first = all.slice(0, before);
    assert.equal(receiver.sessions.length, 1, 'the session stays open after a refusal');
    assert.deepEqual(
      all.slice(before),
      batch.filter((m, i) => i === 4 || !first.includes(m)),
      'the retry sends the refused message and those never sent',
    );
    assert.deepEqual(new Set(all), new Set(batch));
  } finally {
    await relp.close();
    await receiver.close();
  }
});

test('a message refused maxRefusals times is given up and named; the others are delivered', async () => {
  let refusals = 0;
  const receiver = await fakeReceiver((frame, session) => {
    if (frame.command === 'syslog' && frame.data.toString().endsWith('m2')) {
      refusals++;
      session.reply(frame.txnr, '500 message too large');
    } else imrelpLike(frame, session);
  });
  const relp = connection(receiver.port, { window: 4, maxRefusals: 3 });
  const batch = messages(6);
  try {
    for (let attempt = 1; attempt < 3; attempt++) {
      assert.equal((await rejection(relp.send(batch))).code, 'AR_SINK_RELP', `attempt ${attempt}`);
    }
    assert.deepEqual(await relp.send(batch), { refused: [2] });
    assert.equal(refusals, 3);
    assert.equal(relp.counters.refused, 1);
    assert.deepEqual(
      new Set(receiver.messages()[0]),
      new Set(batch),
      'the fake receiver records what it refused too',
    );
    assert.deepEqual(await relp.send(messages(2, 'z')), { refused: [] }, 'the next batch goes on');
  } finally {
    await relp.close();
    await receiver.close();
  }
});

test('serverclose mid-stream fails the send as retryable; the retry reconnects and finishes', async () => {
  const receiver = await fakeReceiver((frame, session) => {
    if (
      frame.command === 'syslog' &&
      session === receiver.sessions[0] &&
      frame.data.toString().endsWith('m3')
    ) {
      session.socket.end('0 serverclose 0\n');
    } else imrelpLike(frame, session);
  });
  const relp = connection(receiver.port, { window: 1 });
  const batch = messages(6);
  try {
    const error = await rejection(relp.send(batch));
    assert.equal(error.code, 'AR_SINK_CLOSED');
    assert.match(error.message, /serverclose/);
    await relp.send(batch);
    assert.deepEqual(receiver.messages(), [batch.slice(0, 4), batch.slice(3)]);
  } finally {
    await relp.close();
    await receiver.close();
  }
});

test('a receiver that refuses the session or is not there fails with a clear code', async () => {
  const refusing = await fakeReceiver((frame, session) => {
    session.reply(frame.txnr, '500 required command not supported by client');
  });
  try {
    const error = await rejection(connection(refusing.port).send(['x']));
    assert.equal(error.code, 'AR_SINK_RELP');
    assert.match(error.message, /refused the RELP session: 500 required command/);
  } finally {
    await refusing.close();
  }
  const nobody = await rejection(connection(await freePort()).send(['x']));
  assert.equal(nobody.code, 'AR_SINK_UNREACHABLE');
  assert.equal(nobody.retryable, true);
});

test('a receiver that stops answering is given up after the response timeout', async () => {
  const receiver = await fakeReceiver((frame, session) => {
    if (frame.command === 'open') imrelpLike(frame, session);
  });
  const relp = connection(receiver.port, { responseTimeoutMs: 300 });
  try {
    const error = await rejection(relp.send(messages(3)));
    assert.equal(error.code, 'AR_SINK_UNREACHABLE');
    assert.match(error.message, /answered nothing for 300 ms with 3 transactions outstanding/);
  } finally {
    await relp.close();
    await receiver.close();
  }
});

test('a receiver that goes silent after an idle spell is still given up', { timeout: 5000 }, async () => {
  let answering = true;
  const receiver = await fakeReceiver((frame, session) => {
    if (answering) imrelpLike(frame, session);
  });
  const relp = connection(receiver.port, { responseTimeoutMs: 200 });
  try {
    await relp.send(messages(2));
    await new Promise((r) => setTimeout(r, 400));
    answering = false;
    const error = await rejection(relp.send(messages(2, 'late')));
    assert.equal(error.code, 'AR_SINK_UNREACHABLE');
  } finally {
    await relp.close();
    await receiver.close();
  }
});

test('answers split across chunks and many answers in one chunk are both understood', async () => {
  const receiver = await fakeReceiver((frame, session) => {
    if (frame.command === 'open') {
      const bytes = encodeRelpFrame(frame.txnr, 'rsp', Buffer.from(OPEN_OK));
      session.socket.write(bytes.subarray(0, 17));
      setTimeout(() => session.socket.write(bytes.subarray(17)), 30);
    } else if (frame.command === 'syslog' && frame.txnr === 11) {
      // One write answering ten transactions at once.
      session.socket.write(
        Buffer.concat(
          Array.from({ length: 10 }, (_, i) => encodeRelpFrame(i + 2, 'rsp', Buffer.from('200 OK'))),
        ),
      );
    } else if (frame.command !== 'syslog') imrelpLike(frame, session);
  });
  const relp = connection(receiver.port, { window: 10 });
  try {
    await relp.send(messages(10));
    assert.equal(relp.counters.acknowledged, 10);
  } finally {
    await relp.close();
    await receiver.close();
  }
});

test('close sends close, waits for its answer and ends the connection', async () => {
  const receiver = await fakeReceiver();
  const relp = connection(receiver.port);
  try {
    await relp.send(messages(3));
    await relp.close();
    const [session] = receiver.sessions;
    assert.deepEqual(
      session!.frames.map((f) => `${f.txnr} ${f.command}`),
      ['1 open', '2 syslog', '3 syslog', '4 syslog', '5 close'],
    );
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(session!.ended, true);
  } finally {
    await receiver.close();
  }
});

test('close is bounded when the receiver never answers it', { timeout: 5000 }, async () => {
  const receiver = await fakeReceiver((frame, session) => {
    if (frame.command !== 'close') imrelpLike(frame, session);
  });
  const relp = connection(receiver.port, { closeTimeoutMs: 200 });
  try {
    await relp.send(messages(1));
    await relp.close();
    assert.equal(receiver.sessions[0]!.frames.at(-1)!.command, 'close');
  } finally {
    await receiver.close();
  }
});

test('a session that runs out of transaction numbers is closed and a fresh one opened', async () => {
  const receiver = await fakeReceiver();
  const relp = connection(receiver.port, { lastTxnr: 5 });
  try {
    await relp.send(messages(10));
    assert.deepEqual(
      receiver.sessions.map((s) => s.frames.map((f) => `${f.txnr} ${f.command}`).join(',')),
      [
        '1 open,2 syslog,3 syslog,4 syslog,5 close',
        '1 open,2 syslog,3 syslog,4 syslog,5 close',
        '1 open,2 syslog,3 syslog,4 syslog,5 close',
        '1 open,2 syslog',
      ],
    );
    assert.deepEqual(receiver.messages().flat(), messages(10));
    assert.equal(relp.counters.sessions, 4);
  } finally {
    await relp.close();
    await receiver.close();
  }
});

test('concurrent sends go out one after the other', async () => {
  const receiver = await fakeReceiver();
  const relp = connection(receiver.port, { window: 4 });
  try {
    await Promise.all([relp.send(messages(20, 'a')), relp.send(messages(20, 'b'))]);
    assert.deepEqual(receiver.messages(), [[...messages(20, 'a'), ...messages(20, 'b')]]);
  } finally {
    await relp.close();
    await receiver.close();
  }
});

test('invalid settings are refused up front', () => {
  assert.throws(() => connection(1, { window: 0 }), /window must be a positive integer/);
  assert.throws(() => connection(1, { lastTxnr: 2 }), /lastTxnr must be within/);
  assert.throws(
    () => connection(1, { tls: { rejectUnauthorized: true, fingerprints: ['md5:00'] } }),
    (error: unknown) => error instanceof AuditRelayError && error.code === 'AR_CONFIG_INVALID',
  );
});
