import { type Outcome, SEVERITY, type Severity } from '../../core/event.js';

/**
 * The message IDs a security team watches in QHST, QSYSOPR and QSYSMSG, with what each means
 * and how an event of it is read. Only IDs whose meaning we could confirm on IBM's pages (V)
 * or in IBM's own code (V-src) are here; CPF1394, CPF2234 and CPI0954, named in the issue,
 * could not be confirmed and are left out (see docs/message-sources.md). The names are ours.
 */
export interface KnownMessage {
  name: string;
  /** The event's action (formats/semantics.ts gives each its family and verb). */
  action: string;
  outcome: Outcome;
  /** At least this severe, whatever IBM's severity says. */
  severity?: Severity;
  /** Where its meaning is confirmed. */
  provenance: string;
}

const SIGNON =
  'IBM i 5.4 Security reference, "Changing the sign-on error messages" (rzamvchangesignonerror.htm)';
const QSYSMSG_LIST = 'IBM i 5.4 CL programming, "QSYSMSG message queue" (msmqu.htm)';

export const KNOWN_MESSAGES: Readonly<Record<string, KnownMessage>> = {
  CPF1107: {
    name: 'Password not correct for user profile',
    action: 'logon',
    outcome: 'failure',
    severity: SEVERITY.warning,
    provenance: SIGNON,
  },
  CPF1120: {
    name: 'User profile does not exist',
    action: 'logon',
    outcome: 'failure',
    severity: SEVERITY.warning,
    provenance: SIGNON,
  },
  CPF1124: {
    name: 'Job started',
    action: 'job-start',
    outcome: 'success',
    provenance: 'IBM i 5.4 CL programming, "Job start and completion messages" (qhstjob.htm)',
  },
  CPF1164: {
    name: 'Job ended',
    action: 'job-end',
    outcome: 'success',
    provenance:
      'IBM i 7.4 Work management, "Performance information in QHST" (rzaksperformanceinfoqhist.htm)',
  },
  CPF1269: {
    name: 'Program start request rejected',
    action: 'logon',
    outcome: 'failure',
    severity: SEVERITY.warning,
    provenance: `IBM support page "CPF1269 reason codes"; ${QSYSMSG_LIST}`,
  },
  CPF1393: {
    name: 'User profile disabled: QMAXSIGN sign-on attempts reached',
    action: 'account-disable',
    outcome: 'success',
    severity: SEVERITY.alert,
    provenance: 'IBM i 7.4 Security reference, QMAXSIGN (rzarlmaxsgn.htm)',
  },
  CPF1397: {
    name: 'Device varied off: QMAXSIGN sign-on attempts reached',
    action: 'account-disable',
    outcome: 'success',
    severity: SEVERITY.alert,
    provenance: 'IBM i 7.4 system value QMAXSGNACN page',
  },
  CPF2204: {
    name: 'User profile not found',
    action: 'logon',
    outcome: 'failure',
    severity: SEVERITY.warning,
    provenance:
      'IBM JTOpen AS400ImplRemote (CPF2203/CPF2204: unknown user) — IBM code, not a documentation page',
  },
  CPF22E2: {
    name: 'Password not correct for user profile',
    action: 'logon',
    outcome: 'failure',
    severity: SEVERITY.warning,
    provenance: 'IBM JTOpen AS400AuthenticationException — IBM code, not a documentation page',
  },
  CPF0907: {
    name: 'Serious storage condition: system ASP threshold reached',
    action: 'storage-threshold',
    outcome: 'unknown',
    severity: SEVERITY.critical,
    provenance: `IBM JTOpen AspListItem (ASP 1 threshold); ${QSYSMSG_LIST}`,
  },
  CPI0953: {
    name: 'User ASP storage threshold reached',
    action: 'storage-threshold',
    outcome: 'unknown',
    severity: SEVERITY.error,
    provenance: 'IBM JTOpen AspListItem (user ASP threshold) — IBM code, not a documentation page',
  },
};

/** In a source's `eventTypes`: it produces events of any message ID. */
export const ANY_MESSAGE_ID = '<message id>';

/** IDs a security team wants from QHST and the queues whatever their severity (the default selection). */
export const SECURITY_MESSAGE_IDS: readonly string[] = [
  ...Object.keys(KNOWN_MESSAGES).filter((id) => id !== 'CPF1124' && id !== 'CPF1164'),
  // IBM: security messages use the range 2200–22FF (IBM i 5.4 Security reference, rzamvusehistlog.htm).
  'CPF22*',
  'CPI22*',
  'CPC22*',
  'CPD22*',
  'CPA22*',
];

/**
 * IBM message severity (00–99, IBM i 7.3 CL programming, "Severity codes", asevc.htm) to a
 * syslog severity. IBM's scale: 00 information, 10 warning, 20 error with recovery, 30
 * severe error, 40 abnormal end of a function, 50 abnormal end of a job, 60 system status,
 * 70 device integrity, 80 system alert, 90 system integrity, 99 action required.
 */
export function syslogSeverityOf(ibmSeverity: number | null): Severity {
  const s = ibmSeverity ?? 0;
  if (s >= 90) return SEVERITY.alert;
  if (s >= 70) return SEVERITY.critical;
  if (s >= 30) return SEVERITY.error;
  if (s >= 20) return SEVERITY.warning;
  if (s >= 10) return SEVERITY.notice;
  return SEVERITY.informational;
}
