import { join } from 'node:path';
import type { SourcePosition } from '../../core/component.js';
import { AuditRelayError } from '../../core/errors.js';
import { decodePosition } from '../event-records.js';
import { type FileSystem, replaceFile } from '../fs.js';

/**
 * A source's position when its newest reads stored no event: a filter left out all they read,
 * or a start at the newest entry (`startAt: now`, `newest`) found nothing new yet. The WAL keeps
 * a position only inside an event record; without this mark a restart would resolve the
 * configured start again and skip what the IBM i wrote while the agent was down.
 *
 * `position.json` in the source's WAL directory, replaced atomically:
 * `{"afterRecord": 41, "position": {…}}`. It holds only while the WAL's newest record is still
 * `afterRecord` (0: the WAL had none): a newer record carries a newer position, and an older one
 * (a WAL tail lost in recovery) means reading again from the WAL's, at least once.
 */
export interface PositionMark {
  /** Id of the WAL's newest record when the mark was written; 0 for none. */
  afterRecord: number;
  position: SourcePosition;
}

export const POSITION_MARK_FILE = 'position.json';

export async function readPositionMark(fs: FileSystem, directory: string): Promise<PositionMark | undefined> {
  const path = join(directory, POSITION_MARK_FILE);
  if (!(await fs.readdir(directory)).includes(POSITION_MARK_FILE)) return undefined;
  const text = (await fs.readFile(path)).toString('utf8');
  let parsed: { afterRecord?: unknown; position?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch (error) {
    throw corrupt(path, 'is not valid JSON', error);
  }
  const { afterRecord, position } = parsed ?? {};
  if (!Number.isSafeInteger(afterRecord) || (afterRecord as number) < 0 || !isPosition(position)) {
    throw corrupt(path, 'does not hold a record id and a source position');
  }
  return { afterRecord: afterRecord as number, position };
}

export function writePositionMark(
  fs: FileSystem,
  directory: string,
  mark: PositionMark,
  sync: boolean,
): Promise<void> {
  return replaceFile(fs, join(directory, POSITION_MARK_FILE), Buffer.from(JSON.stringify(mark)), { sync });
}

/** Where the source resumes: after the mark while it is current, else after the WAL's newest record. */
export function resumePosition(
  mark: PositionMark | undefined,
  newest: { id: number; payload: Uint8Array } | undefined,
): SourcePosition | undefined {
  if (mark && mark.afterRecord === (newest?.id ?? 0)) return mark.position;
  return newest ? decodePosition(newest.payload) : undefined;
}

function isPosition(value: unknown): value is SourcePosition {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

function corrupt(path: string, what: string, cause?: unknown): AuditRelayError {
  return new AuditRelayError(
    'AR_STATE_CORRUPT',
    `the source position file ${path} ${what}; delete it to resume after the newest event in the WAL`,
    { cause },
  );
}
