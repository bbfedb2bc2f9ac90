/** The realistic entry mix every benchmark measures: 4,096 entries of the simulator's scenario. */

import type { SecurityEvent } from '../../src/core/event.js';
import type { JournalEntry } from '../../src/ibmi/journal/entry.js';
import { journalEntryToEvent } from '../../src/ibmi/journal/to-event.js';
import { Scenario } from '../../src/ibmi/simulator/scenario.js';

export const MIX_SIZE = 4096;

/** Journal entries as a heading reader delivers them, with timestamps a second or so apart. */
export function entryMix(): JournalEntry[] {
  const scenario = new Scenario(1);
  return Array.from({ length: MIX_SIZE }, (_, i) => {
    const { heading, entryData } = scenario.next();
    return {
      position: { receiverLibrary: 'AUDLIB', receiver: 'AUDRCV0001', sequence: String(i + 1) },
      journalCode: 'T',
      entryType: String(heading.entryType),
      timestamp: `2026-11-27-10.${String(15 + (i >> 10)).padStart(2, '0')}.${String((i >> 4) % 60).padStart(2, '0')}.123456`,
      jobName: String(heading.jobName ?? ''),
      jobUser: String(heading.jobUser ?? ''),
      jobNumber: String(heading.jobNumber ?? ''),
      programName: String(heading.programName ?? ''),
      programLibrary: String(heading.programLibrary ?? ''),
      currentUser: String(heading.currentUser ?? ''),
      systemName: 'BENCH',
      remoteAddress: String(heading.remoteAddress ?? ''),
      remotePort: heading.remotePort === undefined ? undefined : Number(heading.remotePort),
      entryData,
    };
  });
}

/** One entry decoded and normalized as the agent does it. */
export function toEvent(entry: JournalEntry): SecurityEvent {
  return journalEntryToEvent(entry, [], { ccsid: 37, utcOffsetMinutes: -300 });
}

/** How many of each entry type, for the JSON each bench prints. */
export function typeCounts(items: readonly { entryType: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.entryType] = (counts[item.entryType] ?? 0) + 1;
  return counts;
}
