import { z } from 'zod';
import type { SinkDescriptor } from '../../core/component.js';
import type { HttpClient } from './client.js';
import { type HttpCommonConfig, httpShape, httpSink, validateUrls } from './common.js';
import type { HttpRequester, ItemResults } from './requests.js';
import { isSuccess, statusError } from './status.js';

/**
 * Any HTTP receiver: each request's body is the batch's messages, one per line (NDJSON when
 * the format is JSON), POSTed to the URL. The answer's status decides for the whole request
 * (status.ts): 2xx taken; 408, 429, 5xx sent again; 400, 413, 422 halved until the refused
 * messages are found; anything else retried as a configuration problem.
 */
const httpSchema = z
  .object({
    type: z.literal('http'),
    ...httpShape({ maxRequestSize: '1MiB', sendTimeout: '30s' }),
    headers: z
      .record(z.string())
      .default({})
      .describe('extra request headers, e.g. { Authorization: "Bearer ${TOKEN}" }'),
  })
  .strict();

export type GenericHttpConfig = z.infer<typeof httpSchema>;

const NDJSON = { 'content-type': 'application/x-ndjson' };
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

function lineRequester(client: HttpClient, config: GenericHttpConfig): HttpRequester {
  return {
    description: client.description,
    maxRequestBytes: config.maxRequestSize,
    async post(items, signal): Promise<ItemResults> {
      // JSON messages (header none) make NDJSON; any other format is plain lines.
      const headers = items.every((item) => item.startsWith('{')) ? NDJSON : TEXT;
      const response = await client.post('', `${items.join('\n')}\n`, headers, signal);
      if (!isSuccess(response.status)) throw statusError(response, client.description);
      return { refused: [], retry: [], bytes: response.bytes };
    },
    close: () => client.close(),
  };
}

export const httpGenericSink: SinkDescriptor<GenericHttpConfig> = {
  kind: 'sink',
  type: 'http',
  description: 'POSTs events to any HTTP endpoint, one message per line (NDJSON for JSON), gzip by default.',
  configSchema: httpSchema,
  defaultFormat: { type: 'json' },
  validate: (config) => validateUrls(config as HttpCommonConfig),
  messages: (_config, context) => context.format({}),
  create(config, context) {
    return httpSink(
      config,
      context,
      context.format({}),
      (client) => lineRequester(client, config),
      Object.fromEntries(Object.entries(config.headers).map(([key, value]) => [key.toLowerCase(), value])),
    );
  },
};
