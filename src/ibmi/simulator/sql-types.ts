/**
 * Column types of the simulated Db2 for i: what a result column is (for Mapepire's
 * `metadata`), how its value crosses Mapepire as JSON, and how many bytes it weighs in a row.
 *
 * JSON values follow the Mapepire server (Mapepire-IBMi/mapepire-server v2.3.3,
 * BlockRetrievableRequest.getNextDataBlock) over JTOpen's getObject: CHAR right-trimmed,
 * VARCHAR as is, numbers (SMALLINT, INTEGER, BIGINT, DECIMAL) as JSON numbers, TIMESTAMP
 * as `YYYY-MM-DD HH:MM:SS.ffffff`, binary strings and BLOBs as upper-case hex, NULL as null.
 */
export type SqlTypeName =
  | 'CHAR'
  | 'VARCHAR'
  | 'VARGRAPHIC'
  | 'BINARY'
  | 'VARBINARY'
  | 'BLOB'
  | 'SMALLINT'
  | 'INTEGER'
  | 'BIGINT'
  | 'DECIMAL'
  | 'TIMESTAMP';

export interface SqlType {
  name: SqlTypeName;
  /** Length attribute of strings (bytes); precision of DECIMAL. */
  length: number;
  scale?: number;
  nullable: boolean;
}

export type SqlValue = string | number | bigint | Uint8Array | null;

export const char = (length: number, nullable = false): SqlType => ({ name: 'CHAR', length, nullable });
export const varchar = (length: number, nullable = false): SqlType => ({
  name: 'VARCHAR',
  length,
  nullable,
});
/** VARGRAPHIC(n) CCSID 1200: `length` counts UTF-16 code units (2 bytes each). */
export const vargraphic = (length: number, nullable = false): SqlType => ({
  name: 'VARGRAPHIC',
  length,
  nullable,
});
export const integer = (nullable = false): SqlType => ({ name: 'INTEGER', length: 4, nullable });
export const smallint = (nullable = false): SqlType => ({ name: 'SMALLINT', length: 2, nullable });
export const bigint = (nullable = false): SqlType => ({ name: 'BIGINT', length: 8, nullable });
export const decimal = (precision: number, scale: number, nullable = false): SqlType => ({
  name: 'DECIMAL',
  length: precision,
  scale,
  nullable,
});
export const timestamp = (nullable = false): SqlType => ({ name: 'TIMESTAMP', length: 26, nullable });
export const binary = (length: number, nullable = false): SqlType => ({ name: 'BINARY', length, nullable });
export const varbinary = (length: number, nullable = false): SqlType => ({
  name: 'VARBINARY',
  length,
  nullable,
});
export const blob = (length: number, nullable = false): SqlType => ({ name: 'BLOB', length, nullable });

export const isString = (t: SqlType) => t.name === 'CHAR' || t.name === 'VARCHAR';
export const isBinary = (t: SqlType) => t.name === 'BINARY' || t.name === 'VARBINARY' || t.name === 'BLOB';
export const isNumeric = (t: SqlType) =>
  t.name === 'SMALLINT' || t.name === 'INTEGER' || t.name === 'BIGINT' || t.name === 'DECIMAL';

/**
 * The Db2 for i limit on the bytes of one record: 32 766 (IBM, "Database file sizes",
 * 7.4, rbafoappmax.htm). Whether Db2 applies it to a query's result row is not documented
 * on any IBM page we could read; the simulator assumes it does, which is the stricter choice.
 */
export const ROW_LIMIT = 32_766;

/**
 * Bytes one column takes in a row, chosen so that the simulator never counts less than
 * Db2 for i would (it may count more): VARCHAR/VARBINARY carry a 2-byte length, DECIMAL
 * is packed (p/2+1 bytes), TIMESTAMP is counted in its 26-character external form, a LOB
 * as a 32-byte locator, and every nullable column one null-indicator byte.
 */
export function byteCount(type: SqlType): number {
  const body = (() => {
    switch (type.name) {
      case 'CHAR':
      case 'BINARY':
        return type.length;
      case 'VARCHAR':
      case 'VARBINARY':
        return type.length + 2;
      case 'VARGRAPHIC':
        return type.length * 2 + 2;
      case 'BLOB':
        return 32;
      case 'SMALLINT':
        return 2;
      case 'INTEGER':
        return 4;
      case 'BIGINT':
        return 8;
      case 'DECIMAL':
        return Math.floor(type.length / 2) + 1;
      case 'TIMESTAMP':
        return 26;
    }
  })();
  return body + (type.nullable ? 1 : 0);
}

export function rowWidth(types: readonly SqlType[]): number {
  return types.reduce((sum, type) => sum + byteCount(type), 0);
}

/** One column of Mapepire's `metadata.columns`, with JTOpen's type names and sizes. */
export function columnMetadata(name: string, type: SqlType): Record<string, unknown> {
  const sizes: Record<SqlTypeName, [display: number, precision: number]> = {
    CHAR: [type.length, type.length],
    VARCHAR: [type.length, type.length],
    VARGRAPHIC: [type.length, type.length],
    BINARY: [type.length * 2, type.length],
    VARBINARY: [type.length * 2, type.length],
    BLOB: [type.length * 2, type.length],
    SMALLINT: [6, 5],
    INTEGER: [11, 10],
    BIGINT: [20, 19],
    DECIMAL: [type.length + 2, type.length],
    TIMESTAMP: [26, 26],
  };
  const [display, precision] = sizes[type.name];
  return {
    name,
    type: type.name,
    display_size: display,
    label: name,
    precision,
    scale: type.name === 'TIMESTAMP' ? 6 : (type.scale ?? 0),
    autoIncrement: false,
    nullable: type.nullable ? 1 : 0,
    readOnly: true,
    writeable: false,
  };
}

/** A value as the Mapepire server puts it into a JSON row. */
export function jsonValue(value: SqlValue, type: SqlType): string | number | bigint | null {
  if (value === null) return null;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex').toUpperCase();
  if (isNumeric(type)) {
    if (typeof value !== 'bigint') return Number(value);
    return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  }
  const text = String(value);
  // Only CHAR/NCHAR are right-trimmed since mapepire-server v2.3.1 (commit 6ddbe70).
  return type.name === 'CHAR' ? text.replace(/\s+$/, '') : text;
}

/**
 * JSON text of a reply. DECIMAL(21,0) values beyond 2^53 must keep every digit on the wire,
 * as Gson writes BigDecimal; JavaScript's JSON.stringify cannot, so such values stay bigints
 * (jsonValue) and go through a placeholder — only then, as a replacer slows every reply.
 */
export function toJson(reply: Record<string, unknown>): string {
  try {
    return JSON.stringify(reply);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(reply, (_key, value) =>
      typeof value === 'bigint' ? `\u0000${value}\u0000` : value,
    ).replace(/"\\u0000(-?\d+)\\u0000"/g, '$1');
  }
}
