import { resolve } from 'node:path';
import { VERSION } from '../agent/version.js';
import { AuditRelayError } from '../core/errors.js';
import { checkStateFormat } from '../store/state/format.js';
import {
  dropSinkState,
  dropSourceState,
  readInventory,
  renameSinkState,
  renameSourceState,
  walDirectory,
} from '../store/state/inventory.js';
import { StateLock } from '../store/state/lock.js';
import { inspectWal } from '../store/wal/inspect.js';
import { type Command, EXIT } from './command.js';
import { CONFIG_OPTION, loadConfigOption } from './config-option.js';

const USAGE =
  'auditrelay state rename sink|source OLD NEW --config FILE\n       auditrelay state drop sink|source NAME --config FILE';

export const stateCommand: Command = {
  name: 'state',
  summary: 'rename or drop the saved state of a sink or source',
  help: `Usage: ${USAGE}

The state directory keeps per source a write-ahead log with its journal position and the
events not yet delivered everywhere, and in it per sink a delivery position (a cursor).
They are named after the source and sink (or their \`id\`). When one is renamed or removed
in the configuration, the agent refuses to start rather than re-send or lose anything, and
names the command to run:

  rename sink OLD NEW     the sink now called NEW keeps the position OLD had
  rename source OLD NEW   the source now called NEW keeps OLD's log and journal position
  drop sink NAME          forget that sink's position (what it had not taken is not sent)
  drop source NAME        delete that source's log (events not yet delivered are lost)

The agent must be stopped: the command takes the state directory's lock.

Options:
  -c, --config FILE   the YAML configuration, for its state directory (required)
  -h, --help          show this help`,
  options: CONFIG_OPTION,
  allowPositionals: true,
  async run(values, positionals, io) {
    const [action, kind, name, to] = positionals;
    const path = values['config'];
    const arity = action === 'rename' ? 4 : 3;
    if (
      typeof path !== 'string' ||
      !['rename', 'drop'].includes(action ?? '') ||
      !['sink', 'source'].includes(kind ?? '') ||
      positionals.length !== arity
    ) {
      throw new AuditRelayError('AR_CLI_USAGE', `Usage: ${USAGE}\nRun: auditrelay state --help`);
    }
    const loaded = loadConfigOption(values, io);
    if (!loaded.ok) return EXIT.failure;
    const stateDirectory = resolve(loaded.directory, loaded.config.state);
    const lock = await StateLock.acquire(stateDirectory, { onNotice: (m) => io.err(`${m}\n`) });
    try {
      await checkStateFormat(stateDirectory, `auditrelay ${VERSION}`);
      io.out(`${await apply(stateDirectory, action!, kind!, name!, to)}\n`);
    } finally {
      await lock.release();
    }
    return EXIT.ok;
  },
};

async function apply(
  state: string,
  action: string,
  kind: string,
  name: string,
  to?: string,
): Promise<string> {
  if (action === 'rename' && kind === 'sink') {
    const moved = await renameSinkState(state, name, to!);
    return `sink ${name}'s position (in ${moved} source log(s)) now belongs to sink ${to}`;
  }
  if (action === 'rename') {
    await renameSourceState(state, name, to!);
    return `source ${name}'s write-ahead log and journal position now belong to source ${to}`;
  }
  if (kind === 'sink') {
    let backlog = 0;
    for (const source of (await readInventory(state)).sources) {
      if (source.cursors.includes(name))
        backlog += (await inspectWal(source.directory)).cursors[name]?.backlog ?? 0;
    }
    await dropSinkState(state, name);
    return `dropped sink ${name}'s position; ${backlog} event(s) it had not taken will not be sent to it`;
  }
  const wal = await inspectWal(walDirectory(state, name)).catch(() => undefined);
  const undelivered = wal ? Math.max(0, ...Object.values(wal.cursors).map((c) => c.backlog)) : 0;
  await dropSourceState(state, name);
  return `dropped source ${name}'s write-ahead log and journal position; ${undelivered} event(s) not yet delivered everywhere are gone`;
}
