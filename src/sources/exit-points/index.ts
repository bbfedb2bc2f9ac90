import { z } from 'zod';
import type { SourceDescriptor, SourcePosition } from '../../core/component.js';
import type { SecurityEvent } from '../../core/event.js';
import { durationSchema } from '../../core/schema.js';
import { REQUEST_KINDS } from '../../ibmi/exit-points/requests.js';
import { parseUtcOffset } from '../../ibmi/journal/heading/timestamp.js';
import { ibmiConnector, mapepireConnectionSchema, utcOffsetSchema } from '../ibmi-connection.js';
import { ExitLogReader } from './reader.js';
import { type ExitPointRecord, exitPointRecordToEvent } from './record.js';

export const exitPointsConfigSchema = z
  .object({
    type: z.literal('exit-points'),
    name: z.string().min(1).optional().describe('name in logs, metrics and state (default: source-N)'),
    connection: mapepireConnectionSchema.describe('how to reach Db2 for i (Mapepire server on the IBM i)'),
    library: z
      .string()
      .regex(/^[A-Z$#@][A-Z0-9$#@_]{0,9}$/i, 'expected an IBM i library name of 1-10 characters')
      .transform((l) => l.toUpperCase())
      .default('AUDITRELAY')
      .describe('library of the exit-point log (EXIT_LOG), as given to install-exit-points'),
    pollInterval: durationSchema.default('1s').describe('wait between queries once caught up'),
    batchSize: z.number().int().min(1).max(5000).default(1000).describe('log rows per query'),
    startAt: z
      .enum(['oldest', 'newest'])
      .default('oldest')
      .describe('without a saved position: from the oldest row kept, or after the newest one'),
    maxStatementLength: z
      .number()
      .int()
      .min(100)
      .max(16000)
      .default(4000)
      .describe(
        'SQL statements and commands are cut at this many characters (statementTruncated="yes"); the log keeps 16,000 bytes',
      ),
    holeWait: durationSchema
      .default('5s')
      .describe(
        'how long a missing ENTRY_ID may stay missing (an insert still running) before it is reported as a gap',
      ),
    utcOffset: utcOffsetSchema,
  })
  .strict();

export type ExitPointsConfig = z.infer<typeof exitPointsConfigSchema>;

/** `<system>/EXITLOG/<library>/<entryId>` → the position just before that row. */
function positionOf(event: SecurityEvent): SourcePosition | undefined {
  const match = /\/EXITLOG\/[^/]+\/(\d+)$/.exec(event.id);
  if (!match) return undefined;
  return { entryId: String(Number(match[1]) - 1), loggedAt: '' };
}

export const exitPointsSource: SourceDescriptor<ExitPointsConfig, ExitPointRecord> = {
  kind: 'source',
  type: 'exit-points',
  description:
    'Reads the log the exit programs of `auditrelay ibmi install-exit-points` write (ODBC/JDBC SQL, remote commands, FTP, file server…).',
  configSchema: exitPointsConfigSchema,
  toEvent: exitPointRecordToEvent,
  positionOf,
  eventTypes: [...Object.keys(REQUEST_KINDS), 'GAP'],
  files: (config) =>
    config.connection.ca === undefined ? [] : [{ path: ['connection', 'ca'], file: config.connection.ca }],
  create: (config, context) =>
    new ExitLogReader(ibmiConnector(config.connection, context.configDirectory, context.logger), {
      library: config.library,
      batchSize: config.batchSize,
      startAt: config.startAt,
      pollInterval: config.pollInterval,
      holeWait: config.holeWait,
      verifyInterval: 30_000,
      maxStatementLength: config.maxStatementLength,
      utcOffsetMinutes: config.utcOffset === undefined ? undefined : parseUtcOffset(config.utcOffset),
      logger: context.logger,
    }),
};
