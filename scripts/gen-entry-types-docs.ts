// Writes docs/entry-types.md from the catalog and the normalization specs.
// Usage: npx tsx scripts/gen-entry-types-docs.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { catalogEntryTypes, hasOwnSpec, layoutFor, specFor } from '../src/ibmi/journal/catalog.js';
import { ENTRY_DATA_HEX } from '../src/ibmi/journal/decode.js';

const SEVERITY_NAMES = [
  'emergency',
  'alert',
  'critical',
  'error',
  'warning',
  'notice',
  'informational',
  'debug',
];
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const types = catalogEntryTypes();
const out: string[] = [
  '# Audit journal entry types',
  '',
  'Generated from the entry type modules (`src/ibmi/journal/entries/`: each holds a layout and its normalization',
  'rules) by `npx tsx scripts/gen-entry-types-docs.ts`; a test fails when it is out of date.',
  '',
  "Offsets are J5 offsets as IBM prints them (entry-specific data starts at 610). Each layout was transcribed from IBM's",
  'pages listed under *Provenance*. Stored copies of those pages are often cut short, so many layouts stop before',
  "IBM's table does: *Not confirmed* says what is missing. Fields marked † were inferred from a pattern, not read.",
  'X3 is not listed: no IBM page mentioning an X3 audit entry type could be found.',
  '',
  '| type | title | fields | sub-types | default severity | normalization |',
  '|---|---|---|---|---|---|',
];
for (const type of types) {
  const layout = layoutFor(type)!;
  const sub = layout.fields.find((f) => f.key === layout.subtypeField);
  out.push(
    `| [${type}](#${type.toLowerCase()}) | ${cell(layout.title)} | ${layout.fields.length} | ${sub?.values ? Object.keys(sub.values).join(' ') : ''} | ${SEVERITY_NAMES[specFor(type).severity]} | ${hasOwnSpec(type) ? specFor(type).action : 'generic'} |`,
  );
}
for (const type of types) {
  const layout = layoutFor(type)!;
  const spec = specFor(type);
  const sub = layout.fields.find((f) => f.key === layout.subtypeField);
  out.push(
    '',
    `## ${type}`,
    '',
    `**${layout.title}**. Action \`${spec.action}\`, default severity ${spec.severity} (${SEVERITY_NAMES[spec.severity]}).`,
  );
  if (spec.actionBySubtype)
    out.push(
      `Sub-types with an action of their own: ${Object.entries(spec.actionBySubtype)
        .map(([subtype, action]) => `${subtype} \`${action}\``)
        .join(', ')}.`,
    );
  if (spec.failures?.length)
    out.push(`Failure sub-types: ${spec.failures.includes('*') ? 'all' : spec.failures.join(' ')}.`);
  if (spec.raise)
    out.push(
      `Severity rises to ${spec.raise.to} (${SEVERITY_NAMES[spec.raise.to]}) when ${spec.raise.when}.`,
    );
  if (!hasOwnSpec(type))
    out.push('No type-specific normalization: the message names the entry type and the acting user.');
  if (sub?.values) {
    out.push('', '| sub-type | meaning | severity | outcome |', '|---|---|---|---|');
    for (const [code, meaning] of Object.entries(sub.values)) {
      const severity = spec.severityBySubtype?.[code] ?? spec.severity;
      const failed = spec.failures?.includes('*') || spec.failures?.includes(code);
      out.push(
        `| \`${code}\` | ${cell(meaning)} | ${severity} | ${failed ? 'failure' : (spec.outcome ?? 'success')} |`,
      );
    }
  }
  if (!layout.fields.length)
    out.push('', `No field layout: the entry data arrives in hex as \`${ENTRY_DATA_HEX}\`.`);
  if (layout.fields.length) {
    out.push('', '| offset | length | kind | key | IBM name | values |', '|---|---|---|---|---|---|');
    for (const f of layout.fields) {
      const values =
        f.key === layout.subtypeField
          ? 'see sub-types'
          : f.values
            ? Object.entries(f.values)
                .map(([k, v]) => `\`${k}\` ${v}`)
                .join('; ')
            : '';
      const kind =
        f.kind +
        (f.lengthField ? ` (length: ${f.lengthField})` : '') +
        (f.ccsidField ? ` (CCSID: ${f.ccsidField})` : '');
      out.push(
        `| ${f.offset} | ${f.length} | ${kind} | \`${f.key}\`${f.confirmed === false ? ' †' : ''} | ${cell(f.ibmName)} | ${cell(values)} |`,
      );
    }
  }
  if (layout.provenance.length)
    out.push('', `Provenance: ${layout.provenance.map((p) => `[${p.release}](${p.url})`).join(', ')}.`);
  if (layout.unconfirmed?.length)
    out.push('', 'Not confirmed:', ...layout.unconfirmed.map((u) => `- ${cell(u)}`));
}
const text = `${out.join('\n')}\n`;
const target = new URL('../docs/entry-types.md', import.meta.url);
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('docs/entry-types.md is out of date: run npx tsx scripts/gen-entry-types-docs.ts');
    process.exit(1);
  }
} else writeFileSync(target, text);
