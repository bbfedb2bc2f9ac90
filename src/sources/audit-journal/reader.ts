import type { Source, SourceBatch, SourcePosition } from '../../core/component.js';
import { AuditRelayError } from '../../core/errors.js';
import type { Logger } from '../../core/telemetry.js';
import {
  type Db2Connection,
  type Db2Connector,
  type Db2Row,
  isMissingColumn,
  isMissingObject,
  isRoutineFailure,
} from '../../ibmi/db2/port.js';
import type { JournalPosition } from '../../ibmi/journal/entry.js';
import type { JournalGap } from '../../ibmi/journal/gap.js';
import { entryFromDisplayJournalRow } from '../../ibmi/journal/heading/display-journal.js';
import { formatUtcOffset } from '../../ibmi/journal/heading/timestamp.js';
import type { JournalEventContext } from '../../ibmi/journal/to-event.js';
import { SystemConnection } from '../ibmi-connection.js';
import { completeEntryData } from './entry-data.js';
import { attachedReceiver, checkPosition, jobLogReason, receiverInfo } from './position-check.js';
import {
  columnProbeQuery,
  type JournalQueryOptions,
  type JournalStart,
  journalQuery,
  OPTIONAL_COLUMNS,
  type OptionalColumn,
} from './query.js';
import type { AuditJournalRecord } from './record.js';

export interface ReaderOptions {
  journalLibrary: string;
  journal: string;
  batchSize: number;
  /** Without a saved position: the attached receiver, the oldest entry, or after the newest. */
  startAt: 'current' | 'oldest' | 'now';
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

/** One connection and what was learnt about the IBM i on it. */
interface Session {
  connection: Db2Connection;
  query: JournalQueryOptions;
  /** CURRENT SERVER: the system name when DISPLAY_JOURNAL has no SYSTEM_NAME column. */
  server: string;
}

/**
 * The audit-journal source: polls DISPLAY_JOURNAL at the last delivered entry and returns the
 * entries after it, with a gap record wherever entries were lost. When the answer is not the
 * saved entry first (an error, no rows, another entry), it asks the IBM i what became of the
 * saved receiver (position-check.ts) instead of guessing from error text.
 */
export class AuditJournalReader implements Source<AuditJournalRecord> {
  private readonly ibmi: SystemConnection;
  private session: Session | undefined;
  /** startAt now: the newest entry when the source started (read after it), or an empty receiver. */
  private startAfter: Exclude<JournalStart, string> | undefined;
  /** A saved position already found to be left out by the entryTypes filter. */
  private filteredPosition: string | undefined;

  constructor(
    connector: Db2Connector,
    private readonly options: ReaderOptions,
  ) {
    this.ibmi = new SystemConnection(connector, options.utcOffsetMinutes, options.logger);
  }

  get pollInterval(): number {
    return this.options.pollInterval;
  }

  async read(
    after: SourcePosition | undefined,
    _signal?: AbortSignal,
  ): Promise<SourceBatch<AuditJournalRecord>> {
    const { session, utcOffsetMinutes } = await this.connect();
    try {
      const context = { ccsid: this.options.ccsid, utcOffsetMinutes };
      const saved = toJournalPosition(after);
      return saved
        ? await this.readAfter(session, saved, context)
        : await this.readFromStart(session, context);
    } catch (error) {
      if (!session.connection.alive) await this.disconnect();
      throw error;
    }
  }

