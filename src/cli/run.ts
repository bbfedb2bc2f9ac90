import { type RunningAgent, startAgent } from '../agent/agent.js';
import { formatProblem, loadConfig } from '../agent/config/load.js';
import { VERSION } from '../agent/version.js';
import { AuditRelayError, describeError } from '../core/errors.js';
import type { Logger } from '../core/telemetry.js';
import { createLogger } from '../telemetry/logger.js';
import { type Command, EXIT, type Io } from './command.js';
import { CONFIG_OPTION, loadConfigOption } from './config-option.js';

/** From the stop signal to the exit, at most; the pipeline's drain and close fit well inside. */
const STOP_BOUND_MS = 10_000;

export const runCommand: Command = {
  name: 'run',
  summary: 'run the agent until SIGINT/SIGTERM (SIGHUP reloads)',
  help: `Usage: auditrelay run --config FILE

Runs the agent: reads the configured sources, delivers to every sink, keeps its position
under the configured state directory, which it locks (one agent per state directory).

Signals:
  SIGTERM, SIGINT  stop reading, let the sinks deliver what is stored (up to 7.5 s), save
                   every position and exit 0: at most 10 s in all, whatever the receivers do.
                   What is not delivered stays in the state for the next start. A second
                   signal exits at once.
  SIGHUP           re-read the configuration file and apply it without losing or repeating
                   events: log and metrics settings, changed sources and sinks (restarted
                   between batches), new sinks. A change that needs a restart (state, buffer,
                   a new source, a removed or renamed source or sink) or a file with problems
                   is reported, and the agent keeps running on the configuration it has.

Exit codes: 0 stopped by signal; 1 configuration, state or fatal error; 3 the IBM i rejected
the user or password (not retried, so the profile is not disabled by QMAXSIGN).

Options:
  -c, --config FILE   the YAML configuration (required)
  -h, --help          show this help`,
  options: CONFIG_OPTION,
  async run(values, _positionals, io) {
    const loaded = loadConfigOption(values, io);
    if (!loaded.ok) return EXIT.failure;
    const { path } = loaded;
    const logger = createLogger({
      level: loaded.config.log.level,
      format: loaded.config.log.format,
      write: io.err,
    });
    let agent: RunningAgent;
    try {
      agent = await startAgent({
        config: loaded.config,
        directory: loaded.directory,
        logger,
        configFile: path,
      });
    } catch (error) {
      logger.error(describeError(error));
      return EXIT.failure;
    }
    logger.info('agent started', { config: path, pid: process.pid, version: VERSION });

    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        logger.warn('second signal: exiting now; what was not delivered stays in the state', { signal });
        process.exit(EXIT.failure);
      }
      stopping = true;
      logger.info('stopping', { signal });
      // Whatever hangs (a disk, a receiver), the documented bound holds.
      setTimeout(() => {
        logger.error(`AR_INTERNAL: shutdown took longer than ${STOP_BOUND_MS / 1000} s: exiting now`);
        process.exit(EXIT.failure);
      }, STOP_BOUND_MS - 300).unref();
      void agent.stop();
    };
    let reloads = Promise.resolve();
    const reload = () => {
      if (stopping) return;
      reloads = reloads.then(() => reloadConfig(agent, path, io, logger));
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    process.on('SIGHUP', reload);
    try {
      await agent.done;
      logger.info('agent stopped');
      return EXIT.ok;
    } catch (error) {
      logger.error(describeError(error));
      return error instanceof AuditRelayError && error.code === 'AR_SOURCE_AUTH' ? EXIT.auth : EXIT.failure;
    } finally {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
      process.removeListener('SIGHUP', reload);
    }
  },
};

/** SIGHUP: the same validation as a start; on any problem the running configuration stays. */
async function reloadConfig(agent: RunningAgent, path: string, io: Io, logger: Logger): Promise<void> {
  logger.info('reloading the configuration', { config: path });
  const loaded = loadConfig(path, io.env);
  for (const warning of loaded.warnings) logger.warn(formatProblem(warning));
  const keeping = 'configuration not reloaded: the agent keeps running on the one it has';
  if (!loaded.ok) {
    for (const problem of loaded.problems) logger.error(formatProblem(problem));
    logger.error(keeping);
    return;
  }
  try {
    const result = await agent.reload(loaded.config, loaded.directory);
    if (result.refused.length > 0) {
      for (const reason of result.refused) logger.warn(`AR_CONFIG_RELOAD: ${reason}`);
      logger.warn(keeping);
      return;
    }
    if (result.applied.length === 0) logger.info('configuration unchanged');
    else logger.info('configuration reloaded', { changes: result.applied.join('; ') });
  } catch (error) {
    logger.error(describeError(error));
  }
}
