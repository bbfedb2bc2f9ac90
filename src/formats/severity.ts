import { AuditRelayError } from '../core/errors.js';
import { SEVERITY, type SecurityEvent, type Severity } from '../core/event.js';

/**
 * One severity, three scales. Events carry a syslog severity (0 emergency … 7 debug, lower is
 * more severe); CEF wants 0–10 and LEEF 1–10, higher is more severe. The mapping keeps the
 * CEF bands SIEMs display (0–3 Low, 4–6 Medium, 7–8 High, 9–10 Very-High):
 *
 *   syslog  0   1   2   3   4   5   6   7
 *   CEF    10  10   9   7   6   4   2   0
 *   LEEF   10  10   9   7   6   4   2   1     (LEEF = max(1, CEF))
 *
 * So a warning (PW, AF) is Medium 6, a notice (CA, CP, SV) Medium 4, informational (CO, DO,
 * ZC, ZR, JS) Low 2, a critical event (a disabled profile) Very-High 9.
 */
export const CEF_SEVERITY: readonly number[] = [10, 10, 9, 7, 6, 4, 2, 0];

export function cefSeverity(severity: Severity): number {
  return CEF_SEVERITY[severity]!;
}

export function leefSeverity(severity: Severity): number {
  return Math.max(1, CEF_SEVERITY[severity]!);
}

/**
 * Syslog severities by entry type (`PW`) or entry type and sub-type (`PW-P`); the sub-type key
 * wins. They replace the default from the normalization rules (the entry type modules, src/ibmi/journal/entries/).
 */
export type SeverityOverrides = Readonly<Record<string, number>>;

const OVERRIDE_KEY = /^[A-Z0-9]{2}(-[!-~]{1,10})?$/;

/** Throws AR_FORMAT_OPTION for a key that is not `XX` or `XX-s`, or a value outside 0–7. */
export function checkSeverityOverrides(overrides: SeverityOverrides): void {
  for (const [key, value] of Object.entries(overrides)) {
    if (!OVERRIDE_KEY.test(key)) {
      throw new AuditRelayError(
        'AR_FORMAT_OPTION',
        `severity override key ${JSON.stringify(key)} must be an entry type (PW) or entry type and sub-type (PW-P)`,
      );
    }
    if (!Number.isInteger(value) || value < 0 || value > 7) {
      throw new AuditRelayError(
        'AR_FORMAT_OPTION',
        `severity override ${key} must be a syslog severity 0–7, got ${JSON.stringify(value)}`,
      );
    }
  }
}

/**
 * The event's syslog severity after overrides: `TYPE-SUBTYPE`, then `TYPE`, then the event's
 * own. An entry that could not be fully decoded stays at least `error` (3), as normalize
 * makes it, so an override cannot hide a malformed entry.
 */
export function severityFor(event: SecurityEvent, overrides: SeverityOverrides): Severity {
  let severity = event.severity as number;
  const bySubtype =
    event.subtype === undefined ? undefined : overrides[`${event.entryType}-${event.subtype}`];
  const byType = bySubtype ?? overrides[event.entryType];
  if (byType !== undefined) severity = byType;
  if (event.decodeError && severity > SEVERITY.error) severity = SEVERITY.error;
  return severity as Severity;
}
