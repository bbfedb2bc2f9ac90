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
const OFFSET_REFRESH_MS = 15 * 60_000;

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

/**
 * A source's connection to the IBM i with what its events carry from it (system name, UTC
 * offset): connected again when lost, a connection whose questions fail closed again, and the
 * context asked again every OFFSET_REFRESH_MS while the connection lasts.
 */
export class SystemConnection {
  private current: { connection: Db2Connection; context: SystemContext; askedAt: number } | undefined;
  private lastOffset: number | undefined;

  constructor(
    private readonly connector: Db2Connector,
    private readonly fixedOffset: number | undefined,
    private readonly logger: Logger,
    private readonly refreshMs = OFFSET_REFRESH_MS,
  ) {}

  /** A live connection and the context now; `fresh` when the connection was just made. */
  async open(): Promise<{ connection: Db2Connection; context: SystemContext; fresh: boolean }> {
    const current = this.current;
    if (current?.connection.alive) {
      if (this.fixedOffset === undefined && Date.now() - current.askedAt >= this.refreshMs) {
        current.context = this.take(await askSystemContext(current.connection, this.fixedOffset));
        current.askedAt = Date.now();
      }
      return { connection: current.connection, context: current.context, fresh: false };
    }
    await this.close();
    const connection = await this.connector.connect();
    try {
      const context = this.take(await askSystemContext(connection, this.fixedOffset));
      this.logger.info('connected to the IBM i', { target: this.connector.target });
      this.current = { connection, context, askedAt: Date.now() };
      return { connection, context, fresh: true };
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  /** Says when the offset is first known and when it changes (daylight saving time). */
  private take(context: SystemContext): SystemContext {
    if (context.utcOffsetMinutes !== this.lastOffset && this.fixedOffset === undefined)
      this.logger.info('IBM i UTC offset', { minutes: context.utcOffsetMinutes });
    this.lastOffset = context.utcOffsetMinutes;
    return context;
  }

  async close(): Promise<void> {
    const connection = this.current?.connection;
    this.current = undefined;
    await connection?.close();
  }
}
