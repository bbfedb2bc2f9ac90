import { type Db2Column, type Db2Connection, type Db2Row, sqlFailureOf } from '../../ibmi/db2/port.js';
import { SYSTEM_INFO_QUERY } from '../ibmi-connection.js';
import { completeEntryData } from './entry-data.js';
import { attachedReceiver } from './position-check.js';
import {
  columnProbeQuery,
  type JournalQueryOptions,
  journalInfoQuery,
  journalQuery,
  OPTIONAL_COLUMNS,
  type OptionalColumn,
} from './query.js';

/**
 * `auditrelay ibmi probe`: runs the agent's queries once against a real IBM i and records
 * what the system answered — the facts this project could only take from documentation.
 * Read-only: every statement is a SELECT. Each section keeps its SQL, and its rows or the
 * error (text, SQLSTATE, SQLCODE), so a failure is itself a finding.
 */
export const PROBE_QUERIES: readonly { name: string; sql: string }[] = [
  { name: 'system', sql: SYSTEM_INFO_QUERY },
  { name: 'release', sql: 'SELECT OS_NAME, OS_VERSION, OS_RELEASE FROM SYSIBMADM.ENV_SYS_INFO' },
  {
    name: 'ptfGroups',
    sql:
      'SELECT PTF_GROUP_NAME, PTF_GROUP_DESCRIPTION, PTF_GROUP_LEVEL, PTF_GROUP_TARGET_RELEASE, PTF_GROUP_STATUS' +
      " FROM QSYS2.GROUP_PTF_INFO WHERE PTF_GROUP_STATUS = 'INSTALLED' ORDER BY PTF_GROUP_NAME, PTF_GROUP_LEVEL DESC",
  },
  {
    name: 'displayJournalColumns',
    sql:
      'SELECT ORDINAL_POSITION, COLUMN_NAME, TYPE_NAME, COLUMN_SIZE, DECIMAL_DIGITS, IS_NULLABLE' +
      " FROM SYSIBM.SQLFUNCTIONCOLS WHERE FUNCTION_SCHEM = 'QSYS2' AND FUNCTION_NAME = 'DISPLAY_JOURNAL'" +
      ' AND COLUMN_TYPE = 5 ORDER BY ORDINAL_POSITION',
  },
  {
    name: 'qadspjr5Fields',
    sql:
      'SELECT ORDINAL_POSITION, COLUMN_NAME, SYSTEM_COLUMN_NAME, DATA_TYPE, LENGTH, NUMERIC_SCALE' +
      " FROM QSYS2.SYSCOLUMNS WHERE SYSTEM_TABLE_SCHEMA = 'QSYS' AND SYSTEM_TABLE_NAME = 'QADSPJR5'" +
      ' ORDER BY ORDINAL_POSITION',
  },
];

export type ProbeSection =
  | { sql: string; ok: true; columns: Db2Column[]; rows: Db2Row[] }
  | { sql: string; ok: false; error: { message: string; sqlState?: string; sqlCode?: number } };

export interface ProbeSample {
  entryType: string;
  /** The journal query's row for the entry, ENTRY_DATA complete (hex). */
  row: Db2Row;
}

export interface ProbeReport {
  sections: Record<string, ProbeSection>;
  /** DISPLAY_JOURNAL columns the agent treats as optional, and whether this system has each. */
  optionalColumns: Record<OptionalColumn, boolean | string>;
  /** One entry of each type found in the attached receiver. */
  samples: ProbeSample[];
  /** Entries of the attached receiver read to find the samples. */
  entriesScanned: number;
}

export interface ProbeOptions {
  journalLibrary: string;
  journal: string;
  /** Most entries of the attached receiver to read for samples; 0 reads none. */
  maxEntries: number;
}

