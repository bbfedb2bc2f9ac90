import { formatProblem, loadConfig } from '../agent/config/load.js';
import { type Command, EXIT } from './command.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'validate a configuration file',
  help: `Usage: auditrelay check --config FILE

Validates the configuration without connecting anywhere. Prints every problem as
  FILE:LINE KEY: MESSAGE [CODE]
and exits 1 when there is any, 0 when the file is valid.

Options:
  -c, --config FILE   the YAML configuration (required)
  -h, --help          show this help`,
  options: { config: { type: 'string', short: 'c' } },
  async run(values, _positionals, io) {
    const path = values['config'];
    if (typeof path !== 'string') {
      io.err('--config FILE is required\n');
      return EXIT.usage;
    }
    const result = loadConfig(path, io.env);
    for (const warning of result.warnings) io.err(`${formatProblem(warning)}\n`);
    if (!result.ok) {
      for (const problem of result.problems) io.err(`${formatProblem(problem)}\n`);
      io.err(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found\n`);
      return EXIT.failure;
    }
    io.out(
      `${path}: ok (${result.config.sources.length} source(s), ${result.config.sinks.length} sink(s))\n`,
    );
    return EXIT.ok;
  },
};
