import { z } from 'zod';
import type { Formatter, SinkDescriptor } from '../../core/component.js';
import { retryable } from '../../core/errors.js';
import type { SecurityEvent } from '../../core/event.js';
import type { HttpClient } from './client.js';
import { type HttpCommonConfig, httpShape, httpSink, validateUrls } from './common.js';
import type { HttpRequester, ItemResults } from './requests.js';
import { isSuccess, isTransient, statusError } from './status.js';

/**
 * Elasticsearch `_bulk` into a data stream: `POST /<stream>/_bulk` with NDJSON, one
 * `{"create":{"_id":…}}` line and one document line per event (data streams accept only
 * `create`). The answer lists one result per item in request order: 2xx is indexed; 409 with
 * our `_id` means the document is already there (a re-send after a crash), so it counts as
 * delivered; 429 and 5xx items are sent again, alone; any other item status is a refusal for
 * good (mapping errors) and goes to the refusal policy. The event id is the `_id`, so a batch
 * sent twice is not indexed twice.
 *
 * Sources: Elasticsearch "Bulk API" and "Data streams" reference, "Rejected requests" (429)
 * (elastic.co, V); retrying item-level 5xx and keeping 409 as "already there" is common client
 * practice, not a documented rule (K). Tested against a local receiver built to that contract,
 * never against Elasticsearch.
 */
const esSchema = z
  .object({
    type: z.literal('elasticsearch'),
    ...httpShape({ maxRequestSize: '5MiB', sendTimeout: '60s' }),
    index: z
      .string()
      .regex(
        /^(?![-_+.])[a-z0-9][^\\/*?"<>| ,#:A-Z]*$/,
        'an Elasticsearch index or data stream name: lower case, no \\ / * ? " < > | space , # :',
      )
      .max(255)
      .default('logs-ibmi.audit-default')
      .describe('data stream (or index) to write to; needs a matching index template for a data stream'),
    apiKey: z.string().min(1).optional().describe('API key (Authorization: ApiKey …; use ${ENV_VAR})'),
    username: z.string().min(1).optional().describe('user for basic authentication'),
    password: z.string().min(1).optional().describe('password for basic authentication (use ${ENV_VAR})'),
  })
  .strict();

export type ElasticsearchConfig = z.infer<typeof esSchema>;

/** The two NDJSON lines of one event: the create action with the event id as `_id`, then the document. */
export function bulkItem(format: Formatter): Formatter {
  return (event: SecurityEvent) => `{"create":{"_id":${JSON.stringify(event.id)}}}\n${format(event)}`;
}

interface BulkAnswer {
  errors?: boolean;
  items?: Record<string, { status?: number; error?: { type?: string; reason?: string } }>[];
}

function bulkRequester(client: HttpClient, config: ElasticsearchConfig): HttpRequester {
  const path = `/${encodeURIComponent(config.index)}/_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason`;
  const headers = { 'content-type': 'application/x-ndjson' };
  return {
    description: client.description,
    maxRequestBytes: config.maxRequestSize,
    async post(items, signal): Promise<ItemResults> {
      const response = await client.post(path, `${items.join('\n')}\n`, headers, signal);
      if (!isSuccess(response.status)) throw statusError(response, client.description);
      let answer: BulkAnswer;
      try {
        answer = JSON.parse(response.text) as BulkAnswer;
      } catch {
        throw retryable(
          'AR_SINK_HTTP',
          `${client.description} answered _bulk with something that is not JSON`,
        );
      }
      const result: ItemResults = { refused: [], retry: [], bytes: response.bytes };
      if (answer.errors !== true) return result;
      const results = answer.items ?? [];
      if (results.length !== items.length) {
        throw retryable(
          'AR_SINK_HTTP',
          `${client.description} answered ${results.length} _bulk items for ${items.length}`,
        );
      }
      let firstRetry: string | undefined;
      results.forEach((item, index) => {
        const outcome = Object.values(item)[0] ?? {};
        const status = outcome.status ?? 0;
        if (isSuccess(status) || status === 409) return;
        const reason = `${client.description} item ${status} ${outcome.error?.type ?? ''}: ${outcome.error?.reason ?? ''}`;
        if (isTransient(status)) {
          result.retry.push(index);
          firstRetry ??= reason;
        } else result.refused.push({ index, reason });
      });
      if (firstRetry) {
        result.retryError = retryable(
          'AR_SINK_HTTP',
          `${result.retry.length} of ${items.length} _bulk items not taken now (${firstRetry})`,
        );
      }
      return result;
    },
    close: () => client.close(),
  };
}

export const elasticsearchSink: SinkDescriptor<ElasticsearchConfig> = {
  kind: 'sink',
  type: 'elasticsearch',
  description:
    'Indexes events into an Elasticsearch data stream with the _bulk API; per-item results, only 429/5xx items retried.',
  configSchema: esSchema,
  defaultFormat: { type: 'json', style: 'ecs' },
  validate(config) {
    const issues = validateUrls(config as HttpCommonConfig);
    if ((config.username === undefined) !== (config.password === undefined)) {
      issues.push({ path: ['password'], message: 'give username and password together' });
    }
    if (config.apiKey && config.username) {
      issues.push({ path: ['apiKey'], message: 'give apiKey or username/password, not both' });
    }
    return issues;
  },
  formatCheck: (format) =>
    format.type === 'json' && (format['header'] ?? 'none') === 'none'
      ? undefined
      : 'elasticsearch indexes JSON documents: use format json (style ecs or native) without a syslog header',
  messages: (_config, context) => bulkItem(context.format({})),
  create(config, context) {
    const headers: Record<string, string> = {};
    if (config.apiKey) headers['authorization'] = `ApiKey ${config.apiKey}`;
    else if (config.username) {
      headers['authorization'] =
        `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`;
    }
    return httpSink(
      config,
      context,
      elasticsearchSink.messages(config, context),
      (client) => bulkRequester(client, config),
      headers,
    );
  },
};
