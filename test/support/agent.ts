/**
 * Runs the real CLI (`node dist/cli/bin.js run`) as a child process, as an operator would,
 * and derives the events a simulated journal should produce.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecurityEvent } from '../../src/core/event.js';
import { readType5Record } from '../../src/ibmi/journal/heading/type5.js';
import { journalEntryToEvent } from '../../src/ibmi/journal/to-event.js';
import type { SimulatedJournal } from '../../src/ibmi/simulator/journal.js';
import { ROOT } from './peers.js';

export const BIN = join(ROOT, 'dist/cli/bin.js');

export interface AgentProcess {
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

export function runAgent(configPath: string, env: Record<string, string> = {}): AgentProcess {
  return runCli(['run', '--config', configPath], env);
}

/** Any command of the real CLI as a child process. */
export function runCli(args: string[], env: Record<string, string> = {}): AgentProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface AgentYamlOptions {
  dir: string;
  mapepirePort: number;
  caFile: string;
  sink: string;
  state?: string;
  pollInterval?: string;
  batchSize?: number;
  /** More lines for the source, indented like its keys (e.g. "    onLostPosition: stop"). */
  sourceExtra?: string;
  /** connection.heartbeat of the source. */
  heartbeat?: string;
  /** More top-level lines (e.g. "metrics: { listen: 127.0.0.1:9464 }"). */
  top?: string;
  /** The file name in `dir` (default agent.yaml). */
  file?: string;
  /** More sources after the audit journal (see messageSourcesYaml). */
  moreSources?: string;
}

/** QHST and QSYSOPR/QSYSMSG sources over the same simulated IBM i, every message selected. */
export function messageSourcesYaml(options: {
  mapepirePort: number;
  caFile: string;
  queues?: string[];
  /** Default `oldest`; the product's default is `newest`. */
  startAt?: 'oldest' | 'newest';
  /** Default true: a history-log source besides the message-queue one. */
  historyLog?: boolean;
}): string {
  const connection = `    connection:
      type: mapepire
      host: 127.0.0.1
      port: ${options.mapepirePort}
      user: AUDITOR
      password: \${AUDITRELAY_PASSWORD}
      ca: ${options.caFile}
    pollInterval: 200ms
    startAt: ${options.startAt ?? 'oldest'}
    select: { messageIds: ['*'] }`;
  const queues = options.queues ? `\n    queues: [${options.queues.join(', ')}]` : '';
  const history =
    options.historyLog === false ? '' : `  - type: history-log\n    name: qhst\n${connection}\n`;
  return `${history}  - type: message-queue\n    name: operator\n${connection}${queues}\n`;
}

/** Writes an agent config file in the documented YAML form; the password comes from ${AUDITRELAY_PASSWORD}. */
export function writeAgentConfig(options: AgentYamlOptions): string {
  const path = join(options.dir, options.file ?? 'agent.yaml');
  writeFileSync(
    path,
    `state: ${options.state ?? './state'}
log:
  level: info
${options.top ?? ''}
sources:
  - type: audit-journal
    name: qaudjrn
    connection:
      type: mapepire
      host: 127.0.0.1
      port: ${options.mapepirePort}
      user: AUDITOR
      password: \${AUDITRELAY_PASSWORD}
      ca: ${options.caFile}
      heartbeat: ${options.heartbeat ?? '5s'}
    pollInterval: ${options.pollInterval ?? '200ms'}
    batchSize: ${options.batchSize ?? 500}
    startAt: oldest
${options.sourceExtra ?? ''}
${options.moreSources ?? ''}
sinks:
${options.sink}
`,
  );
  return path;
}

/** Every journal code T entry of the simulated journal as the agent should normalize it. */
export function expectedEvents(journal: SimulatedJournal, utcOffsetMinutes: number): SecurityEvent[] {
  const events: SecurityEvent[] = [];
  for (const receiver of journal.receivers) {
    for (const stored of journal.entriesOf(receiver)) {
      if (stored.journalCode !== 'T') continue;
      const { entry, issues } = readType5Record(stored.record, 0, 37);
      events.push(journalEntryToEvent(entry, issues, { ccsid: 37, utcOffsetMinutes }));
    }
  }
  return events;
}