  private async readAfter(
    session: Session,
    saved: JournalPosition,
    context: JournalEventContext,
  ): Promise<SourceBatch<AuditJournalRecord>> {
    const { connection } = session;
    let rows: Db2Row[] = [];
    let failure: unknown;
    try {
      rows = await this.entries(session, saved, this.options.batchSize + 1);
    } catch (error) {
      if (!isRoutineFailure(error)) throw error;
      failure = error;
    }
    const first = rows[0] && positionOf(rows[0]);
    if (first && samePosition(first, saved)) return this.toBatch(rows.slice(1), saved, context);
    const key = describe(saved);
    // Already found to be of a type the entry-type filter leaves out: nothing to ask.
    if (!failure && this.filteredPosition === key) return this.toBatch(rows, saved, context);

    // Not the saved entry first: ask the IBM i what happened. The job log is read first, so
    // that nothing this check runs can add to it.
    const jobLog = failure ? await jobLogReason(connection) : undefined;
    const finding = await checkPosition(connection, saved, session.query);
    if (finding.kind === 'lost') {
      return this.positionLost(
        session,
        saved,
        jobLog ? `${finding.reason}; IBM i: ${jobLog}` : finding.reason,
        context,
      );
    }
    if (failure) {
      if (jobLog) this.options.logger.warn('DISPLAY_JOURNAL failed', { saved: key, jobLog });
      throw failure;
    }
    if (finding.kind === 'present' && this.options.entryTypes.length > 0) {
      // The entry exists; with an entry-type filter it may simply not be one of the types asked
      // for (the filter changed since it was read). DISPLAY_JOURNAL without the filter tells.
      if (await this.isSavedEntryFirst(session, saved)) {
        this.filteredPosition = key;
        return this.toBatch(rows, saved, context);
      }
    }
    if (rows.length === 0) {
      if (finding.kind === 'present' && finding.journalMoved) {
        throw new AuditRelayError(
          'AR_SOURCE_STALLED',
          `DISPLAY_JOURNAL returned nothing at the saved position ${key}, although that entry exists and the journal has newer entries`,
          { retryable: true },
        );
      }
      if (finding.kind === 'unknown')
        this.options.logger.debug('no entries at the saved position', { reason: finding.reason });
      return { records: [], position: undefined, caughtUp: true };
    }
    this.options.logger.warn('journal did not resume at the saved entry', {
      saved: key,
      found: describe(first!),
    });
    return this.toBatch(rows, saved, context);
  }

  private async isSavedEntryFirst(session: Session, saved: JournalPosition): Promise<boolean> {
    const query = journalQuery(saved, 1, { ...session.query, entryTypes: [] });
    const [row] = (await session.connection.query(query.sql, query.parameters)).rows;
    return row !== undefined && samePosition(positionOf(row), saved);
  }

  private async positionLost(
    session: Session,
    lost: JournalPosition,
    reason: string,
    context: JournalEventContext,
  ): Promise<SourceBatch<AuditJournalRecord>> {
    if (this.options.onLostPosition === 'stop') {
      throw new AuditRelayError(
        'AR_SOURCE_POSITION_LOST',
        `the saved position ${describe(lost)} no longer exists on the IBM i (${reason}); set onLostPosition: resume-oldest to continue with a gap event, or remove the position from the state directory`,
      );
    }
    const rows = await this.entries(session, '*CURAVLCHN', this.options.batchSize);
    const first = rows[0] && positionOf(rows[0]);
    this.options.logger.error('journal entries lost: the saved position no longer exists', {
      code: 'AR_SOURCE_GAP',
      saved: describe(lost),
      reason,
    });
    const batch = this.toBatch(rows, undefined, context);
    const system = String(rows[0]?.['SYSTEM_NAME'] ?? session.server).trim();
    const gap = this.gap(lost, first, system, reason, context.utcOffsetMinutes);
    return { ...batch, records: [gap, ...batch.records] };
  }

  /** Reads without a saved position: from the configured start. */
  private async readFromStart(
    session: Session,
    context: JournalEventContext,
  ): Promise<SourceBatch<AuditJournalRecord>> {
    const { startAt, batchSize } = this.options;
    if (startAt !== 'now') {
      const rows = await this.entries(session, startAt === 'oldest' ? '*CURAVLCHN' : '*CURRENT', batchSize);
      return this.toBatch(rows, undefined, context);
    }
    this.startAfter ??= await this.newestEntry(session);
    let rows: Db2Row[];
    try {
      rows = await this.entries(session, this.startAfter, batchSize + 1);
    } catch (error) {
      // The receiver vanished before anything was read after it: find the newest entry again.
      if (isRoutineFailure(error)) this.startAfter = undefined;
      throw error;
    }
    const { sequence } = this.startAfter;
    const first = rows[0] && positionOf(rows[0]);
    if (sequence !== undefined && first && samePosition(first, { ...this.startAfter, sequence }))
      rows.shift();
    const batch = this.toBatch(rows, undefined, context);
    // Nothing new yet: the newest entry is where a restart resumes (the pipeline keeps it), not a
    // new "now" that would skip what is written while the agent is down.
    if (batch.position === undefined && sequence !== undefined)
      return { ...batch, position: { ...this.startAfter, sequence } };
    return batch;
  }

