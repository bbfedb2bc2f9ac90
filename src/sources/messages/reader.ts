import type { Source, SourceBatch, SourcePosition } from '../../core/component.js';
import type { Logger } from '../../core/telemetry.js';
import {
  type Db2Connection,
  type Db2Connector,
  isMissingObject,
  isRoutineFailure,
} from '../../ibmi/db2/port.js';
import { contentHash, type IbmiMessage } from '../../ibmi/messages/message.js';
import { SystemConnection } from '../ibmi-connection.js';
import { historyQuery, type MessageQuery, messageFromRow, queueQuery, repliesQuery } from './query.js';
import type { MessageRecord } from './record.js';
import { decodePosition, encodePosition, START, type StreamPosition, takeNew } from './stream.js';

/** One stream a message source reads: QHST, or one message queue. */
export interface MessageStream {
  /** Its key in the source position: `QHST` or `LIB/QUEUE`. */
  name: string;
  /** Queue streams: library and queue name. */
  queue?: { library: string; name: string };
}

export interface MessageReaderOptions {
  streams: readonly MessageStream[];
  batchSize: number;
  /** Without a saved position: after the newest message present, or from the oldest. */
  startAt: 'newest' | 'oldest';
  pollInterval: number;
  /** Fixed UTC offset; undefined: ask the IBM i. */
  utcOffsetMinutes: number | undefined;
  select: (message: IbmiMessage) => boolean;
  logger: Logger;
}

/**
 * Reads QHST (HISTORY_LOG_INFO) or message queues (MESSAGE_QUEUE_INFO) from a position per
 * stream (stream.ts), with a gap record wherever messages may have been missed. A queue that
 * does not exist (QSYSMSG exists only once an administrator creates it) is a warning with the
 * command that creates it; the other streams go on, and the queue is read once it exists.
 */
export class MessageReader implements Source<MessageRecord> {
  private readonly ibmi: SystemConnection;
  /** Streams whose absence was already reported. */
  private readonly missing = new Set<string>();

  constructor(
    connector: Db2Connector,
    private readonly options: MessageReaderOptions,
  ) {
    this.ibmi = new SystemConnection(connector, options.utcOffsetMinutes, options.logger);
  }

  get pollInterval(): number {
    return this.options.pollInterval;
  }

  async read(after: SourcePosition | undefined, signal: AbortSignal): Promise<SourceBatch<MessageRecord>> {
    const { connection, context } = await this.ibmi.open();
    const records: MessageRecord[] = [];
    const position: SourcePosition = { ...after };
    let caughtUp = true;
    for (const stream of this.options.streams) {
      if (signal.aborted) break;
      try {
        const saved = decodePosition(after?.[stream.name]) ?? (await this.startPosition(connection, stream));
        const limit = this.options.batchSize + saved.seen.length;
        const query = stream.queue
          ? queueQuery(stream.queue.library, stream.queue.name, saved.time, limit)
          : historyQuery(saved.time, limit);
        const rows = await this.messages(connection, stream, query);
        const read = takeNew(rows, saved);
        if (read.gap) {
          records.push({
            kind: 'gap',
            gap: {
              origin: stream.queue?.name ?? 'QHST',
              ...(stream.queue && { queue: stream.name }),
              lastTimestamp: saved.time,
              nextTimestamp: read.gap.nextTimestamp,
              reason: read.gap.reason,
              context,
              detectedMs: Date.now(),
            },
          });
        }
        const waiting = stream.queue ? await this.unanswered(connection, stream, read.fresh) : undefined;
        for (const { message, hash, occurrence } of read.fresh) {
          if (!this.options.select(message)) continue;
          if (waiting && message.type === 'INQUIRY') message.awaitingReply = waiting.has(message.key ?? '');
          records.push({ kind: 'message', body: { message, hash, occurrence, context } });
        }
        position[stream.name] = encodePosition(read.position);
        if (rows.length >= limit) caughtUp = false;
        this.missing.delete(stream.name);
      } catch (error) {
        if (!stream.queue || !(isRoutineFailure(error) || isMissingObject(error))) throw error;
        this.reportMissing(stream);
      }
    }
    return { records, position, caughtUp };
  }

  private async messages(connection: Db2Connection, stream: MessageStream, query: MessageQuery) {
    const result = await connection.query(query.sql, query.parameters);
    const messages: IbmiMessage[] = [];
    for (const row of result.rows) {
      const message = messageFromRow(row, stream.queue?.name ?? 'QHST', stream.queue && stream.name);
      if (message) messages.push(message);
      else
        this.options.logger.warn('a message row without a readable timestamp was skipped', {
          stream: stream.name,
        });
    }
    return messages;
  }

  /** Keys of the inquiries among `fresh` that no reply answers yet. */
  private async unanswered(
    connection: Db2Connection,
    stream: MessageStream,
    fresh: readonly { message: IbmiMessage }[],
  ): Promise<Set<string> | undefined> {
    const inquiries = fresh
      .filter(({ message }) => message.type === 'INQUIRY')
      .map(({ message }) => message.key ?? '');
    if (inquiries.length === 0) return undefined;
    const query = repliesQuery(stream.queue!.library, stream.queue!.name);
    const answered = new Set(
      (await connection.query(query.sql, query.parameters)).rows.map((r) =>
        String(r['ASSOCIATED_MESSAGE_KEY'] ?? ''),
      ),
    );
    return new Set(inquiries.filter((key) => !answered.has(key)));
  }

  /** Where a stream starts without a saved position: from its start, or after its newest messages. */
  private async startPosition(connection: Db2Connection, stream: MessageStream): Promise<StreamPosition> {
    if (this.options.startAt === 'oldest') return START;
    const query = stream.queue
      ? queueQuery(stream.queue.library, stream.queue.name, '', 100, true)
      : historyQuery('', 100, true);
    const rows = await this.messages(connection, stream, query);
    const newest = rows[0];
    if (!newest) return START;
    const atNewest = rows.filter((m) => m.timestamp === newest.timestamp);
    return {
      time: newest.timestamp,
      seen: atNewest.map((m) => m.key ?? contentHash(m)),
      ...(newest.key !== undefined && {
        lastKey: atNewest
          .map((m) => m.key!)
          .sort()
          .at(-1)!,
      }),
    };
  }

  private reportMissing(stream: MessageStream): void {
    if (this.missing.has(stream.name)) return;
    this.missing.add(stream.name);
    const { library, name } = stream.queue!;
    this.options.logger.warn(
      `message queue ${library}/${name} does not exist or cannot be read; the other queues go on. ` +
        `To create it: CRTMSGQ MSGQ(${library}/${name}) TEXT('Security messages') — and grant the agent's profile *USE on it`,
      { code: 'AR_SOURCE_QUEUE_MISSING' },
    );
  }

  close(): Promise<void> {
    return this.ibmi.close();
  }
}
