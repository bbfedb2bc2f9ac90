import { NO_JOB, SEVERITY, type SecurityEvent, type Severity } from '../../core/event.js';
import { eventTime } from '../journal/heading/timestamp.js';
import { FTP_APPLICATIONS, FTP_COMMAND_OPERATION, FTP_PATH_OPERATIONS, REQUEST_KINDS } from './requests.js';

/** One row of the exit-point log (sql.ts, logTableSql), as read; absent columns are undefined. */
export interface ExitLogRow {
  entryId: number;
  /** SAA local time `YYYY-MM-DD-HH.MM.SS.ffffff`. */
  loggedAt: string;
  exitPoint: string;
  exitFormat: string;
  job?: string;
  user?: string;
  serverId?: string;
  functionId?: number;
  remoteAddress?: string;
  objectLibrary?: string;
  objectName?: string;
  objectMember?: string;
  path?: string;
  /** The length the request gave (the logged text may be shorter: the log keeps 16,000 bytes). */
  statementLength?: number;
  statementText?: string;
  detail?: string;
}

export interface ExitLogContext {
  /** IBM i system name (CURRENT SERVER). */
  system: string;
  utcOffsetMinutes: number;
  /** Library of the log table: part of every event id. */
  library: string;
  /** Statements and commands longer than this many characters are cut (docs/exit-points.md). */
  maxStatementLength: number;
}

/** Rows that may be missing from the log: identity values skipped, rows deleted, the table re-created. */
export interface ExitLogGap {
  /** The last entry delivered, and the first one read after (undefined: not known yet). */
  afterEntryId: number;
  nextEntryId?: number;
  reason: string;
  context: ExitLogContext;
  detectedMs: number;
}

/** Where the text of a row goes: an SQL statement, a command, or a path (FTP). */
const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** Longest statement or command quoted in the one-line `message`; the field has the rest. */
const MESSAGE_QUOTE = 200;

