// Writes docs/configuration.md from the component schemas (the single source of truth).
// Usage: npx tsx scripts/gen-config-docs.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema } from '../src/config/schema.js';
import { durationSchema, sizeSchema } from '../src/config/schema-helpers.js';
import { SINKS, SOURCES } from '../src/core/registry.js';

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
const parts = [
  '# Configuration',
  '',
  'Generated from the component schemas by `npx tsx scripts/gen-config-docs.ts`; a test fails when it is out of date.',
  'The file is YAML. `${NAME}` anywhere in a string is replaced by the environment variable NAME (a missing one is an error at its line).',
  'Relative paths resolve against the directory of the configuration file. `auditrelay check --config FILE` prints every problem as `file:line key: message [CODE]`.',
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
    table(rows(d.configSchema)),
    '',
  ]),
  ...SINKS.flatMap((d) => [`## Sink \`${d.type}\``, '', d.description, '', table(rows(d.configSchema)), '']),
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
