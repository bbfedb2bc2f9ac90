import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatProblem, loadConfig } from '../agent/config/load.js';
import { AuditRelayError } from '../core/errors.js';
import { type AuditJournalConfig, journalConnector, journalOf } from '../sources/audit-journal/index.js';
import { type ProbeReport, runProbe } from '../sources/audit-journal/probe.js';
import { createLogger } from '../telemetry/logger.js';
import { type Command, EXIT, numberOption } from './command.js';

export const ibmiCommand: Command = {
  name: 'ibmi',
  summary: 'ask the IBM i what it has (ibmi probe: a report for bug reports)',
  help: `Usage: auditrelay ibmi probe --config FILE [options]

Connects once with the audit-journal source's connection and runs the agent's queries,
read-only (SELECT statements only), and writes what the IBM i answered to a JSON file:
the release and installed PTF groups (SQL services), DISPLAY_JOURNAL's result columns and
their types (catalog, and as the server describes the agent's own query), which of the
columns the agent treats as optional exist, the journal's receivers, QADSPJR5's fields,
and one entry of each type found in the attached receiver with its entry data in hex.
Every query keeps its SQL and its rows or its error (text, SQLSTATE, SQLCODE).

The file holds audit entries of your system (user and object names, addresses): review
it before you attach it to a bug report.

Options:
  -c, --config FILE       the agent's YAML configuration (required)
      --source NAME       which audit-journal source (default: the first)
  -o, --output FILE       where to write the report (default: auditrelay-probe.json)
      --max-entries N     entries of the attached receiver to read for samples (default 10000; 0: none)
  -h, --help              show this help`,
  options: {
    config: { type: 'string', short: 'c' },
    source: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'max-entries': { type: 'string' },
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    if (positionals.length !== 1 || positionals[0] !== 'probe') {
      throw new AuditRelayError('AR_CLI_USAGE', 'expected: auditrelay ibmi probe --config FILE');
    }
    const path = values['config'];
    if (typeof path !== 'string') {
      io.err('--config FILE is required\n');
      return EXIT.usage;
    }
    const maxEntries = numberOption(values, 'max-entries', 10_000, 0);
    const loaded = loadConfig(path, io.env);
    if (!loaded.ok) {
      for (const problem of loaded.problems) io.err(`${formatProblem(problem)}\n`);
      return EXIT.failure;
    }
    const sources = loaded.config.sources.filter((s): s is AuditJournalConfig => s.type === 'audit-journal');
    const source =
      values['source'] === undefined ? sources[0] : sources.find((s) => s.name === values['source']);
    if (!source) {
      throw new AuditRelayError(
        'AR_CLI_USAGE',
        `no audit-journal source ${values['source'] ?? ''} in ${path}`,
      );
    }
    const logger = createLogger({ level: 'warn', write: io.err });
    const connector = journalConnector(source, loaded.directory, logger);
    const journal = journalOf(source);
    const connection = await connector.connect();
    let report: ProbeReport;
    try {
      report = await runProbe(connection, { ...journal, maxEntries });
    } finally {
      await connection.close();
    }
    const output = resolve(String(values['output'] ?? 'auditrelay-probe.json'));
    writeFileSync(
      output,
      `${JSON.stringify(
        {
          tool: 'auditrelay ibmi probe',
          version: packageVersion(),
          generated: new Date().toISOString(),
          target: connector.target,
          user: source.connection.user,
          journal: `${journal.journalLibrary}/${journal.journal}`,
          notice: 'Holds audit journal entries of this system: review before sharing.',
          ...report,
        },
        null,
        2,
      )}\n`,
    );
    io.out(`${summary(report)}wrote ${output}: review it before you attach it to a bug report\n`);
    return EXIT.ok;
  },
};

function summary(report: ProbeReport): string {
  const rows = (name: string) => {
    const section = report.sections[name];
    return section?.ok ? section.rows : [];
  };
  const [release] = rows('release');
  const groups = rows('ptfGroups').map((g) => `${g['PTF_GROUP_NAME']} level ${g['PTF_GROUP_LEVEL']}`);
  const optional = Object.entries(report.optionalColumns)
    .map(([column, has]) => `${column} ${has === true ? 'yes' : has === false ? 'no' : `? (${has})`}`)
    .join(', ');
  const failed = Object.entries(report.sections).flatMap(([name, s]) =>
    s.ok
      ? []
      : [
          `  ${name}: ${s.error.message} (SQLSTATE ${s.error.sqlState ?? '-'}, SQLCODE ${s.error.sqlCode ?? '-'})`,
        ],
  );
  return [
    `release: ${release ? `${release['OS_NAME']} ${release['OS_VERSION']}.${release['OS_RELEASE']}` : 'unknown'}`,
    `PTF groups: ${groups.join(', ') || 'none found'}`,
    `DISPLAY_JOURNAL columns in the catalog: ${rows('displayJournalColumns').length}; optional: ${optional}`,
    `samples: ${report.samples.length} entry types from ${report.entriesScanned} entries`,
    ...(failed.length ? ['queries that failed:', ...failed] : []),
    '',
  ].join('\n');
}

function packageVersion(): string {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}