/** Cuts at `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

const SQL_CHANGE = /^\s*(CREATE|ALTER|DROP|GRANT|REVOKE|RENAME|CALL|DELETE|TRUNCATE|MERGE)\b/i;

/** Normalizes one exit-point log row. Pure. docs/fields.md lists the `fields` keys. */
export function exitRowToEvent(row: ExitLogRow, context: ExitLogContext): SecurityEvent {
  const kind = REQUEST_KINDS[row.exitPoint];
  const ftp = row.exitPoint === 'QIBM_QTMF_SERVER_REQ' || row.exitPoint === 'QIBM_QTMF_SVR_LOGON';
  const fn = row.functionId === undefined ? undefined : kind?.functions[row.functionId];
  const fields: Record<string, string | number> = {
    exitPoint: row.exitPoint,
    exitFormat: row.exitFormat,
    logEntry: row.entryId,
  };
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') fields[key] = value;
  };
  put('serverId', ftp ? (FTP_APPLICATIONS[row.serverId ?? ''] ?? row.serverId) : row.serverId);

  // The text a row carries is a statement, a command or a path, by exit point and operation.
  let severity: Severity = fn?.severity ?? SEVERITY.informational;
  let path = row.path;
  let localAddress: string | undefined;
  let quoted: string | undefined;
  const text = row.statementText;
  if (text !== undefined && text !== '') {
    const kept = cut(text, context.maxStatementLength);
    const truncated = kept.length < text.length || (row.statementLength ?? 0) > text.length;
    if (row.exitPoint === 'QIBM_QTMF_SERVER_REQ' && row.functionId !== FTP_COMMAND_OPERATION) {
      if (FTP_PATH_OPERATIONS.has(row.functionId ?? -1)) path = kept;
      else localAddress = kept;
    } else {
      const key = row.exitPoint === 'QIBM_QZDA_SQL2' ? 'statement' : 'command';
      fields[key] = kept;
      put('statementLength', row.statementLength);
      if (truncated) fields['statementTruncated'] = 'yes';
      quoted = kept.length > MESSAGE_QUOTE ? `${cut(kept, MESSAGE_QUOTE)}…` : kept;
      if (key === 'statement' && SQL_CHANGE.test(kept))
        severity = Math.min(severity, SEVERITY.notice) as Severity;
    }
  }
  if (row.exitPoint === 'QIBM_QZDA_SQL2') put('defaultSchema', row.objectLibrary);
  if (row.exitPoint === 'QIBM_QZDA_INIT') put('clientInterface', row.detail);
  if (row.exitPoint === 'QIBM_QPWFS_FILE_SERV') put('fileAccess', fileAccess(row.detail));
  put('member', row.objectMember);
  // INIT0100's one object is the Telnet device, not an object the request reads.
  const device = row.exitPoint === 'QIBM_QTG_DEVINIT';
  if (device) put('device', row.objectName);

  const [jobNumber = '', jobUser = '', jobName = ''] = (row.job ?? '').split('/');
  const user = row.user ?? '';
  const hasObject = row.objectName !== undefined && !device;
  const what = fn?.name ?? (row.functionId === undefined ? undefined : `function ${hex4(row.functionId)}`);
  const target =
    quoted ?? path ?? (hasObject ? `${row.objectLibrary ?? '*LIBL'}/${row.objectName}` : undefined);
  const name = kind?.name ?? `Exit point ${row.exitPoint}`;
  return {
    id: `${context.system}/EXITLOG/${context.library}/${row.entryId}`,
    ...eventTime(row.loggedAt, context.utcOffsetMinutes),
    system: context.system,
    origin: 'EXITPOINT',
    entryType: row.exitPoint,
    entryTypeName: name,
    ...(row.functionId !== undefined && {
      subtype: ftp ? String(row.functionId) : hex4(row.functionId),
      ...(fn && { subtypeName: fn.name }),
    }),
    action: fn?.action ?? kind?.action ?? 'exit-point-request',
    // The program answers "allow"; whether the server then did what was asked is not logged.
    outcome: 'unknown',
    severity,
    message: `${name} by ${user || 'an unknown user'}${row.remoteAddress ? ` from ${row.remoteAddress}` : ''}${what ? ` (${what})` : ''}${target ? `: ${target}` : ''}`,
    user,
    jobUser,
    jobName,
    jobNumber,
    job: row.job ?? '',
    program: '',
    programLibrary: '',
    ...(hasObject && {
      object: row.objectName,
      ...(row.objectLibrary !== undefined && { objectLibrary: row.objectLibrary }),
      ...(kind?.objectType && { objectType: kind.objectType }),
    }),
    ...(path !== undefined && { path }),
    ...(row.remoteAddress !== undefined && { remoteAddress: row.remoteAddress }),
    ...(localAddress !== undefined && { localAddress }),
    ...(row.remoteAddress !== undefined && { direction: 'inbound' as const }),
    fields,
  };
}

/** PWFS0100's file access: four flags, X'F1' (yes) or X'F0' (no), read/write/read-write/delete-allowed. */
function fileAccess(flags: string | undefined): string | undefined {
  if (flags === undefined || !/^[01]{4}$/.test(flags)) return flags;
  const names = ['read', 'write', 'read-write', 'delete-allowed'];
  return names.filter((_, i) => flags[i] === '1').join(' ') || 'none';
}

/** The event for log rows that may be missing. */
export function exitGapEvent(gap: ExitLogGap): SecurityEvent {
  const { context } = gap;
  const fields: Record<string, string | number> = {
    logTable: `${context.library}/EXIT_LOG`,
    lastDelivered: gap.afterEntryId,
    reason: gap.reason,
  };
  if (gap.nextEntryId !== undefined) fields['nextAvailable'] = gap.nextEntryId;
  const range =
    gap.nextEntryId === undefined
      ? `after entry ${gap.afterEntryId}`
      : `between entries ${gap.afterEntryId} and ${gap.nextEntryId}`;
  return {
    id: `${context.system}/EXITLOG/${context.library}/${gap.afterEntryId}/gap`,
    time: new Date(gap.detectedMs).toISOString(),
    timeMs: gap.detectedMs,
    system: context.system,
    origin: 'AUDITRELAY',
    entryType: 'GAP',
    entryTypeName: 'Exit-point requests possibly lost',
    action: 'exit-log-gap',
    outcome: 'failure',
    severity: SEVERITY.warning,
    message: `Exit-point log ${context.library}/EXIT_LOG: rows ${range} may not have been read by AuditRelay: ${gap.reason}`,
    ...NO_JOB,
    fields,
  };
}
