import { contentHash, type IbmiMessage } from '../../ibmi/messages/message.js';

/**
 * Where one message stream (QHST, or one queue) was read up to, and which of its rows are new.
 *
 * Neither timestamps nor (in QHST) keys identify a message: from 7.2 on IBM leaves the
 * low-order bits of message timestamps zero, so several messages share one (IBM i 7.2 memo
 * to users, rzaq9osMSGtimestamp.htm), and QHST has no message key at all. So a position is
 * the timestamp of the last message delivered plus what identifies every message delivered
 * at that timestamp: queue message keys, or QHST content hashes counted with repeats (two
 * equal messages at one timestamp are two messages). The next read asks for timestamps at
 * or after it and skips exactly those; the rows of one timestamp may come back in any order.
 * Queue keys are also kept as the last key delivered: the next new message should have the
 * next key, and a jump says messages were removed before they were read (K: that keys rise
 * by one per message is what every system we know of does; IBM does not document it).
 */
export interface StreamPosition {
  /** SAA local timestamp of the last message delivered; '' before the first. */
  time: string;
  /** Keys (queues) or content hashes (QHST) of the messages delivered at `time`. */
  seen: string[];
  /** Queues: the highest key delivered (8 hex digits). */
  lastKey?: string;
}

export const START: StreamPosition = { time: '', seen: [] };

export function encodePosition(p: StreamPosition): string {
  return `${p.time}|${p.lastKey ?? ''}|${p.seen.join(',')}`;
}

export function decodePosition(text: string | undefined): StreamPosition | undefined {
  if (text === undefined) return undefined;
  const [time = '', lastKey = '', seen = ''] = text.split('|');
  return { time, seen: seen === '' ? [] : seen.split(','), ...(lastKey && { lastKey }) };
}

export interface NewMessage {
  message: IbmiMessage;
  /** QHST: the content hash and the how-manieth equal message at its timestamp. */
  hash?: string;
  occurrence?: number;
}

export interface StreamRead {
  fresh: NewMessage[];
  position: StreamPosition;
  /** Why messages may have been missed before the first new one, if they may have been. */
  gap?: { reason: string; nextTimestamp?: string };
}

/**
 * The new messages among rows read at or after `position.time` (ordered by timestamp), and
 * the position after them. Pure.
 */
export function takeNew(rows: readonly IbmiMessage[], position: StreamPosition): StreamRead {
  const seenCounts = new Map<string, number>();
  for (const id of position.seen) seenCounts.set(id, (seenCounts.get(id) ?? 0) + 1);
  const occurrences = new Map<string, number>();
  const fresh: NewMessage[] = [];
  let time = position.time;
  let seen = [...position.seen];
  let lastKey = position.lastKey;
  let sawSaved = false;
  for (const message of rows) {
    if (message.timestamp < position.time) continue;
    const identity = message.key ?? contentHash(message);
    if (message.timestamp === position.time) {
      const left = seenCounts.get(identity) ?? 0;
      if (left > 0) {
        seenCounts.set(identity, left - 1);
        sawSaved = true;
        continue;
      }
    }
    const key = `${message.timestamp}\u0000${identity}`;
    const occurrence = (occurrences.get(key) ?? countIn(position, message, identity)) + 1;
    occurrences.set(key, occurrence);
    if (message.timestamp !== time) {
      time = message.timestamp;
      seen = [];
    }
    seen.push(identity);
    if (message.key !== undefined && (lastKey === undefined || message.key > lastKey)) lastKey = message.key;
    fresh.push(message.key === undefined ? { message, hash: identity, occurrence } : { message });
  }
  return {
    fresh,
    position: { time, seen, ...(lastKey !== undefined && { lastKey }) },
    gap: gapBefore(position, fresh[0]?.message, sawSaved),
  };
}

/** How many equal messages at this timestamp were delivered before (QHST occurrences). */
function countIn(position: StreamPosition, message: IbmiMessage, identity: string): number {
  if (message.key !== undefined || message.timestamp !== position.time) return 0;
  return position.seen.filter((id) => id === identity).length;
}

function gapBefore(
  saved: StreamPosition,
  first: IbmiMessage | undefined,
  sawSaved: boolean,
): StreamRead['gap'] {
  if (saved.time === '' || first === undefined) return undefined;
  if (first.key !== undefined && saved.lastKey !== undefined) {
    const expected = (Number.parseInt(saved.lastKey, 16) + 1).toString(16).toUpperCase().padStart(8, '0');
    if (first.key === expected) return undefined;
    return {
      reason:
        first.key < saved.lastKey
          ? `the queue's message keys started again at ${first.key} (the queue was deleted and created again?)`
          : `message keys jump from ${saved.lastKey} to ${first.key}: messages were removed before they were read (CLRMSGQ, a full queue that wraps, a reply that removed its inquiry)`,
      nextTimestamp: first.timestamp,
    };
  }
  if (first.key === undefined && !sawSaved && saved.seen.length > 0 && first.timestamp > saved.time) {
    return {
      reason:
        'the last message delivered is no longer in the history log: the log version holding it was deleted, and messages after it may have gone with it',
      nextTimestamp: first.timestamp,
    };
  }
  return undefined;
}
