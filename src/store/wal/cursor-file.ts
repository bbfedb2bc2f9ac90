import { join } from 'node:path';
import { AuditRelayError } from '../../core/errors.js';
import { type FileSystem, replaceFile, writeFully } from '../fs.js';

const CURSOR_SUFFIX = '.cursor';

/** `<name>.cursor`, the name percent-encoded so that any sink name is a safe file name. */
export function cursorPath(directory: string, name: string): string {
  return join(directory, `${encodeURIComponent(name)}${CURSOR_SUFFIX}`);
}

/** The cursor name a file holds, or undefined when it is not a cursor file. */
export function parseCursorFileName(fileName: string): string | undefined {
  if (!fileName.endsWith(CURSOR_SUFFIX)) return undefined;
  try {
    return decodeURIComponent(fileName.slice(0, -CURSOR_SUFFIX.length));
  } catch {
    return undefined;
  }
}

/**
 * A cursor file holds two slots of SLOT_BYTES, each `{"cursor","acked","generation"}` padded
 * with spaces and ended by LF, written in turn in place (pwrite + fdatasync): moving a cursor
 * never needs new disk space, so acknowledgements go on when the disk is full and free it
 * again; and a write torn by a crash spoils only the slot it went to, the other one still
 * holds the previous position. (Files of the first format, one JSON line written by rename,
 * are read too and rewritten in this form when opened.)
 */
const SLOT_BYTES = 512;

export interface CursorPosition {
  acked: number;
  /** Counts writes; the slot with the higher generation is the current one. */
  generation: number;
  /** False for a file of the first format: rewrite it before writing in place. */
  slotted: boolean;
}

/** Reads the position saved in a cursor file. Throws AR_STATE_CORRUPT when no slot holds one. */
export async function readCursorFile(fs: FileSystem, path: string, name: string): Promise<CursorPosition> {
  const bytes = await fs.readFile(path);
  if (bytes.length === 2 * SLOT_BYTES) {
    const slots = [0, 1]
      .map((slot) => parseSlot(bytes.toString('utf8', slot * SLOT_BYTES, (slot + 1) * SLOT_BYTES), name))
      .filter((slot) => slot !== undefined);
    if (slots.length === 0) throw corrupt(path, `holds no valid position of cursor "${name}"`);
    const current = slots.reduce((a, b) => (b.generation > a.generation ? b : a));
    return { ...current, slotted: true };
  }
  const text = bytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw corrupt(path, 'is not valid JSON', error);
  }
  const acked = (parsed as { acked?: unknown } | null)?.acked;
  if (
    (parsed as { cursor?: unknown } | null)?.cursor !== name ||
    !Number.isSafeInteger(acked) ||
    Number(acked) < 0
  ) {
    throw corrupt(path, `does not hold the position of cursor "${name}"`);
  }
  return { acked: Number(acked), generation: 0, slotted: false };
}

function parseSlot(text: string, name: string): { acked: number; generation: number } | undefined {
  try {
    const parsed = JSON.parse(text) as { cursor?: unknown; acked?: unknown; generation?: unknown };
    const { acked, generation } = parsed;
    if (parsed.cursor !== name || !Number.isSafeInteger(acked) || !Number.isSafeInteger(generation))
      return undefined;
    if ((acked as number) < 0) return undefined;
    return { acked: acked as number, generation: generation as number };
  } catch {
    return undefined;
  }
}

function slot(name: string, acked: number, generation: number): Buffer {
  const json = JSON.stringify({ cursor: name, acked, generation });
  const bytes = Buffer.alloc(SLOT_BYTES, 0x20);
  bytes.write(json, 0, 'utf8');
  bytes[SLOT_BYTES - 1] = 0x0a;
  return bytes;
}

/** Creates (or replaces) a cursor file at `acked`, both slots written, atomically by rename. */
export async function createCursorFile(
  fs: FileSystem,
  path: string,
  name: string,
  acked: number,
  sync: boolean,
): Promise<CursorPosition> {
  await replaceFile(fs, path, Buffer.concat([slot(name, acked, 0), slot(name, acked, 1)]), { sync });
  return { acked, generation: 1, slotted: true };
}

/** Saves `acked` in the slot after `position`'s, in place; returns the new position. */
export async function writeCursorFile(
  fs: FileSystem,
  path: string,
  name: string,
  acked: number,
  position: CursorPosition,
  sync: boolean,
): Promise<CursorPosition> {
  const generation = position.generation + 1;
  const file = await fs.open(path, 'r+');
  try {
    await writeFully(file, slot(name, acked, generation), (generation % 2) * SLOT_BYTES);
    if (sync) await file.datasync();
  } finally {
    await file.close();
  }
  return { acked, generation, slotted: true };
}

function corrupt(path: string, what: string, cause?: unknown): AuditRelayError {
  return new AuditRelayError(
    'AR_STATE_CORRUPT',
    `the WAL cursor file ${path} ${what}; delete it to re-deliver everything still in the WAL to that sink`,
    { cause },
  );
}
