import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * Local stand-ins for the HTTP receivers the HTTP sinks talk to, built from each one's
 * documented request/response contract, not from our sinks:
 * - Splunk HEC: POST /services/collector/event (Authorization: Splunk <token>; concatenated
 *   JSON envelopes, each with an `event`), answers {"text":"Success","code":0[,"ackId":n]};
 *   errors as {"text","code"[,"invalid-event-number"]} (400 code 6 invalid data format, 12
 *   event field required, 401 code 2/3, 403 code 4, 503 code 9 busy, 400 code 10 channel
 *   missing with ack on); POST /services/collector/ack {"acks":[ids]} → {"acks":{"id":bool}},
 *   a true read once (as Vector's HEC-compatible source does).
 * - Elasticsearch: POST /<target>/_bulk, NDJSON action/source pairs, only `create` for data
 *   streams; answers {"took","errors","items":[{"create":{"_index","_id","status",…}}]} in
 *   request order; a duplicate `_id` is 409 version_conflict_engine_exception.
 * - Any HTTP endpoint: POST of lines, 200.
 * Faults can be injected: a whole-request status, per-item statuses, a connection cut after
 * the request was read (a receiver dying mid-batch), acknowledgements that come late.
 */
export interface ReceivedDocument {
  /** The HEC envelope, the _bulk document, or the line as JSON (a string when it was not JSON). */
  body: unknown;
  /** Elasticsearch `_id`. */
  id?: string;
}

export interface ReceiverFaults {
  /** Answer every request (event/_bulk/ingest) with this status and a matching body. */
  status?: number;
  /** Elasticsearch: a status per item (undefined: 201). */
  itemStatus?: (document: unknown, index: number) => number | undefined;
  /** HEC: answer 400 code 6 naming this event of the request as invalid. */
  invalidEvent?: (envelope: unknown, index: number) => boolean;
  /** Read the request, then cut the connection without an answer. */
  dieAfterRead?: boolean;
  /** HEC: requests whose ack turns true only after this many ack polls. */
  ackAfterPolls?: number;
  /** Generic endpoint: status for a request whose body has one of these lines (400 for poison). */
  refuseLine?: (line: string) => boolean;
}

export interface HttpReceiver {
  readonly port: number;
  readonly url: string;
  /** Every document accepted, in arrival order (duplicates included). */
  readonly documents: ReceivedDocument[];
  /** Every request seen (including refused ones): path and number of items. */
  readonly requests: {
    path: string;
    items: number;
    status: number;
    gzip: boolean;
    headers: IncomingMessage['headers'];
  }[];
  faults: ReceiverFaults;
  stop(): Promise<void>;
}

export interface HttpReceiverOptions {
  kind: 'hec' | 'elasticsearch' | 'http';
  port?: number;
  /** HEC token expected (default `test-token`). */
  token?: string;
  /** HEC: indexer acknowledgement on for the token. */
  ack?: boolean;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      try {
        const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        resolve(body.toString('utf8'));
      } catch (error) {
        reject(error);
      }
    });
    request.on('error', reject);
  });
}

/** Concatenated JSON objects (HEC allows any whitespace between them). */
function splitJsonObjects(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}') {
      if (--depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    } else if (depth === 0 && !/\s/.test(c!)) throw new Error(`unexpected ${c} at ${i}`);
  }
  if (depth !== 0) throw new Error('unterminated object');
  return out;
}

