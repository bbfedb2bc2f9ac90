import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import * as mapepire from '@ibm/mapepire-js';
import { WebSocket } from 'ws';
import { AuditRelayError, describeError, retryable } from '../../core/errors.js';
import { type CertificatePin, peerPinError } from '../../core/pinning.js';
import type { Logger } from '../../core/telemetry.js';
import {
  type Db2Column,
  type Db2Connection,
  type Db2Connector,
  type Db2Parameter,
  type Db2Result,
  type Db2Row,
  SqlFailure,
} from './port.js';

// The package is CommonJS with exports Node's ESM loader cannot detect statically: under ESM
// they sit on `default`, under CommonJS on the namespace itself.
const { SQLJob } = (mapepire as unknown as { default?: typeof mapepire }).default ?? mapepire;
type SQLJob = InstanceType<typeof SQLJob>;

export interface MapepireOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  /** PEM file of the CA (or the self-signed certificate) that signed the Mapepire server's certificate. */
  ca?: string;
  rejectUnauthorized: boolean;
  /** Milliseconds before a request (or a connection attempt) with no answer counts as a lost connection. */
  requestTimeout: number;
  /** Milliseconds between WebSocket pings; a ping still unanswered at the next one means the connection is dead. */
  heartbeat: number;
  /** The server certificate must match one of these (with rejectUnauthorized false: these alone). */
  fingerprints?: readonly CertificatePin[];
}

/** Rows per block of a statement that does not limit its rows: `sql` brings the first block, each `sqlmore` the next. */
const BLOCK_ROWS = 1000;
/** The largest block asked for at once (a reply of about 2 KB per journal row stays some 20 MB). */
const MAX_BLOCK_ROWS = 10_000;
const FETCH_FIRST = /\bFETCH\s+FIRST\s+(\d+)\s+ROWS?\s+ONLY\s*$/i;

/**
 * A statement that ends in FETCH FIRST n ROWS ONLY (every journal batch) gets all its rows in
 * the first reply: a block of n + 1 rows, because the server says the result is done only
 * when it found no next row, so a block of exactly n would cost a second round trip for an
 * empty `sqlmore`.
 */
function blockRows(sql: string): number {
  const limit = Number(FETCH_FIRST.exec(sql)?.[1]);
  return limit > 0 ? Math.min(limit + 1, MAX_BLOCK_ROWS) : BLOCK_ROWS;
}

/**
 * Db2 for i over Mapepire, with IBM's own client (@ibm/mapepire-js) for the WebSocket, the
 * sign-on and the request/reply matching. Requests go through the client's `send()` rather
 * than its Query class, because Query drops SQLSTATE and SQLCODE from errors of `sqlmore`
 * and folds them into the message text of others; here every reply's `sql_state` and
 * `sql_rc` are kept (SqlFailure).
 *
 * The client writes connection errors to console.log; the agent never uses console.log
 * itself, so we route it into our debug log rather than let it print stack traces.
 */
export function mapepireConnector(options: MapepireOptions, logger: Logger): Db2Connector {
  routeLibraryConsole(logger);
  const target = `mapepire://${options.host}:${options.port}`;
  return {
    target,
    async connect(): Promise<Db2Connection> {
      let ca: string | undefined;
      if (options.ca) {
        try {
          ca = readFileSync(options.ca, 'utf8');
        } catch (error) {
          throw new AuditRelayError('AR_SOURCE_TLS', `cannot read the CA file ${options.ca}`, {
            cause: error,
          });
        }
      }
      const job = new SQLJob();
      useOwnChannel(job, options, ca, target);
      const connecting = job.connect({
        host: options.host,
        port: options.port,
        user: options.user,
        password: options.password,
        ca,
        rejectUnauthorized: options.rejectUnauthorized,
      });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              retryable(
                'AR_SOURCE_UNREACHABLE',
                `no answer from ${target} within ${options.requestTimeout} ms`,
              ),
            ),
          options.requestTimeout,
        );
      });
      try {
        await Promise.race([connecting, timedOut]);
      } catch (error) {
        // A handshake that completes after we gave up must not leave a server job behind.
        connecting.then(
          () => job.close(),
          () => {},
        );
        await job.close().catch(() => {});
        throw error instanceof AuditRelayError ? error : classifyConnectError(error, target);
      } finally {
        clearTimeout(timer);
      }
      return new MapepireConnection(job, target, options, logger);
    },
  };
}

interface Reply {
  success?: boolean;
  error?: string;
  sql_state?: string | null;
  sql_rc?: number;
  data?: Db2Row[];
  is_done?: boolean;
  /** False for a statement without a result set (DDL, CALL): such a reply has no is_done. */
  has_results?: boolean;
  metadata?: {
    columns?: { name: string; type: string; precision?: number; scale?: number; nullable?: number }[];
  };
}

