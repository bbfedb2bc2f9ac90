import { resolve } from 'node:path';
import { z } from 'zod';
import type { ConfigIssue, Formatter, Sink, SinkContext } from '../../core/component.js';
import { durationSchema, sizeSchema } from '../../core/schema.js';
import { deliverySink } from '../delivery.js';
import { tlsFileKeys } from '../tls-files.js';
import { HttpClient, type HttpClientOptions } from './client.js';
import { type HttpRequester, httpDestination } from './requests.js';

/** What every HTTP sink's configuration has: where, how to connect, how big a request may be. */
const httpUrl = z
  .string()
  .url()
  .refine((url) => /^https?:\/\//i.test(url), 'must start with http:// or https://');

const tlsSchema = z
  .object({
    ...tlsFileKeys,
    servername: z.string().optional().describe('name to verify and send as SNI (default: the URL host)'),
    rejectUnauthorized: z.boolean().default(true).describe('verify the receiver certificate chain and name'),
  })
  .strict();

export function httpShape(defaults: { maxRequestSize: string; sendTimeout: string }) {
  return {
    name: z.string().min(1).optional().describe('name in logs and metrics (default: sink-N)'),
    url: httpUrl.optional().describe('base URL of the receiver, e.g. https://siem.example.com:8088'),
    urls: z
      .array(httpUrl)
      .min(1)
      .optional()
      .describe('failover group: base URLs in order of preference, used instead of url'),
    failback: durationSchema
      .default('60s')
      .describe('after this long on a backup URL, try the primary again'),
    compression: z
      .enum(['gzip', 'none'])
      .default('gzip')
      .describe('request body compression (Content-Encoding)'),
    maxRequestSize: sizeSchema
      .default(defaults.maxRequestSize)
      .describe(
        'largest request body before compression; a batch is split into requests of at most this size',
      ),
    connectTimeout: durationSchema.default('10s').describe('give up a connection attempt after this long'),
    sendTimeout: durationSchema
      .default(defaults.sendTimeout)
      .describe('a batch not acknowledged after this long is sent again (or to the next URL)'),
    tls: tlsSchema
      .default({})
      .describe('TLS settings for https:// URLs; the receiver is verified by default'),
  };
}

export interface HttpCommonConfig {
  url?: string;
  urls?: string[];
  failback: number;
  compression: 'gzip' | 'none';
  maxRequestSize: number;
  connectTimeout: number;
  sendTimeout: number;
  tls: z.infer<typeof tlsSchema>;
}

/** `url` or `urls`, exactly one. */
export function validateUrls(config: HttpCommonConfig): ConfigIssue[] {
  if (!config.url !== !config.urls) return [];
  return [
    {
      path: [config.url ? 'urls' : 'url'],
      message: 'give either url or urls, not both and not neither',
    },
  ];
}

/** One requester per URL (in failover order), over the delivery wrapper. */
export function httpSink(
  config: HttpCommonConfig,
  context: SinkContext,
  messages: Formatter,
  requester: (client: HttpClient) => HttpRequester,
  headers: Record<string, string> = {},
): Sink {
  const inConfigDir = (path: string | undefined) => path && resolve(context.configDirectory, path);
  const tls = {
    ...config.tls,
    ca: inConfigDir(config.tls.ca),
    cert: inConfigDir(config.tls.cert),
    key: inConfigDir(config.tls.key),
  };
  const destinations = (config.urls ?? [config.url!]).map((url) => {
    const options: HttpClientOptions = {
      url,
      tls,
      connectTimeoutMs: config.connectTimeout,
      compression: config.compression,
      headers,
    };
    return httpDestination(requester(new HttpClient(options)));
  });
  return deliverySink(destinations, {
    format: messages,
    failbackMs: config.failback,
    sendTimeoutMs: config.sendTimeout,
    backoff: context.backoff,
    logger: context.logger,
    counters: context.counters,
    deadLetters: context.deadLetters,
    name: context.name,
  });
}
