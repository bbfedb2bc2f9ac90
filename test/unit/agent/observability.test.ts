import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BacklogWatch } from '../../../src/agent/backlog-watch.js';
import { startProgress } from '../../../src/agent/progress.js';
import { retryable } from '../../../src/core/errors.js';
import { deliverySink } from '../../../src/sinks/delivery.js';
import { createLogger } from '../../../src/telemetry/logger.js';
import { Metrics } from '../../../src/telemetry/metrics.js';
import { agentMetrics, type TelemetryView } from '../../../src/telemetry/prometheus.js';
import { sampleEvent } from '../../support/events.js';
import { fast } from '../../support/pipeline.js';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ write: (line) => lines.push(line.slice(25).trimEnd()) });
  return { lines, logger };
}

test('a backlog says when it starts draining and when it is drained, once each; keeping up says nothing', () => {
  const { lines, logger } = capture();
  let now = 0;
  const watch = new BacklogWatch(logger, { sink: 'siem' }, 5000, () => now);
  for (let i = 0; i < 100; i++) {
    watch.pending();
    now += 10;
    watch.sent(i % 2 ? 0 : 500);
  }
  assert.deepEqual(lines, [], 'a sink that keeps up');
  watch.pending(); // an outage: the batch read now is sent 60 s later
  now += 60_000;
  watch.sent(100_000);
  now += 5000;
  watch.sent(50_000);
  watch.sent(1);
  now += 5000;
  watch.caughtUp();
  assert.deepEqual(lines, [
    'INFO  backlog draining sink=siem backlog=100000 behindSeconds=60',
    'INFO  backlog drained sink=siem backlogAtStart=100000 seconds=10 perSecond=10000',
  ]);
  lines.length = 0;
  const restart = new BacklogWatch(logger, { sink: 'siem' }, 5000, () => now);
  restart.starting(700);
  assert.deepEqual(lines, ['INFO  backlog draining sink=siem backlog=700 behindSeconds=0']);
});

test('a sink says when its connection is lost and regained, once each, and counts by error code', async () => {
  const { lines, logger } = capture();
  const counters = new Metrics().component('siem');
  const state = { up: false, attempts: 0 };
  const sink = deliverySink(
    [
      {
        description: 'receiver',
        async send() {
          if (!state.up && ++state.attempts >= 4) state.up = true;
          if (!state.up) throw retryable('AR_SINK_UNREACHABLE', 'refused');
          return { bytes: 10, resent: 0 };
        },
        close: async () => {},
      },
    ],
    {
      format: (e) => e.id,
      failbackMs: 60_000,
      backoff: fast,
      logger: logger.child({ component: 'siem' }),
      counters,
      name: 'siem',
      deadLetters: { write: async () => {} },
    },
  );
  assert.equal(counters.connected, undefined);
  await sink.send([sampleEvent({ id: '1' }), sampleEvent({ id: '2' })], new AbortController().signal);
  assert.equal(counters.connected, true);
  assert.deepEqual(counters.errorCodes, { AR_SINK_UNREACHABLE: 3 });
  assert.equal(counters.eventsFailed, 6);
  const states = lines.filter((l) => /connection (lost|regained)/.test(l));
  assert.equal(states.length, 2, lines.join('\n'));
  assert.match(states[0]!, /^WARN {2}connection lost component=siem error="AR_SINK_UNREACHABLE: refused"/);
  assert.match(states[1]!, /^INFO {2}connection regained component=siem downSeconds=0/);
});

const VIEW: TelemetryView = {
  components: {
    journal: { ...new Metrics().component('x'), eventsReceived: 10, connected: true },
    siem: { ...new Metrics().component('y'), eventsSent: 7, errorCodes: { AR_SINK_TIMEOUT: 2 } },
  },
  sources: [
    {
      name: 'journal',
      walBytes: 4096,
      walMaxBytes: 1 << 30,
      walSegments: 1,
      walEvents: 10,
      position: { receiverLibrary: 'AUDLIB', receiver: 'AUDRCV0007', sequence: '1234' },
      newestEventMs: 1_000_000,
    },
  ],
  deliveries: [
    {
      sink: 'siem',
      source: 'journal',
      backlog: 3,
      backlogBytes: 900,
      oldestPendingMs: 990_000,
      lastDeliveryMs: undefined,
    },
  ],
};

test('the exposition reads the live view at each scrape, in base units, without series for unknown values', async () => {
  const text = await agentMetrics(
    () => VIEW,
    '9.9.9',
    () => 1_010_000,
  ).render();
  const has = (line: string) => assert.ok(text.split('\n').includes(line), `${line}\n---\n${text}`);
  has('auditrelay_build_info{version="9.9.9"} 1');
  has('auditrelay_source_events_read_total{source="journal"} 10');
  has('auditrelay_source_lag_seconds{source="journal"} 10');
  has('auditrelay_source_last_event_timestamp_seconds{source="journal"} 1000');
  has('auditrelay_source_position{source="journal",part="sequence"} 1234');
  has('auditrelay_source_position_info{source="journal",position="AUDLIB/AUDRCV0007"} 1');
  has('auditrelay_sink_events_sent_total{sink="siem"} 7');
  has('auditrelay_sink_backlog_bytes{sink="siem",source="journal"} 900');
  has('auditrelay_sink_oldest_pending_event_age_seconds{sink="siem",source="journal"} 20');
  has('auditrelay_errors_total{component="siem",kind="sink",code="AR_SINK_TIMEOUT"} 2');
  has('auditrelay_connection_up{component="journal",kind="source"} 1');
  assert.ok(!/auditrelay_sink_last_delivery_timestamp_seconds\{/.test(text), 'no delivery yet: no series');
  assert.ok(!/auditrelay_connection_up\{component="siem"/.test(text), 'connection not known yet: no series');
  assert.match(text, /^process_cpu_user_seconds_total \d/m);
});

test('the progress line gives rates and backlogs per source and sink', async () => {
  const { lines, logger } = capture();
  let view = VIEW;
  const progress = startProgress(() => view, logger, 50);
  view = {
    ...VIEW,
    components: { ...VIEW.components, siem: { ...VIEW.components['siem']!, eventsSent: 1007 } },
  };
  await new Promise((r) => setTimeout(r, 80));
  progress.stop();
  assert.match(
    lines[0]!,
    /^INFO {2}progress source=journal read=10 perSecond=0 lagSeconds=\d+ walBytes=4096$/,
  );
  assert.match(
    lines[1]!,
    /^INFO {2}progress sink=siem sent=1007 perSecond=\d{4,} backlog=3 oldestPendingSeconds=\d+$/,
  );
});
