/**
 * Running the agent as an operator does: the real CLI against the simulated IBM i and real
 * rsyslog. The metrics endpoint scraped over HTTP and read by Prometheus' own parser and
 * linter; status while running and after; two agents on one state; a renamed sink; SIGHUP
 * reloads during RELP delivery; SIGTERM within its bound with a receiver that never answers.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { type RunningSimulator, startSimulator } from '../../src/ibmi/simulator/index.js';
import { type AgentProcess, runAgent, runCli, writeAgentConfig } from '../support/agent.js';
import { freePort, startRelpRsyslog, startRsyslog, tempDir, waitFor } from '../support/peers.js';
import { lintExposition, parseExposition, sampleValue } from '../support/prometheus.js';

const PASSWORD = 'operations-pw';
const ENV = { AUDITRELAY_PASSWORD: PASSWORD };

function simulator(events: number, rate: number): Promise<RunningSimulator> {
  return startSimulator({
    directory: tempDir('sim'),
    host: '127.0.0.1',
    port: 0,
    user: 'AUDITOR',
    password: PASSWORD,
    rate,
    events,
    seed: 12,
    utcOffsetMinutes: 0,
    receiverSize: 100_000,
    systemName: 'OPS',
  });
}

/** The event ids in receiver lines (RFC 5424 structured data), in arrival order. */
const idsOf = (lines: string[]) => lines.map((line) => /\bid="([^"]+)"/.exec(line)?.[1] ?? 'missing');

/** Runs a CLI command to its end; resolves with its exit code and output. */
async function cli(args: string[]): Promise<{ code: number | null; output: string }> {
  const run = runCli(args, ENV);
  const code = await run.exited;
  return { code, output: run.output() };
}

async function statusJson(config: string) {
  const { code, output } = await cli(['status', '--config', config, '--json']);
  assert.equal(code, 0, output);
  return JSON.parse(output) as {
    agent?: { pid: number; alive: boolean };
    sources: {
      name: string;
      position?: { sequence: string };
      sinks: {
        name: string;
        backlog: number;
        oldestPending?: { id: string };
        lastDelivery?: { event?: { id: string } };
      }[];
    }[];
  };
}

const sinkYaml = (name: string, port: number, transport = 'tcp', extra = '') =>
  `  - type: syslog\n    name: ${name}\n    host: 127.0.0.1\n    port: ${port}\n    transport: ${transport}\n${extra}`;

