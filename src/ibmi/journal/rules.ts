import { type Outcome, SEVERITY, type SecurityEvent, type Severity } from '../../core/event.js';
import { ACCESS_TYPES } from './access-types.js';
import type { DecodedEntry } from './decode.js';
import type { EntryLayout } from './layout.js';

/**
 * How a journal entry type becomes a SecurityEvent: one declarative spec per type, in the
 * same file as its layout (entries/XX.ts): the action, which sub-types are failures, the
 * default severity per sub-type, which decoded fields name the target user / object /
 * client, and a readable message. Field keys are typed against the layout, so a spec cannot
 * name a field its layout does not have. docs/entry-types.md is generated from these.
 */
export interface RuleInput<Key extends string = string> {
  readonly decoded: DecodedEntry;
  /** Decoded field as text; undefined when absent or blank. A method: call it as `i.f(key)`. */
  f(key: Key): string | undefined;
  readonly subtype: string | undefined;
  readonly subtypeName: string | undefined;
  /** The acting user. */
  readonly user: string;
  /** ` from 10.1.2.3` when the entry has a remote address, else empty. */
  readonly from: string;
}

/** The event properties a spec decides; `applySpec` sets them. */
export type RuleOutput = Pick<
  SecurityEvent,
  | 'action'
  | 'outcome'
  | 'severity'
  | 'message'
  | 'targetUser'
  | 'object'
  | 'objectLibrary'
  | 'objectType'
  | 'path'
  | 'remoteAddress'
  | 'remotePort'
  | 'localAddress'
  | 'localPort'
  | 'direction'
>;

export interface TypeSpec<Key extends string = string> {
  action: string;
  /** Sub-types that are a different act (GR `A`: an exit program added). */
  actionBySubtype?: Readonly<Record<string, string>>;
  /** Default severity, and per sub-type overrides. */
  severity: Severity;
  severityBySubtype?: Readonly<Record<string, Severity>>;
  /** Sub-types that record a failure (authentication, authorization, rejection); `*`: all. */
  failures?: readonly string[];
  /** Sub-types whose outcome is unknown (informational records); the rest succeed. */
  outcome?: Outcome;
  /** Field keys: [name, library, type]. */
  object?: readonly [Key, Key?, Key?];
  /** Field key of the user profile acted upon. */
  target?: Key;
  /** Field keys of a client address and port, used when the heading has none. */
  remote?: readonly [Key, Key?];
  /** Field keys of the IBM i's own address and port in a network event. */
  local?: readonly [Key, Key?];
  /** Whether the IBM i opened the exchange (outbound); network events only, inbound otherwise. */
  outbound?: (input: RuleInput<Key>) => boolean;
  /** Severity raised for particular content, e.g. a profile that gains *ALLOBJ. */
  raise?: { when: string; to: Severity; test: (input: RuleInput<Key>) => boolean };
  /** The readable sentence, given the rule input and the object as text. */
  message: (input: RuleInput<Key>, object: string) => string;
}

/** The keys of a layout's fields, as a union of string literals. */
export type FieldKey<Layout extends EntryLayout> = Layout['fields'][number]['key'];

/** One entry type: its layout (from IBM's page) and, when the layout has fields, its rules. */
export interface EntryDefinition {
  layout: EntryLayout;
  spec: TypeSpec | undefined;
}

/**
 * Pairs a layout with its rules, checking at compile time that the rules name only the
 * layout's field keys. `const` keeps the keys as literal types.
 */
export function defineEntry<const Layout extends EntryLayout>(
  layout: Layout,
  spec?: TypeSpec<FieldKey<Layout>>,
): EntryDefinition {
  // Checked above against the layout; from here on any key reads as undefined when absent.
  return { layout, spec: spec && oneShape(spec as TypeSpec) };
}

/**
 * The spec with every property present, in one order: specs set different optional properties,
 * and reading them in `applySpec` through as many object shapes made each read a megamorphic
 * look-up. The same spec otherwise.
 */
function oneShape(spec: TypeSpec): TypeSpec {
  return {
    action: spec.action,
    actionBySubtype: spec.actionBySubtype,
    severity: spec.severity,
    severityBySubtype: spec.severityBySubtype,
    failures: spec.failures,
    outcome: spec.outcome,
    object: spec.object,
    target: spec.target,
    remote: spec.remote,
    local: spec.local,
    outbound: spec.outbound,
    raise: spec.raise,
    message: spec.message,
  };
}

