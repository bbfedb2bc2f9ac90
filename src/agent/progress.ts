import type { Logger } from '../core/telemetry.js';
import type { TelemetryView } from '../telemetry/prometheus.js';

/**
 * Every `intervalMs`, one info line per source (read, rate, lag) and per sink (sent, rate,
 * backlog, age of the oldest undelivered event): a running agent says what it does, without a
 * line per event.
 */
export function startProgress(
  view: () => TelemetryView,
  logger: Logger,
  intervalMs: number,
): { stop(): void } {
  if (intervalMs <= 0) return { stop() {} };
  let last = totals(view());
  let lastAt = Date.now();
  const timer = setInterval(() => {
    const current = view();
    const now = Date.now();
    const seconds = Math.max(0.001, (now - lastAt) / 1000);
    const counts = totals(current);
    const rate = (name: string) => Math.round(((counts.get(name) ?? 0) - (last.get(name) ?? 0)) / seconds);
    for (const source of current.sources) {
      logger.info('progress', {
        source: source.name,
        read: counts.get(source.name),
        perSecond: rate(source.name),
        lagSeconds:
          source.newestEventMs === undefined ? undefined : Math.round((now - source.newestEventMs) / 1000),
        walBytes: source.walBytes,
      });
    }
    const sinks = new Map<string, { backlog: number; oldest: number | undefined }>();
    for (const d of current.deliveries) {
      const sink = sinks.get(d.sink) ?? { backlog: 0, oldest: undefined };
      sink.backlog += d.backlog;
      if (d.oldestPendingMs !== undefined) sink.oldest = Math.min(sink.oldest ?? Infinity, d.oldestPendingMs);
      sinks.set(d.sink, sink);
    }
    for (const [name, sink] of sinks) {
      logger.info('progress', {
        sink: name,
        sent: counts.get(name),
        perSecond: rate(name),
        backlog: sink.backlog,
        oldestPendingSeconds: sink.oldest === undefined ? undefined : Math.round((now - sink.oldest) / 1000),
      });
    }
    last = counts;
    lastAt = now;
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Events read per source and sent per sink, by component name. */
function totals(view: TelemetryView): Map<string, number> {
  const sources = new Set(view.sources.map((s) => s.name));
  return new Map(
    Object.entries(view.components).map(([name, c]) => [
      name,
      sources.has(name) ? c.eventsReceived : c.eventsSent,
    ]),
  );
}
