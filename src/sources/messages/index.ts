import { z } from 'zod';
import type { Source, SourceDescriptor } from '../../core/component.js';
import { durationSchema } from '../../core/schema.js';
import { parseUtcOffset } from '../../ibmi/journal/heading/timestamp.js';
import { ANY_MESSAGE_ID, KNOWN_MESSAGES } from '../../ibmi/messages/catalog.js';
import { ibmiConnector, mapepireConnectionSchema, utcOffsetSchema } from '../ibmi-connection.js';
import { MessageReader, type MessageStream } from './reader.js';
import { type MessageRecord, messageRecordToEvent } from './record.js';
import { compileSelection, selectSchema } from './select.js';

/** Keys both message sources share. */
const common = {
  name: z.string().min(1).optional().describe('name in logs, metrics and state (default: source-N)'),
  connection: mapepireConnectionSchema.describe('how to reach Db2 for i (Mapepire server on the IBM i)'),
  pollInterval: durationSchema.default('2s').describe('wait between queries once caught up'),
  batchSize: z.number().int().min(1).max(5000).default(500).describe('messages per query and stream'),
  startAt: z
    .enum(['newest', 'oldest'])
    .default('newest')
    .describe('without a saved position: after the newest message present, or from the oldest one kept'),
  select: selectSchema.describe('which messages to send (docs/message-sources.md)'),
  utcOffset: utcOffsetSchema,
};

const queueName = z
  .string()
  .regex(/^[A-Z0-9$#@_]{1,10}\/[A-Z0-9$#@_]{1,10}$/i, 'expected LIBRARY/QUEUE, e.g. QSYS/QSYSOPR')
  .transform((q) => q.toUpperCase());

export const historyLogConfigSchema = z.object({ type: z.literal('history-log'), ...common }).strict();
export const messageQueueConfigSchema = z
  .object({
    type: z.literal('message-queue'),
    ...common,
    queues: z
      .array(queueName)
      .min(1)
      .default(['QSYS/QSYSOPR', 'QSYS/QSYSMSG'])
      .describe('queues to read; one that does not exist is a warning, the others go on'),
  })
  .strict();

export type HistoryLogConfig = z.infer<typeof historyLogConfigSchema>;
export type MessageQueueConfig = z.infer<typeof messageQueueConfigSchema>;

/** Entry types of message events: the known IDs, any other ID, replies, impromptu messages, gaps. */
const EVENT_TYPES = [...Object.keys(KNOWN_MESSAGES), 'REPLY', 'IMPROMPTU', 'GAP', ANY_MESSAGE_ID];

function reader(
  config: HistoryLogConfig | MessageQueueConfig,
  streams: MessageStream[],
  context: Parameters<SourceDescriptor['create']>[1],
): Source<MessageRecord> {
  return new MessageReader(ibmiConnector(config.connection, context.configDirectory, context.logger), {
    streams,
    batchSize: config.batchSize,
    startAt: config.startAt,
    pollInterval: config.pollInterval,
    utcOffsetMinutes: config.utcOffset === undefined ? undefined : parseUtcOffset(config.utcOffset),
    select: compileSelection(config.select),
    logger: context.logger,
  });
}

const caFile = (config: { connection: { ca?: string } }) =>
  config.connection.ca === undefined ? [] : [{ path: ['connection', 'ca'], file: config.connection.ca }];

export const historyLogSource: SourceDescriptor<HistoryLogConfig, MessageRecord> = {
  kind: 'source',
  type: 'history-log',
  description: 'Reads the history log QHST with QSYS2.HISTORY_LOG_INFO.',
  configSchema: historyLogConfigSchema,
  toEvent: messageRecordToEvent,
  eventTypes: EVENT_TYPES,
  files: caFile,
  create: (config, context) => reader(config, [{ name: 'QHST' }], context),
};

export const messageQueueSource: SourceDescriptor<MessageQueueConfig, MessageRecord> = {
  kind: 'source',
  type: 'message-queue',
  description: 'Reads message queues (QSYSOPR, QSYSMSG…) with QSYS2.MESSAGE_QUEUE_INFO.',
  configSchema: messageQueueConfigSchema,
  toEvent: messageRecordToEvent,
  eventTypes: EVENT_TYPES,
  files: caFile,
  create: (config, context) =>
    reader(
      config,
      config.queues.map((queue) => {
        const [library = 'QSYS', name = 'QSYSOPR'] = queue.split('/');
        return { name: queue, queue: { library, name } };
      }),
      context,
    ),
};
