import type { Source, SourceBatch, SourcePosition } from '../../core/component.js';
import type { Logger } from '../../core/telemetry.js';
import { type Db2Connection, type Db2Connector, isMissingObject } from '../../ibmi/db2/port.js';
import { LOG_TABLE } from '../../ibmi/exit-points/sql.js';
import type { ExitLogContext, ExitLogRow } from '../../ibmi/exit-points/to-event.js';
import { SystemConnection } from '../ibmi-connection.js';
import { type ExitLogQuery, exitLogRowFromRow, newestRowQuery, rowQuery, rowsAfterQuery } from './query.js';
import type { ExitPointRecord } from './record.js';

export interface ExitLogReaderOptions {
  library: string;
  batchSize: number;
  startAt: 'oldest' | 'newest';
  pollInterval: number;
  /** How long a hole in the entry ids may stay open (an insert still running) before it is a gap. */
  holeWait: number;
  /** How often the saved position is checked against the table (re-created?), besides at each connection. */
  verifyInterval: number;
  maxStatementLength: number;
  utcOffsetMinutes: number | undefined;
  /** How often the UTC offset is asked again (default OFFSET_REFRESH_MS; tests shorten it). */
  offsetRefreshMs?: number;
  logger: Logger;
}

/** The position: the last entry delivered and its time (to tell the same row from a re-created table's). */
interface LogPosition {
  entryId: number;
  loggedAt: string;
}

const START: LogPosition = { entryId: 0, loggedAt: '' };

function decodePosition(position: SourcePosition | undefined): LogPosition | undefined {
  const entryId = Number(position?.['entryId']);
  if (position === undefined || !Number.isSafeInteger(entryId) || entryId < 0) return undefined;
  return { entryId, loggedAt: position['loggedAt'] ?? '' };
}

const encodePosition = (p: LogPosition): SourcePosition => ({
  entryId: String(p.entryId),
  loggedAt: p.loggedAt,
});

/**
 * Reads the exit-point log (`LIB.EXIT_LOG`, written by the programs `install-exit-points`
 * registers) in ENTRY_ID order. The identity column is the position, with two traps:
 * - ids are taken when an insert starts, so a row can become visible after a higher one (two
 *   server jobs logging at once): a hole waits `holeWait` for its row before it is a gap;
 * - ids skip for good (Db2 for i caches identity values: an IPL discards up to 20), rows get
 *   deleted, the table gets re-created: a skip is a gap event, a re-created table is found
 *   from the saved row's time and read again from its start.
 * A log that does not exist (the programs are not installed yet) is one warning, then polled.
 */
export class ExitLogReader implements Source<ExitPointRecord> {
  private readonly ibmi: SystemConnection;
  private verifiedAt = Number.NEGATIVE_INFINITY;
  private hole: { after: number; since: number } | undefined;
  private missingReported = false;

  constructor(
    connector: Db2Connector,
    private readonly options: ExitLogReaderOptions,
  ) {
    this.ibmi = new SystemConnection(
      connector,
      options.utcOffsetMinutes,
      options.logger,
      options.offsetRefreshMs,
    );
  }

  get pollInterval(): number {
    return this.options.pollInterval;
  }

