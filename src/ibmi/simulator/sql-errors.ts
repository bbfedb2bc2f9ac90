/**
 * SQL errors as the real stack reports them. The Mapepire server passes JTOpen's exception
 * message through unchanged (ClientRequest.getErrorStringFromException), and JTOpen builds it
 * as `[message id] first-level text` (JDError.getReason) — second-level text only with the
 * JDBC property `errors=full`, which Mapepire does not set. So an error carries no CPF id
 * and no reason: only the SQL message id, its first-level text, SQLSTATE and SQLCODE.
 *
 * First-level texts are those of IBM's message file QSQLMSG as listed in "SQL messages and
 * codes" (IBM i 7.3); the SQLSTATE of each is one of those IBM lists for it.
 */
const MESSAGES = {
  // SQLSTATE 54010 ("the record length of the table is too long") is the one of SQL0101's
  // SQLSTATEs (54001, 54010, 54011) that names a row-length limit. What Db2 for i really
  // answers for a too-wide *result* row is not documented; this is our best reading.
  SQL0101: { state: '54010', code: -101, text: 'SQL statement too long or complex.' },
  SQL0104: { state: '42601', code: -104, text: 'Token &1 was not valid. Valid tokens: &2.' },
  SQL0171: { state: '42815', code: -171, text: 'Argument &1 of function &2 not valid.' },
  SQL0181: { state: '22007', code: -181, text: 'Value in date, time, or timestamp string not valid.' },
  SQL0204: { state: '42704', code: -204, text: '&1 in &2 type *&3 not found.' },
  SQL0206: { state: '42703', code: -206, text: 'Column or global variable &1 not found.' },
  SQL0601: { state: '42710', code: -601, text: '&1 in &2 type *&3 already exists.' },
  SQL0404: { state: '22001', code: -404, text: 'Value for column or variable &1 too long.' },
  SQL0407: { state: '23502', code: -407, text: 'Null values not allowed in column or variable &1.' },
  SQL0440: { state: '42884', code: -440, text: 'Routine &1 in &2 not found with specified parameters.' },
  SQL0443: {
    state: '38501',
    code: -443,
    text: 'Trigger program or external routine detected an error.',
  },
  SQL0551: { state: '42501', code: -551, text: 'Not authorized to object &1 in &2 type *&3.' },
  SQL0798: { state: '428C9', code: -798, text: 'Value cannot be specified for GENERATED ALWAYS column &1.' },
} as const;

export type SqlMessageId = keyof typeof MESSAGES;

export class SqlError extends Error {
  constructor(
    message: string,
    /** Null when the Java exception had none (e.g. "Not connected"). */
    readonly sqlState: string | null,
    readonly sqlCode: number,
  ) {
    super(message);
  }
}

/** A server-side SQL error: `[SQLnnnn] first-level text` with the message's tokens filled in. */
export function sqlError(id: SqlMessageId, ...tokens: string[]): SqlError {
  const message = MESSAGES[id];
  const text = message.text.replace(/&(\d)/g, (_, n: string) => tokens[Number(n) - 1] ?? '*N');
  return new SqlError(`[${id}] ${text}`, message.state, message.code);
}

/** An error JTOpen raises itself, before anything reaches the server (JDError, vendor code -99999). */
export function driverError(text: string, sqlState: string): SqlError {
  return new SqlError(text, sqlState, -99999);
}
