/**
 * simulate → run (the real CLI) → a real rsyslog 8.2302, over UDP, TCP and TLS: every
 * simulated audit entry arrives exactly once, byte for byte as formatted, and rsyslog's own
 * RFC 5424 parser finds the system name, entry type and structured data in it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SecurityEvent } from '../../src/core/event.js';
import { compileFormat } from '../../src/formats/index.js';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';
import { expectedEvents, runAgent, writeAgentConfig } from '../support/agent.js';
import { opensslCertificates, type RunningPeer, startRsyslog, tempDir, waitFor } from '../support/peers.js';

const EVENTS = 400;
const PASSWORD = 'rsyslog-test-pw';

describe('agent → rsyslog', () => {
  let simulator: RunningSimulator;
  let expected: Map<string, SecurityEvent>;

  before(async () => {
    simulator = await startSimulator({
      directory: tempDir('sim'),
      host: '127.0.0.1',
      port: 0,
      user: 'AUDITOR',
      password: PASSWORD,
      rate: 1,
      seed: 42,
      utcOffsetMinutes: -300,
      receiverSize: 150,
      systemName: 'RSYSTEST',
      startTime: Date.parse('2026-11-27T15:00:00Z'),
    });
    // All entries up front: the journal then spans three receivers (and their J entries).
    simulator.generate(EVENTS);
    expected = new Map(expectedEvents(simulator.journal, -300).map((e) => [e.id, e]));
    assert.equal(expected.size, EVENTS);
    assert.ok(simulator.journal.receivers.length >= 3, 'journal should span several receivers');
  });

  after(() => simulator.stop());

  for (const protocol of ['udp', 'tcp', 'tls'] as const) {
    test(`${protocol}: every entry exactly once, intact`, async () => {
      // What the sink sends: over UDP messages are held below the path MTU (RFC 5426).
      const format = compileFormat({
        format: 'rfc5424',
        maxMessageSize: protocol === 'udp' ? 1472 : undefined,
      });
      const dir = tempDir(`rsyslog-${protocol}`);
      const tls = protocol === 'tls' ? opensslCertificates(dir) : undefined;
      let rsyslog: RunningPeer | undefined;
      const agentDir = tempDir('agent');
      try {
        rsyslog = await startRsyslog(protocol, tls);
        const config = writeAgentConfig({
          dir: agentDir,
          mapepirePort: simulator.address.port,
          caFile: simulator.caCertificatePath,
          // A modest batch keeps UDP within the receive buffer on a busy CI machine.
          batchSize: protocol === 'udp' ? 50 : 500,
          sink: `  - type: syslog
    host: 127.0.0.1
    port: ${rsyslog.port}
    transport: ${protocol}
    framing: octet-counting${tls ? `\n    tls:\n      ca: ${tls.caFile}\n      servername: localhost` : ''}`,
        });
        const agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
        try {
          await waitFor(
            () => `${EVENTS} messages in rsyslog (agent said: ${agent.output()})`,
            () => rsyslog!.lines().length >= EVENTS,
            60_000,
          );
          await new Promise((r) => setTimeout(r, 500));
        } finally {
          assert.equal(await agent.stop(), 0, `agent exit code; output:\n${agent.output()}`);
        }
        const received = rsyslog.lines().map((line) => JSON.parse(line) as Record<string, string>);
        assert.equal(received.length, EVENTS, 'no duplicates, no losses');
        const seen = new Set<string>();
        for (const message of received) {
          const id = /\bid="([^"]+)"/.exec(message['raw']!)?.[1];
          assert.ok(id, `message without id: ${message['raw']}`);
          assert.ok(!seen.has(id), `duplicate ${id}`);
          seen.add(id);
          assert.equal(message['raw'], format(expected.get(id)!), `message ${id} arrived changed`);
          assert.equal(message['hostname'], 'RSYSTEST');
          assert.equal(message['appname'], 'QAUDJRN');
          assert.match(message['msgid']!, /^[A-Z0-9]{2}$/);
          assert.ok(
            message['sd']!.startsWith('[auditrelay@0 id='),
            `rsyslog did not parse the SD: ${message['sd']}`,
          );
        }
        assert.equal(seen.size, expected.size);
      } finally {
        await rsyslog?.stop();
      }
    });
  }
});
