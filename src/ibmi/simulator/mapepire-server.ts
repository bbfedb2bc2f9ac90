import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { displayJournal, displayJournalArgs, displayJournalColumns } from './display-journal.js';
import type { SimulatedJournal } from './journal.js';
import { evaluate, parseStatement, SqlError, type SqlValue, type Statement } from './sql.js';

/**
 * The simulated IBM i's Mapepire server: WebSocket over TLS at /db/, HTTP Basic
 * authentication on the upgrade, JSON requests and responses as in Mapepire's PROTOCOL.md
 * (connect, sql, prepare_sql_execute, sqlmore, sqlclose, ping, getversion, exit).
 */
export interface MapepireServerOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  tls: { cert: string; key: string };
  journal: SimulatedJournal;
  /** CURRENT TIMEZONE as Db2 returns it: a DECIMAL(6,0) duration hhmmss. */
  timezone: number;
}

interface Cursor {
  rows: Iterator<Record<string, SqlValue>>;
  columns: string[];
}

const VERSION = { version: 'auditrelay-simulator', build_date: '2026-11-27' };

export class SimulatedMapepireServer {
  private readonly https: Server;
  private readonly wss: WebSocketServer;
  private jobCounter = 400000;
  /** Sockets open right now (tests kill them to simulate network faults). */
  readonly sockets = new Set<WebSocket>();
  statements = 0;

