/**
 * The port through which AuditRelay talks to Db2 for i. Adapters: Mapepire (remote, pure
 * JS, `mapepire.ts`); an on-box idb adapter can implement the same two methods.
 */
export type Db2Row = Record<string, unknown>;
export type Db2Parameter = string | number;

export interface Db2Connection {
  /** Runs one statement and returns every row (callers bound the size with FETCH FIRST). */
  query(sql: string, parameters?: readonly Db2Parameter[]): Promise<Db2Row[]>;
  close(): Promise<void>;
}

export interface Db2Connector {
  /** A human-readable target for messages, e.g. `mapepire://ibmi.example.com:8076`. */
  readonly target: string;
  connect(): Promise<Db2Connection>;
}
