import type { SecurityEvent } from '../../core/event.js';
import {
  type ExitLogContext,
  type ExitLogGap,
  type ExitLogRow,
  exitGapEvent,
  exitRowToEvent,
} from '../../ibmi/exit-points/to-event.js';

/** What the exit-point source reads: one log row as the IBM i returned it, or a place where rows may be missing. */
export type ExitPointRecord =
  | { kind: 'row'; row: ExitLogRow; context: ExitLogContext }
  | { kind: 'gap'; gap: ExitLogGap };

/** The record → event function of the exit-point source. Pure. */
export function exitPointRecordToEvent(record: ExitPointRecord): SecurityEvent {
  return record.kind === 'row' ? exitRowToEvent(record.row, record.context) : exitGapEvent(record.gap);
}