export async function startHttpReceiver(options: HttpReceiverOptions): Promise<HttpReceiver> {
  const token = options.token ?? 'test-token';
  const documents: ReceivedDocument[] = [];
  const requests: HttpReceiver['requests'] = [];
  const ids = new Set<string>();
  const sockets = new Set<Socket>();
  let nextAck = 0;
  /** ackId → polls left before it reads true (0: true now); removed once read true. */
  const acks = new Map<string, Map<number, number>>();
  const receiver = { faults: {} as ReceiverFaults };

  const recorded = new WeakMap<ServerResponse, HttpReceiver['requests'][number]>();
  const send = (response: ServerResponse, status: number, body: unknown) => {
    const record = recorded.get(response);
    if (record) record.status = status;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  const hec = (request: IncomingMessage, response: ServerResponse, text: string, path: string) => {
    const faults = receiver.faults;
    if (request.headers['authorization'] !== `Splunk ${token}`) {
      return send(
        response,
        401,
        request.headers['authorization']
          ? { text: 'Invalid authorization', code: 3 }
          : { text: 'Token is required', code: 2 },
      );
    }
    const channel =
      (request.headers['x-splunk-request-channel'] as string | undefined) ??
      new URL(path, 'http://x').searchParams.get('channel') ??
      undefined;
    if (path.startsWith('/services/collector/ack')) {
      if (!options.ack) return send(response, 400, { text: 'ACK is disabled', code: 14 });
      const pending = channel ? acks.get(channel) : undefined;
      if (!pending) return send(response, 400, { text: 'Invalid data channel', code: 11 });
      const asked = (JSON.parse(text) as { acks: number[] }).acks;
      const answer: Record<string, boolean> = {};
      for (const id of asked) {
        const left = pending.get(id);
        answer[String(id)] = left === 0;
        if (left === 0) pending.delete(id);
        else if (left !== undefined) pending.set(id, left - 1);
      }
      return send(response, 200, { acks: answer });
    }
    if (options.ack && !channel) return send(response, 400, { text: 'Data channel is missing', code: 10 });
    if (faults.status !== undefined) {
      return send(response, faults.status, {
        text: faults.status === 503 ? 'Server is busy' : 'Error',
        code: faults.status === 503 ? 9 : 8,
      });
    }
    let envelopes: unknown[];
    try {
      envelopes = splitJsonObjects(text);
    } catch {
      return send(response, 400, { text: 'Invalid data format', code: 6 });
    }
    if (envelopes.length === 0) return send(response, 400, { text: 'No data', code: 5 });
    const bad = envelopes.findIndex(
      (e, i) =>
        typeof e !== 'object' || e === null || !('event' in e) || (faults.invalidEvent?.(e, i) ?? false),
    );
    if (bad >= 0) {
      // Splunk's documented behaviour for the events before the bad one is not known; this
      // receiver indexes none of the request.
      return send(response, 400, { text: 'Invalid data format', code: 6, 'invalid-event-number': bad });
    }
    for (const body of envelopes) documents.push({ body });
    if (!options.ack) return send(response, 200, { text: 'Success', code: 0 });
    const id = nextAck++;
    if (!acks.has(channel!)) acks.set(channel!, new Map());
    acks.get(channel!)!.set(id, faults.ackAfterPolls ?? 0);
    return send(response, 200, { text: 'Success', code: 0, ackId: id });
  };

  const bulk = (response: ServerResponse, text: string, path: string) => {
    const faults = receiver.faults;
    if (faults.status !== undefined) {
      return send(response, faults.status, {
        error: { type: 'es_rejected_execution_exception', reason: 'injected' },
        status: faults.status,
      });
    }
    const target = decodeURIComponent(path.split('?')[0]!.split('/')[1] ?? '');
    const lines = text.split('\n');
    if (lines.at(-1) !== '') {
      return send(response, 400, {
        error: {
          type: 'illegal_argument_exception',
          reason: 'The bulk request must be terminated by a newline [\\n]',
        },
        status: 400,
      });
    }
    lines.pop();
    const items: unknown[] = [];
    let errors = false;
    for (let i = 0; i < lines.length; i += 2) {
      const action = JSON.parse(lines[i]!) as Record<string, { _id?: string }>;
      const [op, meta] = Object.entries(action)[0]!;
      const document = JSON.parse(lines[i + 1] ?? 'null') as unknown;
      const index = i / 2;
      let status = op === 'create' ? (faults.itemStatus?.(document, index) ?? 201) : 400;
      const id = meta?._id ?? `auto-${documents.length}`;
      if (status === 201 && ids.has(id)) status = 409;
      const item: Record<string, unknown> = { _index: target, _id: id, status };
      if (status === 201) {
        ids.add(id);
        documents.push({ body: document, id });
        item['result'] = 'created';
      } else {
        errors = true;
        item['error'] =
          status === 409
            ? {
                type: 'version_conflict_engine_exception',
                reason: `[${id}]: version conflict, document already exists`,
              }
            : status === 429
              ? { type: 'es_rejected_execution_exception', reason: 'rejected execution' }
              : op !== 'create'
                ? {
                    type: 'illegal_argument_exception',
                    reason: `only write ops with an op_type of create are allowed in data streams`,
                  }
                : { type: 'document_parsing_exception', reason: 'failed to parse' };
      }
      items.push({ [op]: item });
    }
    return send(response, 200, { took: 1, errors, items });
  };

  const generic = (response: ServerResponse, text: string) => {
    const faults = receiver.faults;
    if (faults.status !== undefined) return send(response, faults.status, { error: 'injected' });
    const lines = text.split('\n').filter((line) => line !== '');
    if (lines.some((line) => faults.refuseLine?.(line))) return send(response, 400, { error: 'refused' });
    for (const line of lines) {
      let body: unknown = line;
      try {
        body = JSON.parse(line);
      } catch {}
      documents.push({ body });
    }
    return send(response, 200, { accepted: lines.length });
  };

  const server: Server = createServer(async (request, response) => {
    const path = request.url ?? '/';
    let text: string;
    try {
      text = await readBody(request);
    } catch {
      return send(response, 400, { error: 'unreadable body' });
    }
    const items =
      options.kind === 'elasticsearch'
        ? Math.floor(text.split('\n').length / 2)
        : text.split('\n').filter(Boolean).length;
    const record = {
      path,
      items,
      status: 0,
      gzip: request.headers['content-encoding'] === 'gzip',
      headers: request.headers,
    };
    requests.push(record);
    recorded.set(response, record);
    if (receiver.faults.dieAfterRead && !path.startsWith('/services/collector/ack')) {
      request.socket.destroy();
      return;
    }
    if (options.kind === 'hec') return hec(request, response, text, path);
    if (options.kind === 'elasticsearch') return bulk(response, text, path);
    return generic(response, text);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    port,
    url: `http://127.0.0.1:${port}`,
    documents,
    requests,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
