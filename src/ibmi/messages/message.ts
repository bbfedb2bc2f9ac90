import { createHash } from 'node:crypto';

/**
 * One IBM i message as HISTORY_LOG_INFO or MESSAGE_QUEUE_INFO returns it, text columns
 * trimmed, nothing interpreted yet. Every column may be null (IBM's table functions declare
 * most of them nullable), so everything but the place and time is optional here.
 */
export interface IbmiMessage {
  /** `QHST`, or the queue's name (`QSYSOPR`). */
  origin: string;
  /** `LIB/NAME` of the queue; absent for QHST. */
  queue?: string;
  id: string | null;
  type: string | null;
  subtype: string | null;
  /** IBM's 00–99. */
  severity: number | null;
  /** The IBM i's local time, SAA form `YYYY-MM-DD-HH.MM.SS.ffffff`. */
  timestamp: string;
  fromUser: string | null;
  /** Qualified job name `number/user/name`. */
  fromJob: string | null;
  fromProgram: string | null;
  file: string | null;
  fileLibrary: string | null;
  text: string | null;
  secondLevel: string | null;
  /** Queue messages: the key (8 hex digits) and, on a reply, its inquiry's key. */
  key?: string;
  associatedKey?: string | null;
  /** Inquiries in a queue: no reply had been sent when the message was read. */
  awaitingReply?: boolean;
}

/**
 * What tells two QHST messages apart when they share a timestamp (QHST has no message key,
 * and from 7.2 on timestamps repeat): everything the row says about the message. MESSAGE_TEXT
 * is built from the message file when the query runs, so a changed message file could change
 * it; the ID, type, severity, job and user cannot change.
 */
export function contentHash(message: IbmiMessage): string {
  return createHash('sha256')
    .update(
      [
        message.timestamp,
        message.id,
        message.type,
        message.severity,
        message.fromJob,
        message.fromUser,
        message.fromProgram,
        message.text,
      ].join('\u0000'),
    )
    .digest('hex')
    .slice(0, 16);
}
