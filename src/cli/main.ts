import { VERSION } from '../agent/version.js';
import { AuditRelayError, describeError } from '../core/errors.js';
import { checkCommand } from './check.js';
import { type Command, EXIT, type Io, parseCommandLine, processIo } from './command.js';
import { decodeCommand } from './decode.js';
import { demoCommand } from './demo.js';
import { ibmiCommand } from './ibmi.js';
import { receiveCommand } from './receive.js';
import { runCommand } from './run.js';
import { simulateCommand } from './simulate.js';
import { stateCommand } from './state.js';
import { statusCommand } from './status.js';

export const COMMANDS: readonly Command[] = [
  demoCommand,
  runCommand,
  checkCommand,
  statusCommand,
  stateCommand,
  decodeCommand,
  simulateCommand,
  receiveCommand,
  ibmiCommand,
];

const USAGE = `Usage: auditrelay COMMAND [options]

IBM i security audit events (QAUDJRN) to your SIEM, in real time.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "auditrelay COMMAND --help" for the options of a command, "auditrelay --version" for the version.`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${USAGE}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`auditrelay ${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command ${JSON.stringify(name)}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parseCommandLine(command, rest);
    if (values['help']) {
      io.out(`${command.help}\n`);
      return EXIT.ok;
    }
    return await command.run(values, positionals, io);
  } catch (error) {
    io.err(`${describeError(error)}\n`);
    return error instanceof AuditRelayError && error.code === 'AR_CLI_USAGE' ? EXIT.usage : EXIT.failure;
  }
}
