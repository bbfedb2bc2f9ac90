import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sleep } from '../../core/backoff.js';
import type { Formatter, SinkDescriptor } from '../../core/component.js';
import { retryable } from '../../core/errors.js';
import type { SecurityEvent } from '../../core/event.js';
import { durationSchema } from '../../core/schema.js';
import type { HttpClient, HttpResponse } from './client.js';
import { type HttpCommonConfig, httpShape, httpSink, validateUrls } from './common.js';
import { type HttpRequester, type ItemResults, RefusedRequest } from './requests.js';
import { bodyText, isSuccess, statusError } from './status.js';

/**
 * Splunk HTTP Event Collector (HEC), JSON event endpoint `services/collector/event`. Each event
 * is one envelope `{"time","host","source","sourcetype","index","event"}`, several per request;
 * `Authorization: Splunk <token>`. With indexer acknowledgement, every request carries a
 * channel (`X-Splunk-Request-Channel`), the answer an `ackId`, and a batch counts as delivered
 * only once `services/collector/ack` reports every ackId true.
 *
 * Sources: Splunk "HTTP Event Collector REST API endpoints", "Format events for HTTP Event
 * Collector", "About HTTP Event Collector Indexer Acknowledgment" (help.splunk.com, V). The
 * error codes (6 invalid data format with `invalid-event-number`, 7 incorrect index, 9 busy,
 * 10/11 channel, 14 ack disabled) and the ack request/response shape were checked only against
 * secondary implementations (a Splunk connector's code table, Vector's HEC-compatible source):
 * tested here against a local receiver built to that contract, never against Splunk (K).
 */
export const DEFAULT_SOURCETYPE = 'auditrelay:ibmi';

const hecSchema = z
  .object({
    type: z.literal('splunk-hec'),
    ...httpShape({ maxRequestSize: '1MiB', sendTimeout: '60s' }),
    token: z.string().min(1).describe('HEC token (use ${ENV_VAR}); sent as Authorization: Splunk <token>'),
    index: z.string().min(1).optional().describe("Splunk index (default: the token's default index)"),
    sourcetype: z.string().min(1).default(DEFAULT_SOURCETYPE).describe('source type of every event'),
    source: z
      .string()
      .min(1)
      .optional()
      .describe('source of every event (default: the event origin, QAUDJRN)'),
    ack: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .describe(
            'indexer acknowledgement: a batch counts only once Splunk says it is indexed (turn it on for the token too)',
          ),
        channel: z.string().uuid().optional().describe('channel GUID (default: a new one at every start)'),
        pollInterval: durationSchema.default('1s').describe('how often to ask for the acknowledgement'),
      })
      .strict()
      .default({})
      .describe('indexer acknowledgement (Splunk Enterprise)'),
  })
  .strict();

export type HecConfig = z.infer<typeof hecSchema>;

/** HEC error codes that mean "this content": the rest of a 400 is configuration (index, channel, ack). */
const CONTENT_CODES = new Set([6, 12, 13]);

interface HecAnswer {
  text?: string;
  code?: number;
  ackId?: number;
  'invalid-event-number'?: number;
}

function answerOf(response: HttpResponse): HecAnswer {
  try {
    return JSON.parse(response.text) as HecAnswer;
  } catch {
    return {};
  }
}

/** The envelope of one event around its formatted message (a JSON object as itself, anything else as a string). */
export function hecEnvelope(
  config: Pick<HecConfig, 'index' | 'sourcetype' | 'source'>,
  format: Formatter,
): Formatter {
  const index = config.index === undefined ? '' : `,"index":${JSON.stringify(config.index)}`;
  const sourcetype = `,"sourcetype":${JSON.stringify(config.sourcetype)}`;
  const fixedSource = config.source === undefined ? undefined : `,"source":${JSON.stringify(config.source)}`;
  return (event: SecurityEvent) => {
    const message = format(event);
    const body = message.startsWith('{') ? message : JSON.stringify(message);
    return `{"time":${(event.timeMs / 1000).toFixed(3)},"host":${JSON.stringify(event.system)}${fixedSource ?? `,"source":${JSON.stringify(event.origin)}`}${sourcetype}${index},"event":${body}}`;
  };
}

function hecRequester(client: HttpClient, config: HecConfig): HttpRequester {
  const channel = config.ack.enabled ? (config.ack.channel ?? randomUUID()) : undefined;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (channel) headers['x-splunk-request-channel'] = channel;

  /** Waits until Splunk reports the ackId indexed; the send timeout bounds the wait. */
  const awaitAck = async (ackId: number, signal: AbortSignal) => {
    for (;;) {
      await sleep(config.ack.pollInterval, signal);
      if (signal.aborted)
        throw retryable('AR_SINK_TIMEOUT', `no indexer acknowledgement from ${client.description}`);
      const response = await client.post(
        '/services/collector/ack',
        JSON.stringify({ acks: [ackId] }),
        headers,
        signal,
      );
      if (!isSuccess(response.status)) {
        const error = statusError(response, client.description);
        throw error instanceof RefusedRequest ? retryable('AR_SINK_HTTP', error.reason) : error;
      }
      const acks = (JSON.parse(response.text) as { acks?: Record<string, boolean> }).acks ?? {};
      if (acks[String(ackId)] === true) return;
    }
  };

  return {
    description: client.description,
    maxRequestBytes: config.maxRequestSize,
    async post(items, signal): Promise<ItemResults> {
      const response = await client.post('/services/collector/event', items.join('\n'), headers, signal);
      const answer = answerOf(response);
      if (isSuccess(response.status)) {
        if (channel) {
          if (typeof answer.ackId !== 'number') {
            throw retryable(
              'AR_SINK_HTTP',
              `${client.description} gave no ackId: is indexer acknowledgement on for the token? (${bodyText(response)})`,
            );
          }
          await awaitAck(answer.ackId, signal);
        }
        return { refused: [], retry: [], bytes: response.bytes };
      }
      const what = `${client.description} answered HTTP ${response.status} code ${answer.code ?? '?'}: ${answer.text ?? bodyText(response)}`;
      if (response.status === 400 && answer.code !== undefined && CONTENT_CODES.has(answer.code)) {
        const bad = answer['invalid-event-number'];
        if (bad === undefined || bad < 0 || bad >= items.length) throw new RefusedRequest(what);
        // Events before the bad one may already be indexed (not documented): send them again
        // rather than risk losing them; refuse only the bad one.
        return {
          refused: [{ index: bad, reason: what }],
          retry: items.map((_, i) => i).filter((i) => i !== bad),
          retryError: retryable('AR_SINK_HTTP', what),
          bytes: response.bytes,
        };
      }
      if (response.status === 400) {
        throw retryable('AR_SINK_HTTP', `${what} (check the sink's index, token and ack settings)`);
      }
      throw statusError(response, client.description);
    },
    close: () => client.close(),
  };
}

export const splunkHecSink: SinkDescriptor<HecConfig> = {
  kind: 'sink',
  type: 'splunk-hec',
  description:
    'Sends events to Splunk HTTP Event Collector (JSON event endpoint), with indexer acknowledgement when enabled.',
  configSchema: hecSchema,
  defaultFormat: { type: 'json', style: 'cim' },
  validate: (config) => validateUrls(config as HttpCommonConfig),
  messages: (config, context) => hecEnvelope(config, context.format({})),
  create(config, context) {
    return httpSink(
      config,
      context,
      splunkHecSink.messages(config, context),
      (client) => hecRequester(client, config),
      { authorization: `Splunk ${config.token}` },
    );
  },
};
