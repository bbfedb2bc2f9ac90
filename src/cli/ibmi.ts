import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatProblem, loadConfig } from '../agent/config/load.js';
import { AuditRelayError } from '../core/errors.js';
import { parsePin } from '../core/pinning.js';
import type { Db2Connection } from '../ibmi/db2/port.js';
import { checkCertificate } from '../ibmi/doctor/certificate.js';
import { runDoctor } from '../ibmi/doctor/doctor.js';
import { type Finding, failed, formatFindings } from '../ibmi/doctor/findings.js';
import { applyPlan } from '../ibmi/exit-points/apply.js';
import { exitProgramsNamed } from '../ibmi/exit-points/catalog.js';
import { dryRunScript, restartNote } from '../ibmi/exit-points/script.js';
import { installPlan, restartCommands, uninstallPlan } from '../ibmi/exit-points/sql.js';
import { parseUtcOffset } from '../ibmi/journal/heading/timestamp.js';
import { type AuditJournalConfig, journalOf } from '../sources/audit-journal/index.js';
import { type ProbeReport, runProbe } from '../sources/audit-journal/probe.js';
import { ibmiConnector, type MapepireConnection } from '../sources/ibmi-connection.js';
import { createLogger } from '../telemetry/logger.js';
import { type Command, EXIT, type Io, numberOption, type OptionValues } from './command.js';

