/**
 * The HTTP sinks against local receivers that implement each SIEM's documented request and
 * response contract (src/testkit/http-receiver.ts): what counts as delivered, what is sent
 * again, what is refused for good, and that nothing accepted is sent twice where avoidable.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Sink, SinkContext } from '../../../src/core/component.js';
import type { SecurityEvent } from '../../../src/core/event.js';
import { compileFormat } from '../../../src/formats/index.js';
import { elasticsearchSink } from '../../../src/sinks/http/elasticsearch.js';
import { httpGenericSink } from '../../../src/sinks/http/generic.js';
import { splunkHecSink } from '../../../src/sinks/http/splunk-hec.js';
import { silentLogger } from '../../../src/telemetry/logger.js';
import { Metrics } from '../../../src/telemetry/metrics.js';
import { type HttpReceiver, startHttpReceiver } from '../../../src/testkit/http-receiver.js';
import { sampleEvent } from '../../support/events.js';

const receivers: HttpReceiver[] = [];
after(async () => {
  for (const receiver of receivers) await receiver.stop();
});

async function receiver(kind: 'hec' | 'elasticsearch' | 'http', ack = false) {
  const started = await startHttpReceiver({ kind, ack });
  receivers.push(started);
  return started;
}

const events = (n: number, from = 1): SecurityEvent[] =>
  Array.from({ length: n }, (_, i) =>
    sampleEvent({ id: `PROD01/AUDLIB/AUDRCV0042/${from + i}`, sequence: String(from + i) }),
  );

interface Built {
  sink: Sink;
  metrics: Metrics;
  /** Reasons written to the dead letters, one per refused event. */
  refused: string[];
}

function build(
  descriptor: typeof splunkHecSink | typeof elasticsearchSink | typeof httpGenericSink,
  raw: Record<string, unknown>,
  format: Record<string, unknown>,
): Built {
  const config = descriptor.configSchema.parse(raw);
  assert.deepEqual(descriptor.validate?.(config as never, raw) ?? [], []);
  const metrics = new Metrics();
  const refused: string[] = [];
  const context: SinkContext = {
    name: 'http-test',
    logger: silentLogger,
    counters: metrics.component('http-test'),
    configDirectory: '.',
    format: () => compileFormat(format),
    backoff: { initialMs: 5, maxMs: 20 },
    deadLetters: {
      async write(events, reason) {
        for (const _ of events) refused.push(reason);
      },
    },
  };
  return { sink: descriptor.create(config as never, context), metrics, refused };
}

/** Sends a batch and waits until it counts as delivered. */
const send = async (sink: Sink, batch: SecurityEvent[], timeoutMs = 20_000) => {
  const receipt = await sink.send(batch, AbortSignal.timeout(timeoutMs));
  await receipt.delivered;
};

const hecBodies = (r: HttpReceiver) => r.documents.map((d) => d.body as Record<string, unknown>);

test('splunk-hec: envelopes with time, host, source, sourcetype, index and the CIM object as event; token; gzip', async () => {
  const hec = await receiver('hec');
  const { sink, metrics } = build(
    splunkHecSink,
    { type: 'splunk-hec', url: hec.url, token: 'test-token', index: 'ibmi' },
    { format: 'json', jsonStyle: 'cim' },
  );
  await send(sink, events(3));
  const bodies = hecBodies(hec);
  assert.equal(bodies.length, 3);
  assert.deepEqual(
    [
      bodies[0]!['time'],
      bodies[0]!['host'],
      bodies[0]!['source'],
      bodies[0]!['sourcetype'],
      bodies[0]!['index'],
    ],
    [1795792530.123, 'PROD01', 'QAUDJRN', 'auditrelay:ibmi', 'ibmi'],
  );
  const event = bodies[0]!['event'] as Record<string, unknown>;
  assert.deepEqual([event['action'], event['user'], event['src']], ['failure', 'JSMITH', '10.1.2.3']);
  assert.ok(hec.requests.every((r) => r.gzip && r.path === '/services/collector/event'));
  assert.equal(metrics.component('http-test').eventsSent, 3);
  await sink.close();
});

test('splunk-hec: a text format travels as a JSON string event', async () => {
  const hec = await receiver('hec');
  const { sink } = build(
    splunkHecSink,
    { type: 'splunk-hec', url: hec.url, token: 'test-token', compression: 'none' },
    { format: 'cef', header: 'none' },
  );
  await send(sink, events(1));
  assert.match(String(hecBodies(hec)[0]!['event']), /^CEF:0\|AuditRelay\|/);
  assert.equal(hec.requests[0]!.gzip, false);
  await sink.close();
});

