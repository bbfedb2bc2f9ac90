/**
 * Journal timestamps are the IBM i's local time, without a zone. We keep them in IBM's SAA
 * form `YYYY-MM-DD-HH.MM.SS.ffffff` until normalization adds the system's UTC offset.
 */
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[-T ](\d{2})[.:](\d{2})[.:](\d{2})(?:\.(\d{1,12}))?$/;

/** Accepts IBM's form, JDBC/Mapepire's `YYYY-MM-DD HH:MM:SS.ffffff` and ISO without zone. */
export function parseLocalTimestamp(text: string): string | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const fraction = (m[7] ?? '').padEnd(6, '0').slice(0, 6);
  return `${m[1]}-${m[2]}-${m[3]}-${m[4]}.${m[5]}.${m[6]}.${fraction}`;
}

export interface LocalTime {
  /** Milliseconds since the epoch, as if the local time were UTC. */
  wallMs: number;
  /** Microseconds within the second (0–999999). */
  micros: number;
}

export function splitLocalTimestamp(saa: string): LocalTime {
  const wallMs = Date.UTC(
    Number(saa.slice(0, 4)),
    Number(saa.slice(5, 7)) - 1,
    Number(saa.slice(8, 10)),
    Number(saa.slice(11, 13)),
    Number(saa.slice(14, 16)),
    Number(saa.slice(17, 19)),
  );
  return { wallMs, micros: Number(saa.slice(20, 26)) };
}

/** `+HH:MM` / `-HH:MM` for an offset in minutes east of UTC. */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Parses `+01:00`, `-0500`, `Z`; undefined when malformed. */
export function parseUtcOffset(text: string): number | undefined {
  if (text === 'Z' || text === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes > 14 * 60 || Number(m[3]) > 59) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * Db2's CURRENT TIMEZONE is a time duration DECIMAL(6,0), hhmmss, e.g. -50000 for -05:00.
 */
export function offsetFromTimezoneDuration(duration: number): number {
  const sign = duration < 0 ? -1 : 1;
  const abs = Math.abs(duration);
  const hours = Math.floor(abs / 10000);
  const minutes = Math.floor(abs / 100) % 100;
  return sign * (hours * 60 + minutes);
}

/** An event's `time` (ISO-8601 with the IBM i's offset) and `timeMs` from an SAA local timestamp. */
export function eventTime(saa: string, offsetMinutes: number): { time: string; timeMs: number } {
  const { wallMs, micros } = splitLocalTimestamp(saa);
  const time = `${saa.slice(0, 10)}T${saa.slice(11, 13)}:${saa.slice(14, 16)}:${saa.slice(17, 26)}${formatUtcOffset(offsetMinutes)}`;
  return { time, timeMs: wallMs + Math.floor(micros / 1000) - offsetMinutes * 60_000 };
}