export const ibmiCommand: Command = {
  name: 'ibmi',
  summary: 'check and prepare the IBM i: probe, doctor, install-exit-points, uninstall-exit-points',
  help: `Usage: auditrelay ibmi probe|doctor|install-exit-points|uninstall-exit-points --config FILE [options]

All four connect over Mapepire with the connection of --source, else of the first audit-journal
source, else of the first other source; probe and doctor need an audit-journal source.

  probe                  runs the agent's queries read-only and writes what the IBM i answered
                         (release, PTF groups, DISPLAY_JOURNAL's columns, one entry of each type)
                         to a JSON file for bug reports. It holds audit entries: review it first.
  doctor                 read-only checks of the set-up, one line each, PASS, WARN or FAIL with the
                         CL or SQL that fixes it: the Mapepire certificate, release and Db2 PTF
                         group, the SQL services the agent uses, the profile's special
                         authorities, QAUDCTL/QAUDLVL/QAUDLVL2 against the configured entry
                         types, QAUDJRN and its attached receiver, QSYSMSG, CCSID and UTC offset,
                         the exit programs. Exit code 1 if anything FAILs.
  install-exit-points    creates the library, the log table and the monitor-only exit programs
                         (SQL procedures) and registers them (ADDEXITPGM through QSYS2.QCMDEXC).
                         Needs a profile allowed to do that (a security officer), not the agent's.
                         NOT VERIFIED ON A REAL IBM i: see docs/ibmi-setup.md before you run it.
  uninstall-exit-points  removes the registrations and the procedures; keeps the log table.

Options:
  -c, --config FILE       the agent's YAML configuration (required)
      --source NAME       which source's connection (and audit journal) to use (default: the first)
  -o, --output FILE       probe: where to write the report (default: auditrelay-probe.json)
      --max-entries N     probe: entries of the attached receiver to read for samples (default 10000)
      --library NAME      exit programs' library (default: the exit-points source's, else AUDITRELAY)
      --exit-points LIST  install/uninstall: comma-separated exit points, or "all"
                          (default: all but QIBM_QTMF_SVR_LOGON and QIBM_QTG_DEVINIT)
      --agent-user NAME   install: the profile that reads the log table (default: connection.user)
      --dry-run           install/uninstall: print every SQL statement and CL command, run nothing
  -h, --help              show this help`,
  options: {
    config: { type: 'string', short: 'c' },
    source: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'max-entries': { type: 'string' },
    library: { type: 'string' },
    'exit-points': { type: 'string' },
    'agent-user': { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [action] = positionals;
    const run = action ? ACTIONS[action] : undefined;
    if (positionals.length !== 1 || !run) {
      throw new AuditRelayError(
        'AR_CLI_USAGE',
        `expected: auditrelay ibmi ${Object.keys(ACTIONS).join('|')} --config FILE`,
      );
    }
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
    const all = loaded.config.sources;
    const named = values['source'] === undefined ? undefined : all.find((s) => s.name === values['source']);
    if (values['source'] !== undefined && !named) {
      throw new AuditRelayError('AR_CLI_USAGE', `no source ${values['source']} in ${path}`);
    }
    const journal = named
      ? named.type === 'audit-journal'
        ? named
        : undefined
      : all.find((s): s is AuditJournalConfig => s.type === 'audit-journal');
    // The exit-point source's library, so install and read agree without --library.
    const exitSource = all.find((s) => s.type === 'exit-points');
    const exitLibrary = exitSource?.type === 'exit-points' ? exitSource.library : 'AUDITRELAY';
    const connection = (named ?? journal ?? exitSource ?? all[0])!.connection;
    return run({ values, io, journal, connection, directory: loaded.directory, exitLibrary, path });
  },
};

interface ActionContext {
  values: OptionValues;
  io: Io;
  /** The audit-journal source probe and doctor read (--source, or the first). */
  journal: AuditJournalConfig | undefined;
  /** The connection the command uses: --source's, else the audit journal's, else another source's. */
  connection: MapepireConnection;
  directory: string;
  path: string;
  /** The exit-point log's library when --library is not given. */
  exitLibrary: string;
}

const ACTIONS: Record<string, (context: ActionContext) => Promise<number>> = {
  probe,
  doctor,
  'install-exit-points': (context) => exitPoints(context, 'install'),
  'uninstall-exit-points': (context) => exitPoints(context, 'uninstall'),
};

/** The audit-journal source a command reads; a usage error when the configuration has none. */
function journalSource(context: ActionContext, action: string): AuditJournalConfig {
  if (context.journal) return context.journal;
  throw new AuditRelayError(
    'AR_CLI_USAGE',
    `${action} reads the audit journal: ${context.path} has no audit-journal source${context.values['source'] === undefined ? '' : ` named ${context.values['source']}`}`,
  );
}

/** Connects with the chosen connection, runs `work`, always closes. */
async function withConnection<T>(
  context: ActionContext,
  work: (connection: Db2Connection, target: string) => Promise<T>,
): Promise<T> {
  const logger = createLogger({ level: 'warn', write: context.io.err });
  const connector = ibmiConnector(context.connection, context.directory, logger);
  const connection = await connector.connect();
  try {
    return await work(connection, connector.target);
  } finally {
    await connection.close();
  }
}

async function probe(context: ActionContext): Promise<number> {
  const { values, io } = context;
  const source = journalSource(context, 'probe');
  const maxEntries = numberOption(values, 'max-entries', 10_000, 0);
  const journal = journalOf(source);
  const { report, target } = await withConnection(context, async (connection, target) => ({
    report: await runProbe(connection, { ...journal, maxEntries }),
    target,
  }));
  const output = resolve(String(values['output'] ?? 'auditrelay-probe.json'));
  writeFileSync(
    output,
    `${JSON.stringify(
      {
        tool: 'auditrelay ibmi probe',
        version: packageVersion(),
        generated: new Date().toISOString(),
        target,
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
}

const SYSTEM_NAME = /^[A-Z$#@][A-Z0-9$#@_]{0,9}$/;

function systemName(values: OptionValues, option: string, fallback: string): string {
  const name = String(values[option] ?? fallback).toUpperCase();
  if (!SYSTEM_NAME.test(name)) {
    throw new AuditRelayError(
      'AR_CLI_USAGE',
      `--${option} expects an IBM i name of 1-10 characters, got ${JSON.stringify(name)}`,
    );
  }
  return name;
}

async function doctor(context: ActionContext): Promise<number> {
  const { values, io, directory } = context;
  const source = journalSource(context, 'doctor');
  const library = systemName(values, 'library', context.exitLibrary);
  const connection = source.connection;
  const findings: Finding[] = [
    await checkCertificate({
      host: connection.host,
      port: connection.port,
      ca: connection.ca && resolve(directory, connection.ca),
      rejectUnauthorized: connection.rejectUnauthorized,
      fingerprints: connection.fingerprints?.map(parsePin),
    }),
  ];
  try {
    findings.push(
      ...(await withConnection(context, (db2) =>
        runDoctor(db2, {
          user: connection.user,
          ...journalOf(source),
          entryTypes: source.entryTypes,
          ccsid: source.ccsid,
          utcOffsetMinutes: source.utcOffset === undefined ? undefined : parseUtcOffset(source.utcOffset),
          exitPointLibrary: library,
        }),
      )),
    );
  } catch (error) {
    findings.push({
      check: 'connection',
      verdict: 'FAIL',
      what: error instanceof Error ? error.message : String(error),
      fix: [
        'check connection.host, port, user and password; the Mapepire server must be running (docs/ibmi-setup.md)',
      ],
    });
  }
  io.out(`${formatFindings(findings)}\n`);
  const counts = (['PASS', 'WARN', 'FAIL'] as const).map(
    (v) => `${findings.filter((f) => f.verdict === v).length} ${v}`,
  );
  io.out(`${counts.join(', ')}\n`);
  return failed(findings) ? EXIT.failure : EXIT.ok;
}

async function exitPoints(context: ActionContext, mode: 'install' | 'uninstall'): Promise<number> {
  const { values, io } = context;
  const library = systemName(values, 'library', context.exitLibrary);
  const agentUser = systemName(values, 'agent-user', context.connection.user);
  const list = values['exit-points'];
  const programs = exitProgramsNamed(
    typeof list === 'string'
      ? list
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean)
      : undefined,
  );
  const steps =
    mode === 'install' ? installPlan({ library, agentUser, programs }) : uninstallPlan({ library, programs });
  const restart = restartCommands(programs);
  if (values['dry-run']) {
    io.out(dryRunScript(mode, library, steps, restart));
    return EXIT.ok;
  }
  const result = await withConnection(context, (connection) =>
    applyPlan(connection, steps, library, (line) => io.out(`${line}\n`)),
  );
  io.out(`${result.ran} run, ${result.skipped} skipped, ${result.failed} failed\n`);
  if (result.ran > 0) io.out(`${restartNote(mode, restart)}\n`);
  return result.failed > 0 ? EXIT.failure : EXIT.ok;
}

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
