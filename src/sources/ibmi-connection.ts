import { resolve } from 'node:path';
import { z } from 'zod';
import { AuditRelayError } from '../core/errors.js';
import { parsePin } from '../core/pinning.js';
import { configPath, durationSchema, fingerprintsSchema } from '../core/schema.js';
import type { Logger } from '../core/telemetry.js';
import { mapepireConnector } from '../ibmi/db2/mapepire.js';
import type { Db2Connection, Db2Connector } from '../ibmi/db2/port.js';
import { offsetFromTimezoneDuration, parseUtcOffset } from '../ibmi/journal/heading/timestamp.js';

/** How every IBM i source reaches Db2 for i: a Mapepire server on the IBM i. */
export const mapepireConnectionSchema = z
  .object({
    type: z.literal('mapepire'),
    host: z.string().min(1).describe('IBM i host name or address running the Mapepire server'),
    port: z.number().int().min(1).max(65535).default(8076).describe('Mapepire server port'),
    user: z
      .string()
      .min(1)
      .max(10)
      .describe('IBM i user profile (needs *AUDIT or the authorities in docs/ibmi-setup.md)'),
    password: z
      .string()
      .min(1)
      .describe('password; `${ENV_VAR}` or `password_FILE: path` keep it out of this file'),
    ca: configPath
      .optional()
      .describe("PEM file of the CA (or self-signed certificate) of the Mapepire server's certificate"),
    rejectUnauthorized: z
      .boolean()
      .default(true)
      .describe(
        'verify the server certificate chain and name; false with fingerprints = pin only (a self-signed Mapepire certificate)',
      ),
    fingerprints: fingerprintsSchema.describe(
      'pinned Mapepire server certificate fingerprints (sha-256:AB:CD:…): checked before the password is sent',
    ),
    requestTimeout: durationSchema
      .default('60s')
      .describe('a request with no answer after this long counts as a lost connection'),
    heartbeat: durationSchema
      .default('5s')
      .refine((ms) => ms >= 100, 'at least 100ms')
      .describe(
        'WebSocket ping interval; a ping unanswered by the next one counts as a lost connection (found within 2 intervals)',
      ),
  })
  .strict();

export type MapepireConnection = z.infer<typeof mapepireConnectionSchema>;

/** Every IBM i source's `utcOffset` key. */
export const utcOffsetSchema = z
  .string()
  .refine((v) => parseUtcOffset(v) !== undefined, 'expected an offset like +01:00 or -05:00')
  .optional()
  .describe("the IBM i's UTC offset; by default asked from the IBM i (CURRENT TIMEZONE)");

export function ibmiConnector(
  connection: MapepireConnection,
  configDirectory: string,
  logger: Logger,
): Db2Connector {
  return mapepireConnector(
    {
      host: connection.host,
      port: connection.port,
      user: connection.user,
      password: connection.password,
      ca: connection.ca && resolve(configDirectory, connection.ca),
      rejectUnauthorized: connection.rejectUnauthorized,
      requestTimeout: connection.requestTimeout,
      heartbeat: connection.heartbeat,
      fingerprints: connection.fingerprints?.map(parsePin),
    },
    logger,
  );
}

/** The system name and UTC offset every IBM i source asks for when it connects. */
export const SYSTEM_INFO_QUERY =
  'SELECT CURRENT TIMEZONE AS UTC_OFFSET, CURRENT SERVER AS SYSTEM_NAME FROM SYSIBM.SYSDUMMY1';

/** What events of a system carry from the connection: its name and UTC offset. */
export interface SystemContext {
  system: string;
  utcOffsetMinutes: number;
}

/**
 * How long a connection's UTC offset is trusted: connections last for days, and daylight saving
 * time changes the offset (QUTCOFFSET) while one is open.
 */
export const OFFSET_REFRESH_MS = 15 * 60_000;

/** The system context asked again when `askedAt` is `refreshMs` old, unless the offset is configured. */
export async function refreshedContext(
  connection: Db2Connection,
  fixedOffset: number | undefined,
  askedAt: number,
  refreshMs = OFFSET_REFRESH_MS,
): Promise<SystemContext | undefined> {
  if (fixedOffset !== undefined || Date.now() - askedAt < refreshMs) return undefined;
  return askSystemContext(connection, fixedOffset);
}

/** Asks the system name and, unless configured (`fixedOffset`), the UTC offset. */
async function askSystemContext(
  connection: Db2Connection,
  fixedOffset: number | undefined,
): Promise<SystemContext> {
  const [row] = (await connection.query(SYSTEM_INFO_QUERY)).rows;
  const offset = fixedOffset ?? offsetFromTimezoneDuration(Number(row?.['UTC_OFFSET']));
  if (!Number.isFinite(offset)) {
    throw new AuditRelayError(
      'AR_SOURCE_QUERY',
      'the IBM i returned no usable CURRENT TIMEZONE; set utcOffset in the source config',
    );
  }
  return { system: String(row?.['SYSTEM_NAME'] ?? '').trim(), utcOffsetMinutes: offset };
}

/** Connects and asks the system context; a connection whose questions fail is closed again. */
export async function connectWithContext(
  connector: Db2Connector,
  fixedOffset: number | undefined,
  logger: Logger,
): Promise<{ connection: Db2Connection; context: SystemContext }> {
  const connection = await connector.connect();
  try {
    const context = await askSystemContext(connection, fixedOffset);
    logger.info('connected to the IBM i', { target: connector.target });
    return { connection, context };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
