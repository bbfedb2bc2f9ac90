import { NO_JOB, SEVERITY, type SecurityEvent } from '../core/event.js';

/**
 * An event that says events were damaged in the agent's own disk buffer (records that failed
 * their checksum) and what was done about it: the events between the last good one before
 * and the first good one after were read again from the source, or could not be. Each sink
 * sends it where the damaged events would have been, so the SIEM sees the hole and its repair.
 */
export interface WalDamageReport {
  /** The source whose WAL holds the damage. */
  source: string;
  /** The damaged file and the byte where the damage starts. */
  file: string;
  offset: number;
  /** WAL record ids skipped: after `afterRecord`, before `nextRecord` when known. */
  afterRecord: number;
  nextRecord: number | undefined;
  /** The last good event before the damage and the first good one after it, when known. */
  before: SecurityEvent | undefined;
  after: SecurityEvent | undefined;
  /** Events read again from the source for the hole; undefined when they could not be. */
  reread: number | undefined;
  /** Why they could not be read again. */
  failure?: string;
  /** When the damage was found (epoch ms) and its ISO form. */
  detectedMs: number;
  detectedTime: string;
}

export function walDamageEvent(report: WalDamageReport): SecurityEvent {
  const { before, after } = report;
  const records =
    report.nextRecord === undefined
      ? `after record ${report.afterRecord}`
      : `${report.afterRecord + 1} to ${report.nextRecord - 1}`;
  const between = `${before ? `after ${before.id}` : 'from the start'}${after ? ` and before ${after.id}` : ''}`;
  const outcome =
    report.reread === undefined
      ? `could not be read again from the source (${report.failure ?? 'no position to read from'}): events ${between} may be missing`
      : `${report.reread} events ${between} were read again from the source and follow this event`;
  const fields: Record<string, string | number> = {
    walFile: report.file,
    walOffset: report.offset,
    firstDamagedRecord: report.afterRecord + 1,
  };
  if (report.nextRecord !== undefined) fields['lastDamagedRecord'] = report.nextRecord - 1;
  if (before) fields['lastGoodEvent'] = before.id;
  if (after) fields['nextGoodEvent'] = after.id;
  if (report.reread !== undefined) fields['rereadEvents'] = report.reread;
  const system = before?.system ?? after?.system ?? '';
  return {
    id: `${system}/auditrelay/${report.source}/wal/${report.afterRecord}`,
    time: report.detectedTime,
    timeMs: report.detectedMs,
    system,
    origin: 'AUDITRELAY',
    entryType: 'WAL',
    entryTypeName: 'Agent disk buffer damaged',
    subtype: undefined,
    subtypeName: undefined,
    action: 'buffer-damage',
    outcome: report.reread === undefined ? 'failure' : 'success',
    severity: report.reread === undefined ? SEVERITY.alert : SEVERITY.error,
    message: `AuditRelay's disk buffer for source ${report.source} failed its checksum at ${report.file} byte ${report.offset} (records ${records}); the events there ${outcome}`,
    ...NO_JOB,
    targetUser: undefined,
    object: undefined,
    objectLibrary: undefined,
    objectType: undefined,
    path: undefined,
    remoteAddress: undefined,
    remotePort: undefined,
    fields,
    decodeError: undefined,
  };
}