export async function runProbe(connection: Db2Connection, options: ProbeOptions): Promise<ProbeReport> {
  const sections: Record<string, ProbeSection> = {};
  const run = async (name: string, sql: string, parameters: (string | number)[] = []) => {
    try {
      const result = await connection.query(sql, parameters);
      sections[name] = { sql, ok: true, columns: result.columns, rows: result.rows };
    } catch (error) {
      const failure = sqlFailureOf(error);
      sections[name] = {
        sql,
        ok: false,
        error: {
          message: failure?.message ?? (error instanceof Error ? error.message : String(error)),
          sqlState: failure?.sqlState,
          sqlCode: failure?.sqlCode,
        },
      };
    }
    return sections[name]!;
  };
  for (const { name, sql } of PROBE_QUERIES) await run(name, sql);
  const info = journalInfoQuery(options.journalLibrary, options.journal);
  await run('journal', info.sql, info.parameters);
  await run(
    'receivers',
    'SELECT JOURNAL_RECEIVER_LIBRARY, JOURNAL_RECEIVER_NAME, STATUS, CAST(FIRST_SEQUENCE_NUMBER AS VARCHAR(21))' +
      ' AS FIRST_SEQUENCE_NUMBER, CAST(LAST_SEQUENCE_NUMBER AS VARCHAR(21)) AS LAST_SEQUENCE_NUMBER, ATTACH_TIMESTAMP' +
      ' FROM QSYS2.JOURNAL_RECEIVER_INFO WHERE JOURNAL_LIBRARY = ? AND JOURNAL_NAME = ? ORDER BY ATTACH_TIMESTAMP',
    [options.journalLibrary, options.journal],
  );

  const optionalColumns = {} as Record<OptionalColumn, boolean | string>;
  for (const column of OPTIONAL_COLUMNS) {
    const probe = columnProbeQuery([column], options);
    const section = await run(`column ${column}`, probe.sql, probe.parameters);
    optionalColumns[column] = section.ok
      ? true
      : section.error.sqlCode === -206
        ? false
        : section.error.message;
  }
  const query: JournalQueryOptions = {
    ...options,
    batchSize: 1000,
    entryTypes: [],
    columns: new Set(OPTIONAL_COLUMNS.filter((c) => optionalColumns[c] === true)),
  };
  const { samples, scanned } = await sampleEntries(connection, query, options.maxEntries, run);
  return { sections, optionalColumns, samples, entriesScanned: scanned };
}

/** The first entry of each type in the attached receiver, read through the agent's own journal query. */
async function sampleEntries(
  connection: Db2Connection,
  query: JournalQueryOptions,
  maxEntries: number,
  run: (name: string, sql: string, parameters?: (string | number)[]) => Promise<ProbeSection>,
): Promise<{ samples: ProbeSample[]; scanned: number }> {
  if (maxEntries <= 0) return { samples: [], scanned: 0 };
  const attached = await attachedReceiver(connection, query).catch(() => undefined);
  // The first batch goes through `run`: the report keeps the query and the column types this
  // release reports for it (one row of it; the samples hold the entries).
  let requested = Math.min(query.batchSize, maxEntries);
  const first = journalQuery(attached ?? '*CURRENT', requested, query);
  const section = await run('journalQuery', first.sql, first.parameters);
  if (!section.ok) return { samples: [], scanned: 0 };
  let batch = section.rows;
  section.rows = batch.slice(0, 1);
  const samples = new Map<string, Db2Row>();
  let scanned = 0;
  for (;;) {
    scanned += batch.length;
    for (const row of batch) {
      const type = String(row['JOURNAL_ENTRY_TYPE'] ?? '').trim();
      if (!samples.has(type)) samples.set(type, row);
    }
    if (batch.length < requested || scanned >= maxEntries) break;
    const last = batch.at(-1)!;
    requested = Math.min(query.batchSize, maxEntries - scanned);
    const next = journalQuery(
      {
        receiverLibrary: String(last['RECEIVER_LIBRARY']).trim(),
        receiver: String(last['RECEIVER_NAME']).trim(),
        sequence: String(last['SEQUENCE_NUMBER']).trim(),
      },
      requested + 1,
      query,
    );
    batch = (await connection.query(next.sql, next.parameters)).rows.slice(1);
  }
  // One at a time: completeEntryData fetches a run of consecutive journal entries.
  for (const row of samples.values()) await completeEntryData(connection, [row], query);
  return {
    samples: [...samples]
      .map(([entryType, row]) => ({ entryType, row }))
      .sort((a, b) => a.entryType.localeCompare(b.entryType)),
    scanned,
  };
}