class MapepireConnection implements Db2Connection {
  private lost: AuditRelayError | undefined;
  /**
   * How to interrupt each request in flight when the connection is lost. Removed when the
   * request ends: a promise that lives as long as the connection, raced by every request,
   * would keep every reply (every batch of rows) reachable until the connection closes.
   */
  private readonly inFlight = new Set<(error: AuditRelayError) => void>();
  private readonly heartbeat: NodeJS.Timeout;
  /** When the unanswered ping went out; undefined when none is. */
  private pingSentAt: number | undefined;

  constructor(
    private readonly job: SQLJob,
    private readonly target: string,
    private readonly options: MapepireOptions,
    private readonly logger: Logger,
  ) {
    const socket = job.getSocket();
    socket.on('close', (code: number) => this.lose(`the WebSocket closed (code ${code})`));
    socket.on('pong', () => {
      this.pingSentAt = undefined;
    });
    // The Mapepire server runs each SQL request on a thread of its own, so its WebSocket layer
    // answers pings even during a long query (RFC 6455 §5.5.2: a Pong for every Ping). The
    // check runs after pending I/O (setImmediate): a pong that arrived while this process was
    // busy is read before it is judged missing.
    this.heartbeat = setInterval(() => setImmediate(() => this.beat()), options.heartbeat);
    this.heartbeat.unref();
  }

  private beat(): void {
    if (this.lost) return;
    const socket = this.job.getSocket();
    if (this.pingSentAt !== undefined) {
      // Half an interval, not a whole one: the beat that follows the ping comes a whole interval
      // later, give or take a millisecond of timer jitter, and must not be mistaken for early
      // (that missed beat made detection take three intervals instead of two).
      if (Date.now() - this.pingSentAt < this.options.heartbeat / 2) return;
      this.lose(`no answer to a WebSocket ping within ${this.options.heartbeat} ms`);
      socket.terminate();
      return;
    }
    this.pingSentAt = Date.now();
    try {
      socket.ping();
    } catch {
      this.lose('the WebSocket is no longer open');
    }
  }

  get alive(): boolean {
    return this.lost === undefined;
  }

  private lose(reason: string): void {
    if (this.lost) return;
    this.lost = retryable('AR_SOURCE_UNREACHABLE', `the connection to ${this.target} was lost: ${reason}`);
    clearInterval(this.heartbeat);
    this.logger.warn(describeError(this.lost));
    for (const interrupt of this.inFlight) interrupt(this.lost);
  }

  private async request(body: Record<string, unknown>): Promise<Reply> {
    if (this.lost) throw this.lost;
    let timer: NodeJS.Timeout | undefined;
    let interrupt!: (error: AuditRelayError) => void;
    const interrupted = new Promise<never>((_, reject) => {
      interrupt = reject;
      timer = setTimeout(() => {
        // The reply may still come, or never: the connection is in an unknown state.
        this.lose(`no answer within ${this.options.requestTimeout} ms`);
        void this.close();
        reject(this.lost);
      }, this.options.requestTimeout);
    });
    this.inFlight.add(interrupt);
    try {
      const reply = await Promise.race([
        this.job.send<Reply>(body as unknown as Parameters<SQLJob['send']>[0]),
        interrupted,
      ]);
      if (reply.success !== true) throw sqlError(reply);
      return reply;
    } catch (error) {
      if (error instanceof AuditRelayError) throw error;
      // The client rejects requests in flight when the socket closes ("Connection failed …").
      throw retryable('AR_SOURCE_UNREACHABLE', `the connection to ${this.target} was lost`, error);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(interrupt);
    }
  }