test('splunk-hec with indexer acknowledgement: delivered only once the ackId reads true', async () => {
  const hec = await receiver('hec', true);
  hec.faults.ackAfterPolls = 3;
  const { sink } = build(
    splunkHecSink,
    { type: 'splunk-hec', url: hec.url, token: 'test-token', ack: { enabled: true, pollInterval: '20ms' } },
    { format: 'json', jsonStyle: 'cim' },
  );
  await send(sink, events(2));
  const acks = hec.requests.filter((r) => r.path.startsWith('/services/collector/ack'));
  assert.equal(acks.length, 4, 'three polls read false, the fourth true');
  assert.ok(hec.requests.every((r) => typeof r.headers['x-splunk-request-channel'] === 'string'));
  await sink.close();
});

test('splunk-hec with ack on but off for the token: retried with a clear error, never counted delivered', async () => {
  const hec = await receiver('hec', false);
  const { sink, metrics } = build(
    splunkHecSink,
    { type: 'splunk-hec', url: hec.url, token: 'test-token', ack: { enabled: true, pollInterval: '20ms' } },
    { format: 'json', jsonStyle: 'cim' },
  );
  await assert.rejects(send(sink, events(1), 300));
  const counters = metrics.component('http-test');
  assert.equal(counters.eventsSent, 0);
  assert.match(counters.lastError ?? '', /AR_SINK_HTTP: .*gave no ackId/);
  await sink.close();
});

test('splunk-hec: a wrong token is retried (nothing dropped) and reported', async () => {
  const hec = await receiver('hec');
  const { sink, metrics } = build(
    splunkHecSink,
    { type: 'splunk-hec', url: hec.url, token: 'wrong' },
    { format: 'json', jsonStyle: 'cim' },
  );
  await assert.rejects(send(sink, events(1), 200));
  assert.ok(hec.requests.length >= 2, 'tried again');
  assert.equal(hec.documents.length, 0);
  assert.match(metrics.component('http-test').lastError ?? '', /HTTP 401/);
  assert.equal(metrics.component('http-test').dropped['deadLetter'], undefined);
  await sink.close();
});

test('splunk-hec: an invalid event (400 code 6) is refused alone; the others are sent again and arrive', async () => {
  const hec = await receiver('hec');
  hec.faults.invalidEvent = (envelope) =>
    ((envelope as { event: { id: string } }).event.id ?? '').endsWith('/3');
  const { sink, metrics, refused } = build(
    splunkHecSink,
    { type: 'splunk-hec', url: hec.url, token: 'test-token' },
    { format: 'json', jsonStyle: 'cim' },
  );
  await send(sink, events(5));
  const ids = hecBodies(hec).map((b) => (b['event'] as { id: string }).id.split('/').pop());
  assert.deepEqual(ids, ['1', '2', '4', '5']);
  assert.equal(metrics.component('http-test').dropped['deadLetter'], 1);
  assert.equal(metrics.component('http-test').eventsSent, 4);
  assert.match(refused[0] ?? '', /code 6/);
  await sink.close();
});

test('elasticsearch: _bulk create into the data stream, _id = event id, NDJSON', async () => {
  const es = await receiver('elasticsearch');
  const { sink } = build(
    elasticsearchSink,
    { type: 'elasticsearch', url: es.url, apiKey: 'k' },
    { format: 'json', jsonStyle: 'ecs' },
  );
  await send(sink, events(4));
  assert.deepEqual(
    es.documents.map((d) => d.id),
    events(4).map((e) => e.id),
  );
  const first = es.documents[0]!.body as { event: { category: string[] }; user: { name: string } };
  assert.deepEqual([first.event.category, first.user.name], [['authentication'], 'JSMITH']);
  assert.match(es.requests[0]!.path, /^\/logs-ibmi\.audit-default\/_bulk\?filter_path=/);
  assert.equal(es.requests[0]!.headers['authorization'], 'ApiKey k');
  assert.equal(es.requests[0]!.headers['content-type'], 'application/x-ndjson');
  await sink.close();
});

test('elasticsearch partial failure: 429 items sent again alone, mapping errors refused, accepted ones never re-sent', async () => {
  const es = await receiver('elasticsearch');
  const attempts = new Map<string, number>();
  es.faults.itemStatus = (document) => {
    const id = (document as { event: { id: string } }).event.id;
    const n = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, n);
    if (id.endsWith('/2')) return 400; // refused for good
    if (id.endsWith('/3') && n <= 2) return 429; // back-pressure twice
    if (id.endsWith('/4') && n === 1) return 503;
    return undefined;
  };
  const { sink, metrics, refused } = build(
    elasticsearchSink,
    { type: 'elasticsearch', url: es.url },
    { format: 'json', jsonStyle: 'ecs' },
  );
  await send(sink, events(5));
  assert.deepEqual(es.documents.map((d) => d.id!.split('/').pop()).sort(), ['1', '3', '4', '5']);
  assert.deepEqual(
    es.requests.map((r) => r.items),
    [5, 2, 1],
    'the retries carry only what was not taken',
  );
  const counters = metrics.component('http-test');
  assert.deepEqual([counters.eventsSent, counters.dropped['deadLetter']], [4, 1]);
  assert.match(refused[0] ?? '', /item 400 document_parsing_exception/);
  await sink.close();
});

