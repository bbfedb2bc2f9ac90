import { isIP } from 'node:net';
import { z } from 'zod';
import { SEVERITY, type SecurityEvent } from '../core/event.js';

/**
 * The filter stage: which events go on. Pure, compiled once per source and per sink.
 *
 *   filter:
 *     include:                 # when given, an event must match at least one rule
 *       - entryTypes: [PW, AF, CP, SV]
 *     exclude:                 # an event matching any rule is left out
 *       - users: [QSYS, QTCP]
 *       - entryTypes: [ZR]
 *         objects: [QTEMP/*]
 *
 * A rule matches when every criterion it names matches (AND); a criterion matches when any
 * of its patterns does (OR). Patterns take `*` (any run of characters) and `?` (one
 * character) and ignore case, as IBM i names do. Events left out are counted as dropped
 * with reason `filter`, never silently lost.
 */
const patterns = (what: string) => z.array(z.string().min(1)).min(1).optional().describe(what);

const severityNames = Object.keys(SEVERITY) as [keyof typeof SEVERITY, ...(keyof typeof SEVERITY)[]];

export const filterRuleSchema = z
  .object({
    entryTypes: patterns('entry types, or type and sub-type as `PW-P`; `Z*` for ZC and ZR'),
    users: patterns('the acting user profile (or the job user)'),
    targetUsers: patterns('the user profile acted upon'),
    jobs: patterns('job name, or qualified `NUMBER/USER/NAME`, e.g. `*/*/QZDASOINIT`'),
    programs: patterns('program, or `LIBRARY/PROGRAM`'),
    objects: patterns('object, or `LIBRARY/OBJECT`, e.g. `PAYROLL/*`'),
    objectTypes: patterns('object type, e.g. `*PGM`'),
    paths: patterns('IFS path; `*` also crosses `/`, e.g. `/home/*`'),
    remoteAddresses: z
      .array(
        z.string().refine((value) => parseAddressRule(value) !== undefined, {
          message: 'expected an IP address or a CIDR block like 10.0.0.0/8 or fd00::/8',
        }),
      )
      .min(1)
      .optional()
      .describe('client address or CIDR block'),
    actions: patterns('normalized action, e.g. `object-read`'),
    outcomes: z
      .array(z.enum(['success', 'failure', 'unknown']))
      .min(1)
      .optional()
      .describe('outcome'),
    minSeverity: z
      .enum(severityNames)
      .optional()
      .describe('this syslog severity or a more severe one, e.g. `warning`'),
  })
  .strict();

export const filterSchema = z
  .object({
    include: z.array(filterRuleSchema).min(1).optional().describe('rules of which an event must match one'),
    exclude: z.array(filterRuleSchema).min(1).optional().describe('rules no event may match'),
  })
  .strict();

export type FilterRule = z.infer<typeof filterRuleSchema>;
export type FilterConfig = z.infer<typeof filterSchema>;

/** Which events go on; undefined when the filter lets everything through. */
export type EventFilter = (event: SecurityEvent) => boolean;

export function compileFilter(config: FilterConfig | undefined): EventFilter | undefined {
  const include = config?.include?.map(compileRule);
  const exclude = config?.exclude?.map(compileRule);
  if (!include && !exclude) return undefined;
  // The agent's own alerts (events lost before they could be read, a damaged buffer) always pass.
  return (event) =>
    event.origin === 'AUDITRELAY' ||
    ((!include || include.some((rule) => rule(event))) && !exclude?.some((rule) => rule(event)));
}

type Test = (event: SecurityEvent) => boolean;

function compileRule(rule: FilterRule): Test {
  const tests: Test[] = [];
  const on = (list: string[] | undefined, values: (event: SecurityEvent) => (string | undefined)[]) => {
    if (!list) return;
    const match = anyPattern(list);
    tests.push((event) => values(event).some((value) => value !== undefined && value !== '' && match(value)));
  };
  on(rule.entryTypes, (e) => [
    e.entryType,
    e.subtype === undefined ? undefined : `${e.entryType}-${e.subtype}`,
  ]);
  on(rule.users, (e) => [e.user, e.jobUser]);
  on(rule.targetUsers, (e) => [e.targetUser]);
  on(rule.jobs, (e) => [e.jobName, e.job]);
  on(rule.programs, (e) => [e.program, e.programLibrary ? `${e.programLibrary}/${e.program}` : undefined]);
  on(rule.objects, (e) => [
    e.object,
    e.objectLibrary && e.object ? `${e.objectLibrary}/${e.object}` : undefined,
  ]);
  on(rule.objectTypes, (e) => [e.objectType]);
  on(rule.paths, (e) => [e.path]);
  on(rule.actions, (e) => [e.action]);
  if (rule.outcomes) {
    const outcomes = new Set<string>(rule.outcomes);
    tests.push((event) => outcomes.has(event.outcome));
  }
  if (rule.minSeverity !== undefined) {
    const limit = SEVERITY[rule.minSeverity];
    tests.push((event) => event.severity <= limit);
  }
  if (rule.remoteAddresses) {
    const blocks = rule.remoteAddresses.map((text) => parseAddressRule(text)!);
    tests.push((event) => {
      const address = event.remoteAddress && addressBytes(event.remoteAddress);
      return !!address && blocks.some((block) => inBlock(address, block));
    });
  }
  return (event) => tests.every((test) => test(event));
}

/** `*` any run, `?` one character, case ignored; everything else literal. */
export function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'is');
}

function anyPattern(list: readonly string[]): (value: string) => boolean {
  const exact = new Set(list.filter((p) => !/[*?]/.test(p)).map((p) => p.toUpperCase()));
  const globs = list.filter((p) => /[*?]/.test(p)).map(wildcard);
  return (value) => exact.has(value.toUpperCase()) || globs.some((glob) => glob.test(value));
}

interface AddressBlock {
  bytes: Uint8Array;
  prefix: number;
}

function parseAddressRule(text: string): AddressBlock | undefined {
  const [address = '', prefixText] = text.split('/');
  const bytes = addressBytes(address);
  if (!bytes) return undefined;
  const prefix = prefixText === undefined ? bytes.length * 8 : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bytes.length * 8) return undefined;
  return { bytes, prefix };
}

/** IPv4 as 4 bytes, IPv6 as 16; an IPv4-mapped IPv6 address (`::ffff:10.1.2.3`) as its IPv4 bytes. */
function addressBytes(text: string): Uint8Array | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  const address = mapped ? mapped[1]! : text;
  const family = isIP(address);
  if (family === 4) return Uint8Array.from(address.split('.').map(Number));
  if (family !== 6) return undefined;
  const [head = '', tail = ''] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const all = address.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  if (all.length !== 8) return undefined;
  return Uint8Array.from(all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}

function inBlock(address: Uint8Array, block: AddressBlock): boolean {
  if (address.length !== block.bytes.length) return false;
  for (let bit = 0; bit < block.prefix; bit += 8) {
    const bits = Math.min(8, block.prefix - bit);
    const mask = (0xff << (8 - bits)) & 0xff;
    if ((address[bit / 8]! & mask) !== (block.bytes[bit / 8]! & mask)) return false;
  }
  return true;
}
