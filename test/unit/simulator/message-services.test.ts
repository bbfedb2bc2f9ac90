import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareStatement, runStatement } from '../../../src/ibmi/simulator/engine.js';
import { SimulatedMessages } from '../../../src/ibmi/simulator/messages.js';
import { DEFAULT_RELEASE, JobLog } from '../../../src/ibmi/simulator/objects.js';
import { parseStatement } from '../../../src/ibmi/simulator/sql.js';
import { SqlError } from '../../../src/ibmi/simulator/sql-errors.js';
import { ROW_LIMIT } from '../../../src/ibmi/simulator/sql-types.js';
import { historyQuery, queueQuery, repliesQuery } from '../../../src/sources/messages/query.js';
import { tempDir } from '../../support/peers.js';

function context(qsysmsg: boolean) {
  const messages = SimulatedMessages.open(tempDir('msg'), { qsysmsg });
  return {
    messages,
    journal: undefined as never,
    system: undefined as never,
    user: 'AUDITOR',
    jobLog: new JobLog(),
    job: '1/AUDITOR/QZDASOINIT',
    behaviour: { lostPosition: 'error' as const, returnNothing: false },
    release: DEFAULT_RELEASE,
    registers: { timezone: 0, server: 'SIM' },
  };
}

const sample = {
  id: 'CPF1393',
  type: 'INFORMATIONAL',
  subtype: null,
  severity: 80,
  timestamp: '2026-11-27 10:00:00.000000',
  fromUser: 'QSYS',
  fromJob: '1/QSYS/QSYSWRK',
  fromProgram: 'QWTSCSBJ',
  file: 'QCPFMSG',
  fileLibrary: 'QSYS',
  text: 'disabled',
  secondLevel: null,
};

test('a queue that does not exist fails as a real server does: SQL0443 text only, the CPF id in the job log', () => {
  const ctx = context(false);
  const query = queueQuery('QSYS', 'QSYSMSG', '', 10);
  assert.throws(
    () => runStatement(parseStatement(query.sql), query.parameters, ctx),
    (error: unknown) =>
      error instanceof SqlError &&
      error.message === '[SQL0443] Trigger program or external routine detected an error.' &&
      error.sqlState === '38501' &&
      !/CPF/.test(error.message),
  );
  assert.equal(ctx.jobLog.messages.at(-1)?.id, 'CPF2403');
});

test('in time then key order, keys come as hex, replies name their inquiry, QHST has no key, a bad timestamp is SQL0181', () => {
  const ctx = context(true);
  const [inquiry] = ctx.messages.send(['QSYS/QSYSOPR'], { ...sample, type: 'INQUIRY', id: null }).values();
  ctx.messages.send(['QSYS/QSYSOPR', 'QHST'], { ...sample, timestamp: '2026-11-27 10:00:01.000000' });
  ctx.messages.send(['QSYS/QSYSOPR'], {
    ...sample,
    type: 'REPLY',
    id: null,
    text: null,
    associatedKey: inquiry,
  });
  const queue = queueQuery('QSYS', 'QSYSOPR', '2026-11-27-10.00.00.000000', 10);
  const rows = runStatement(parseStatement(queue.sql), queue.parameters, ctx).rows;
  assert.deepEqual(
    rows.map((r) => [r['MESSAGE_KEY'], r['MESSAGE_TYPE'], r['ASSOCIATED_MESSAGE_KEY']]),
    [
      ['00000001', 'INQUIRY', null],
      ['00000003', 'REPLY', '00000001'],
      ['00000002', 'INFORMATIONAL', null],
    ],
  );
  const replies = repliesQuery('QSYS', 'QSYSOPR');
  assert.deepEqual(
    runStatement(parseStatement(replies.sql), replies.parameters, ctx).rows.map(
      (r) => r['ASSOCIATED_MESSAGE_KEY'],
    ),
    ['00000001'],
  );
  const history = historyQuery('2026-11-27-00.00.00.000000', 10);
  assert.equal(runStatement(parseStatement(history.sql), history.parameters, ctx).rows.length, 1);
  assert.throws(
    () => prepareStatement(parseStatement('SELECT MESSAGE_KEY FROM TABLE(QSYS2.HISTORY_LOG_INFO()) X'), ctx),
    /SQL0206/,
  );
  assert.throws(() => runStatement(parseStatement(history.sql), ['yesterday'], ctx), /\[SQL0181\]/);
});

test("a first read from the oldest QHST message is not cut at IBM's default start (midnight yesterday)", () => {
  const ctx = context(true);
  ctx.messages.send(['QHST'], { ...sample, timestamp: '2020-01-02 03:04:05.000000' });
  const oldest = historyQuery('', 10);
  assert.equal(runStatement(parseStatement(oldest.sql), oldest.parameters, ctx).rows.length, 1);
  const defaulted = 'SELECT MESSAGE_ID FROM TABLE(QSYS2.HISTORY_LOG_INFO()) X';
  assert.equal(
    runStatement(parseStatement(defaulted), [], ctx).rows.length,
    0,
    'the default start leaves it out',
  );
});

test('every statement the message sources send fits the row limit', () => {
  const ctx = context(true);
  for (const query of [
    historyQuery('', 10),
    queueQuery('QSYS', 'QSYSOPR', '', 10),
    repliesQuery('QSYS', 'X'),
  ]) {
    assert.ok(prepareStatement(parseStatement(query.sql), ctx).width <= ROW_LIMIT, query.sql);
  }
});

test('QHST log versions are named QHSTyydddn after their first message; deleting one takes its messages', () => {
  const ctx = context(true);
  for (let i = 0; i < 1200; i++)
    ctx.messages.send(['QHST'], {
      ...sample,
      timestamp: `2026-11-27 10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000000`,
    });
  assert.deepEqual(ctx.messages.historyVersions, ['QHST26331A', 'QHST26331B', 'QHST26331C']);
  ctx.messages.deleteOldestVersions(1);
  assert.equal(ctx.messages.history().length, 700);
});
