import { NO_JOB, SEVERITY, type SecurityEvent } from '../../core/event.js';
import type { JournalPosition } from './entry.js';

/**
 * An event that says audit entries were lost before AuditRelay read them: a receiver was
 * deleted (DLTJRNRCV, MNGRCV(*SYSTEM) with DLTRCV(*YES)) while the agent was behind, or the
 * saved position vanished. Security teams must see the hole, so it is an alert of its own.
 */
export interface JournalGap {
  system: string;
  /** Last entry delivered before the gap. */
  after: JournalPosition;
  /** First entry available after the gap, when known. */
  resumeAt: JournalPosition | undefined;
  reason: string;
  /** The moment the gap was noticed (epoch ms) and its ISO form with the IBM i's offset. */
  detectedMs: number;
  detectedTime: string;
}

export function gapEvent(gap: JournalGap): SecurityEvent {
  const { after, resumeAt } = gap;
  const range = resumeAt
    ? `after ${after.receiverLibrary}/${after.receiver} sequence ${after.sequence} and before ${resumeAt.receiverLibrary}/${resumeAt.receiver} sequence ${resumeAt.sequence}`
    : `after ${after.receiverLibrary}/${after.receiver} sequence ${after.sequence}`;
  const fields: Record<string, string> = {
    lastReadReceiver: `${after.receiverLibrary}/${after.receiver}`,
    lastReadSequence: after.sequence,
    reason: gap.reason,
  };
  if (resumeAt) {
    fields['resumeReceiver'] = `${resumeAt.receiverLibrary}/${resumeAt.receiver}`;
    fields['resumeSequence'] = resumeAt.sequence;
  }
  return {
    id: `${gap.system}/${after.receiverLibrary}/${after.receiver}/${after.sequence}/gap`,
    time: gap.detectedTime,
    timeMs: gap.detectedMs,
    system: gap.system,
    origin: 'AUDITRELAY',
    journalCode: 'T',
    entryType: 'GAP',
    entryTypeName: 'Audit journal entries lost',
    subtype: undefined,
    subtypeName: undefined,
    action: 'journal-gap',
    outcome: 'failure',
    severity: SEVERITY.alert,
    message: `Audit journal entries ${range} were not read by AuditRelay: ${gap.reason}`,
    ...NO_JOB,
    targetUser: undefined,
    object: undefined,
    objectLibrary: undefined,
    objectType: undefined,
    path: undefined,
    remoteAddress: undefined,
    remotePort: undefined,
    receiverLibrary: after.receiverLibrary,
    receiver: after.receiver,
    sequence: after.sequence,
    fields,
    decodeError: undefined,
  };
}