  constructor(private readonly options: MapepireServerOptions) {
    this.https = createServer({ cert: options.tls.cert, key: options.tls.key });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 50 * 1024 * 1024 });
    this.https.on('upgrade', (request, socket, head) => {
      if (!request.url?.startsWith('/db/')) {
        socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
        return;
      }
      if (!this.authorized(request.headers.authorization)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="mapepire"\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.serve(ws));
    });
  }

  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.https.once('error', reject);
      this.https.listen(this.options.port, this.options.host, () =>
        resolve(this.https.address() as AddressInfo),
      );
    });
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.https.close(() => resolve()));
  }

  private authorized(header: string | undefined): boolean {
    if (!header?.startsWith('Basic ')) return false;
    const given = Buffer.from(header.slice(6), 'base64');
    const expected = Buffer.from(`${this.options.user}:${this.options.password}`);
    // IBM i user profiles are case-insensitive; passwords are not.
    const [user = '', ...rest] = given.toString('utf8').split(':');
    const normalized = Buffer.from(`${user.toUpperCase()}:${rest.join(':')}`);
    return normalized.length === expected.length && timingSafeEqual(normalized, expected);
  }

  private serve(ws: WebSocket): void {
    this.sockets.add(ws);
    const cursors = new Map<string, Cursor>();
    const job = `${this.jobCounter++}/QUSER/QZDASOINIT`;
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      const started = Date.now();
      let request: Record<string, unknown>;
      try {
        request = JSON.parse(data.toString());
      } catch (error) {
        ws.send(
          JSON.stringify({
            id: 'unparseable_1',
            success: false,
            error: String(error),
            unparseable: data.toString(),
          }),
        );
        return;
      }
      const reply = (body: Record<string, unknown>) =>
        ws.send(JSON.stringify({ id: request['id'], ...body, execution_time: Date.now() - started }));
      try {
        reply(this.handle(request, cursors, job));
      } catch (error) {
        if (error instanceof SqlError) {
          reply({ success: false, error: error.message, sql_rc: error.sqlCode, sql_state: error.sqlState });
        } else {
          reply({ success: false, error: error instanceof Error ? error.message : String(error) });
        }
      }
      if (request['type'] === 'exit') ws.close();
    });
  }

  private handle(
    request: Record<string, unknown>,
    cursors: Map<string, Cursor>,
    job: string,
  ): Record<string, unknown> {
    const id = String(request['id'] ?? '');
    switch (request['type']) {
      case 'connect':
        return { success: true, job };
      case 'ping':
        return { success: true, alive: true, db_alive: true };
      case 'getversion':
        return { success: true, ...VERSION };
      case 'getdbjob':
        return { success: true, job };
      case 'exit':
        return { success: true };
      case 'sql':
      case 'prepare_sql_execute': {
        if (typeof request['sql'] !== 'string') throw new SqlError('sql not specified', '42601', -104);
        const parameters = Array.isArray(request['parameters']) ? (request['parameters'] as SqlValue[]) : [];
        const statement = parseStatement(request['sql']);
        if (statement.parameterCount !== parameters.length) {
          throw new SqlError(
            `Statement has ${statement.parameterCount} parameter markers; ${parameters.length} values given.`,
            '07001',
            -313,
          );
        }
        this.statements++;
        const cursor = this.open(statement, parameters);
        cursors.set(id, cursor);
        const rows = Number(request['rows'] ?? 1000);
        const { data, done } = fetch(cursor, rows, request['terse'] === true);
        if (done) cursors.delete(id);
        return {
          success: true,
          has_results: true,
          update_count: -1,
          metadata: {
            column_count: cursor.columns.length,
            job,
            columns: cursor.columns.map((name) => ({
              name,
              type: 'VARCHAR',
              display_size: 0,
              label: name,
              precision: 0,
              scale: 0,
            })),
          },
          data,
          is_done: done,
          ...(request['type'] === 'prepare_sql_execute' ? { parameter_count: parameters.length } : {}),
        };
      }
      case 'sqlmore': {
        const cursor = cursors.get(String(request['cont_id']));
        if (!cursor) throw new SqlError('invalid correlation ID', '24501', -501);
        const { data, done } = fetch(cursor, Number(request['rows'] ?? 1000), false);
        if (done) cursors.delete(String(request['cont_id']));
        return { success: true, data, is_done: done };
      }
      case 'sqlclose':
        cursors.delete(String(request['cont_id']));
        return { success: true };
      default:
        return { success: false, error: `Unknown request type: ${String(request['type'])}` };
    }
  }

  private open(statement: Statement, parameters: readonly SqlValue[]): Cursor {
    const registers = { timezone: this.options.timezone, server: this.options.journal.state.systemName };
    const columns = statement.items.map((item) => item.alias);
    const project = (column: (name: string) => SqlValue): Record<string, SqlValue> => {
      const ctx = { column, parameters, registers };
      const row: Record<string, SqlValue> = {};
      for (const item of statement.items) {
        const value = evaluate(item.expr, ctx);
        row[item.alias] =
          value instanceof Uint8Array ? Buffer.from(value).toString('hex').toUpperCase() : value;
      }
      return row;
    };
    if (!statement.displayJournal) {
      const noColumns = (name: string): SqlValue => {
        throw new SqlError(`Column ${name} not found.`, '42703', -206);
      };
      return { rows: [project(noColumns)][Symbol.iterator](), columns };
    }
    const named = new Map<string, SqlValue>();
    for (const [name, expr] of statement.displayJournal)
      named.set(name, evaluate(expr, { column: () => null, parameters, registers }));
    const args = displayJournalArgs(named);
    const limit = statement.fetchFirst ?? Number.POSITIVE_INFINITY;
    // Materialize eagerly: a real server evaluates the table function when the cursor opens,
    // and errors (unknown receiver, missing sequence) surface on the `sql` request.
    const rows: Record<string, SqlValue>[] = [];
    for (const entry of displayJournal(this.options.journal, args)) {
      if (rows.length >= limit) break;
      rows.push(project(displayJournalColumns(entry)));
    }
    return { rows: rows[Symbol.iterator](), columns };
  }
}

function fetch(cursor: Cursor, count: number, terse: boolean): { data: unknown[]; done: boolean } {
  const data: unknown[] = [];
  while (data.length < count) {
    const next = cursor.rows.next();
    if (next.done) return { data, done: true };
    data.push(terse ? cursor.columns.map((c) => next.value[c]) : next.value);
  }
  return { data, done: false };
}
