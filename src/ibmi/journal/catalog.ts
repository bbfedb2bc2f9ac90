import { ENTRY_LAYOUTS } from './entries/index.js';
import type { EntryLayout } from './layout.js';

export type { EntryLayout, FieldLayout } from './layout.js';

export function layoutFor(entryType: string): EntryLayout | undefined {
  return ENTRY_LAYOUTS[entryType];
}

export function catalogEntryTypes(): string[] {
  return Object.keys(ENTRY_LAYOUTS).sort();
}
