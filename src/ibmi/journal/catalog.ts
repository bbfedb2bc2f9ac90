import { ENTRY_TYPES } from './entries/index.js';
import type { EntryLayout } from './layout.js';
import { type EntryDefinition, GENERIC_SPEC, type TypeSpec } from './rules.js';

export type { EntryLayout, FieldLayout } from './layout.js';

/** An entry type's layout and rules, in one look-up; undefined for types not in the catalog. */
export function entryDefinition(entryType: string): EntryDefinition | undefined {
  return ENTRY_TYPES[entryType];
}

export function layoutFor(entryType: string): EntryLayout | undefined {
  return ENTRY_TYPES[entryType]?.layout;
}

/** The normalization rules of a type; the generic ones for types known by name only. */
export function specFor(entryType: string): TypeSpec {
  return ENTRY_TYPES[entryType]?.spec ?? GENERIC_SPEC;
}

/** Whether the type has rules of its own. */
export function hasOwnSpec(entryType: string): boolean {
  return ENTRY_TYPES[entryType]?.spec !== undefined;
}

export function catalogEntryTypes(): string[] {
  return Object.keys(ENTRY_TYPES).sort();
}
