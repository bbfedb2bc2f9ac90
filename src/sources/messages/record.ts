import type { SecurityEvent } from '../../core/event.js';
import {
  type MessageGap,
  type MessageRecordBody,
  messageGapEvent,
  messageToEvent,
} from '../../ibmi/messages/to-event.js';

/** What a message source reads: one message as IBM returned it, or a place where some may be missing. */
export type MessageRecord = { kind: 'message'; body: MessageRecordBody } | { kind: 'gap'; gap: MessageGap };

/** The record → event function of both message source types. Pure. */
export function messageRecordToEvent(record: MessageRecord): SecurityEvent {
  return record.kind === 'message' ? messageToEvent(record.body) : messageGapEvent(record.gap);
}
