/**
 * The agent as a user runs it: the compiled CLI (`dist/cli/bin.js run`) in its own process,
 * fdatasync on, reading simulated IBM i systems over the Mapepire WebSocket.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';

export const benchDirectory = (name: string): string => mkdtempSync(join(tmpdir(), `auditrelay-${name}-`));

export interface SimulatedSystem {
  name: string;
  simulator: RunningSimulator;
}

/**
 * A simulated IBM i. With `rate` it writes that many entries per second with real
 * timestamps (up to `events`); without, it writes nothing by itself (call generate) and its
 * clock is fixed.
 */
export async function simulatedSystem(
  directory: string,
  name: string,
  options: { rate?: number; events?: number; receiverSize?: number; seed?: number } = {},
): Promise<SimulatedSystem> {
  const simulator = await startSimulator({
    directory: join(directory, name),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: 'bench',
    rate: options.rate ?? 1,
    events: options.rate ? options.events : 0,
    seed: options.seed ?? 1,
    utcOffsetMinutes: -300,
    receiverSize: options.receiverSize ?? 100_000,
    systemName: name.toUpperCase().slice(0, 8),
    startTime: options.rate ? undefined : Date.parse('2026-11-27T00:00:00Z'),
  });
  return { name, simulator };
}

/** Starts the agent reading every system (one source each) into one TCP syslog sink on `port`. */
export function startAgent(
  directory: string,
  systems: readonly SimulatedSystem[],
  port: number,
  options: { batchSize?: number; pollInterval?: string; metricsListen?: string } = {},
): ChildProcess {
  const config = join(directory, 'agent.yaml');
  const sources = systems.map(
    ({ name, simulator }) => `  - type: audit-journal
    name: ${name}
    connection: { type: mapepire, host: 127.0.0.1, port: ${simulator.address.port}, user: AUDITOR, password: bench, ca: ${simulator.caCertificatePath} }
    startAt: oldest
    batchSize: ${options.batchSize ?? 1000}
    pollInterval: ${options.pollInterval ?? '1s'}
`,
  );
  writeFileSync(
    config,
    `state: ${join(directory, 'state')}
log: { level: warn }
${options.metricsListen ? `metrics: { listen: "${options.metricsListen}" }\n` : ''}sources:
${sources.join('')}sinks:
  - type: syslog
    host: 127.0.0.1
    port: ${port}
    transport: tcp
`,
  );
  // AGENT_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is handed to the agent's node.
  const nodeArgs = (process.env['AGENT_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, resolve('dist/cli/bin.js'), 'run', '--config', config], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** SIGTERM, and resolves once it exited (its CPU profile, if any, is written by then). */
export async function stopAgent(agent: ChildProcess): Promise<void> {
  if (agent.exitCode !== null) return;
  const exited = new Promise((r) => agent.once('exit', r));
  agent.kill('SIGTERM');
  await exited;
}
