import { SQLFUNCTIONCOLS, SYSCOLUMNS } from './catalog.js';
import { DISPLAY_JOURNAL } from './display-journal.js';
import { HISTORY_LOG_INFO, MESSAGE_QUEUE_INFO } from './message-services.js';
import type { ColumnDef, ObjectContext, Row, SimulatedObject } from './objects.js';
import {
  ENV_SYS_INFO,
  GROUP_PTF_INFO,
  JOBLOG_INFO,
  JOURNAL_INFO,
  JOURNAL_RECEIVER_INFO,
  SYSDUMMY1,
} from './services.js';
import { compareValues, type EvalContext, evaluate, type Statement, typeOf } from './sql.js';
import { sqlError } from './sql-errors.js';
import { ROW_LIMIT, rowWidth, type SqlType, type SqlValue } from './sql-types.js';
import { SYSTEM_OBJECTS } from './system.js';

/** Every view and table function the simulated IBM i has. */
const OBJECTS: readonly SimulatedObject[] = [
  SYSDUMMY1,
  DISPLAY_JOURNAL,
  JOURNAL_INFO,
  JOURNAL_RECEIVER_INFO,
  JOBLOG_INFO,
  HISTORY_LOG_INFO,
  MESSAGE_QUEUE_INFO,
  ENV_SYS_INFO,
  GROUP_PTF_INFO,
  SQLFUNCTIONCOLS,
  SYSCOLUMNS,
  ...SYSTEM_OBJECTS,
];

export interface ResultSet {
  columns: { name: string; type: SqlType }[];
  rows: Record<string, SqlValue>[];
}

export interface PreparedStatement {
  object: SimulatedObject | undefined;
  columns: { name: string; type: SqlType }[];
  /** Bytes of one result row, as counted against the record limit. */
  width: number;
}

/**
 * What Db2 checks when it prepares a statement: the object and its columns exist on this
 * release, the types fit (HEX's argument limit), the result row is not too wide.
 */
export function prepareStatement(
  statement: Statement,
  context: Pick<ObjectContext, 'release' | 'system'>,
): PreparedStatement {
  const object = statement.source && resolve(statement.source, context);
  const columns = new Map<string, ColumnDef>();
  for (const c of object?.columns ?? []) {
    if (!context.release.missing.includes(`${object!.schema}.${object!.name}.${c.name}`))
      columns.set(c.name, c);
  }
  const typeOfColumn = (name: string): SqlType => {
    const found = columns.get(name);
    if (!found) throw sqlError('SQL0206', name);
    return found.type;
  };
  const types = statement.items.map((item) => typeOf(item.expr, typeOfColumn));
  if (statement.where) typeOf(statement.where, typeOfColumn);
  for (const order of statement.orderBy) typeOf(order.expr, typeOfColumn);
  const width = rowWidth(types);
  if (width > ROW_LIMIT) throw sqlError('SQL0101');
  return {
    object,
    columns: statement.items.map((item, i) => ({ name: item.alias, type: types[i]! })),
    width,
  };
}

/**
 * Runs one parsed SELECT the way Db2 for i does it: first everything a prepare checks, then
 * the rows. Rows are produced eagerly, as a real server evaluates a table function when the
 * cursor opens, so its errors come back on the `sql` request.
 */
export function runStatement(
  statement: Statement,
  parameters: readonly SqlValue[],
  base: Omit<ObjectContext, 'services'> & { registers: EvalContext['registers'] },
): ResultSet {
  const context = { ...base, services: availableServices(base.release) };
  const { object, columns } = prepareStatement(statement, context);
  const evalContext = (row: Row): EvalContext => ({
    column: row,
    parameters,
    registers: context.registers,
  });
  const noRow = evalContext(() => null);
  let sourceRows: Iterable<Row> = [() => null];
  if (object && statement.source?.kind === 'function') {
    const { named, positional } = statement.source;
    sourceRows = object.rows(
      {
        named: new Map([...named].map(([name, expr]) => [name, evaluate(expr, noRow)])),
        positional: positional.map((expr) => evaluate(expr, noRow)),
      },
      context,
    );
  } else if (object) {
    sourceRows = object.rows({ named: new Map(), positional: [] }, context);
  }
  const limit = statement.fetchFirst ?? Number.POSITIVE_INFINITY;
  // Each row is projected as soon as it is selected, so the source's rows need not be kept;
  // with ORDER BY the sort keys travel with it.
  const selected: { values: Record<string, SqlValue>; keys: SqlValue[] }[] = [];
  for (const row of sourceRows) {
    const values = evalContext(row);
    if (statement.where && evaluate(statement.where, values) !== 1) continue;
    const projected: Record<string, SqlValue> = {};
    for (const item of statement.items) projected[item.alias] = evaluate(item.expr, values);
    selected.push({ values: projected, keys: statement.orderBy.map((o) => evaluate(o.expr, values)) });
    if (statement.orderBy.length === 0 && selected.length >= limit) break;
  }
  if (statement.orderBy.length > 0) {
    selected.sort((a, b) => {
      for (const [i, order] of statement.orderBy.entries()) {
        // Db2 sorts NULL high: last ascending, first descending.
        const x = a.keys[i]!;
        const y = b.keys[i]!;
        const c = x === null ? (y === null ? 0 : 1) : y === null ? -1 : compareValues(x, y)!;
        if (c !== 0) return order.descending ? -c : c;
      }
      return 0;
    });
  }
  return { columns, rows: selected.slice(0, limit).map((s) => s.values) };
}

/** IBM's objects on this release: all the simulator has, less those the release lacks. */
function availableServices(release: ObjectContext['release']): SimulatedObject[] {
  return OBJECTS.filter(
    (o) => o.schema.startsWith('QSYS') && !release.missing.includes(`${o.schema}.${o.name}`),
  );
}

/** An IBM view or table function, or a table created over SQL. */
function resolve(
  source: NonNullable<Statement['source']>,
  context: Pick<ObjectContext, 'release' | 'system'>,
): SimulatedObject {
  const name = `${source.schema}.${source.name}`;
  const object: SimulatedObject | undefined =
    OBJECTS.find((o) => `${o.schema}.${o.name}` === name && o.kind === source.kind) ??
    (source.kind === 'view' ? context.system.tables.get(name)?.asView() : undefined);
  if (!object || context.release.missing.includes(name)) {
    throw sqlError('SQL0204', source.name, source.schema, source.kind === 'view' ? 'FILE' : 'N');
  }
  return object;
}
