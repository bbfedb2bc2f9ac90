import type { Db2Connection, Db2Row } from '../../ibmi/db2/port.js';
import {
  CHUNKS_PER_QUERY,
  chunkColumn,
  chunkQuery,
  ENTRY_CHUNK,
  type JournalQueryOptions,
  MAX_ENTRY_DATA,
} from './query.js';

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());
const keyOf = (row: Db2Row) =>
  `${text(row['RECEIVER_LIBRARY'])}/${text(row['RECEIVER_NAME'])}/${text(row['SEQUENCE_NUMBER'])}`;

/**
 * Completes ENTRY_DATA of the rows whose entry data is longer than the chunk the journal query
 * brought (ENTRY_DATA_LENGTH says so). One follow-up query covers CHUNKS_PER_QUERY more chunks
 * of every long entry in the batch at once, from the first long entry to the last, so a
 * 30 KB entry costs two small queries and a batch without long entries none. Rows stay under
 * the row limit either way. What cannot be fetched (beyond MAX_ENTRY_DATA, or the entry gone
 * meanwhile) stays short, and the row reader flags the entry as truncated.
 */
export async function completeEntryData(
  connection: Db2Connection,
  rows: Db2Row[],
  options: JournalQueryOptions,
): Promise<void> {
  const length = (row: Db2Row) => Math.min(Number(row['ENTRY_DATA_LENGTH'] ?? 0), MAX_ENTRY_DATA);
  const long = rows.filter((row) => length(row) > ENTRY_CHUNK);
  if (long.length === 0) return;
  const first = rows.indexOf(long[0]!);
  const count = rows.indexOf(long.at(-1)!) - first + 1;
  const start = {
    receiverLibrary: text(rows[first]!['RECEIVER_LIBRARY']),
    receiver: text(rows[first]!['RECEIVER_NAME']),
    sequence: text(rows[first]!['SEQUENCE_NUMBER']),
  };
  const longest = Math.max(...long.map(length));
  const parts = new Map<string, string[]>(long.map((row) => [keyOf(row), [text(row['ENTRY_DATA'])]]));
  for (let chunk = 1; chunk * ENTRY_CHUNK < longest; chunk += CHUNKS_PER_QUERY) {
    const query = chunkQuery(start, count, chunk, options);
    for (const row of (await connection.query(query.sql, query.parameters)).rows) {
      const collected = parts.get(keyOf(row));
      if (!collected) continue;
      for (let i = chunk; i < chunk + CHUNKS_PER_QUERY; i++) collected.push(text(row[chunkColumn(i)]));
    }
  }
  for (const row of long) row['ENTRY_DATA'] = parts.get(keyOf(row))!.join('');
}
