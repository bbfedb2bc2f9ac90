// Writes docs/configuration.md from the component schemas (the single source of truth).
// Usage: npx tsx scripts/gen-config-docs.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema } from '../src/agent/config/schema.js';
import { PROFILE_NAMES } from '../src/agent/profiles.js';
import { FORMATS, SINKS, SOURCES } from '../src/agent/registry.js';
import { durationSchema, sizeSchema } from '../src/core/schema.js';
import { filterRuleSchema } from '../src/events/filter.js';

interface Row {
  key: string;
  type: string;
  defaultValue: string;
  description: string;
}

function unwrap(schema: z.ZodTypeAny): {
  inner: z.ZodTypeAny;
  defaultValue?: unknown;
  optional: boolean;
  description?: string;
} {
  let inner = schema;
  let defaultValue: unknown;
  let optional = false;
  const description = schema.description;
  for (;;) {
    if (inner instanceof z.ZodDefault) {
      defaultValue = inner._def.defaultValue();
      inner = inner._def.innerType;
    } else if (inner instanceof z.ZodOptional) {
      optional = true;
      inner = inner._def.innerType;
    } else if (inner instanceof z.ZodEffects && inner !== durationSchema && inner !== sizeSchema) {
      inner = inner._def.schema;
    } else break;
  }
  return { inner, defaultValue, optional, description: description ?? inner.description };
}

function typeName(schema: z.ZodTypeAny): string {
  if (schema instanceof z.ZodString) return 'string';
  if (schema instanceof z.ZodNumber) return 'integer';
  if (schema instanceof z.ZodBoolean) return 'boolean';
  if (schema instanceof z.ZodLiteral) return `\`${schema._def.value}\``;
  if (schema instanceof z.ZodEnum)
    return (schema._def.values as string[]).map((v) => `\`${v}\``).join(' \\| ');
  if (schema === durationSchema) return 'duration (`500ms`, `1s`, `2m`, `1h`) or milliseconds';
  if (schema === sizeSchema) return 'size (`64KiB`, `512MiB`, `2GB`) or bytes';
  if (schema instanceof z.ZodArray) return `list of ${typeName(unwrap(schema._def.type).inner)}`;
  if (schema instanceof z.ZodObject) return 'object';
  if (schema instanceof z.ZodRecord) return 'map';
  return 'value';
}

function rows(schema: z.ZodTypeAny, prefix = ''): Row[] {
  const { inner } = unwrap(schema);
  if (!(inner instanceof z.ZodObject)) return [];
  const out: Row[] = [];
  for (const [key, field] of Object.entries(inner.shape as Record<string, z.ZodTypeAny>)) {
    const f = unwrap(field);
    const path = `${prefix}${key}`;
    const required = !f.optional && f.defaultValue === undefined;
    out.push({
      key: `\`${path}\``,
      type: typeName(f.inner),
      defaultValue:
        f.defaultValue === ''
          ? '`""`'
          : f.defaultValue !== undefined && typeof f.defaultValue !== 'object'
            ? `\`${String(f.defaultValue)}\``
            : required
              ? '**required**'
              : '',
      description: f.description ?? '',
    });
    if (f.inner instanceof z.ZodObject) out.push(...rows(f.inner, `${path}.`));
  }
  return out;
}

function table(r: Row[]): string {
  return [
    '| key | type | default | meaning |',
    '|---|---|---|---|',
    ...r.map((x) => `| ${x.key} | ${x.type} | ${x.defaultValue} | ${x.description} |`),
  ].join('\n');
}

