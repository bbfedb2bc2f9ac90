import type { ConfigIssue } from '../../core/component.js';
import { nestedFormatConfig, nestedFormatKey } from '../../formats/components.js';
import { isProfileName, PROFILES, profileFormat } from '../profiles.js';
import { FORMATS, SINKS } from '../registry.js';

/**
 * Steps between the YAML and the schema, on plain data: the format keys sinks used to have at
 * their top level move into `format` (with a deprecation warning each), and a sink's SIEM
 * profile is laid under its explicit settings (explicit settings win).
 */

/** The format keys a sink had before formats were components, and their names in `format`. */
const FLAT_FORMAT_KEYS = [
  'header',
  'facility',
  'appName',
  'enterpriseNumber',
  'bom',
  'rfc3164Limit',
  'leefDelimiter',
  'jsonStyle',
  'cefJobKey',
  'vendor',
  'product',
  'severity',
] as const;

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function formatKeys(type: unknown): Set<string> | undefined {
  const format = FORMATS.find((f) => f.type === type);
  const shape = (format?.configSchema as unknown as { shape?: Plain } | undefined)?.shape;
  return shape ? new Set(Object.keys(shape)) : undefined;
}

/** Returns the prepared copy and deprecation warnings (paths from the root). */
export function prepareConfig(raw: unknown): { config: unknown; warnings: ConfigIssue[] } {
  const warnings: ConfigIssue[] = [];
  if (!isPlain(raw) || !Array.isArray(raw['sinks'])) return { config: raw, warnings };
  const sinks = raw['sinks'].map((sink, index) =>
    isPlain(sink) ? prepareSink(sink, index, warnings) : sink,
  );
  return { config: { ...raw, sinks }, warnings };
}

/** Keys that no longer do anything, and why. */
const RETIRED_SINK_KEYS: Readonly<Record<string, string>> = {
  resendWindow:
    'deprecated and ignored: TCP and TLS now confirm delivery by ending the connection (confirmBytes, confirmInterval; docs/delivery.md)',
};

function prepareSink(original: Plain, index: number, warnings: ConfigIssue[]): Plain {
  const sink: Plain = { ...original };
  for (const [key, message] of Object.entries(RETIRED_SINK_KEYS)) {
    if (!(key in sink)) continue;
    warnings.push({ path: ['sinks', index, key], message });
    delete sink[key];
  }
  const profile =
    typeof sink['profile'] === 'string' && isProfileName(sink['profile'])
      ? PROFILES[sink['profile']]
      : undefined;
  // HTTP sinks take the profile's HTTP format where it has one (elastic: JSON with ECS names).
  const fromProfile = profile ? nestedFormatConfig(profileFormat(profile, sink['type'] !== 'syslog')) : {};
  let format: Plain | undefined =
    typeof sink['format'] === 'string'
      ? { type: sink['format'] }
      : isPlain(sink['format'])
        ? { ...sink['format'] }
        : undefined;

  const flat = Object.keys(sink).filter((key) => (FLAT_FORMAT_KEYS as readonly string[]).includes(key));
  if (format === undefined && sink['format'] !== undefined) return sink; // not a format: the schema says so
  const sinkDefault = SINKS.find((d) => d.type === sink['type'])?.defaultFormat;
  const type = format?.['type'] ?? fromProfile['type'] ?? sinkDefault?.['type'] ?? 'rfc5424';
  if (flat.length > 0) {
    format ??= {};
    const accepted = formatKeys(type);
    for (const key of flat) {
      const nested = nestedFormatKey(key);
      if (accepted && !accepted.has(nested)) {
        warnings.push({
          path: ['sinks', index, key],
          message: `deprecated, and format ${String(type)} has no ${nested}: ignored`,
        });
      } else {
        warnings.push({ path: ['sinks', index, key], message: `deprecated: write it as format.${nested}` });
        if (!(nested in format)) format[nested] = sink[key];
      }
      delete sink[key];
    }
  }
  if (profile) {
    // The profile's format applies when the sink keeps the profile's format type.
    if (format === undefined) format = fromProfile;
    else if ((format['type'] ?? fromProfile['type']) === fromProfile['type'])
      format = { ...fromProfile, ...format };
    if (sink['type'] === 'syslog') {
      sink['transport'] ??= profile.transport.transport;
      sink['framing'] ??= profile.transport.framing;
      if (profile.transport.port !== undefined) sink['port'] ??= profile.transport.port;
    }
  }
  if (format !== undefined) sink['format'] = { type: sinkDefault?.['type'] ?? 'rfc5424', ...format };
  return sink;
}
