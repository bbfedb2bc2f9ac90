import { formatProblem, type LoadResult, loadConfig } from '../agent/config/load.js';
import { AuditRelayError } from '../core/errors.js';
import type { Io, OptionValues } from './command.js';

/** `-c, --config FILE`, for every command that reads a configuration. */
export const CONFIG_OPTION = { config: { type: 'string', short: 'c' } } as const;

/**
 * Reads and validates the file `--config` names (the one pass `check`, `run` and a reload
 * share) and prints its warnings and problems. AR_CLI_USAGE without `--config`.
 */
export function loadConfigOption(values: OptionValues, io: Io): LoadResult & { path: string } {
  const path = values['config'];
  if (typeof path !== 'string') throw new AuditRelayError('AR_CLI_USAGE', '--config FILE is required');
  const loaded = loadConfig(path, io.env);
  for (const warning of loaded.warnings) io.err(`${formatProblem(warning)}\n`);
  if (!loaded.ok) for (const problem of loaded.problems) io.err(`${formatProblem(problem)}\n`);
  return { ...loaded, path };
}