const top = rows(configSchema).filter((r) => !/^`(sources|sinks)`/.test(r.key));
const filterRow: Row = {
  key: '`filter`',
  type: 'object',
  defaultValue: '',
  description: 'which events go on: `include` and `exclude` rules (see Filters)',
};
const idRow = (what: string): Row => ({
  key: '`id`',
  type: 'string',
  defaultValue: '',
  description: `identity of this ${what}'s state; set it to the old name to keep the state across a rename (default: name; see docs/operations.md)`,
});
const sinkRows: Row[] = [
  idRow('sink'),
  {
    key: '`profile`',
    type: PROFILE_NAMES.map((name) => `\`${name}\``).join(' \\| '),
    defaultValue: '',
    description:
      'SIEM profile: the format, header, transport and keys that SIEM expects (docs/siem-profiles.md)',
  },
  {
    key: '`format`',
    type: 'format name or object',
    defaultValue: '`rfc5424`',
    description: 'the message format, e.g. `cef` or `{ type: cef, header: rfc5424 }` (see Formats)',
  },
  filterRow,
];
const parts = [
  '# Configuration',
  '',
  'Generated from the component schemas by `npx tsx scripts/gen-config-docs.ts`; a test fails when it is out of date.',
  'The file is YAML. Relative paths resolve against the directory of the configuration file.',
  '`auditrelay check --config FILE` and `auditrelay run` validate the file in the same single pass and print every',
  'problem at once as `file:line key: message [CODE]`: the schema, the rules across keys, unique names, the files',
  'that must be readable (certificates, keys, `*_FILE` secrets) and the entry types in filters and severity keys.',
  'Settings that do not apply (a `tls` block on a `tcp` sink) are warnings (`AR_CONFIG_UNUSED`).',
  '',
  '- `${NAME}` in any value is replaced by the environment variable NAME; a missing one is an error at its line.',
  '  `${NAME:-default}` uses `default` when NAME is unset or empty. A value that is one unquoted reference',
  '  (`port: ${SIEM_PORT}`) becomes a number or a boolean where the schema wants one; quote it to keep a string.',
  '- `KEY_FILE: path` instead of `KEY: value` reads the value from a file, without one trailing newline, for any',
  '  string setting: `password_FILE: ${CREDENTIALS_DIRECTORY}/ibmi-password` (systemd `LoadCredential=`) or',
  '  `password_FILE: /run/secrets/ibmi-password` (Docker secrets). The file is read at start and at each reload.',
  '',
  '## Top level',
  '',
  table(top),
  '| `sources` | list | **required** | one or more sources (below) |',
  '| `sinks` | list | **required** | one or more sinks (below) |',
  '',
  ...SOURCES.flatMap((d) => [
    `## Source \`${d.type}\``,
    '',
    d.description,
    '',
    table([...rows(d.configSchema), idRow('source'), filterRow]),
    '',
  ]),
  ...SINKS.flatMap((d) => [
    `## Sink \`${d.type}\``,
    '',
    d.description,
    '',
    table([
      ...rows(d.configSchema),
      ...sinkRows.map((row) =>
        row.key === '`format`' && 'defaultFormat' in d && d.defaultFormat
          ? { ...row, defaultValue: `\`${JSON.stringify(d.defaultFormat).replace(/"/g, '')}\`` }
          : row,
      ),
    ]),
    '',
  ]),
  '## Formats',
  '',
  "A sink's `format` is a format name (`format: cef`) or an object with `type` and that format's options.",
  "A profile sets the format and some options; keys given in `format` win over the profile's.",
  'The format keys sinks used to take at their top level (`header`, `facility`, `appName`, `enterpriseNumber`,',
  '`bom`, `rfc3164Limit`, `leefDelimiter`, `jsonStyle`, `cefJobKey`, `vendor`, `product`, `severity`) still work',
  'and are moved into `format` with a deprecation warning (`AR_CONFIG_DEPRECATED`).',
  '',
  ...FORMATS.flatMap((d) => [
    `### Format \`${d.type}\``,
    '',
    d.description,
    '',
    table(rows(d.configSchema)),
    '',
  ]),
  '## Filters',
  '',
  'Every source and every sink takes a `filter`. A source filter decides what is stored and sent at all; a',
  'sink filter what that sink sends (left-out events still move its cursor). `include` (when given) keeps',
  'events that match at least one of its rules; `exclude` then drops events that match any of its rules.',
  'A rule matches when all the criteria it names match; a criterion matches when one of its patterns does.',
  'Patterns ignore case and take `*` (any run of characters) and `?` (one character). Left-out events',
  'are counted as dropped with reason `filter`.',
  '',
  '```yaml',
  'filter:',
  '  include:',
  '    - entryTypes: [PW, AF, CP, CA, SV, GR, IM]',
  '    - entryTypes: [ZR, ZC]',
  '      objects: [PAYROLL/*]',
  '  exclude:',
  '    - users: [QSYS]',
  '      jobs: [QZDASOINIT]',
  '```',
  '',
  table(rows(filterRuleSchema)),
];
const text = `${parts.join('\n').trimEnd()}\n`;
const target = new URL('../docs/configuration.md', import.meta.url);
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('docs/configuration.md is out of date: run npx tsx scripts/gen-config-docs.ts');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