test('elasticsearch: a whole-request 429 backs off and retries; a batch sent twice is not indexed twice', async () => {
  const es = await receiver('elasticsearch');
  es.faults.status = 429;
  const { sink, metrics } = build(
    elasticsearchSink,
    { type: 'elasticsearch', url: es.url },
    { format: 'json', jsonStyle: 'ecs' },
  );
  const sending = send(sink, events(3));
  await new Promise((r) => setTimeout(r, 60));
  delete es.faults.status;
  await sending;
  await send(sink, events(3));
  assert.equal(es.documents.length, 3, 'the second copy answered 409: already there');
  assert.equal(metrics.component('http-test').eventsSent, 6);
  assert.ok((metrics.component('http-test').errors.sending ?? 0) >= 1);
  await sink.close();
});

test('a receiver that dies mid-batch: requests already answered are kept, the rest is sent again', async () => {
  const es = await receiver('elasticsearch');
  const { sink } = build(
    elasticsearchSink,
    // Small requests: 10 events make several requests.
    { type: 'elasticsearch', url: es.url, maxRequestSize: 3000 },
    { format: 'json', jsonStyle: 'ecs' },
  );
  let answered = 0;
  es.faults.itemStatus = () => {
    answered++;
    // From the fourth event on, the receiver cuts the connection after reading a request.
    if (answered === 3) es.faults.dieAfterRead = true;
    return undefined;
  };
  const sending = send(sink, events(10));
  await new Promise((r) => setTimeout(r, 100));
  delete es.faults.dieAfterRead;
  await sending;
  const ids = es.documents.map((d) => d.id!.split('/').pop());
  assert.deepEqual(new Set(ids).size, 10);
  assert.equal(ids.length, 10, 'nothing indexed twice');
  const sizes = es.requests.map((r) => r.items);
  assert.ok(sizes.length > 3, `several requests: ${sizes}`);
  await sink.close();
});

test('http: NDJSON lines, extra headers; a refused line is isolated by halving, the rest arrives', async () => {
  const http = await receiver('http');
  http.faults.refuseLine = (line) => line.includes('"sequence":"6"');
  const { sink, metrics } = build(
    httpGenericSink,
    { type: 'http', url: `${http.url}/ingest`, headers: { Authorization: 'Bearer t' } },
    { format: 'json' },
  );
  await send(sink, events(8));
  const sequences = http.documents.map((d) => (d.body as { sequence: string }).sequence);
  assert.deepEqual(sequences.sort(), ['1', '2', '3', '4', '5', '7', '8']);
  assert.equal(http.requests[0]!.headers['authorization'], 'Bearer t');
  assert.equal(http.requests[0]!.headers['content-type'], 'application/x-ndjson');
  assert.ok(http.requests.every((r) => r.path === '/ingest'));
  assert.equal(metrics.component('http-test').dropped['deadLetter'], 1);
  await sink.close();
});

test('http: text formats go as plain lines; 5xx and a dead receiver are retried until it takes the batch', async () => {
  const http = await receiver('http');
  http.faults.status = 503;
  const { sink } = build(
    httpGenericSink,
    { type: 'http', url: http.url },
    { format: 'leef2', header: 'none' },
  );
  const sending = send(sink, events(2));
  await new Promise((r) => setTimeout(r, 50));
  delete http.faults.status;
  await sending;
  assert.equal(http.documents.length, 2);
  assert.match(String(http.documents[0]!.body), /^LEEF:2\.0\|/);
  assert.equal(http.requests.at(-1)!.headers['content-type'], 'text/plain; charset=utf-8');
  await sink.close();
});

test('failover: a down primary URL hands the batch to the next one', async () => {
  const http = await receiver('http');
  const { sink } = build(
    httpGenericSink,
    { type: 'http', urls: ['http://127.0.0.1:1/', http.url], connectTimeout: '1s' },
    { format: 'json' },
  );
  await send(sink, events(2));
  assert.equal(http.documents.length, 2);
  await sink.close();
});

test('configuration: url or urls; elasticsearch only with JSON and a valid index name', () => {
  assert.deepEqual(
    splunkHecSink.validate!(
      splunkHecSink.configSchema.parse({ type: 'splunk-hec', token: 't' }) as never,
      {},
    ),
    [{ path: ['url'], message: 'give either url or urls, not both and not neither' }],
  );
  assert.throws(() =>
    elasticsearchSink.configSchema.parse({ type: 'elasticsearch', url: 'http://x', index: 'Bad Name' }),
  );
  assert.throws(() => httpGenericSink.configSchema.parse({ type: 'http', url: 'ftp://x' }));
  assert.match(elasticsearchSink.formatCheck!({ type: 'cef' }) ?? '', /JSON documents/);
  assert.equal(elasticsearchSink.formatCheck!({ type: 'json', style: 'ecs' }), undefined);
});
