/**
 * simulate → run → syslog-ng 3.38 over TCP (octet counting): syslog-ng's strict RFC 5424
 * parser must accept every message, and give back every structured-data parameter with
 * exactly the value the event carries.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SecurityEvent } from '../../src/core/event.js';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';
import { expectedEvents, runAgent, writeAgentConfig } from '../support/agent.js';
import { type RunningPeer, startSyslogNg, tempDir, waitFor } from '../support/peers.js';

const EVENTS = 500;
const PASSWORD = 'syslog-ng-test-pw';
let simulator: RunningSimulator;
let syslogNg: RunningPeer;

before(async () => {
  simulator = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1,
    seed: 7,
    utcOffsetMinutes: 60,
    receiverSize: 400,
    systemName: 'NGTEST',
    startTime: Date.parse('2026-03-29T00:30:00Z'),
  });
  simulator.generate(EVENTS);
  syslogNg = await startSyslogNg('tcp');
});

after(async () => {
  await syslogNg?.stop();
  await simulator?.stop();
});

/** Values as our RFC 5424 formatter puts them into SD (control characters become spaces). */
const sdText = (value: unknown) => String(value).replace(/[\u0000-\u001f\u007f]/g, ' ');

test('syslog-ng parses every message strictly and returns every SD parameter intact', async () => {
  const agentDir = tempDir('agent');
  const config = writeAgentConfig({
    dir: agentDir,
    mapepirePort: simulator.address.port,
    caFile: simulator.caCertificatePath,
    sink: `  - type: syslog\n    host: 127.0.0.1\n    port: ${syslogNg.port}\n    transport: tcp\n    framing: octet-counting`,
  });
  const agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
  try {
    await waitFor(
      () => `${EVENTS} messages in syslog-ng (agent: ${agent.output()})`,
      () => syslogNg.lines().length >= EVENTS,
      60_000,
    );
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
  }
  const expected = new Map<string, SecurityEvent>(
    expectedEvents(simulator.journal, 60).map((e) => [e.id, e]),
  );
  const received = syslogNg.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.equal(received.length, EVENTS);
  const seen = new Set<string>();
  for (const message of received) {
    assert.doesNotMatch(
      String(message['MESSAGE']),
      /Error processing log message/,
      'syslog-ng rejected a message',
    );
    const sdata = message['_SDATA'] as Record<string, Record<string, string>>;
    assert.ok(sdata, `no structured data parsed: ${JSON.stringify(message)}`);
    const normalized = sdata['auditrelay@0']!;
    const fields = sdata['qaudjrn@0'] ?? {};
    const event = expected.get(normalized['id']!);
    assert.ok(event, `unknown id ${normalized['id']}`);
    assert.ok(!seen.has(event.id), `duplicate ${event.id}`);
    seen.add(event.id);
    assert.equal(message['HOST'], 'NGTEST');
    assert.equal(message['PROGRAM'], 'QAUDJRN');
    assert.equal(message['MSGID'], event.entryType);
    assert.equal(message['PID'], event.jobNumber);
    assert.equal(message['MESSAGE'], event.message);
    for (const key of [
      'id',
      'entryType',
      'subtype',
      'action',
      'outcome',
      'user',
      'job',
      'object',
      'objectLibrary',
      'objectType',
      'remoteAddress',
      'receiver',
      'sequence',
    ] as const) {
      if (event[key] === undefined) assert.equal(normalized[key], undefined, key);
      else assert.equal(normalized[key], sdText(event[key]), `${event.id} ${key}`);
    }
    for (const [key, value] of Object.entries(event.fields)) {
      if (value === '') continue;
      assert.equal(fields[key], sdText(value), `${event.id} field ${key}`);
    }
    assert.equal(Object.keys(fields).length, Object.values(event.fields).filter((v) => v !== '').length);
  }
  assert.equal(seen.size, expected.size);
});
