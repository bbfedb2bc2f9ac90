import { resolve } from 'node:path';
import { type EventRef, readStatus, type StatusReport } from '../agent/status.js';
import { type Command, EXIT } from './command.js';
import { CONFIG_OPTION, loadConfigOption } from './config-option.js';

export const statusCommand: Command = {
  name: 'status',
  summary: 'where each source and sink stands, from the state directory',
  help: `Usage: auditrelay status --config FILE [--json]

Reads the state directory of the configuration (without writing, so it works whether the
agent runs or not) and prints whether an agent holds it, and per source its journal
position, the newest event stored and its write-ahead log; per sink its backlog (events
and bytes), the oldest event it has not taken yet and its last delivery.

Options:
  -c, --config FILE   the YAML configuration (required)
      --json          one JSON object, for scripts
  -h, --help          show this help`,
  options: { ...CONFIG_OPTION, json: { type: 'boolean' } },
  async run(values, _positionals, io) {
    const loaded = loadConfigOption(values, io);
    if (!loaded.ok) return EXIT.failure;
    const report = await readStatus(loaded.config, resolve(loaded.directory, loaded.config.state));
    io.out(values['json'] ? `${JSON.stringify(report, null, 2)}\n` : describe(report, Date.now()));
    return EXIT.ok;
  },
};

function describe(report: StatusReport, now: number): string {
  const lines: string[] = [];
  const agent = report.agent;
  lines.push(
    `state ${report.state} (format ${report.format ?? 'not written yet'}): ${
      agent
        ? `${agent.alive === false ? 'stale lock of' : 'in use by'} pid ${agent.pid} on ${agent.host} since ${agent.since}`
        : 'no agent running'
    }`,
  );
  if (report.sources.length === 0) lines.push('  nothing stored yet');
  for (const source of report.sources) {
    const position = source.position ? Object.values(source.position).join('/') : 'none yet';
    lines.push(
      `source ${source.name}${source.configured ? '' : ' (not in the configuration)'}: position ${position}; newest event ${ref(source.newestEvent, now)}`,
    );
    lines.push(
      `  write-ahead log: ${source.walEvents} events, ${bytes(source.walBytes)} in ${source.walSegments} segment(s)`,
    );
    for (const sink of source.sinks) {
      const delivery = sink.lastDelivery
        ? `${sink.lastDelivery.at} (${ago(Date.parse(sink.lastDelivery.at), now)}), up to ${sink.lastDelivery.event?.id ?? 'an event no longer stored'}`
        : 'none yet';
      lines.push(
        `  sink ${sink.name}${sink.configured ? '' : ' (not in the configuration)'}: backlog ${sink.backlog} events (${bytes(sink.backlogBytes)})${
          sink.oldestPending ? `, oldest ${ref(sink.oldestPending, now)}` : ''
        }; last delivery ${delivery}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function ref(event: EventRef | undefined, now: number): string {
  return event ? `${event.id} at ${event.time} (${ago(Date.parse(event.time), now)})` : 'none';
}

function ago(ms: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
