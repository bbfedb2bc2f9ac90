import { z } from 'zod';
import type { Source, SourceDescriptor } from '../../core/component.js';
import { durationSchema } from '../../core/schema.js';
import type { Logger } from '../../core/telemetry.js';
import type { Db2Connector } from '../../ibmi/db2/port.js';
import { isSupportedCcsid } from '../../ibmi/ebcdic/index.js';
import { catalogEntryTypes } from '../../ibmi/journal/catalog.js';
import { parseUtcOffset } from '../../ibmi/journal/heading/timestamp.js';
import { ibmiConnector, mapepireConnectionSchema, utcOffsetSchema } from '../ibmi-connection.js';
import { AuditJournalReader } from './reader.js';
import { type AuditJournalRecord, auditJournalPositionOf, auditJournalRecordToEvent } from './record.js';

const KNOWN_TYPES: ReadonlySet<string> = new Set(catalogEntryTypes());

const journalName = z
  .string()
  .regex(/^[A-Z0-9$#@_]{1,10}\/[A-Z0-9$#@_]{1,10}$/i, 'expected LIBRARY/JOURNAL, e.g. QSYS/QAUDJRN')
  .default('QSYS/QAUDJRN');

export const auditJournalConfigSchema = z
  .object({
    type: z.literal('audit-journal'),
    name: z.string().min(1).optional().describe('name in logs, metrics and state (default: source-N)'),
    connection: mapepireConnectionSchema.describe('how to reach Db2 for i (Mapepire server on the IBM i)'),
    journal: journalName.describe('the audit journal'),
    pollInterval: durationSchema
      .default('1s')
      .describe('wait between queries once caught up (IBM warns against sub-second polling)'),
    batchSize: z.number().int().min(1).max(10_000).default(1000).describe('entries per query'),
    startAt: z
      .enum(['current', 'oldest', 'now'])
      .default('current')
      .describe(
        'without a saved position: the attached receiver from its start, the oldest entry available, or after the newest entry (now)',
      ),
    entryTypes: z
      .array(
        z.string().refine(
          (type) => KNOWN_TYPES.has(type),
          (type) => ({ message: `${type} is not an audit journal entry type (docs/entry-types.md)` }),
        ),
      )
      .default([])
      .describe('only these entry types (default: all)'),
    onLostPosition: z
      .enum(['resume-oldest', 'stop'])
      .default('resume-oldest')
      .describe(
        'saved position gone (receiver deleted): resume at the oldest entry with a gap event, or stop with an error',
      ),
    gapThreshold: z
      .number()
      .int()
      .min(1)
      .default(1000)
      .describe('report a gap when sequence numbers jump by more than this between receivers'),
    ccsid: z
      .number()
      .int()
      .refine(isSupportedCcsid, 'this CCSID has no conversion table (see docs/ccsids.md)')
      .default(37)
      .describe('CCSID of the character fields (the system CCSID)'),
    utcOffset: utcOffsetSchema,
  })
  .strict();

export type AuditJournalConfig = z.infer<typeof auditJournalConfigSchema>;

export const auditJournalSource: SourceDescriptor<AuditJournalConfig, AuditJournalRecord> = {
  kind: 'source',
  type: 'audit-journal',
  description: 'Reads the security audit journal QAUDJRN with QSYS2.DISPLAY_JOURNAL.',
  configSchema: auditJournalConfigSchema,
  toEvent: auditJournalRecordToEvent,
  positionOf: auditJournalPositionOf,
  // GAP: the event for entries lost before they were read (ibmi/journal/gap.ts).
  eventTypes: [...catalogEntryTypes(), 'GAP'],
  files(config) {
    const ca = config.connection.ca;
    return ca === undefined ? [] : [{ path: ['connection', 'ca'], file: ca }];
  },
  create(config, context): Source<AuditJournalRecord> {
    const connector = journalConnector(config, context.configDirectory, context.logger);
    return new AuditJournalReader(connector, {
      ...journalOf(config),
      batchSize: config.batchSize,
      startAt: config.startAt,
      entryTypes: config.entryTypes,
      ccsid: config.ccsid,
      utcOffsetMinutes: config.utcOffset === undefined ? undefined : parseUtcOffset(config.utcOffset),
      pollInterval: config.pollInterval,
      onLostPosition: config.onLostPosition,
      gapThreshold: config.gapThreshold,
      logger: context.logger,
    });
  },
};

/** The Db2 for i connection of an audit-journal source (also used by `auditrelay ibmi probe`). */
export function journalConnector(
  config: AuditJournalConfig,
  configDirectory: string,
  logger: Logger,
): Db2Connector {
  return ibmiConnector(config.connection, configDirectory, logger);
}

export function journalOf(config: AuditJournalConfig): { journalLibrary: string; journal: string } {
  const [journalLibrary = 'QSYS', journal = 'QAUDJRN'] = config.journal.toUpperCase().split('/');
  return { journalLibrary, journal };
}
