import type { SimulatedJournal } from './journal.js';
import type { SimulatedMessages } from './messages.js';
import type { SqlType, SqlValue } from './sql-types.js';
import type { SimulatedSystem } from './system.js';

/**
 * The views and table functions the simulated IBM i has, as the SQL engine sees them: typed
 * result columns (IBM's names, types and null rules) and a row source.
 */
export interface ColumnDef {
  name: string;
  type: SqlType;
}

/** One row: a column's value by name. */
export type Row = (column: string) => SqlValue;

export interface ObjectArgs {
  named: ReadonlyMap<string, SqlValue>;
  positional: readonly SqlValue[];
}

export interface SimulatedObject {
  schema: string;
  name: string;
  kind: 'view' | 'function';
  columns: readonly ColumnDef[];
  rows(args: ObjectArgs, context: ObjectContext): Iterable<Row>;
}

/**
 * What the simulated release has. `missing` names objects (`QSYS2.JOURNAL_RECEIVER_INFO`) or
 * result columns (`QSYS2.DISPLAY_JOURNAL.REMOTE_PORT`) this release does not have, to test
 * how the agent copes with an older release or a missing PTF group.
 */
export interface SimulatedRelease {
  version: number;
  release: number;
  ptfGroups: readonly { name: string; level: number; description: string }[];
  missing: readonly string[];
}

export const DEFAULT_RELEASE: SimulatedRelease = {
  version: 7,
  release: 5,
  ptfGroups: [
    { name: 'SF99950', level: 8, description: 'DB2 FOR IBM I' },
    { name: 'SF99951', level: 4, description: 'IBM HTTP SERVER FOR I' },
  ],
  missing: [],
};

/**
 * How DISPLAY_JOURNAL answers where IBM documents nothing (a test chooses):
 * - `lostPosition`: a starting receiver or sequence that no longer exists fails with SQL0443
 *   (`error`), or yields no rows (`empty`);
 * - `returnNothing`: every call returns 0 rows (a stalled function).
 */
export interface SimulatorBehaviour {
  lostPosition: 'error' | 'empty';
  returnNothing: boolean;
}

export interface JobLogMessage {
  id: string | null;
  type: string;
  severity: number;
  text: string;
  timestamp: string;
}

/** The job log of one connection's server job (QZDASOINIT), for QSYS2.JOBLOG_INFO('*'). */
export class JobLog {
  readonly messages: JobLogMessage[] = [];

  add(id: string | null, type: string, severity: number, text: string): void {
    this.messages.push({ id, type, severity, text, timestamp: mapepireTimestamp(new Date()) });
  }
}

export interface ObjectContext {
  journal: SimulatedJournal;
  messages: SimulatedMessages;
  jobLog: JobLog;
  job: string;
  behaviour: SimulatorBehaviour;
  release: SimulatedRelease;
  /** The set-up the doctor reads and the installer changes. */
  system: SimulatedSystem;
  /** The signed-on user profile. */
  user: string;
  /** IBM's views and table functions this release has (for the catalog views). */
  services: readonly Pick<SimulatedObject, 'schema' | 'name' | 'kind'>[];
}

/** A TIMESTAMP as JTOpen's getString renders it: `YYYY-MM-DD HH:MM:SS.ffffff`. */
export function mapepireTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 23)}000`;
}

export function column(name: string, type: SqlType): ColumnDef {
  return { name, type };
}

/** A row over a plain record; absent keys are NULL. */
export function rowOf(values: Record<string, SqlValue | undefined>): Row {
  return (name) => values[name] ?? null;
}
