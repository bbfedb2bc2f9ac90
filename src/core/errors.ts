/**
 * Every error AuditRelay reports carries a stable code (AR_…) that operators can search
 * for and alert on. Messages say what happened and what to do; they never include secrets.
 */
export const ERROR_CODES = {
  AR_CONFIG_READ: 'The configuration file could not be read.',
  AR_CONFIG_SYNTAX: 'The configuration file is not valid YAML.',
  AR_CONFIG_INVALID: 'The configuration does not match the schema.',
  AR_CONFIG_DEPRECATED: 'The configuration uses a form that still works but will be removed.',
  AR_CONFIG_UNSAFE:
    'The configuration works but gives up a protection (encryption, verification, acknowledgement).',
  AR_CONFIG_ENV_MISSING: 'A ${VAR} reference names an environment variable that is not set.',
  AR_CONFIG_FILE: 'A file the configuration names (a certificate, a key, a *_FILE secret) cannot be read.',
  AR_CONFIG_UNUSED: 'A setting does not apply where it is given (e.g. tls on a tcp sink) and is ignored.',
  AR_CONFIG_RELOAD: 'A changed setting cannot be applied while running; the agent keeps the old one.',
  AR_CLI_USAGE: 'The command line is not valid.',
  AR_SOURCE_UNREACHABLE: 'The IBM i (or its Mapepire server) cannot be reached.',
  AR_SOURCE_AUTH: 'The IBM i rejected the user or password.',
  AR_SOURCE_TLS: 'The TLS certificate of the IBM i could not be verified.',
  AR_SOURCE_QUERY: 'The journal query failed on the IBM i.',
  AR_SOURCE_POSITION_LOST: 'The saved journal position no longer exists on the IBM i.',
  AR_SOURCE_STALLED:
    'The journal query returned nothing at the saved position although that entry exists and newer ones follow.',
  AR_SOURCE_QUEUE_MISSING:
    'A message queue to read does not exist or cannot be read (QSYSMSG exists only once created); the other queues go on.',
  AR_SOURCE_EXIT_LOG_MISSING:
    'The exit-point log table does not exist or cannot be read (install-exit-points creates it); the source polls until it exists.',
  AR_SOURCE_GAP:
    'Journal entries were lost before the agent could read them (receiver deleted or sequence reset).',
  AR_SINK_UNREACHABLE: 'The SIEM receiver cannot be reached.',
  AR_SINK_TLS: 'The TLS connection to the SIEM receiver failed verification.',
  AR_SINK_CLOSED: 'The connection to the SIEM receiver closed while sending.',
  AR_SINK_TIMEOUT: 'The SIEM receiver did not take a batch within the send timeout.',
  AR_SINK_MESSAGE_TOO_LARGE: 'A message is larger than the transport allows.',
  AR_SINK_RELP: 'The RELP receiver answered with an error or broke the protocol.',
  AR_SINK_PIN: 'The receiver certificate does not match the pinned fingerprint.',
  AR_SINK_HTTP: 'The HTTP receiver answered with an error status (or not at all); the batch is sent again.',
  AR_FORMAT_OPTION: 'A format option is not valid for this format.',
  AR_STATE_IO: 'The agent state directory could not be read or written.',
  AR_STATE_CORRUPT: 'A state file is damaged.',
  AR_STATE_LOCKED: 'Another agent holds the state directory.',
  AR_STATE_VERSION: 'The state directory was written in a format this version cannot read.',
  AR_STATE_UNCLAIMED: 'The state holds a position of a source or sink the configuration no longer has.',
  AR_METRICS_LISTEN: 'The metrics endpoint cannot listen on its address.',
  AR_STATE_FULL: 'The disk buffer is full (or the disk is); the source pauses until space returns.',
  AR_WAL_CORRUPT: 'A write-ahead log record failed its checksum and was not delivered.',
  AR_DECODE_UNKNOWN_TYPE: 'The journal entry type is not in the catalog.',
  AR_DECODE_TRUNCATED: 'The journal entry is shorter than its layout.',
  AR_DECODE_BAD_LENGTH: 'A length field in the journal entry points past its end.',
  AR_DECODE_BAD_CCSID: 'A CCSID in the journal entry is not supported.',
  AR_DECODE_UNMAPPED: 'Bytes in the journal entry do not map to a character.',
  AR_DECODE_BAD_NUMBER: 'A numeric field in the journal entry holds invalid digits.',
  AR_DECODE_BAD_HEADING: 'The journal entry heading is malformed.',
  AR_SIMULATOR: 'The simulated IBM i failed.',
  AR_INTERNAL: 'An unexpected internal error; please report it.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

const BRAND = Symbol.for('auditrelay.error');

export class AuditRelayError extends Error {
  readonly code: ErrorCode;
  /** Whether retrying the same operation later can succeed (OTel's retryable vs permanent). */
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AuditRelayError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }

  /** Works across duplicate copies of this module (undici's brand check). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  get [BRAND](): boolean {
    return true;
  }
}

/** A retryable failure of an I/O operation: the caller backs off and tries again. */
export function retryable(code: ErrorCode, message: string, cause?: unknown): AuditRelayError {
  return new AuditRelayError(code, message, { cause, retryable: true });
}

/**
 * One line for logs and terminals: `AR_CODE: message (cause)`. Never a stack trace. The cause
 * is named once (not when the message already says it, as wrapped errors often do) and on
 * one line (OpenSSL's errors span several).
 */
export function describeError(error: unknown): string {
  if (error instanceof AuditRelayError) {
    // Our own message may span lines on purpose (instructions); a cause's text comes from
    // elsewhere (a receiver, the IBM i) and is kept to one line.
    const cause = error.cause instanceof Error ? oneLine(error.cause.message) : '';
    const message = error.message;
    return `${error.code}: ${message}${cause && !message.includes(cause) ? ` (${cause})` : ''}`;
  }
  if (error instanceof Error) return `AR_INTERNAL: ${oneLine(error.message)}`;
  return `AR_INTERNAL: ${oneLine(String(error))}`;
}

/** Text on one line: line breaks and other control characters become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}
