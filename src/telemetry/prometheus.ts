import { createServer, type Server } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { AuditRelayError } from '../core/errors.js';
import type { ComponentCounters } from '../core/telemetry.js';

/**
 * The agent's counters as a Prometheus endpoint (text format 0.0.4, at /metrics), with
 * prom-client. Names follow Prometheus' conventions: `auditrelay_` prefix, base units
 * (seconds, bytes), `_total` on counters, `_info` for labels-only series. Every value is read
 * from the live counters and the pipeline's view at scrape time; nothing is kept twice.
 */

/** What the endpoint reads at each scrape. */
export interface TelemetryView {
  /** Counters by component name, and which names are sources. */
  components: Record<string, ComponentCounters>;
  sources: {
    name: string;
    walBytes: number;
    walMaxBytes: number;
    walSegments: number;
    walEvents: number;
    position: Record<string, string> | undefined;
    newestEventMs: number | undefined;
  }[];
  /** Per sink and source. */
  deliveries: {
    sink: string;
    source: string;
    backlog: number;
    backlogBytes: number;
    /** Journal time of the oldest event the sink has not taken yet, when it has a backlog. */
    oldestPendingMs: number | undefined;
    /** When the sink last took a batch of this source. */
    lastDeliveryMs: number | undefined;
  }[];
}

type Labels = Record<string, string>;
type Sample = [Labels, number];

export interface AgentMetrics {
  registry: Registry;
  /** The exposition text of one moment: every metric reads the same view. */
  render(): Promise<string>;
}

