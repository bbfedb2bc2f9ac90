import type { Source, SourceBatch, SourcePosition } from '../../core/component.js';
import { AuditRelayError } from '../../core/errors.js';
import { normalize } from '../../events/normalize.js';
import type { SecurityEvent } from '../../events/security-event.js';
import type { Db2Connection, Db2Connector } from '../../ibmi/db2/port.js';
import { layoutFor } from '../../ibmi/journal/catalog/index.js';
import { decodeEntry } from '../../ibmi/journal/decode.js';
import type { JournalPosition } from '../../ibmi/journal/entry.js';
import { entryFromDisplayJournalRow } from '../../ibmi/journal/heading/display-journal.js';
import { offsetFromTimezoneDuration } from '../../ibmi/journal/heading/timestamp.js';
import type { Logger } from '../../telemetry/logger.js';
import type { ComponentCounters } from '../../telemetry/metrics.js';
import { journalQuery, SYSTEM_INFO_QUERY } from './query.js';

export interface ReaderOptions {
  journalLibrary: string;
  journal: string;
  batchSize: number;
  startAt: 'current' | 'oldest';
  entryTypes: readonly string[];
  ccsid: number;
  /** Fixed UTC offset; undefined: ask the IBM i and re-ask every 15 minutes (DST changes). */
  utcOffsetMinutes: number | undefined;
  pollInterval: number;
  logger: Logger;
  counters: ComponentCounters;
}

const OFFSET_REFRESH_MS = 15 * 60_000;

/** The audit-journal source: polls DISPLAY_JOURNAL after the last delivered entry. */
export class AuditJournalReader implements Source {
  private connection: Db2Connection | undefined;
  private utcOffset: number | undefined;
  private offsetCheckedAt = 0;

  constructor(
    private readonly connector: Db2Connector,
    private readonly options: ReaderOptions,
  ) {}

  get pollInterval(): number {
    return this.options.pollInterval;
  }

  async read(after: SourcePosition | undefined): Promise<SourceBatch> {
    const connection = await this.connect();
    try {
      const utcOffsetMinutes = await this.currentUtcOffset(connection);
      const start = toJournalPosition(after);
      const query = journalQuery(start, this.options);
      const rows = await connection.query(query.sql, query.parameters);
      return this.toBatch(rows, start, utcOffsetMinutes);
    } catch (error) {
      if (error instanceof AuditRelayError && error.code === 'AR_SOURCE_UNREACHABLE') await this.disconnect();
      throw error;
    }
  }

  private toBatch(
    rows: Record<string, unknown>[],
    start: JournalPosition | undefined,
    utcOffsetMinutes: number,
  ): SourceBatch {
    const events: SecurityEvent[] = [];
    let position: JournalPosition | undefined;
    rows.forEach((row, index) => {
      const { entry, issues } = entryFromDisplayJournalRow(row);
      if (index === 0 && start) {
        if (samePosition(entry.position, start)) return;
        // Issue 5 turns this into gap detection with its own event; for now say it loudly.
        this.options.logger.warn(
          'journal did not resume at the saved entry (receiver deleted or sequence reset?)',
          {
            saved: `${start.receiverLibrary}/${start.receiver}/${start.sequence}`,
            found: `${entry.position.receiverLibrary}/${entry.position.receiver}/${entry.position.sequence}`,
          },
        );
      }
      const decoded = decodeEntry(entry, layoutFor(entry.entryType), { ccsid: this.options.ccsid });
      const event = normalize(decoded, issues, { utcOffsetMinutes });
      if (event.decodeError)
        this.options.counters.errors.decoding = (this.options.counters.errors.decoding ?? 0) + 1;
      events.push(event);
      position = entry.position;
    });
    this.options.counters.eventsReceived += events.length;
    this.options.counters.batches++;
    return {
      events,
      position: position && { ...position },
      caughtUp: rows.length - (start ? 1 : 0) < this.options.batchSize,
    };
  }

  private async connect(): Promise<Db2Connection> {
    if (!this.connection) {
      this.connection = await this.connector.connect();
      this.options.logger.info('connected to the IBM i', { target: this.connector.target });
    }
    return this.connection;
  }

  private async currentUtcOffset(connection: Db2Connection): Promise<number> {
    if (this.options.utcOffsetMinutes !== undefined) return this.options.utcOffsetMinutes;
    if (this.utcOffset === undefined || Date.now() - this.offsetCheckedAt > OFFSET_REFRESH_MS) {
      const [row] = await connection.query(SYSTEM_INFO_QUERY);
      const offset = offsetFromTimezoneDuration(Number(row?.['UTC_OFFSET']));
      if (!Number.isFinite(offset)) {
        throw new AuditRelayError(
          'AR_SOURCE_QUERY',
          'the IBM i returned no usable CURRENT TIMEZONE; set utcOffset in the source config',
        );
      }
      if (offset !== this.utcOffset) this.options.logger.info('IBM i UTC offset', { minutes: offset });
      this.utcOffset = offset;
      this.offsetCheckedAt = Date.now();
    }
    return this.utcOffset;
  }

  private async disconnect(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }

  close(): Promise<void> {
    return this.disconnect();
  }
}

function toJournalPosition(position: SourcePosition | undefined): JournalPosition | undefined {
  if (!position?.['receiver'] || !position['sequence']) return undefined;
  return {
    receiverLibrary: position['receiverLibrary'] ?? '',
    receiver: position['receiver'],
    sequence: position['sequence'],
  };
}

function samePosition(a: JournalPosition, b: JournalPosition): boolean {
  return (
    a.receiver === b.receiver &&
    a.receiverLibrary === b.receiverLibrary &&
    BigInt(a.sequence) === BigInt(b.sequence)
  );
}
