/**
 * The HTTP sinks under the crash test the syslog sinks pass (crash.test.ts): 20,000 simulated
 * audit entries while the agent is killed with SIGKILL at random moments (at least 10 times)
 * and restarted. One agent feeds three receivers built to each SIEM's documented contract:
 * Splunk HEC with indexer acknowledgement, Elasticsearch _bulk, a plain HTTP endpoint. Every
 * entry must arrive at each; duplicates stay within the two send batches per kill that can be
 * delivered but not yet recorded, and Elasticsearch, where the event id is the `_id`, indexes
 * none twice.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';
import { Random } from '../../src/ibmi/simulator/scenario.js';
import { type HttpReceiver, startHttpReceiver } from '../../src/testkit/http-receiver.js';
import { runAgent, writeAgentConfig } from '../support/agent.js';
import { tempDir, waitFor } from '../support/peers.js';

const EVENTS = 20_000;
const KILLS = 10;
const SEND_BATCH = 500;
const PASSWORD = 'http-crash-pw';

let simulator: RunningSimulator;
let hec: HttpReceiver;
let es: HttpReceiver;
let http: HttpReceiver;

before(async () => {
  simulator = await startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate: 1,
    seed: 4711,
    utcOffsetMinutes: 60,
    receiverSize: 5000,
    systemName: 'HTTPCRSH',
    startTime: Date.parse('2026-11-27T08:00:00Z'),
  });
  simulator.generate(EVENTS);
  hec = await startHttpReceiver({ kind: 'hec', ack: true });
  es = await startHttpReceiver({ kind: 'elasticsearch' });
  http = await startHttpReceiver({ kind: 'http' });
});

after(async () => {
  await Promise.all([hec?.stop(), es?.stop(), http?.stop()]);
  await simulator?.stop();
});

const hecIds = () => hec.documents.map((d) => (d.body as { event: { id: string } }).event.id);
const esIds = () => es.documents.map((d) => d.id!);
const httpIds = () => http.documents.map((d) => (d.body as { id: string }).id);

test('HTTP sinks: SIGKILL at random moments, every entry reaches every receiver, duplicates bounded', async (t) => {
  const random = new Random(13);
  const config = writeAgentConfig({
    dir: tempDir('http-crash'),
    mapepirePort: simulator.address.port,
    caFile: simulator.caCertificatePath,
    batchSize: 1000,
    pollInterval: '100ms',
    sink: [
      `  - type: splunk-hec\n    name: hec\n    url: ${hec.url}\n    token: test-token\n    ack: { enabled: true, pollInterval: 50ms }`,
      `  - type: elasticsearch\n    name: es\n    url: ${es.url}`,
      `  - type: http\n    name: http\n    url: ${http.url}/ingest`,
    ].join('\n'),
  });
  const progress = () => Math.min(hecIds().length, esIds().length, httpIds().length);
  let kills = 0;
  while (kills < KILLS) {
    const agent = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
    const target = progress() + random.int(100, 600);
    await waitFor(
      () => `progress before kill ${kills + 1} (${agent.output()})`,
      () => progress() >= target || progress() >= EVENTS,
      60_000,
      20,
    );
    await new Promise((r) => setTimeout(r, random.int(0, 50)));
    await agent.stop('SIGKILL');
    kills++;
    if (progress() >= EVENTS) break;
  }
  const last = runAgent(config, { AUDITRELAY_PASSWORD: PASSWORD });
  try {
    await waitFor(
      () => `every entry at every receiver after ${kills} kills`,
      () =>
        new Set(hecIds()).size >= EVENTS &&
        new Set(esIds()).size >= EVENTS &&
        new Set(httpIds()).size >= EVENTS,
      120_000,
    );
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    assert.equal(await last.stop(), 0, last.output());
  }
  assert.equal(kills, KILLS);
  const allowed = kills * 2 * SEND_BATCH;
  for (const [name, ids] of [
    ['hec', hecIds()],
    ['http', httpIds()],
  ] as const) {
    const unique = new Set(ids);
    assert.equal(unique.size, EVENTS, `${name}: every entry arrived`);
    assert.ok(
      ids.length - unique.size <= allowed,
      `${name}: ${ids.length - unique.size} duplicates, at most ${allowed}`,
    );
    t.diagnostic(`${name}: ${ids.length - unique.size} duplicates after ${kills} kills`);
  }
  assert.equal(esIds().length, EVENTS, 'elasticsearch indexed each entry once (_id = event id)');
  assert.equal(new Set(esIds()).size, EVENTS);
  const conflicts = es.requests.length;
  t.diagnostic(`elasticsearch: ${conflicts} _bulk requests`);
});
