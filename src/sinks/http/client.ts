import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Pool } from 'undici';
import { AuditRelayError, retryable } from '../../core/errors.js';

const gzipAsync = promisify(gzip);

/**
 * One HTTP(S) origin, through undici (Node's own HTTP client): a small keep-alive pool, TLS
 * verified by default, bodies optionally gzipped. It sends and reads; what a status means is
 * the sink type's business (status.ts, the destinations).
 */
export interface HttpTls {
  /** PEM file of the CA that signed the receiver certificate (default: the system store). */
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  rejectUnauthorized: boolean;
}

export interface HttpClientOptions {
  url: string;
  tls: HttpTls;
  connectTimeoutMs: number;
  compression: 'gzip' | 'none';
  /** Sent with every request (authorization, for one). */
  headers: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const read = (path: string | undefined) => {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    throw new AuditRelayError('AR_SINK_TLS', `cannot read a TLS file: ${(error as Error).message}`, {
      cause: error,
    });
  }
};

export class HttpClient {
  readonly description: string;
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(private readonly options: HttpClientOptions) {
    const url = new URL(options.url);
    this.description = `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: 2,
      connect: {
        timeout: options.connectTimeoutMs,
        ca: read(options.tls.ca),
        cert: read(options.tls.cert),
        key: read(options.tls.key),
        servername: options.tls.servername,
        rejectUnauthorized: options.tls.rejectUnauthorized,
      },
    });
  }

  /** POSTs `body` to the URL's path + `path`. Throws a retryable AuditRelayError when no answer came. */
  async post(
    path: string,
    body: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<HttpResponse & { bytes: number }> {
    let payload: Buffer = Buffer.from(body, 'utf8');
    const all: Record<string, string> = { ...this.options.headers, ...headers };
    if (this.options.compression === 'gzip') {
      payload = await gzipAsync(payload);
      all['content-encoding'] = 'gzip';
    }
    try {
      const response = await this.pool.request({
        path: this.basePath + path || '/',
        method: 'POST',
        headers: all,
        body: payload,
        signal,
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, text, bytes: payload.length };
    } catch (error) {
      throw classify(error, this.description);
    }
  }

  close(): Promise<void> {
    return this.pool.close().catch(() => {});
  }
}

/** undici's and the socket's errors as AuditRelay's retryable sink errors. */
function classify(error: unknown, description: string): AuditRelayError {
  if (error instanceof AuditRelayError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  if (code === 'UND_ERR_INVALID_ARG') {
    return new AuditRelayError('AR_INTERNAL', `a request to ${description} was malformed: ${message}`, {
      cause: error,
    });
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|HOSTNAME|ERR_TLS/i.test(code) || /certificate/i.test(message)) {
    return retryable('AR_SINK_TLS', `the TLS connection to ${description} failed: ${message}`, error);
  }
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EHOSTUNREACH' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return retryable('AR_SINK_UNREACHABLE', `${description} cannot be reached: ${message}`, error);
  }
  return retryable('AR_SINK_CLOSED', `the request to ${description} broke: ${message}`, error);
}
