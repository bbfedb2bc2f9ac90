import { startAgent } from '../agent/agent.js';
import { formatProblem, loadConfig } from '../agent/config/load.js';
import { AuditRelayError, describeError } from '../core/errors.js';
import { createLogger } from '../telemetry/logger.js';
import { type Command, EXIT } from './command.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'run the agent until SIGINT/SIGTERM',
  help: `Usage: auditrelay run --config FILE

Runs the agent: reads the configured sources, delivers to every sink, keeps its position
under the configured state directory. On SIGINT or SIGTERM it stops reading, lets the
batch in flight finish (at most 10 s), saves its position and exits 0.

Exit codes: 0 stopped by signal; 1 configuration or fatal error; 3 the IBM i rejected
the user or password (not retried, so the profile is not disabled by QMAXSIGN).

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
    const loaded = loadConfig(path, io.env);
    if (!loaded.ok) {
      for (const problem of loaded.problems) io.err(`${formatProblem(problem)}\n`);
      return EXIT.failure;
    }
    const logger = createLogger({
      level: loaded.config.log.level,
      format: loaded.config.log.format,
      write: io.err,
    });
    for (const warning of loaded.warnings) logger.warn(formatProblem(warning));
    let agent: ReturnType<typeof startAgent>;
    try {
      agent = startAgent({ config: loaded.config, directory: loaded.directory, logger });
    } catch (error) {
      logger.error(describeError(error));
      return EXIT.failure;
    }
    logger.info('agent started', { config: path, pid: process.pid });
    const stop = (signal: string) => {
      logger.info('stopping', { signal });
      void agent.stop();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    try {
      await agent.done;
      logger.info('agent stopped');
      return EXIT.ok;
    } catch (error) {
      logger.error(describeError(error));
      return error instanceof AuditRelayError && error.code === 'AR_SOURCE_AUTH' ? EXIT.auth : EXIT.failure;
    }
  },
};
