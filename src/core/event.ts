/**
 * The one normalized event every source produces and every format consumes.
 * docs/fields.md documents each field; keep the two in step.
 */
export type Outcome = 'success' | 'failure' | 'unknown';

/** Syslog severities (RFC 5424): lower is more severe. */
export const SEVERITY = {
  emergency: 0,
  alert: 1,
  critical: 2,
  error: 3,
  warning: 4,
  notice: 5,
  informational: 6,
  debug: 7,
} as const;
export type Severity = (typeof SEVERITY)[keyof typeof SEVERITY];

export interface SecurityEvent {
  /**
   * Stable across re-sends; SIEMs de-duplicate on it. Audit journal:
   * `<system>/<receiverLibrary>/<receiver>/<sequence>`; messages: see sources/messages/identity.ts.
   */
  id: string;
  /** ISO-8601 with the IBM i's UTC offset, microseconds kept: `2026-11-27T10:15:30.123456-05:00`. */
  time: string;
  /** Epoch milliseconds of `time`. */
  timeMs: number;
  /** IBM i system name (the SIEM's device / host). */
  system: string;
  /**
   * Where the event came from: `QAUDJRN` for the audit journal, `QHST` for the history log,
   * the queue's name (`QSYSOPR`, `QSYSMSG`) for a message queue, `AUDITRELAY` for the agent's own.
   */
  origin: string;
  /**
   * What kind of event this is, as IBM names it: the journal entry type (`PW`), the message
   * ID (`CPF1393`; `IMPROMPTU` for a message without one), or the agent's own (`GAP`, `WAL`).
   */
  entryType: string;
  /** IBM's name for the entry type (`Password`), or a message's short meaning. */
  entryTypeName: string;
  /** Sub-type code (the entry type / violation type byte), e.g. `P`. */
  subtype?: string;
  /** Meaning of the sub-type, e.g. `Password not valid`. */
  subtypeName?: string;
  /** Short machine-friendly verb, e.g. `logon`, `object-read`, `profile-change`. */
  action: string;
  outcome: Outcome;
  severity: Severity;
  /** One readable sentence for the SIEM's message field. */
  message: string;
  /** The user profile the job ran under (who did it). */
  user: string;
  /** User of the job (can differ from `user` after a profile swap). */
  jobUser: string;
  jobName: string;
  jobNumber: string;
  /** Qualified job name `number/user/name`. */
  job: string;
  program: string;
  programLibrary: string;
  /** The user profile acted upon (CP, CA, PW target…). */
  targetUser?: string;
  object?: string;
  objectLibrary?: string;
  objectType?: string;
  /** IFS path name, for objects in the integrated file system. */
  path?: string;
  /** The peer's address and port: the client, or the far end of a connection the IBM i made. */
  remoteAddress?: string;
  remotePort?: number;
  /** The IBM i's own address and port in a network event (IM, SK, X0, CV): the SIEM's destination. */
  localAddress?: string;
  localPort?: number;
  /**
   * Who opened the exchange in a network event: `inbound` (the remote side, the usual case) or
   * `outbound` (the IBM i itself, e.g. an IM extrusion probe or an SK connect). Absent: not a
   * network event, or unknown; formats then treat the remote side as the source.
   */
  direction?: 'inbound' | 'outbound';
  /** The audit journal entry's place: journal events only (a message has its own id and position). */
  journalCode?: string;
  receiverLibrary?: string;
  receiver?: string;
  sequence?: string;
  /** Every decoded entry-specific field, by catalog key; a message's fields (docs/fields.md). */
  fields: Record<string, string | number>;
  /** Present when the entry could not be fully decoded: the stream goes on, the error is visible. */
  decodeError?: {
    code: string;
    message: string;
    /** The entry-specific data, upper-case hex. */
    hex: string;
  };
}

/** The job fields of an event no job wrote (the agent's own: gaps, WAL damage). */
export const NO_JOB = {
  user: '',
  jobUser: '',
  jobName: '',
  jobNumber: '',
  job: '',
  program: '',
  programLibrary: '',
} as const satisfies Partial<SecurityEvent>;
