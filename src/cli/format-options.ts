import { isProfileName, PROFILE_NAMES, type ProfileName, withProfile } from '../agent/profiles.js';
import { AuditRelayError } from '../core/errors.js';
import type { SecurityEvent } from '../core/event.js';
import { compileFormat, FORMAT_NAMES, type FormatName } from '../formats/index.js';
import type { OptionValues } from './command.js';

export const FORMAT_HELP = `      --format F          ${FORMAT_NAMES.join(', ')}
      --profile P         ${PROFILE_NAMES.join(', ')}: what that SIEM expects (docs/siem-profiles.md)`;

export const FORMAT_OPTIONS = { format: { type: 'string' }, profile: { type: 'string' } } as const;

/** --format and --profile as a command line gives them, checked. */
export function formatChoice(
  values: OptionValues,
  fallback?: FormatName,
): { format?: FormatName; profile?: ProfileName } {
  const format = values['format'] === undefined ? undefined : String(values['format']);
  const profile = values['profile'] === undefined ? undefined : String(values['profile']);
  if (format !== undefined && !FORMAT_NAMES.includes(format as FormatName)) {
    throw new AuditRelayError(
      'AR_CLI_USAGE',
      `--format expects one of ${FORMAT_NAMES.join(', ')}, got ${JSON.stringify(format)}`,
    );
  }
  if (profile !== undefined && !isProfileName(profile)) {
    throw new AuditRelayError(
      'AR_CLI_USAGE',
      `--profile expects one of ${PROFILE_NAMES.join(', ')}, got ${JSON.stringify(profile)}`,
    );
  }
  return {
    format: (format as FormatName | undefined) ?? (profile ? undefined : fallback),
    profile: profile as ProfileName | undefined,
  };
}

export function formatterFor(values: OptionValues, fallback: FormatName): (event: SecurityEvent) => string {
  return compileFormat(withProfile(formatChoice(values, fallback)));
}
