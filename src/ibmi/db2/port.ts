/**
 * The port through which AuditRelay talks to Db2 for i. Adapters: Mapepire (remote, pure
 * JS, `mapepire.ts`); an on-box idb adapter can implement the same methods.
 */
export type Db2Row = Record<string, unknown>;
export type Db2Parameter = string | number;

/** A result column as the server describes it (Mapepire's `metadata.columns`). */
export interface Db2Column {
  name: string;
  /** The driver's type name: VARCHAR, DECIMAL, TIMESTAMP, BLOB, … */
  type: string;
  precision?: number;
  scale?: number;
  nullable?: boolean;
}

export interface Db2Result {
  rows: Db2Row[];
  columns: Db2Column[];
}

export interface Db2Connection {
  /**
   * Runs one statement and returns every row (callers bound the size with FETCH FIRST); a
   * statement without a result set (CREATE, CALL) returns no rows and no columns.
   * Fails with AR_SOURCE_QUERY carrying an SqlFailure, or AR_SOURCE_UNREACHABLE.
   */
  query(sql: string, parameters?: readonly Db2Parameter[]): Promise<Db2Result>;
  /** False once the connection is known to be dead: every query would fail at once. */
  readonly alive: boolean;
  close(): Promise<void>;
}

export interface Db2Connector {
  /** A human-readable target for messages, e.g. `mapepire://ibmi.example.com:8076`. */
  readonly target: string;
  connect(): Promise<Db2Connection>;
}

/**
 * An SQL error as Db2 for i reported it. Decisions go by SQLSTATE and SQLCODE; the text is
 * for people (JTOpen's `[SQLnnnn] first-level text`, with no CPF id and no reason).
 */
export class SqlFailure extends Error {
  constructor(
    text: string,
    readonly sqlState: string | undefined,
    readonly sqlCode: number | undefined,
  ) {
    super(text);
    this.name = 'SqlFailure';
  }

  /** The SQL message id at the start of the text (`SQL0443`), if there is one. */
  get messageId(): string | undefined {
    return /^\[([A-Z]{3}\d{4})\]/.exec(this.message)?.[1];
  }
}

/** The SqlFailure behind an error (its cause, or the cause's cause), if any. */
export function sqlFailureOf(error: unknown): SqlFailure | undefined {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof SqlFailure) return e;
  return undefined;
}

/** SQLCODE -204 / SQLSTATE 42704: the object (a view or function of a newer release) does not exist. */
export const isMissingObject = (error: unknown) => sqlFailureOf(error)?.sqlCode === -204;

/** SQLCODE -206 / SQLSTATE 42703: a column that does not exist on this release. */
export const isMissingColumn = (error: unknown) => sqlFailureOf(error)?.sqlCode === -206;

/**
 * SQLCODE -443 or SQLSTATE class 38: an IBM i service or external routine failed. The
 * first-level text says nothing about why; the CPF message is in the job log.
 */
export function isRoutineFailure(error: unknown): boolean {
  const failure = sqlFailureOf(error);
  return failure !== undefined && (failure.sqlCode === -443 || failure.sqlState?.startsWith('38') === true);
}
