import type { Source, SourceBatch, SourcePosition } from '../../core/component.js';
import { AuditRelayError } from '../../core/errors.js';
import type { Logger } from '../../core/telemetry.js';
import type { Db2Connection, Db2Connector } from '../../ibmi/db2/port.js';
import type { JournalPosition } from '../../ibmi/journal/entry.js';
import type { JournalGap } from '../../ibmi/journal/gap.js';
import { entryFromDisplayJournalRow } from '../../ibmi/journal/heading/display-journal.js';
import { formatUtcOffset, offsetFromTimezoneDuration } from '../../ibmi/journal/heading/timestamp.js';
import type { JournalEventContext } from '../../ibmi/journal/to-event.js';
import { journalQuery, SYSTEM_INFO_QUERY } from './query.js';
import type { AuditJournalRecord } from './record.js';

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
  /** When the saved position no longer exists: resume at the oldest entry (with a gap event) or stop. */
  onLostPosition: 'resume-oldest' | 'stop';
  /** A jump of more than this many sequence numbers between receivers is reported as a gap. */
  gapThreshold: number;
  logger: Logger;
}

const OFFSET_REFRESH_MS = 15 * 60_000;

/**
 * The audit-journal source: polls DISPLAY_JOURNAL after the last delivered entry and returns
 * the entries as read, with a gap record wherever entries were lost.
 */
export class AuditJournalReader implements Source<AuditJournalRecord> {
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

  async read(after: SourcePosition | undefined): Promise<SourceBatch<AuditJournalRecord>> {
    const connection = await this.connect();
    try {
      const utcOffsetMinutes = await this.currentUtcOffset(connection);
      let start = toJournalPosition(after);
      const query = journalQuery(start, this.options);
      let rows: Record<string, unknown>[];
      const gaps: AuditJournalRecord[] = [];
      try {
        rows = await connection.query(query.sql, query.parameters);
      } catch (error) {
        if (!start || !isLostPosition(error)) throw error;
        const lost = start;
        if (this.options.onLostPosition === 'stop') {
          throw new AuditRelayError(
            'AR_SOURCE_POSITION_LOST',
            `the saved position ${describe(lost)} no longer exists on the IBM i (receiver deleted?); set onLostPosition: resume-oldest to continue with a gap event, or remove the position from the state directory`,
            { cause: error },
          );
        }
        const oldest = journalQuery(undefined, { ...this.options, startAt: 'oldest' });
        rows = await connection.query(oldest.sql, oldest.parameters);
        const first = rows[0] ? entryFromDisplayJournalRow(rows[0]).entry : undefined;
        gaps.push(
          this.gap(
            lost,
            first?.position,
            first?.systemName ?? '',
            'the receiver holding the saved position no longer exists (deleted before it was read)',
            utcOffsetMinutes,
          ),
        );
        this.options.logger.error('journal entries lost: the saved position no longer exists', {
          saved: describe(lost),
        });
        start = undefined;
      }
      const batch = this.toBatch(rows, start, { ccsid: this.options.ccsid, utcOffsetMinutes });
      return gaps.length ? { ...batch, records: [...gaps, ...batch.records] } : batch;
    } catch (error) {
      if (error instanceof AuditRelayError && error.code === 'AR_SOURCE_UNREACHABLE') await this.disconnect();
      throw error;
    }
  }

  private gap(
    after: JournalPosition,
    resumeAt: JournalPosition | undefined,
    system: string,
    reason: string,
    utcOffsetMinutes: number,
  ): AuditJournalRecord {
    const now = Date.now();
    const local = new Date(now + utcOffsetMinutes * 60_000).toISOString().slice(0, 23);
    const gap: JournalGap = {
      system,
      after,
      resumeAt,
      reason,
      detectedMs: now,
      detectedTime: `${local}000${formatUtcOffset(utcOffsetMinutes)}`,
    };
    return { kind: 'gap', gap };
  }

  private toBatch(
    rows: Record<string, unknown>[],
    start: JournalPosition | undefined,
    context: JournalEventContext,
  ): SourceBatch<AuditJournalRecord> {
    const records: AuditJournalRecord[] = [];
    let previous = start;
    let position: JournalPosition | undefined;
    rows.forEach((row, index) => {
      const { entry, issues } = entryFromDisplayJournalRow(row);
      if (index === 0 && start) {
        if (samePosition(entry.position, start)) return;
        this.options.logger.warn('journal did not resume at the saved entry', {
          saved: describe(start),
          found: describe(entry.position),
        });
      }
      if (previous && entry.position.receiver !== previous.receiver) {
        const jump = BigInt(entry.position.sequence) - BigInt(previous.sequence);
        if (jump < 0n) {
          this.options.logger.info('journal sequence numbers were reset at a receiver change', {
            receiver: entry.position.receiver,
          });
        } else if (jump > BigInt(this.options.gapThreshold)) {
          records.push(
            this.gap(
              previous,
              entry.position,
              entry.systemName,
              `${jump - 1n} sequence numbers are missing between receivers (a receiver was deleted before it was read?)`,
              context.utcOffsetMinutes,
            ),
          );
        }
      }
      records.push({ kind: 'entry', entry, issues, context });
      previous = entry.position;
      position = entry.position;
    });
    return {
      records,
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

/** The IBM i's answer when a receiver or sequence in the request does not exist (CPF7007, CPF7053, CPF7054, CPF9801). */
function isLostPosition(error: unknown): boolean {
  return (
    error instanceof AuditRelayError &&
    error.code === 'AR_SOURCE_QUERY' &&
    /CPF70(07|53|54)|CPF9801/.test(error.message)
  );
}

function describe(p: JournalPosition): string {
  return `${p.receiverLibrary}/${p.receiver}/${p.sequence}`;
}

function samePosition(a: JournalPosition, b: JournalPosition): boolean {
  return (
    a.receiver === b.receiver &&
    a.receiverLibrary === b.receiverLibrary &&
    BigInt(a.sequence) === BigInt(b.sequence)
  );
}
