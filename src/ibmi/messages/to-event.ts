import { NO_JOB, SEVERITY, type SecurityEvent } from '../../core/event.js';
import { eventTime } from '../journal/heading/timestamp.js';
import { KNOWN_MESSAGES, syslogSeverityOf } from './catalog.js';
import type { IbmiMessage } from './message.js';

export interface MessageContext {
  /** IBM i system name (CURRENT SERVER). */
  system: string;
  utcOffsetMinutes: number;
}

/** A message read from QHST or a queue, with what identifies it among equal ones. */
export interface MessageRecordBody {
  message: IbmiMessage;
  /** QHST: the content hash and which of the equal messages at this timestamp it is (1, 2, …). */
  hash?: string;
  occurrence?: number;
  context: MessageContext;
}

/** Messages where some may have been missed: a queue cleared, a log version deleted. */
export interface MessageGap {
  origin: string;
  queue?: string;
  /** The last message delivered before, and the first one read after (SAA local times). */
  lastTimestamp: string;
  nextTimestamp?: string;
  reason: string;
  context: MessageContext;
  detectedMs: number;
}

const digits = (saa: string) => saa.replace(/\D/g, '');

/**
 * The id of a message event, stable however often it is read: QHST has no message key, so
 * its id is the timestamp, the content hash and the occurrence; a queue message's is the queue,
 * its key and its timestamp (keys alone may repeat after a queue is re-created).
 */
export function messageEventId(body: MessageRecordBody): string {
  const { message, context } = body;
  if (message.queue === undefined) {
    const occurrence = (body.occurrence ?? 1) > 1 ? `-${body.occurrence}` : '';
    return `${context.system}/QHST/${digits(message.timestamp)}/${body.hash}${occurrence}`;
  }
  return `${context.system}/MSGQ/${message.queue}/${message.key}/${digits(message.timestamp)}`;
}

/** Normalizes one message. Pure. docs/fields.md lists the `fields` keys. */
export function messageToEvent(body: MessageRecordBody): SecurityEvent {
  const { message, context } = body;
  const known = message.id ? KNOWN_MESSAGES[message.id] : undefined;
  const ibmSeverity = syslogSeverityOf(message.severity);
  const severity = known?.severity === undefined ? ibmSeverity : Math.min(known.severity, ibmSeverity);
  const [jobNumber = '', jobUser = '', jobName = ''] = (message.fromJob ?? '').split('/');
  const type = message.type ?? 'UNKNOWN';
  const fields: Record<string, string | number> = { messageType: type };
  const put = (key: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') fields[key] = value;
  };
  put('messageId', message.id);
  put('messageSubtype', message.subtype);
  put('ibmSeverity', message.severity);
  put('messageFile', message.file && `${message.fileLibrary ?? '*LIBL'}/${message.file}`);
  put('messageQueue', message.queue ?? 'QHST');
  put('messageKey', message.key);
  put('associatedMessageKey', message.associatedKey);
  if (message.awaitingReply !== undefined) fields['awaitingReply'] = message.awaitingReply ? 'yes' : 'no';
  put('secondLevelText', message.secondLevel);
  const text = message.text ?? (type === 'REPLY' ? `Reply to message ${message.associatedKey}` : '');
  const what = message.id ?? 'Impromptu message';
  const waiting = message.awaitingReply ? ' (waiting for a reply)' : '';
  const where = message.queue ?? 'QHST';
  return {
    id: messageEventId(body),
    ...eventTime(message.timestamp, context.utcOffsetMinutes),
    system: context.system,
    origin: message.origin,
    entryType: message.id ?? (type === 'REPLY' ? 'REPLY' : 'IMPROMPTU'),
    entryTypeName: known?.name ?? `${type.charAt(0)}${type.slice(1).toLowerCase()} message`,
    action: known?.action ?? 'message',
    outcome: known?.outcome ?? 'unknown',
    severity: severity as SecurityEvent['severity'],
    message: `${what} in ${where}${waiting}: ${text}`,
    user: message.fromUser ?? '',
    jobUser,
    jobName,
    jobNumber,
    job: message.fromJob ?? '',
    program: message.fromProgram ?? '',
    programLibrary: '',
    fields,
  };
}

/** The event for messages that may have been missed. */
export function messageGapEvent(gap: MessageGap): SecurityEvent {
  const where = gap.queue ?? 'QHST';
  const fields: Record<string, string> = {
    messageQueue: where,
    lastDelivered: gap.lastTimestamp,
    reason: gap.reason,
  };
  if (gap.nextTimestamp) fields['nextAvailable'] = gap.nextTimestamp;
  return {
    id: `${gap.context.system}/${gap.queue ? `MSGQ/${gap.queue}` : 'QHST'}/${digits(gap.lastTimestamp)}/gap`,
    time: new Date(gap.detectedMs).toISOString(),
    timeMs: gap.detectedMs,
    system: gap.context.system,
    origin: 'AUDITRELAY',
    entryType: 'GAP',
    entryTypeName: 'Messages possibly lost',
    action: 'message-gap',
    outcome: 'failure',
    severity: SEVERITY.warning,
    message: `Messages in ${where} after ${gap.lastTimestamp}${gap.nextTimestamp ? ` and before ${gap.nextTimestamp}` : ''} may not have been read by AuditRelay: ${gap.reason}`,
    ...NO_JOB,
    fields,
  };
}