test('metrics over HTTP (parsed and linted by Prometheus tools), status, progress; a second agent is refused', async () => {
  const events = 600;
  const sim = await simulator(events, 3000);
  const rsyslog = await startRsyslog('tcp');
  const metricsPort = await freePort();
  const deadPort = await freePort();
  const dir = tempDir('ops');
  const config = writeAgentConfig({
    dir,
    mapepirePort: sim.address.port,
    caFile: sim.caCertificatePath,
    top: `metrics: { listen: 127.0.0.1:${metricsPort} }\n`,
    sink: `${sinkYaml('siem', rsyslog.port)}${sinkYaml('down', deadPort)}`,
  });
  writeFileSync(
    config,
    readFileSync(config, 'utf8').replace('level: info', 'level: info\n  progressInterval: 1s'),
  );
  const agent = runAgent(config, ENV);
  let second: AgentProcess | undefined;
  try {
    await waitFor(
      () => `${events} events at rsyslog`,
      () => rsyslog.lines().length >= events,
      60_000,
    );
    await waitFor('a progress line', () => /progress sink=down .*backlog=600/.test(agent.output()), 10_000);

    second = runAgent(config, ENV);
    assert.equal(await second.exited, 1, second.output());
    assert.match(
      second.output(),
      new RegExp(`AR_STATE_LOCKED: the state directory .* is in use by pid ${agent.child.pid} `),
    );

    const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    assert.deepEqual(lintExposition(text), [], 'promtool finds nothing against the conventions');
    const families = parseExposition(text);
    const value = (name: string, labels: Record<string, string> = {}) => sampleValue(families, name, labels);
    const source = { source: 'qaudjrn' };
    assert.equal(value('auditrelay_source_events_read_total', source), events);
    assert.equal(value('auditrelay_source_position', { ...source, part: 'sequence' }), events);
    assert.equal(value('auditrelay_wal_events', source), events);
    assert.ok(value('auditrelay_source_lag_seconds', source)! >= 0);
    assert.equal(value('auditrelay_sink_events_sent_total', { sink: 'siem' }), events);
    assert.equal(value('auditrelay_sink_backlog_events', { sink: 'siem', ...source }), 0);
    assert.equal(value('auditrelay_sink_backlog_events', { sink: 'down', ...source }), events);
    assert.ok(value('auditrelay_sink_backlog_bytes', { sink: 'down', ...source })! > events * 300);
    assert.ok(value('auditrelay_sink_oldest_pending_event_age_seconds', { sink: 'down', ...source })! > 0);
    assert.equal(value('auditrelay_sink_oldest_pending_event_age_seconds', { sink: 'siem', ...source }), 0);
    const lastDelivery = value('auditrelay_sink_last_delivery_timestamp_seconds', {
      sink: 'siem',
      ...source,
    })!;
    assert.ok(Math.abs(Date.now() / 1000 - lastDelivery) < 60, `last delivery at ${lastDelivery}`);
    assert.equal(value('auditrelay_connection_up', { component: 'siem', kind: 'sink' }), 1);
    assert.equal(value('auditrelay_connection_up', { component: 'down', kind: 'sink' }), 0);
    assert.equal(value('auditrelay_connection_up', { component: 'qaudjrn', kind: 'source' }), 1);
    assert.ok(value('auditrelay_errors_total', { component: 'down', code: 'AR_SINK_UNREACHABLE' })! >= 1);
    assert.equal(families.find((f) => f.name === 'auditrelay_sink_events_sent')?.type, 'counter');
    assert.equal((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status, 404);

    const running = await statusJson(config);
    assert.equal(running.agent?.pid, agent.child.pid);
    assert.equal(running.agent?.alive, true);
    const [journal] = running.sources;
    assert.equal(journal?.position?.sequence, String(events));
    const down = journal!.sinks.find((s) => s.name === 'down')!;
    const siem = journal!.sinks.find((s) => s.name === 'siem')!;
    assert.equal(down.backlog, events);
    assert.match(down.oldestPending?.id ?? '', /^OPS\/AUDLIB\/AUDRCV\d+\/1$/);
    assert.equal(siem.backlog, 0);
    assert.match(siem.lastDelivery?.event?.id ?? '', new RegExp(`/${events}$`));
    const { output: text2 } = await cli(['status', '--config', config]);
    assert.match(text2, /sink down: backlog 600 events \(.*\), oldest OPS\/AUDLIB\/AUDRCV\d+\/1 at /);
    assert.match(agent.output(), /connection lost component=down .*ECONNREFUSED/);
  } finally {
    const started = Date.now();
    assert.equal(await agent.stop(), 0, agent.output());
    // The down sink has nothing to drain into: the stop does not wait for it.
    assert.ok(Date.now() - started < 5000, `stopped after ${Date.now() - started} ms`);
    await second?.stop();
    await rsyslog.stop();
    await sim.stop();
  }
  assert.deepEqual(idsOf(rsyslog.lines().map((l) => JSON.parse(l).raw)).length, events);
  const after = await statusJson(config);
  assert.equal(after.agent, undefined, 'the lock is gone after a clean stop');
  assert.equal(
    after.sources[0]!.sinks.find((s) => s.name === 'down')!.backlog,
    events,
    'kept for the next start',
  );
});

test('a renamed sink is refused with the command that keeps its position; after it, nothing is sent twice', async () => {
  const sim = await simulator(300, 3000);
  const rsyslog = await startRsyslog('tcp');
  const dir = tempDir('ops');
  const write = (name: string) =>
    writeAgentConfig({
      dir,
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      sink: sinkYaml(name, rsyslog.port),
    });
  const ids = () => idsOf(rsyslog.lines().map((l) => JSON.parse(l).raw));
  try {
    const config = write('siem');
    const first = runAgent(config, ENV);
    await waitFor('300 events', () => rsyslog.lines().length >= 300, 60_000);
    assert.equal(await first.stop(), 0, first.output());

    write('primary');
    const refused = await cli(['run', '--config', config]);
    assert.equal(refused.code, 1);
    assert.match(refused.output, /AR_STATE_UNCLAIMED: .*nothing was started, nothing was deleted/);
    assert.ok(
      refused.output.includes(`auditrelay state rename sink siem primary --config ${config}`),
      refused.output,
    );
    assert.equal(rsyslog.lines().length, 300, 'nothing sent');

    const renamed = await cli(['state', 'rename', 'sink', 'siem', 'primary', '--config', config]);
    assert.equal(renamed.code, 0, renamed.output);
    assert.match(renamed.output, /sink siem's position \(in 1 source log\(s\)\) now belongs to sink primary/);

    sim.generate(100);
    const second = runAgent(config, ENV);
    await waitFor('400 events', () => rsyslog.lines().length >= 400, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await second.stop(), 0, second.output());
    assert.equal(ids().length, 400, 'no event sent twice');
    assert.equal(new Set(ids()).size, 400);
  } finally {
    await rsyslog.stop();
    await sim.stop();
  }
});

test('SIGHUP during delivery to rsyslog over RELP: changes applied live, refused ones reported, every id once', {
  timeout: 180_000,
}, async () => {
  const events = 3000;
  // 12 s of new entries: the six reloads must all land while delivery goes on, also on a loaded CI machine.
  const sim = await simulator(events, 250);
  const rsyslog = await startRelpRsyslog(tempDir('relp'));
  const dir = tempDir('ops');
  const config = (window: number, batchSize: number, level = 'info', sinkName = 'siem') =>
    writeAgentConfig({
      dir,
      mapepirePort: sim.address.port,
      caFile: sim.caCertificatePath,
      batchSize,
      sink: sinkYaml(sinkName, rsyslog.port, 'relp', `    relpWindow: ${window}\n`),
    }) &&
    writeFileSync(
      join(dir, 'agent.yaml'),
      readFileSync(join(dir, 'agent.yaml'), 'utf8').replace('level: info', `level: ${level}`),
    );
  config(128, 100);
  const path = join(dir, 'agent.yaml');
  const agent = runAgent(path, ENV);
  const hup = async (change: () => void, expect: RegExp) => {
    change();
    const before = agent.output().length;
    agent.child.kill('SIGHUP');
    await waitFor(
      () => `reload answer ${expect}`,
      () => expect.test(agent.output().slice(before)),
      15_000,
    );
  };
  try {
    await waitFor('some events', () => rsyslog.lines().length >= 300, 60_000);
    await hup(() => config(16, 100), /configuration reloaded changes="sink siem restarted"/);
    await hup(() => config(16, 37), /configuration reloaded changes="source qaudjrn restarted"/);
    await hup(() => writeFileSync(path, 'sources: [\n'), /AR_CONFIG_SYNTAX[\s\S]*configuration not reloaded/);
    await hup(
      () => config(64, 250, 'debug'),
      /configuration reloaded changes="log settings; source qaudjrn restarted; sink siem restarted"/,
    );
    await hup(
      () => config(64, 250, 'debug', 'renamed'),
      /AR_CONFIG_RELOAD: sink siem is gone\. Renamed\? Give it `id: siem`/,
    );
    await hup(() => config(64, 250, 'info'), /configuration reloaded changes="log settings"/);
    assert.ok(rsyslog.lines().length < events, 'the reloads happened during delivery');
    await waitFor(
      () => `all ${events} events (have ${rsyslog.lines().length})`,
      () => rsyslog.lines().length >= events,
      90_000,
    );
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    assert.equal(await agent.stop(), 0, agent.output());
    await rsyslog.stop();
    await sim.stop();
  }
  const ids = idsOf(rsyslog.lines());
  assert.equal(ids.length, events, 'nothing twice');
  assert.equal(new Set(ids).size, events, 'every id');
  assert.ok(!ids.includes('missing'));
});

test('SIGTERM with a RELP receiver that accepts and never answers: stopped within 10 s, backlog kept', async () => {
  const sim = await simulator(200, 3000);
  const sockets: Socket[] = [];
  const silent = createServer((socket) => sockets.push(socket));
  const port = await freePort();
  await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
  const dir = tempDir('ops');
  const config = writeAgentConfig({
    dir,
    mapepirePort: sim.address.port,
    caFile: sim.caCertificatePath,
    sink: sinkYaml('siem', port, 'relp'),
  });
  const agent = runAgent(config, ENV);
  try {
    await waitFor('the agent connecting to the silent receiver', () => sockets.length > 0, 30_000);
    await waitFor('200 events stored', () => /source starting/.test(agent.output()), 10_000);
    await new Promise((r) => setTimeout(r, 1000));
    const started = Date.now();
    assert.equal(await agent.stop(), 0, agent.output());
    const took = Date.now() - started;
    assert.ok(took < 10_000, `stopped after ${took} ms (before: 16.8 s)`);
    assert.match(
      agent.output(),
      /stopped with events kept for the next start sink=siem source=qaudjrn backlog=200/,
    );
  } finally {
    await agent.stop();
    for (const socket of sockets) socket.destroy();
    silent.close();
    await sim.stop();
  }
  const after = await statusJson(config);
  assert.equal(after.sources[0]!.sinks[0]!.backlog, 200);
});