  async read(after: SourcePosition | undefined): Promise<SourceBatch<ExitPointRecord>> {
    const { connection, context: system, fresh } = await this.ibmi.open();
    // After a reconnect the table may have been re-created meanwhile: check the position again.
    if (fresh) this.verifiedAt = Number.NEGATIVE_INFINITY;
    const { library, maxStatementLength } = this.options;
    const context: ExitLogContext = { ...system, library, maxStatementLength };
    const records: ExitPointRecord[] = [];
    try {
      let position = decodePosition(after) ?? (await this.startPosition(connection));
      if (position.entryId > 0 && Date.now() - this.verifiedAt >= this.options.verifyInterval) {
        const restarted = await this.restarted(connection, position);
        this.verifiedAt = Date.now();
        if (restarted) {
          records.push({ kind: 'gap', gap: { ...restarted, context, detectedMs: Date.now() } });
          position = START;
        }
      }
      const rows = await this.rows(
        connection,
        rowsAfterQuery(this.options.library, position.entryId, this.options.batchSize),
      );
      let waiting = false;
      for (const row of rows) {
        if (position.entryId > 0 && row.entryId > position.entryId + 1) {
          const now = Date.now();
          if (this.hole?.after !== position.entryId) this.hole = { after: position.entryId, since: now };
          if (now - this.hole.since < this.options.holeWait) {
            waiting = true;
            break;
          }
          records.push({
            kind: 'gap',
            gap: {
              afterEntryId: position.entryId,
              nextEntryId: row.entryId,
              reason: `entries ${position.entryId + 1} to ${row.entryId - 1} did not appear within ${this.options.holeWait} ms: deleted rows, or identity values Db2 skipped (an IPL discards cached values)`,
              context,
              detectedMs: now,
            },
          });
        }
        this.hole = undefined;
        records.push({ kind: 'row', row, context });
        position = { entryId: row.entryId, loggedAt: row.loggedAt };
      }
      this.missingReported = false;
      return {
        records,
        position: encodePosition(position),
        caughtUp: waiting || rows.length < this.options.batchSize,
      };
    } catch (error) {
      if (!isMissingObject(error)) throw error;
      this.reportMissing();
      return { records: [], position: after, caughtUp: true };
    }
  }

  private async rows(connection: Db2Connection, query: ExitLogQuery): Promise<ExitLogRow[]> {
    const rows: ExitLogRow[] = [];
    for (const raw of (await connection.query(query.sql, query.parameters)).rows) {
      const row = exitLogRowFromRow(raw);
      if (row) rows.push(row);
      else {
        this.options.logger.warn(
          'an exit-point log row without a readable ENTRY_ID or LOGGED_AT was skipped',
          {
            row: JSON.stringify(raw).slice(0, 500),
          },
        );
      }
    }
    return rows;
  }

  private async startPosition(connection: Db2Connection): Promise<LogPosition> {
    if (this.options.startAt === 'oldest') return START;
    const [newest] = await this.rows(connection, newestRowQuery(this.options.library));
    return newest ? { entryId: newest.entryId, loggedAt: newest.loggedAt } : START;
  }

  /**
   * Whether the table was re-created (its identity restarted) since `position` was saved: the
   * row at the saved id has another time, or every row is older than it. An empty table or a
   * missing saved row with newer ones after it is not: rows get purged once delivered.
   */
  private async restarted(
    connection: Db2Connection,
    position: LogPosition,
  ): Promise<{ afterEntryId: number; reason: string } | undefined> {
    const { library } = this.options;
    const [same] = await this.rows(connection, rowQuery(library, position.entryId));
    let restarted: boolean;
    if (same) restarted = position.loggedAt !== '' && same.loggedAt !== position.loggedAt;
    else {
      const [newest] = await this.rows(connection, newestRowQuery(library));
      restarted = newest !== undefined && newest.entryId < position.entryId;
    }
    if (!restarted) return undefined;
    return {
      afterEntryId: position.entryId,
      reason: `${library}/${LOG_TABLE} was re-created or its ENTRY_ID restarted; rows of the old table after entry ${position.entryId}, if any, were not read. Reading the new table from its start`,
    };
  }

  private reportMissing(): void {
    if (this.missingReported) return;
    this.missingReported = true;
    const { library } = this.options;
    this.options.logger.warn(
      `exit-point log ${library}/${LOG_TABLE} does not exist or cannot be read: install the exit programs with ` +
        `\`auditrelay ibmi install-exit-points --config FILE\` (review them first with --dry-run); polling until it exists`,
      { code: 'AR_SOURCE_EXIT_LOG_MISSING' },
    );
  }

  close(): Promise<void> {
    return this.ibmi.close();
  }
}
