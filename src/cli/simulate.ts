import { resolve } from 'node:path';
import { AuditRelayError } from '../core/errors.js';
import { parseUtcOffset } from '../ibmi/journal/heading/timestamp.js';
import { DEFAULT_SIMULATOR, startSimulator } from '../ibmi/simulator/index.js';
import { type Command, EXIT, hostPort, numberOption } from './command.js';

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'run a simulated IBM i (audit journal + Mapepire server)',
  help: `Usage: auditrelay simulate --journal DIR [options]

Runs a simulated IBM i: it keeps a persistent QAUDJRN under DIR (receivers of *TYPE5
records in EBCDIC, built from IBM's documented layouts), generates audit activity in real
time, and answers QSYS2.DISPLAY_JOURNAL queries over the Mapepire protocol (WebSocket
over TLS at wss://HOST:PORT/db/, HTTP Basic authentication). It writes the certificate
it serves to DIR/server-cert.pem. Runs until SIGINT/SIGTERM.

Options:
      --journal DIR        journal directory (required; reused across runs)
      --listen HOST:PORT   where to serve Mapepire (default 127.0.0.1:8076)
      --rate R             entries per second (default ${DEFAULT_SIMULATOR.rate})
      --events N           stop generating after N entries in total; keep serving
      --seed S             seed of the generator: same seed, same journal (default ${DEFAULT_SIMULATOR.seed})
      --start ISO          fixed start of the simulated clock (fully reproducible journal)
      --user U             user profile to accept (default ${DEFAULT_SIMULATOR.user})
      --password P         password to accept (default ${DEFAULT_SIMULATOR.password})
      --utc-offset +HH:MM  the simulated system's UTC offset (default -05:00)
      --receiver-size N    entries per journal receiver (default ${DEFAULT_SIMULATOR.receiverSize})
      --system NAME        system name (default ${DEFAULT_SIMULATOR.systemName})
  -h, --help               show this help`,
  options: {
    journal: { type: 'string' },
    listen: { type: 'string' },
    rate: { type: 'string' },
    events: { type: 'string' },
    seed: { type: 'string' },
    start: { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
    'utc-offset': { type: 'string' },
    'receiver-size': { type: 'string' },
    system: { type: 'string' },
  },
  async run(values, _positionals, io) {
    if (typeof values['journal'] !== 'string') {
      io.err('--journal DIR is required\n');
      return EXIT.usage;
    }
    const listen = hostPort(String(values['listen'] ?? '127.0.0.1:8076'), 'listen');
    const offset = parseUtcOffset(String(values['utc-offset'] ?? '-05:00'));
    if (offset === undefined)
      throw new AuditRelayError('AR_CLI_USAGE', '--utc-offset expects +HH:MM or -HH:MM');
    const start = values['start'] === undefined ? undefined : Date.parse(String(values['start']));
    if (start !== undefined && Number.isNaN(start))
      throw new AuditRelayError('AR_CLI_USAGE', '--start expects an ISO date-time');
    const events = values['events'] === undefined ? undefined : numberOption(values, 'events', 0, 0);
    const simulator = await startSimulator({
      directory: resolve(values['journal']),
      host: listen.host,
      port: listen.port,
      user: String(values['user'] ?? DEFAULT_SIMULATOR.user),
      password: String(values['password'] ?? DEFAULT_SIMULATOR.password),
      rate: numberOption(values, 'rate', DEFAULT_SIMULATOR.rate, 0.001),
      events,
      seed: numberOption(values, 'seed', DEFAULT_SIMULATOR.seed),
      startTime: start,
      utcOffsetMinutes: offset,
      receiverSize: numberOption(values, 'receiver-size', DEFAULT_SIMULATOR.receiverSize, 2),
      systemName: String(values['system'] ?? DEFAULT_SIMULATOR.systemName)
        .toUpperCase()
        .slice(0, 8),
    });
    io.out(
      `simulated IBM i ${simulator.journal.state.systemName} serving Mapepire on wss://${simulator.address.address}:${simulator.address.port}/db/\n` +
        `journal ${simulator.journal.directory} (${simulator.generated()} entries so far); certificate ${simulator.caCertificatePath}\n`,
    );
    void simulator.done.then(() => io.out(`generated ${simulator.generated()} entries; still serving\n`));
    await new Promise<void>((resolveStop) => {
      process.once('SIGINT', resolveStop);
      process.once('SIGTERM', resolveStop);
    });
    await simulator.stop();
    return EXIT.ok;
  },
};
