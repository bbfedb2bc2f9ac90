import type { Db2Connection } from './port.js';

/**
 * The newest CPF message in this connection's job log: why an IBM i service or a CL command
 * failed (the SQL error itself carries only the generic SQL0443 text). Undefined if none,
 * or if the job log cannot be read.
 */
export async function jobLogReason(connection: Db2Connection): Promise<string | undefined> {
  try {
    const { rows } = await connection.query(
      "SELECT MESSAGE_ID, MESSAGE_TEXT FROM TABLE(QSYS2.JOBLOG_INFO('*')) AS L WHERE MESSAGE_ID LIKE 'CPF%' ORDER BY ORDINAL_POSITION DESC FETCH FIRST 1 ROW ONLY",
    );
    const [row] = rows;
    return row
      ? `${String(row['MESSAGE_ID']).trim()} ${String(row['MESSAGE_TEXT'] ?? '').trim()}`
      : undefined;
  } catch {
    return undefined;
  }
}
