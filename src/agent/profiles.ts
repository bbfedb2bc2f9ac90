import { AuditRelayError } from '../core/errors.js';
import type { FormatInput, FormatOptions } from '../formats/index.js';

/**
 * SIEM profiles: the format, syslog header, key choices and transport a SIEM expects, so an
 * operator picks a SIEM rather than a format. Every choice is explained in
 * docs/siem-profiles.md; explicit sink settings override a profile.
 */
export const PROFILE_NAMES = [
  'qradar',
  'arcsight',
  'splunk',
  'sentinel',
  'elastic',
  'google-secops',
  'logrhythm',
] as const;

export type ProfileName = (typeof PROFILE_NAMES)[number];

export interface TransportDefaults {
  transport: 'udp' | 'tcp' | 'tls';
  /** Undefined: the sink's default for the transport (514, 6514 for TLS). */
  port?: number;
  framing: 'octet-counting' | 'lf';
}

export interface SiemProfile {
  name: ProfileName;
  /** The SIEM, as its vendor names it. */
  siem: string;
  /** The format of a syslog sink. */
  format: Partial<FormatOptions>;
  /** The format of an HTTP sink (splunk-hec, elasticsearch, http) when it differs. */
  httpFormat?: Partial<FormatOptions>;
  transport: TransportDefaults;
}

/** LF framing everywhere: every format here is single-line, and it is what plain TCP syslog inputs read. */
const TCP_LF: TransportDefaults = { transport: 'tcp', framing: 'lf' };

export const PROFILES: Readonly<Record<ProfileName, SiemProfile>> = {
  qradar: {
    name: 'qradar',
    siem: 'IBM QRadar',
    format: { format: 'leef1', header: 'rfc3164' },
    transport: TCP_LF,
  },
  arcsight: {
    name: 'arcsight',
    siem: 'OpenText ArcSight',
    format: { format: 'cef', header: 'rfc3164' },
    transport: TCP_LF,
  },
  splunk: {
    name: 'splunk',
    siem: 'Splunk',
    format: { format: 'json', header: 'none', jsonStyle: 'cim' },
    transport: TCP_LF,
  },
  sentinel: {
    name: 'sentinel',
    siem: 'Microsoft Sentinel',
    format: { format: 'cef', header: 'rfc3164' },
    transport: TCP_LF,
  },
  elastic: {
    name: 'elastic',
    siem: 'Elastic Security',
    format: { format: 'cef', header: 'rfc5424' },
    httpFormat: { format: 'json', header: 'none', jsonStyle: 'ecs' },
    transport: TCP_LF,
  },
  'google-secops': {
    name: 'google-secops',
    siem: 'Google Security Operations',
    format: { format: 'cef', header: 'rfc3164', cefJobKey: 'sproc' },
    transport: TCP_LF,
  },
  logrhythm: {
    name: 'logrhythm',
    siem: 'LogRhythm',
    format: { format: 'cef', header: 'rfc3164' },
    transport: TCP_LF,
  },
};

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

/** The profile of that name; AR_FORMAT_OPTION for an unknown one. */
export function siemProfile(name: string): SiemProfile {
  if (!isProfileName(name)) {
    throw new AuditRelayError(
      'AR_FORMAT_OPTION',
      `profile must be one of ${PROFILE_NAMES.join(', ')}, got ${JSON.stringify(name)}`,
    );
  }
  return PROFILES[name];
}

/**
 * Format options with a profile's choices under the explicit ones (an undefined explicit
 * value does not count): defaults < profile < explicit. AR_FORMAT_OPTION for an unknown profile.
 */
export function withProfile(input: FormatInput & { profile?: string }, http = false): FormatInput {
  const { profile, ...explicit } = input;
  if (profile === undefined) return explicit;
  const defined = Object.fromEntries(Object.entries(explicit).filter(([, value]) => value !== undefined));
  return { ...profileFormat(siemProfile(profile), http), ...defined };
}

/** The format a profile gives a syslog sink, or an HTTP sink. */
export function profileFormat(profile: SiemProfile, http: boolean): Partial<FormatOptions> {
  return (http && profile.httpFormat) || profile.format;
}