  /** The attached receiver and its last sequence number: where `startAt: now` begins. */
  private async newestEntry(session: Session): Promise<Exclude<JournalStart, string>> {
    const attached = await attachedReceiver(session.connection, session.query);
    if (!attached) {
      throw new AuditRelayError(
        'AR_SOURCE_QUERY',
        `the journal ${this.options.journal} has no attached receiver`,
        {
          retryable: true,
        },
      );
    }
    const facts = await receiverInfo(session.connection, attached).catch((error: unknown) => {
      throw isMissingObject(error)
        ? new AuditRelayError(
            'AR_SOURCE_QUERY',
            'startAt: now needs QSYS2.JOURNAL_RECEIVER_INFO, which this IBM i does not have; use startAt: current',
            { cause: error },
          )
        : error;
    });
    // An empty receiver (no last sequence yet) is read from its start.
    const start = facts.last === undefined ? attached : { ...attached, sequence: String(facts.last) };
    this.options.logger.info('starting after the newest journal entry', {
      receiver: `${attached.receiverLibrary}/${attached.receiver}`,
      sequence: facts.last === undefined ? 'none yet' : String(facts.last),
    });
    return start;
  }

  /** Journal rows from `start`, with the entry data of long entries completed. */
  private async entries(session: Session, start: JournalStart, rows: number): Promise<Db2Row[]> {
    const query = journalQuery(start, rows, session.query);
    const result = (await session.connection.query(query.sql, query.parameters)).rows;
    await completeEntryData(session.connection, result, session.query);
    if (!session.query.columns.has('SYSTEM_NAME'))
      for (const row of result) row['SYSTEM_NAME'] = session.server;
    return result;
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

  /** Rows (the saved entry already dropped) → records, with a gap where receivers jump. */
  private toBatch(
    rows: Db2Row[],
    previousEntry: JournalPosition | undefined,
    context: JournalEventContext,
  ): SourceBatch<AuditJournalRecord> {
    const records: AuditJournalRecord[] = [];
    let previous = previousEntry;
    for (const row of rows) {
      const { entry, issues } = entryFromDisplayJournalRow(row);
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
    }
    const last = rows.length > 0 ? previous : undefined;
    return {
      records,
      position: last && { ...last },
      caughtUp: rows.length < this.options.batchSize,
    };
  }

  /** The connection, with what was learnt on it (probed again on a new one), and the UTC offset now. */
  private async connect(): Promise<{ session: Session; utcOffsetMinutes: number }> {
    const { connection, context, fresh } = await this.ibmi.open();
    if (fresh || !this.session) {
      this.session = undefined;
      let columns: Set<OptionalColumn>;
      try {
        columns = await this.probeColumns(connection);
      } catch (error) {
        await this.ibmi.close();
        throw error;
      }
      const { journalLibrary, journal, batchSize, entryTypes } = this.options;
      this.session = {
        connection,
        server: context.system,
        query: { journalLibrary, journal, batchSize, entryTypes, columns },
      };
    }
    return { session: this.session, utcOffsetMinutes: context.utcOffsetMinutes };
  }

  /**
   * Which of DISPLAY_JOURNAL's unconfirmed columns this release has: all in one query, and
   * only when that fails with SQLCODE -206 (column not found), one by one.
   */
  private async probeColumns(connection: Db2Connection): Promise<Set<OptionalColumn>> {
    const has = async (columns: readonly OptionalColumn[]) => {
      const query = columnProbeQuery(columns, this.options);
      try {
        await connection.query(query.sql, query.parameters);
        return true;
      } catch (error) {
        if (isMissingColumn(error)) return false;
        throw error;
      }
    };
    if (await has(OPTIONAL_COLUMNS)) return new Set(OPTIONAL_COLUMNS);
    const found = new Set<OptionalColumn>();
    for (const column of OPTIONAL_COLUMNS) {
      if (await has([column])) found.add(column);
      else
        this.options.logger.warn(
          `DISPLAY_JOURNAL has no ${column} column on this IBM i; reading without it`,
          {
            code: 'AR_SOURCE_QUERY',
          },
        );
    }
    return found;
  }

  private disconnect(): Promise<void> {
    this.session = undefined;
    return this.ibmi.close();
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

function positionOf(row: Db2Row): JournalPosition {
  const text = (name: string) => String(row[name] ?? '').trim();
  return {
    receiverLibrary: text('RECEIVER_LIBRARY'),
    receiver: text('RECEIVER_NAME'),
    sequence: text('SEQUENCE_NUMBER').replace(/^0+(?=\d)/, ''),
  };
}

function describe(p: JournalPosition): string {
  return `${p.receiverLibrary}/${p.receiver}/${p.sequence}`;
}

function samePosition(a: JournalPosition, b: JournalPosition): boolean {
  return (
    a.receiver === b.receiver &&
    a.receiverLibrary === b.receiverLibrary &&
    /^\d+$/.test(a.sequence) &&
    BigInt(a.sequence) === BigInt(b.sequence)
  );
}