export const { alert, critical, warning, notice, informational } = SEVERITY;

/** `*FILE PAYROLL/EMPMAST` (or just the name when no library/type). */
export function objectText(name?: string, library?: string, type?: string): string {
  if (!name) return '';
  return `${type ? `${type} ` : ''}${library ? `${library}/` : ''}${name}`;
}

export const by = (input: { user: string }) => `user ${input.user}`;
export const what = (input: { subtypeName: string | undefined }, fallback: string) =>
  input.subtypeName ?? fallback;
export const access = (code: string | undefined) => ACCESS_TYPES[code ?? ''] ?? `access ${code ?? '?'}`;
/** The values of several fields, concatenated (continued values split over fields). */
export const joined = <Key extends string>(input: RuleInput<Key>, ...keys: Key[]) =>
  keys.map((k) => input.f(k) ?? '').join('');

/** Characters of a free-text field (a command string, a system value) quoted in a message at most. */
export const QUOTE_LIMIT = 200;

/**
 * A free-text value in quotes for a message, cut to QUOTE_LIMIT characters with `…`: the
 * whole value travels in its own field, so a long one is not carried twice in every format.
 */
export function quoted(value: string): string {
  return JSON.stringify(value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}…` : value);
}

/** The usual object keys of IBM's layouts. */
export const OBJECT = ['objectName', 'libraryName', 'objectType'] as const;

/** Types without a spec (no layout fields known): the title says what happened. */
export const GENERIC_SPEC: TypeSpec = oneShape({
  action: 'audit-entry',
  severity: notice,
  outcome: 'unknown',
  message: (i) =>
    `${i.decoded.layout?.title ?? `Entry type ${i.decoded.entry.entryType}`}${i.subtypeName ? ` (${i.subtypeName})` : ''} by ${by(i)}${i.from}`,
});

/**
 * Applies a spec: sets the properties it decides on the event being built (every one, so
 * the event keeps its shape). Pure but for that event, which nothing else has seen yet.
 */
export function applySpec(spec: TypeSpec, input: RuleInput, out: RuleOutput): void {
  const names = spec.object ?? NO_OBJECT;
  const object = names[0] ? input.f(names[0]) : undefined;
  const objectLibrary = names[1] ? input.f(names[1]) : undefined;
  const objectType = names[2] ? input.f(names[2]) : undefined;
  const subtype = input.subtype ?? '';
  const failures = spec.failures;
  const failed = failures !== undefined && (failures[0] === '*' || failures.includes(subtype));
  let severity = spec.severityBySubtype?.[subtype] ?? spec.severity;
  if (spec.raise && spec.raise.to < severity && spec.raise.test(input)) severity = spec.raise.to;
  const remote = spec.remote;
  const local = spec.local;
  const port = remote?.[1] ? Number(input.f(remote[1])) : 0;
  const localPort = local?.[1] ? Number(input.f(local[1])) : 0;
  out.action = spec.actionBySubtype?.[subtype] ?? spec.action;
  out.outcome = failed ? 'failure' : (spec.outcome ?? 'success');
  out.severity = severity;
  out.message = spec.message(input, objectText(object, objectLibrary, objectType) || 'an object');
  out.targetUser = spec.target ? input.f(spec.target) : undefined;
  out.object = object;
  out.objectLibrary = objectLibrary;
  out.objectType = objectType;
  out.path = undefined;
  out.remoteAddress = remote ? input.f(remote[0]) : undefined;
  out.remotePort = port > 0 ? port : undefined;
  out.localAddress = local ? input.f(local[0]) : undefined;
  out.localPort = localPort > 0 ? localPort : undefined;
  const network = remote !== undefined || local !== undefined;
  out.direction = network ? (spec.outbound?.(input) ? 'outbound' : 'inbound') : undefined;
}

const NO_OBJECT: readonly [string?, string?, string?] = [];

/** Severity of an event whose entry could not be decoded: visible, never dropped. */
export const DECODE_ERROR_SEVERITY: Severity = SEVERITY.error;
