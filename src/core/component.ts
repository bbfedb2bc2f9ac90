import type { z } from 'zod';
import type { BackoffOptions } from './backoff.js';
import type { SecurityEvent } from './event.js';
import type { ComponentCounters, Logger } from './telemetry.js';

/**
 * The contract every component meets (Vector's component spec, OTel's factories): a
 * descriptor with its config schema and a `create` that returns the running component.
 * Descriptors are listed in agent/registry.ts, never registered by side effect.
 */
export type ComponentKind = 'source' | 'sink' | 'format';

/** A problem that spans several keys (OTel's Config.Validate); the path is relative to the component. */
export interface ConfigIssue {
  path: (string | number)[];
  message: string;
  /** A warning: reported by `check` and at start, but the configuration still runs. */
  warning?: boolean;
}

/** A file a component reads at start (a CA, a certificate, a key); checked to exist and be readable. */
export interface ConfigFile {
  /** Where it is named, relative to the component. */
  path: (string | number)[];
  /** As written: relative paths resolve against the configuration file's directory. */
  file: string;
}

export interface ComponentDescriptor<Kind extends ComponentKind, Config, Instance, Context> {
  kind: Kind;
  type: string;
  description: string;
  /** Validates, applies defaults, documents: the single source of truth for this component's config. */
  configSchema: z.ZodType<Config, z.ZodTypeDef, unknown>;
  /**
   * Problems that span several keys. `written` is the component's configuration as the file
   * had it (before defaults and profiles), to tell a setting given from a default.
   */
  validate?(config: Config, written: Readonly<Record<string, unknown>>): ConfigIssue[];
  /** The files this configuration makes the component read. */
  files?(config: Config): ConfigFile[];
  /** Settings that work but are unsafe (plaintext, no verification): `check` and `run` warn. */
  warnings?(config: Config): ConfigIssue[];
  create(config: Config, context: Context): Instance;
}

export interface ComponentContext {
  /** Unique name of this component instance, used in logs, metrics and state. */
  name: string;
  logger: Logger;
  counters: ComponentCounters;
  /** Directory of the configuration file: relative paths in the config resolve against it. */
  configDirectory: string;
}

/** An opaque, JSON-serializable resume position of one source. */
export type SourcePosition = Record<string, string>;

/** Two positions are the same when their keys and values are, in the same order (sources build them one way). */
export const samePosition = (a: SourcePosition | undefined, b: SourcePosition | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * What a source read: raw records (undecoded, each as IBM delivered it) and the position
 * after the last of them. The pipeline turns records into events with the source type's
 * `toEvent`, never the source itself.
 */
export interface SourceBatch<SourceRecord> {
  records: readonly SourceRecord[];
  /** Position after the last record of this batch; undefined when nothing was read. */
  position: SourcePosition | undefined;
  /** True when the source has caught up (the next read will wait for new entries). */
  caughtUp: boolean;
}

export interface Source<SourceRecord> {
  /** Reads the next batch after `after` (undefined: the configured start). Throws AuditRelayError. */
  read(after: SourcePosition | undefined, signal: AbortSignal): Promise<SourceBatch<SourceRecord>>;
  /** Milliseconds to wait before reading again after a caught-up batch. */
  readonly pollInterval: number;
  close(): Promise<void>;
}

export interface SourceDescriptor<Config = never, SourceRecord = never>
  extends ComponentDescriptor<'source', Config, Source<SourceRecord>, ComponentContext> {
  /**
   * The one pure function from a record of this source type to an event: decode and
   * normalize. The pipeline, `decode`, tests and benchmarks all call this one.
   */
  toEvent(record: SourceRecord): SecurityEvent;
  /**
   * Where an event of this source sits, as a position `read` can resume after; undefined for
   * events without one (the agent's own gap events). Lets the pipeline read lost events again.
   */
  positionOf?(event: SecurityEvent): SourcePosition | undefined;
  /** Every `entryType` its events can have: filters and severity keys are checked against it. */
  eventTypes: readonly string[];
}

/** Builds exactly the message a sink sends for one event (without transport framing). Pure. */
export type Formatter = (event: SecurityEvent) => string;

/** The smallest maximum message size: what every syslog receiver must accept (RFC 5424 §6.1, RFC 5426). */
export const MIN_MESSAGE_SIZE = 480;

/** What the transport under a format allows. */
export interface FormatLimits {
  /** Largest message in bytes of UTF-8; longer ones are cut safely and marked truncated. */
  maxMessageSize?: number;
}

export interface FormatDescriptor<Config = never>
  extends ComponentDescriptor<'format', Config, Formatter, FormatLimits> {}

/** Where events a receiver refuses for good are kept (one file per sink), never silently dropped. */
export interface DeadLetters {
  /** Resolves once the events are durable. */
  write(events: readonly SecurityEvent[], reason: string): Promise<void>;
}

export interface SinkContext extends ComponentContext {
  /** Compiles the sink's configured format for the limits of its transport. */
  format(limits: FormatLimits): Formatter;
  /** Between retries of a batch. */
  backoff: BackoffOptions;
  deadLetters: DeadLetters;
}

/** A batch a sink took. */
export interface SinkReceipt {
  /**
   * Resolves once the destination confirmed the batch (or its refused events went to the dead
   * letters): only then may the sink's cursor pass it. Pending while the sink sends it again.
   */
  delivered: Promise<void>;
}

/**
 * Delivers batches of events (see sinks/delivery.ts). `send` resolves once the sink has taken
 * the batch; it retries and fails over by itself and rejects only for a permanent error or
 * when `signal` stops it. Batches are delivered in the order they were taken.
 */
export interface Sink {
  send(events: readonly SecurityEvent[], signal: AbortSignal): Promise<SinkReceipt>;
  close(): Promise<void>;
}

export interface SinkDescriptor<Config = never>
  extends ComponentDescriptor<'sink', Config, Sink, SinkContext> {
  /** The format config when the sink names none and its profile none (default `{ type: rfc5424 }`). */
  defaultFormat?: Record<string, unknown>;
  /** Why a format config does not suit this sink type; undefined when it does. */
  formatCheck?(format: Record<string, unknown>): string | undefined;
  /**
   * Exactly what the sink sends for one event, without transport framing: the syslog message,
   * the HEC envelope, the two _bulk lines. `create` sends this; `auditrelay decode --sink` prints it.
   */
  messages(config: Config, context: Pick<SinkContext, 'format'>): Formatter;
}
