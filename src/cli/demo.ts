import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgent } from '../agent/agent.js';
import { configFromData } from '../agent/config/load.js';
import { AuditRelayError, describeError } from '../core/errors.js';
import { applyPlan } from '../ibmi/exit-points/apply.js';
import { exitProgramsNamed } from '../ibmi/exit-points/catalog.js';
import { installPlan } from '../ibmi/exit-points/sql.js';
import { DEFAULT_SIMULATOR, startSimulator } from '../ibmi/simulator/index.js';
import { ibmiConnector } from '../sources/ibmi-connection.js';
import { createLogger } from '../telemetry/logger.js';
import { startReceiver } from '../testkit/syslog-receiver.js';
import { localhostCertificates } from '../testkit/x509.js';
import { type Command, EXIT, numberOption } from './command.js';
import { FORMAT_HELP, FORMAT_OPTIONS, formatChoice } from './format-options.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'simulated IBM i → agent → local receiver, in one process',
  help: `Usage: auditrelay demo [options]

Starts a simulated IBM i, the agent and a local syslog receiver in one process and shows
the events as they arrive: rate, totals per entry type, and a sample of messages.
Everything runs on 127.0.0.1 with random ports and a temporary directory.

Options:
      --events N          stop once the receiver has N events; the last line is "received N of N"
      --rate R            simulated audit entries per second (default 200)
${FORMAT_HELP}
                          (default: rfc5424)
      --transport T       udp, tcp or tls (default tcp)
      --seed S            seed of the simulated activity (default 1)
  -h, --help              show this help`,
  options: {
    events: { type: 'string' },
    rate: { type: 'string' },
    ...FORMAT_OPTIONS,
    transport: { type: 'string' },
    seed: { type: 'string' },
  },
  async run(values, _positionals, io) {
    const transport = String(values['transport'] ?? 'tcp');
    if (!['udp', 'tcp', 'tls'].includes(transport)) {
      throw new AuditRelayError(
        'AR_CLI_USAGE',
        `--transport expects udp, tcp or tls, got ${JSON.stringify(transport)}`,
      );
    }
    const { format, profile } = formatChoice(values);
    const target = values['events'] === undefined ? undefined : numberOption(values, 'events', 0, 1);
    const rate = numberOption(values, 'rate', 200, 0.1);
    const directory = mkdtempSync(join(tmpdir(), 'auditrelay-demo-'));
    const received: string[] = [];
    /** Audit journal events among them (the others have QHST, MSGQ or EXITLOG in their id): the target counts these. */
    let entries = 0;
    let requests = 0;
    const byType = new Map<string, number>();
    const certificates = transport === 'tls' ? localhostCertificates() : undefined;
    const receiver = await startReceiver({
      host: '127.0.0.1',
      port: 0,
      protocol: transport as 'udp' | 'tcp' | 'tls',
      tls: certificates && { cert: certificates.server.certificate, key: certificates.server.key },
      onMessage: (message) => {
        received.push(message);
        if (message.includes('/EXITLOG/')) requests++;
        else if (!/\/(QHST|MSGQ)\//.test(message)) entries++;
        // Per entry type from the RFC 5424 MSGID; other formats show totals only.
        const msgid = /^<\d+>1 /.test(message) ? message.split(' ')[5] : undefined;
        if (msgid) byType.set(msgid, (byType.get(msgid) ?? 0) + 1);
      },
    });
    const simulator = await startSimulator({
      ...DEFAULT_SIMULATOR,
      directory: join(directory, 'ibmi'),
      port: 0,
      rate,
      events: target,
      seed: numberOption(values, 'seed', 1),
      paused: true,
    });
    let receiverCa: string | undefined;
    if (certificates) {
      receiverCa = join(directory, 'receiver-ca.pem');
      writeFileSync(receiverCa, certificates.ca.certificate);
    }
    const connection = {
      type: 'mapepire',
      host: '127.0.0.1',
      port: simulator.address.port,
      user: DEFAULT_SIMULATOR.user,
      password: DEFAULT_SIMULATOR.password,
      ca: simulator.caCertificatePath,
    };
    // Through the schema, so the demo gets every default a config file would.
    const config = configFromData({
      state: join(directory, 'state'),
      log: { level: 'warn' },
      sources: [
        {
          type: 'audit-journal',
          name: 'qaudjrn',
          connection,
          pollInterval: 250,
          startAt: 'oldest',
        },
        // QHST, the operator queues and the exit points of the same system, as a security team
        // would watch them.
        ...(['history-log', 'message-queue'] as const).map((type) => ({
          type,
          name: type === 'history-log' ? 'qhst' : 'operator',
          connection,
          pollInterval: 250,
          startAt: 'oldest',
        })),
        { type: 'exit-points', name: 'exits', connection, pollInterval: 250 },
      ],
      sinks: [
        {
          type: 'syslog',
          name: 'receiver',
          host: '127.0.0.1',
          port: receiver.address.port,
          transport,
          format,
          profile,
          tls: { ca: receiverCa },
        },
      ],
    });
    const logLines: string[] = [];
    // What `auditrelay ibmi install-exit-points` does, so the simulated server jobs log requests.
    const exitSource = config.sources.find((s) => s.type === 'exit-points');
    if (exitSource?.type !== 'exit-points')
      throw new Error('the demo configuration has no exit-points source');
    const installer = await ibmiConnector(
      exitSource.connection,
      directory,
      createLogger({ level: 'warn', write: (line) => logLines.push(line.trimEnd()) }),
    ).connect();
    try {
      const { library } = exitSource;
      const plan = installPlan({
        library,
        agentUser: DEFAULT_SIMULATOR.user,
        programs: exitProgramsNamed(undefined),
      });
      await applyPlan(installer, plan, library, () => {});
    } finally {
      await installer.close();
    }
    simulator.resume();
    const agent = await startAgent({
      config,
      directory,
      logger: createLogger({ level: 'warn', write: (line) => logLines.push(line.trimEnd()) }),
      backoff: { initialMs: 200, maxMs: 2000 },
    });
    io.out(
      `AuditRelay demo: simulated IBM i ${simulator.journal.state.systemName} → agent → ${transport} receiver on 127.0.0.1:${receiver.address.port}` +
        `${target ? `, ${target} events` : ', Ctrl-C to stop'}\n\n`,
    );

    const started = Date.now();
    let shown = 0;
    let lastCount = 0;
    let lastProgress = Date.now();
    const view = () => {
      const seconds = (Date.now() - started) / 1000;
      const types = [...byType]
        .sort((a, b) => b[1] - a[1])
        .map(([t, n]) => `${t} ${n}`)
        .join(', ');
      const messages = received.length - entries - requests;
      const line = `${seconds.toFixed(1).padStart(6)}s  received ${entries}${target ? ` of ${target}` : ''} journal entries, ${messages} messages and ${requests} exit-point requests  ${(received.length / Math.max(seconds, 0.001)).toFixed(0)}/s  [${types}]`;
      if (io.isTty) io.out(`\r\u001b[2K${line}`);
      else io.out(`${line}\n`);
      const samples = received.slice(shown, shown + 3);
      if (samples.length) {
        if (io.isTty) io.out('\n');
        for (const sample of samples) io.out(`  ${summarize(sample)}\n`);
        shown = received.length;
      }
      for (const log of logLines.splice(0)) io.out(`  ! ${log}\n`);
    };
    let interrupted = false;
    const onSignal = () => {
      interrupted = true;
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let failure: unknown;
    agent.done.catch((error) => {
      failure = error;
    });
    // Done once the target is reached and every source has read and delivered what it found:
    // the sources start side by side, each in its own thread, and the journal may be first.
    const settled = () =>
      config.sources.every((source) => agent.metrics.component(source.name!).batches > 0) &&
      agent.view().deliveries.every((delivery) => delivery.backlog === 0);
    while (!interrupted && failure === undefined && !(target && entries >= target && settled())) {
      await new Promise((r) => setTimeout(r, 1000));
      view();
      if (received.length !== lastCount) {
        lastCount = received.length;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > 60_000) {
        io.out('\nno progress for 60 s, giving up\n');
        break;
      }
    }
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await agent.stop();
    await simulator.stop();
    // Let the last datagrams or frames in flight land before counting.
    await new Promise((r) => setTimeout(r, 200));
    await receiver.close();
    rmSync(directory, { recursive: true, force: true });
    if (io.isTty) io.out('\n');
    if (failure !== undefined) io.out(`${describeError(failure)}\n`);
    if (target) {
      io.out(
        `received ${entries} of ${target} journal entries, ${received.length - entries - requests} messages and ${requests} exit-point requests\n`,
      );
      return entries >= target ? EXIT.ok : EXIT.failure;
    }
    io.out(`received ${received.length}\n`);
    return failure === undefined ? EXIT.ok : EXIT.failure;
  },
};

/** One line of the live view: time, entry type and text of an RFC 5424 message, else the message itself. */
function summarize(message: string): string {
  const short = (text: string) => (text.length > 110 ? `${text.slice(0, 107)}...` : text);
  if (!/^<\d+>1 /.test(message)) return short(message);
  const parts = message.split(' ');
  return `${parts[1]?.slice(11, 19) ?? ''} ${(parts[5] ?? '').padEnd(2)}  ${short(message.slice(message.lastIndexOf('] ') + 2))}`;
}
