import { z } from 'zod';
import { parsePin } from './pinning.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `500ms`, `1s`, `2m`, `1h`, or a number of milliseconds. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(value.trim());
  return m ? Math.round(Number(m[1]) * UNITS[m[2]!]!) : undefined;
}

export const durationSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `expected a duration like 500ms, 1s, 2m or 1h, got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return ms;
});

const SIZE_UNITS: Record<string, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KIB: 1024,
  MIB: 1024 ** 2,
  GIB: 1024 ** 3,
};

/** `512MiB`, `2GB`, `64KiB`, or a number of bytes. */
export function parseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]i?B|B)$/i.exec(value.trim());
  return m ? Math.round(Number(m[1]) * SIZE_UNITS[m[2]!.toUpperCase()]!) : undefined;
}

export const sizeSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const bytes = parseSize(value);
  if (bytes === undefined) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `expected a size like 512MiB, 2GB or a number of bytes, got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return bytes;
});

/** A file path; relative paths are resolved against the configuration file's directory. */
export const configPath = z.string().min(1);

/** Pinned certificate fingerprints, RFC 5425 style (`sha-256:AB:CD:…`); each checked by parsePin. */
export const fingerprintsSchema = z
  .array(
    z.string().superRefine((pin, ctx) => {
      try {
        parsePin(pin);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
      }
    }),
  )
  .min(1)
  .optional();