  async query(sql: string, parameters: readonly Db2Parameter[] = []): Promise<Db2Result> {
    const id = SQLJob.getNewUniqueId('query');
    const rowsPerBlock = blockRows(sql);
    let done = false;
    try {
      let reply = await this.request({
        id,
        type: parameters.length ? 'prepare_sql_execute' : 'sql',
        sql,
        rows: rowsPerBlock,
        ...(parameters.length ? { parameters: [...parameters] } : {}),
      });
      const columns = (reply.metadata?.columns ?? []).map(
        (c): Db2Column => ({
          name: c.name,
          type: c.type,
          precision: c.precision,
          scale: c.scale,
          nullable: c.nullable === undefined ? undefined : c.nullable !== 0,
        }),
      );
      const rows: Db2Row[] = [...(reply.data ?? [])];
      while (reply.is_done !== true && reply.has_results !== false) {
        reply = await this.request({
          id: SQLJob.getNewUniqueId('fetchMore'),
          type: 'sqlmore',
          cont_id: id,
          rows: rowsPerBlock,
        });
        rows.push(...(reply.data ?? []));
      }
      done = true;
      return { rows, columns };
    } finally {
      // A statement left open after an error holds a cursor on the server.
      if (!done && this.alive) {
        this.job
          .send({ id: SQLJob.getNewUniqueId('sqlclose'), type: 'sqlclose', cont_id: id } as never)
          .catch(() => {});
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.lost ??= retryable('AR_SOURCE_UNREACHABLE', `the connection to ${this.target} was closed`);
    await this.job.close().catch(() => {});
  }
}

/** An error reply: SQLSTATE and SQLCODE kept apart from the text (null/absent for non-SQL errors). */
function sqlError(reply: Reply): AuditRelayError {
  const failure = new SqlFailure(
    reply.error || 'the server gave no reason',
    reply.sql_state ?? undefined,
    typeof reply.sql_rc === 'number' ? reply.sql_rc : undefined,
  );
  const codes =
    failure.sqlState || failure.sqlCode
      ? ` (SQLSTATE ${failure.sqlState ?? 'none'}, SQLCODE ${failure.sqlCode ?? 'none'})`
      : '';
  return new AuditRelayError('AR_SOURCE_QUERY', `the query failed on the IBM i${codes}`, {
    cause: failure,
    retryable: true,
  });
}

function classifyConnectError(error: unknown, target: string): AuditRelayError {
  const e = error as { code?: string; message?: string };
  const message = e?.message ?? String(error);
  if (/401/.test(message)) {
    // Not retried: every failed attempt counts toward QMAXSIGN and would disable the profile.
    return new AuditRelayError('AR_SOURCE_AUTH', `${target} rejected the user or password (HTTP 401)`, {
      cause: error,
    });
  }
  if (/certificate|self[- ]signed|CERT_|SSL|TLS|altnames/i.test(`${e?.code ?? ''} ${message}`)) {
    return retryable('AR_SOURCE_TLS', `cannot verify the TLS certificate of ${target}: ${message}`, error);
  }
  return retryable('AR_SOURCE_UNREACHABLE', `cannot connect to ${target}: ${message}`, error);
}

/**
 * Makes the client open its WebSocket over a TLS connection of ours: one whose certificate
 * was checked against the pins (connection.fingerprints) before anything is written to it —
 * the password travels in the upgrade request, so a check after the client connected would
 * be too late — and whose handshakes time out (the client's own channel waits for ever on a
 * server that accepts the connection and never answers the upgrade, and keeps the socket).
 * The client has no option for either, so its channel method is replaced by one that does
 * what it does (route each reply to the request with its id); everything else stays the client's.
 */
function useOwnChannel(job: SQLJob, options: MapepireOptions, ca: string | undefined, target: string): void {
  const replies = (job as unknown as { responseEmitter: { emit(id: string, reply: unknown): void } })
    .responseEmitter;
  (job as unknown as { getChannel: () => Promise<WebSocket> }).getChannel = async () => {
    const socket = await checkedSocket(options, ca, target);
    return new Promise<WebSocket>((resolve, reject) => {
      const credentials = Buffer.from(`${options.user}:${options.password}`).toString('base64');
      const ws = new WebSocket(`wss://${options.host}:${options.port}/db/`, {
        headers: { authorization: `Basic ${credentials}` },
        createConnection: () => socket,
      });
      // A server that never answers the upgrade must not keep the socket for ever (ws's own
      // handshakeTimeout does not apply to a socket it was handed already connected).
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          retryable(
            'AR_SOURCE_UNREACHABLE',
            `${target} did not answer the WebSocket upgrade within ${options.requestTimeout} ms`,
          ),
        );
      }, options.requestTimeout);
      ws.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.on('message', (data) => {
        try {
          const reply = JSON.parse(data.toString()) as { id: string };
          replies.emit(reply.id, reply);
        } catch {
          // Not JSON: no request waits for it (the client ignores it too).
        }
      });
      ws.once('open', () => {
        clearTimeout(timer);
        resolve(ws);
      });
    });
  };
}

/** A TLS connection to the server, once its certificate passed the chain check (if on) and the pins (if any). */
function checkedSocket(options: MapepireOptions, ca: string | undefined, target: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host: options.host,
      port: options.port,
      ca,
      rejectUnauthorized: options.rejectUnauthorized,
      servername: isIP(options.host) ? undefined : options.host,
    });
    socket.once('error', reject);
    socket.setTimeout(options.requestTimeout, () =>
      socket.destroy(
        retryable(
          'AR_SOURCE_UNREACHABLE',
          `no TLS handshake with ${target} within ${options.requestTimeout} ms`,
        ),
      ),
    );
    socket.once('secureConnect', () => {
      socket.setTimeout(0);
      const mismatch =
        options.fingerprints && peerPinError(socket, options.fingerprints, target, 'AR_SOURCE_TLS');
      if (mismatch) {
        socket.destroy();
        reject(mismatch);
        return;
      }
      socket.removeListener('error', reject);
      resolve(socket);
    });
  });
}

let routed = false;
function routeLibraryConsole(logger: Logger): void {
  if (routed) return;
  routed = true;
  console.log = (...args: unknown[]) => {
    logger.debug('mapepire-js', {
      detail: args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '),
    });
  };
}
