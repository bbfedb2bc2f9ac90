import { resolve } from 'node:path';
import { identities } from '../agent/reload.js';
import { stateProblem } from '../agent/state.js';
import { describeError } from '../core/errors.js';
import { type Command, EXIT } from './command.js';
import { CONFIG_OPTION, loadConfigOption } from './config-option.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'validate a configuration file',
  help: `Usage: auditrelay check --config FILE

Validates the configuration without connecting anywhere, in the same pass as run and a
reload. Prints every problem as
  FILE:LINE KEY: MESSAGE [CODE]
and warnings the same way. When the state directory exists, also checks what a start would
refuse there (a state format this version cannot read, a renamed or removed source or sink)
without writing to it. Exits 1 when there is any problem, 0 otherwise.

Options:
  -c, --config FILE   the YAML configuration (required)
  -h, --help          show this help`,
  options: CONFIG_OPTION,
  async run(values, _positionals, io) {
    const result = loadConfigOption(values, io);
    const { path } = result;
    if (!result.ok) {
      io.err(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found\n`);
      return EXIT.failure;
    }
    // What a start would refuse in the existing state, so that check and run agree.
    const ids = identities(result.config);
    const state = await stateProblem(
      resolve(result.directory, result.config.state),
      { sources: ids.sources.map((s) => s.id), sinks: ids.sinks.map((s) => s.id) },
      path,
    );
    if (state) {
      io.err(`${describeError(state)}\n`);
      return EXIT.failure;
    }
    io.out(
      `${path}: ok (${result.config.sources.length} source(s), ${result.config.sinks.length} sink(s))\n`,
    );
    return EXIT.ok;
  },
};