export function agentMetrics(view: () => TelemetryView, version: string, now = Date.now): AgentMetrics {
  const registry = new Registry();
  let current: TelemetryView | undefined;
  const snapshot = () => current ?? view();
  const sourceNames = () => new Set(snapshot().sources.map((s) => s.name));
  const kindOf = (name: string) => (sourceNames().has(name) ? 'source' : 'sink');
  const each = (kind: 'source' | 'sink', value: (c: ComponentCounters) => number): Sample[] =>
    Object.entries(snapshot().components)
      .filter(([name]) => kindOf(name) === kind)
      .map(([name, c]) => [{ [kind]: name }, value(c)]);
  const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

  const metric = (
    type: 'counter' | 'gauge',
    name: string,
    help: string,
    labelNames: string[],
    samples: () => Sample[],
  ) => {
    const Kind = type === 'counter' ? Counter : Gauge;
    new Kind({
      name,
      help,
      labelNames,
      registers: [registry],
      collect(this: Counter | Gauge) {
        this.reset();
        for (const [labels, value] of samples()) {
          if (this instanceof Counter) this.inc(labels, value);
          else this.set(labels, value);
        }
      },
    });
  };
  const defined = (samples: [Labels, number | undefined][]): Sample[] =>
    samples.filter((s): s is Sample => s[1] !== undefined);

  metric('gauge', 'auditrelay_build_info', 'The running version.', ['version'], () => [[{ version }, 1]]);

  // Sources
  metric('counter', 'auditrelay_source_events_read_total', 'Records read from the source.', ['source'], () =>
    each('source', (c) => c.eventsReceived),
  );
  metric(
    'counter',
    'auditrelay_source_events_dropped_total',
    'Events a source filter left out, by reason.',
    ['source', 'reason'],
    () => droppedOf('source'),
  );
  metric(
    'gauge',
    'auditrelay_source_last_event_timestamp_seconds',
    'Journal time of the newest event read.',
    ['source'],
    () => defined(snapshot().sources.map((s) => [{ source: s.name }, seconds(s.newestEventMs)])),
  );
  metric(
    'gauge',
    'auditrelay_source_lag_seconds',
    'Now minus the journal time of the newest event read.',
    ['source'],
    () =>
      defined(
        snapshot().sources.map((s) => [
          { source: s.name },
          s.newestEventMs === undefined ? undefined : Math.max(0, (now() - s.newestEventMs) / 1000),
        ]),
      ),
  );
  metric(
    'gauge',
    'auditrelay_source_position',
    'Numeric parts of the saved source position (sequence number).',
    ['source', 'part'],
    () =>
      snapshot().sources.flatMap((s) =>
        Object.entries(s.position ?? {})
          .filter(([, value]) => /^\d{1,15}$/.test(value))
          .map(([part, value]): Sample => [{ source: s.name, part: snakeCase(part) }, Number(value)]),
      ),
  );
  metric(
    'gauge',
    'auditrelay_source_position_info',
    'The saved source position (receiver library and name), as labels.',
    ['source', 'position'],
    () =>
      snapshot().sources.flatMap((s): Sample[] => {
        const named = Object.entries(s.position ?? {}).filter(([, value]) => !/^\d{1,15}$/.test(value));
        return named.length === 0
          ? []
          : [[{ source: s.name, position: named.map(([, v]) => v).join('/') }, 1]];
      }),
  );
  metric(
    'gauge',
    'auditrelay_wal_size_bytes',
    "Bytes of the source's write-ahead log segments.",
    ['source'],
    () => snapshot().sources.map((s) => [{ source: s.name }, s.walBytes]),
  );
  metric(
    'gauge',
    'auditrelay_wal_max_bytes',
    "Bound of the source's write-ahead log (buffer.maxSize).",
    ['source'],
    () => snapshot().sources.map((s) => [{ source: s.name }, s.walMaxBytes]),
  );
  metric(
    'gauge',
    'auditrelay_wal_segments',
    "Segment files of the source's write-ahead log.",
    ['source'],
    () => snapshot().sources.map((s) => [{ source: s.name }, s.walSegments]),
  );
  metric('gauge', 'auditrelay_wal_events', "Events stored in the source's write-ahead log.", ['source'], () =>
    snapshot().sources.map((s) => [{ source: s.name }, s.walEvents]),
  );

  // Sinks
  metric('counter', 'auditrelay_sink_events_sent_total', 'Events the sink delivered.', ['sink'], () =>
    each('sink', (c) => c.eventsSent),
  );
  metric(
    'counter',
    'auditrelay_sink_events_resent_total',
    'Messages sent again after a reconnect (duplicates the receiver may see).',
    ['sink'],
    () => each('sink', (c) => c.resent),
  );
  metric(
    'counter',
    'auditrelay_sink_events_failed_total',
    'Events of send attempts that failed and were retried.',
    ['sink'],
    () => each('sink', (c) => c.eventsFailed),
  );
  metric(
    'counter',
    'auditrelay_sink_events_dropped_total',
    'Events a sink filter left out, by reason.',
    ['sink', 'reason'],
    () => droppedOf('sink'),
  );
  metric(
    'counter',
    'auditrelay_sink_sent_bytes_total',
    'Bytes the sink wrote, framing included.',
    ['sink'],
    () => each('sink', (c) => c.bytesSent),
  );
  metric(
    'gauge',
    'auditrelay_sink_backlog_events',
    'Events stored and not yet delivered to the sink.',
    ['sink', 'source'],
    () => snapshot().deliveries.map((d) => [{ sink: d.sink, source: d.source }, d.backlog]),
  );
  metric(
    'gauge',
    'auditrelay_sink_backlog_bytes',
    'Bytes of the write-ahead log not yet delivered to the sink.',
    ['sink', 'source'],
    () => snapshot().deliveries.map((d) => [{ sink: d.sink, source: d.source }, d.backlogBytes]),
  );
  metric(
    'gauge',
    'auditrelay_sink_oldest_pending_event_timestamp_seconds',
    'Journal time of the oldest event not yet delivered to the sink.',
    ['sink', 'source'],
    () =>
      defined(
        snapshot().deliveries.map((d) => [{ sink: d.sink, source: d.source }, seconds(d.oldestPendingMs)]),
      ),
  );
  metric(
    'gauge',
    'auditrelay_sink_oldest_pending_event_age_seconds',
    'Now minus the journal time of the oldest event not yet delivered (0 when caught up).',
    ['sink', 'source'],
    () =>
      snapshot().deliveries.map((d) => [
        { sink: d.sink, source: d.source },
        d.oldestPendingMs === undefined ? 0 : Math.max(0, (now() - d.oldestPendingMs) / 1000),
      ]),
  );
  metric(
    'gauge',
    'auditrelay_sink_last_delivery_timestamp_seconds',
    'When the sink last took a batch.',
    ['sink', 'source'],
    () =>
      defined(
        snapshot().deliveries.map((d) => [{ sink: d.sink, source: d.source }, seconds(d.lastDeliveryMs)]),
      ),
  );

  // Both
  metric(
    'counter',
    'auditrelay_errors_total',
    'Errors by component and stable code (AR_…; see docs).',
    ['component', 'kind', 'code'],
    () =>
      Object.entries(snapshot().components).flatMap(([name, c]) =>
        Object.entries(c.errorCodes).map(
          ([code, n]): Sample => [{ component: name, kind: kindOf(name), code }, n],
        ),
      ),
  );
  metric(
    'gauge',
    'auditrelay_connection_up',
    'Whether the last attempt to reach the other end worked (1) or failed (0).',
    ['component', 'kind'],
    () =>
      Object.entries(snapshot().components).flatMap(([name, c]): Sample[] =>
        c.connected === undefined ? [] : [[{ component: name, kind: kindOf(name) }, c.connected ? 1 : 0]],
      ),
  );

  collectDefaultMetrics({ register: registry });
  // Gauges whose names end in _total, against the convention promtool checks: left out.
  for (const name of [
    'nodejs_active_handles_total',
    'nodejs_active_requests_total',
    'nodejs_active_resources_total',
  ]) {
    registry.removeSingleMetric(name);
  }
  return {
    registry,
    async render() {
      current = view();
      try {
        return await registry.metrics();
      } finally {
        current = undefined;
      }
    },
  };

  function droppedOf(kind: 'source' | 'sink'): Sample[] {
    return Object.entries(snapshot().components)
      .filter(([name]) => kindOf(name) === kind)
      .flatMap(([name, c]) =>
        Object.entries(c.dropped).map(([reason, n]): Sample => [{ [kind]: name, reason }, n]),
      );
  }
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/[^a-z0-9_]/g, '_');
}

/** Serves the metrics at http://host:port/metrics until closed. */
export async function serveMetrics(metrics: AgentMetrics, host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      response
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('not found: the metrics are at /metrics\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    metrics.render().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new AuditRelayError('AR_METRICS_LISTEN', `the metrics endpoint cannot listen on ${host}:${port}`, {
          cause: error,
        }),
      ),
    );
    server.listen(port, host, () => resolve());
  });
  // Scrapers keep connections open; they must not hold a stopping agent.
  server.unref();
  return server;
}
