import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { runStatement } from './engine.js';
import type { SimulatedJournal } from './journal.js';
import type { SimulatedMessages } from './messages.js';
import { DEFAULT_RELEASE, JobLog, type SimulatedRelease, type SimulatorBehaviour } from './objects.js';
import { parseStatement } from './sql.js';
import { driverError, SqlError } from './sql-errors.js';
import { columnMetadata, jsonValue, type SqlType, type SqlValue, toJson } from './sql-types.js';
import { isChange, runChange, SimulatedSystem } from './system.js';

/**
 * The simulated IBM i's Mapepire server: WebSocket over TLS at /db/, HTTP Basic
 * authentication on the upgrade, JSON requests and replies as in Mapepire's PROTOCOL.md
 * (connect, sql, prepare_sql_execute, sqlmore, sqlclose, ping, getversion, exit). Replies
 * have the real server's shape (mapepire-server v2.3.3, ClientRequest): `id` first, an error
 * as `error`, `success: false`, then `sql_state` and `sql_rc` only for SQL errors.
 */
export interface MapepireServerOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  tls: { cert: string; key: string };
  journal: SimulatedJournal;
  messages: SimulatedMessages;
  /** CURRENT TIMEZONE as Db2 returns it: a DECIMAL(6,0) duration hhmmss. */
  timezone: number;
  release?: SimulatedRelease;
}

interface Cursor {
  rows: Iterator<Record<string, SqlValue>>;
  columns: { name: string; type: SqlType }[];
}

interface Session {
  job: string;
  connected: boolean;
  jobLog: JobLog;
  cursors: Map<string, Cursor>;
}

const VERSION = { version: 'auditrelay-simulator', build_date: '2026-11-27' };

/** A request the server refuses outright (a RuntimeException there): no SQLSTATE, no SQLCODE. */
class RequestError extends Error {}

export class SimulatedMapepireServer {
  private readonly https: Server;
  private readonly wss: WebSocketServer;
  private jobCounter = 400000;
  /** Sockets open right now (tests kill them to simulate network faults). */
  readonly sockets = new Set<WebSocket>();
  /** Statements that ran (passed the prepare checks). */
  statements = 0;
  /** The simulated release (what exists) and DISPLAY_JOURNAL's undocumented answers; tests change them. */
  release: SimulatedRelease;
  behaviour: SimulatorBehaviour = { lostPosition: 'error', returnNothing: false };
  /** The set-up: system values, profiles, objects, exit programs; tests break it on purpose. */
  system: SimulatedSystem;
  /** CURRENT TIMEZONE (Db2's signed hhmmss); changes with daylight saving time. */
  timezone: number;

  constructor(private readonly options: MapepireServerOptions) {
    this.release = options.release ?? DEFAULT_RELEASE;
    this.timezone = options.timezone;
    this.system = SimulatedSystem.healthy(options.user);
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
    const session: Session = {
      job: `${this.jobCounter++}/QUSER/QZDASOINIT`,
      connected: false,
      jobLog: new JobLog(),
      cursors: new Map(),
    };
    let unparseable = 0;
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      const started = Date.now();
      let request: Record<string, unknown>;
      try {
        request = JSON.parse(data.toString());
      } catch {
        const id = `unparseable_${++unparseable}`;
        ws.send(
          toJson({
            id,
            error: `Non-parseable request: '${data.toString()}'`,
            success: false,
            execution_time: 0,
          }),
        );
        return;
      }
      const reply = (body: Record<string, unknown>) =>
        ws.send(`${toJson({ id: request['id'], ...body, execution_time: Date.now() - started })}\n`);
      try {
        reply({ ...this.handle(request, session), success: true });
      } catch (error) {
        if (error instanceof SqlError) {
          reply({ error: error.message, success: false, sql_state: error.sqlState, sql_rc: error.sqlCode });
        } else {
          reply({ error: error instanceof Error ? error.message : String(error), success: false });
        }
      }
      if (request['type'] === 'exit') ws.close();
    });
  }

  private handle(request: Record<string, unknown>, session: Session): Record<string, unknown> {
    const id = String(request['id'] ?? '');
    switch (request['type']) {
      case 'connect':
        session.connected = true;
        return { job: session.job };
      case 'ping':
        return { alive: true, db_alive: session.connected };
      case 'getversion':
        return { ...VERSION };
      case 'getdbjob':
        return { job: session.job };
      case 'exit':
        return {};
      case 'sql':
      case 'prepare_sql_execute': {
        // Before `connect` the server has no JDBC connection: SQLException("Not connected").
        if (!session.connected) throw new SqlError('Not connected', null, 0);
        if (typeof request['sql'] !== 'string') throw new RequestError('sql not specified');
        const parameters = Array.isArray(request['parameters']) ? (request['parameters'] as SqlValue[]) : [];
        if (isChange(request['sql'])) {
          runChange(request['sql'], { system: this.system, jobLog: session.jobLog, user: this.options.user });
          this.statements++;
          // A statement without a result set: no metadata, no data and no is_done (mapepire-server v2.3.3).
          return { has_results: false, update_count: 0 };
        }
        const statement = parseStatement(request['sql']);
        if (statement.parameterCount !== parameters.length) {
          throw driverError(
            'The number of parameter values set or registered does not match the number of parameters.',
            '07001',
          );
        }
        const result = runStatement(statement, parameters, {
          journal: this.options.journal,
          messages: this.options.messages,
          jobLog: session.jobLog,
          job: session.job,
          behaviour: this.behaviour,
          release: this.release,
          system: this.system,
          user: this.options.user,
          registers: { timezone: this.timezone, server: this.options.journal.state.systemName },
        });
        this.statements++;
        const cursor: Cursor = { rows: result.rows[Symbol.iterator](), columns: result.columns };
        session.cursors.set(id, cursor);
        const { data, done } = fetch(cursor, Number(request['rows'] ?? 100), request['terse'] === true);
        return {
          has_results: true,
          update_count: -1,
          metadata: {
            column_count: cursor.columns.length,
            job: session.job,
            columns: cursor.columns.map((c) => columnMetadata(c.name, c.type)),
          },
          data,
          is_done: done,
          ...(request['type'] === 'prepare_sql_execute' ? { parameter_count: parameters.length } : {}),
        };
      }
      case 'sqlmore': {
        const cursor = session.cursors.get(String(request['cont_id']));
        if (!cursor) throw new RequestError('Bad request: invalid correlation ID');
        const { data, done } = fetch(cursor, Number(request['rows'] ?? 100), request['terse'] === true);
        return { data, is_done: done };
      }
      case 'sqlclose':
        session.cursors.delete(String(request['cont_id']));
        return {};
      default:
        throw new RequestError(`Unknown request type: ${String(request['type'])}`);
    }
  }
}

/** The next block of rows, each value as the Mapepire server serializes its column type. */
function fetch(cursor: Cursor, count: number, terse: boolean): { data: unknown[]; done: boolean } {
  const data: unknown[] = [];
  while (data.length < count) {
    const next = cursor.rows.next();
    if (next.done) return { data, done: true };
    if (terse) {
      data.push(cursor.columns.map((c) => jsonValue(next.value[c.name] ?? null, c.type)));
      continue;
    }
    const row: Record<string, unknown> = {};
    for (const c of cursor.columns) row[c.name] = jsonValue(next.value[c.name] ?? null, c.type);
    data.push(row);
  }
  return { data, done: false };
}
