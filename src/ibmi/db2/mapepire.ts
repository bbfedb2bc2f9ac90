import { readFileSync } from 'node:fs';
import * as mapepire from '@ibm/mapepire-js';
import { AuditRelayError, retryable } from '../../core/errors.js';
import type { Logger } from '../../core/telemetry.js';
import type { Db2Connection, Db2Connector, Db2Parameter, Db2Row } from './port.js';

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
  /** Milliseconds before a request with no answer counts as a lost connection. */
  requestTimeout: number;
}

/**
 * Db2 for i over Mapepire, with IBM's own client (@ibm/mapepire-js).
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
      try {
        await job.connect({
          host: options.host,
          port: options.port,
          user: options.user,
          password: options.password,
          ca,
          rejectUnauthorized: options.rejectUnauthorized,
        });
      } catch (error) {
        await job.close().catch(() => {});
        throw classifyConnectError(error, target);
      }
      return new MapepireConnection(job, target, options.requestTimeout);
    },
  };
}

class MapepireConnection implements Db2Connection {
  constructor(
    private readonly job: SQLJob,
    private readonly target: string,
    private readonly requestTimeout: number,
  ) {}

  async query(sql: string, parameters: readonly Db2Parameter[] = []): Promise<Db2Row[]> {
    const query = this.job.query<Db2Row>(sql, parameters.length ? { parameters: [...parameters] } : {});
    try {
      const rows: Db2Row[] = [];
      let result = await this.withTimeout(query.execute(1000));
      rows.push(...(result.data ?? []));
      while (!result.is_done) {
        result = await this.withTimeout(query.fetchMore(1000));
        rows.push(...(result.data ?? []));
      }
      return rows;
    } catch (error) {
      if (error instanceof AuditRelayError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      if (/Connection failed|not open|closed/i.test(message)) {
        throw retryable('AR_SOURCE_UNREACHABLE', `the connection to ${this.target} was lost`, error);
      }
      throw new AuditRelayError('AR_SOURCE_QUERY', `the query failed on the IBM i: ${message}`, {
        cause: error,
        retryable: true,
      });
    } finally {
      await query.close().catch(() => {});
      // mapepire-js keeps every Query in a static list until cleanup() runs; a poller that
      // never cleans up grows without bound.
      const Query = query.constructor as { cleanup?: () => Promise<void> };
      await Query.cleanup?.().catch(() => {});
    }
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            retryable(
              'AR_SOURCE_UNREACHABLE',
              `no answer from ${this.target} within ${this.requestTimeout} ms`,
            ),
          ),
        this.requestTimeout,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  async close(): Promise<void> {
    await this.job.close().catch(() => {});
  }
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
