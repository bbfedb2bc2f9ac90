/**
 * The slice of Db2 for i SQL the simulated IBM i understands: SELECT lists with the scalar
 * functions AuditRelay uses (HEX, CAST, SUBSTR/SUBSTRING, LENGTH, CASE), one FROM source (a
 * view, or a table function with named or positional arguments), WHERE with AND, =, <, >,
 * IN, LIKE and IS [NOT] NULL, ORDER BY, FETCH FIRST n ROWS ONLY. Anything else is answered
 * with SQL0104 like a real server answers a statement it cannot parse.
 *
 * Types are checked before any row is read, as Db2 does when it prepares a statement: an
 * unknown column is SQL0206, HEX of an argument longer than 16 336 bytes is SQL0171, a
 * result row wider than the record limit is SQL0101 (see sql-types.ts).
 */
import { sqlError } from './sql-errors.js';
import {
  bigint,
  blob,
  char,
  decimal,
  integer,
  isBinary,
  isString,
  type SqlType,
  type SqlValue,
  varchar,
} from './sql-types.js';

export type Expr =
  | { kind: 'column'; name: string }
  | { kind: 'literal'; value: SqlValue }
  | { kind: 'parameter'; index: number }
  | { kind: 'register'; name: 'CURRENT TIMEZONE' | 'CURRENT SERVER' }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'cast'; expr: Expr; type: string; length: number | undefined; scale: number | undefined }
  | { kind: 'case'; when: Expr; then: Expr; otherwise: Expr | undefined }
  | { kind: 'compare'; op: '>' | '<' | '=' | '>=' | '<=' | '<>'; left: Expr; right: Expr }
  | { kind: 'in'; expr: Expr; list: Expr[] }
  | { kind: 'like'; expr: Expr; pattern: Expr }
  | { kind: 'isNull'; expr: Expr; not: boolean }
  | { kind: 'and'; left: Expr; right: Expr };

export interface SelectItem {
  expr: Expr;
  alias: string;
}

export type Source =
  | { kind: 'view'; schema: string; name: string }
  | { kind: 'function'; schema: string; name: string; named: Map<string, Expr>; positional: Expr[] };

export interface Statement {
  items: SelectItem[];
  /** Undefined for VALUES. */
  source: Source | undefined;
  where: Expr | undefined;
  orderBy: { expr: Expr; descending: boolean }[];
  fetchFirst: number | undefined;
  parameterCount: number;
}

type Token = { type: 'word' | 'quoted' | 'number' | 'string' | 'symbol'; text: string };

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(=>|>=|<=|<>|[(),.?*=<>])|('(?:[^']|'')*')|("(?:[^"]|"")+")|(\d+)|([A-Za-z_][A-Za-z0-9_$#@]*))/y;
  let index = 0;
  while (index < sql.length) {
    if (/^\s*$/.test(sql.slice(index))) break;
    pattern.lastIndex = index;
    const m = pattern.exec(sql);
    if (!m) throw sqlError('SQL0104', sql.slice(index, index + 10).trim(), '<END-OF-STATEMENT>');
    index = pattern.lastIndex;
    if (m[1]) tokens.push({ type: 'symbol', text: m[1] });
    else if (m[2]) tokens.push({ type: 'string', text: m[2].slice(1, -1).replaceAll("''", "'") });
    else if (m[3]) tokens.push({ type: 'quoted', text: m[3].slice(1, -1).replaceAll('""', '"') });
    else if (m[4]) tokens.push({ type: 'number', text: m[4] });
    else if (m[5]) tokens.push({ type: 'word', text: m[5].toUpperCase() });
  }
  return tokens;
}

const COMPARISONS = ['>', '<', '=', '>=', '<=', '<>'];

class Parser {
  private position = 0;
  parameterCount = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.position + offset];
  }

  isWord(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.type === 'word' && t.text === text;
  }

  accept(text: string): boolean {
    const t = this.peek();
    if (t && (t.type === 'word' || t.type === 'symbol') && t.text === text) {
      this.position++;
      return true;
    }
    return false;
  }

  fail(expected: string): never {
    throw sqlError('SQL0104', this.peek()?.text ?? '<END-OF-STATEMENT>', expected);
  }

  expect(text: string): void {
    if (!this.accept(text)) this.fail(text);
  }

  /** An identifier: an ordinary word (folded to upper case) or a delimited "name". */
  identifier(): string {
    const t = this.peek();
    if (t?.type !== 'word' && t?.type !== 'quoted') this.fail('identifier');
    this.position++;
    return t.text;
  }

  number(): number {
    const t = this.peek();
    if (t?.type !== 'number') this.fail('integer');
    this.position++;
    return Number(t.text);
  }

  done(): boolean {
    return this.position >= this.tokens.length;
  }

  /** A search condition: predicates joined by AND. */
  condition(): Expr {
    let left = this.predicate();
    while (this.accept('AND')) left = { kind: 'and', left, right: this.predicate() };
    return left;
  }

  predicate(): Expr {
    const expr = this.expression();
    const t = this.peek();
    if (t?.type === 'symbol' && COMPARISONS.includes(t.text)) {
      this.position++;
      return { kind: 'compare', op: t.text as '=', left: expr, right: this.expression() };
    }
    if (this.accept('IN')) {
      this.expect('(');
      const list: Expr[] = [];
      do list.push(this.expression());
      while (this.accept(','));
      this.expect(')');
      return { kind: 'in', expr, list };
    }
    if (this.accept('LIKE')) return { kind: 'like', expr, pattern: this.expression() };
    if (this.accept('IS')) {
      const not = this.accept('NOT');
      this.expect('NULL');
      return { kind: 'isNull', expr, not };
    }
    this.fail('=');
  }

  expression(): Expr {
    const t = this.peek();
    if (!t) this.fail('expression');
    if (t.type === 'number') {
      this.position++;
      return { kind: 'literal', value: Number(t.text) };
    }
    if (t.type === 'string') {
      this.position++;
      return { kind: 'literal', value: t.text };
    }
    if (t.text === '?') {
      this.position++;
      return { kind: 'parameter', index: this.parameterCount++ };
    }
    if (t.type === 'quoted') return this.column();
    if (t.type !== 'word') this.fail('expression');
    if (t.text === 'CURRENT' && (this.isWord('TIMEZONE', 1) || this.isWord('SERVER', 1))) {
      this.position += 2;
      return {
        kind: 'register',
        name: `CURRENT ${this.tokens[this.position - 1]!.text}` as 'CURRENT SERVER',
      };
    }
    if (t.text === 'CAST') {
      this.position++;
      this.expect('(');
      const expr = this.expression();
      this.expect('AS');
      const type = this.identifier();
      let length: number | undefined;
      let scale: number | undefined;
      if (this.accept('(')) {
        length = this.number();
        if (this.accept(',')) scale = this.number();
        this.expect(')');
      }
      this.expect(')');
      return { kind: 'cast', expr, type, length, scale };
    }
    if (t.text === 'CASE') {
      this.position++;
      this.expect('WHEN');
      const when = this.condition();
      this.expect('THEN');
      const then = this.expression();
      const otherwise = this.accept('ELSE') ? this.expression() : undefined;
      this.expect('END');
      return { kind: 'case', when, then, otherwise };
    }
    if (t.text === 'NULL') {
      this.position++;
      return { kind: 'literal', value: null };
    }
    if (this.peek(1)?.text === '(' && this.peek(1)?.type === 'symbol') {
      this.position += 2;
      const args: Expr[] = [];
      if (!this.accept(')')) {
        do args.push(this.expression());
        while (this.accept(','));
        this.expect(')');
      }
      return { kind: 'call', name: t.text, args };
    }
    return this.column();
  }

  /** A column, optionally qualified by its correlation name: J.ENTRY_DATA, J."CURRENT_USER". */
  column(): Expr {
    let name = this.identifier();
    if (this.accept('.')) name = this.identifier();
    return { kind: 'column', name };
  }

  source(): Source {
    if (this.accept('TABLE')) {
      this.expect('(');
      const schema = this.identifier();
      this.expect('.');
      const name = this.identifier();
      this.expect('(');
      const named = new Map<string, Expr>();
      const positional: Expr[] = [];
      if (!this.accept(')')) {
        do {
          if (this.peek(1)?.text === '=>') {
            const parameter = this.identifier();
            this.expect('=>');
            named.set(parameter, this.expression());
          } else positional.push(this.expression());
        } while (this.accept(','));
        this.expect(')');
      }
      this.expect(')');
      this.correlation();
      return { kind: 'function', schema, name, named, positional };
    }
    const schema = this.identifier();
    this.expect('.');
    const name = this.identifier();
    this.correlation();
    return { kind: 'view', schema, name };
  }

  private correlation(): void {
    if (this.accept('AS')) {
      this.identifier();
      return;
    }
    const t = this.peek();
    const clause = ['WHERE', 'ORDER', 'FETCH'];
    if ((t?.type === 'word' && !clause.includes(t.text)) || t?.type === 'quoted') this.identifier();
  }
}

export function parseStatement(sql: string): Statement {
  const p = new Parser(tokenize(sql));
  const items: SelectItem[] = [];
  const autoName = () => String(items.length + 1).padStart(5, '0');
  let source: Source | undefined;
  let where: Expr | undefined;
  const orderBy: Statement['orderBy'] = [];
  if (p.accept('VALUES')) {
    const paren = p.accept('(');
    do items.push({ expr: p.expression(), alias: autoName() });
    while (p.accept(','));
    if (paren) p.expect(')');
  } else {
    p.expect('SELECT');
    do {
      const expr = p.expression();
      let alias = expr.kind === 'column' ? expr.name : autoName();
      if (p.accept('AS')) alias = p.identifier();
      items.push({ expr, alias });
    } while (p.accept(','));
    p.expect('FROM');
    source = p.source();
    if (p.accept('WHERE')) where = p.condition();
    if (p.accept('ORDER')) {
      p.expect('BY');
      do {
        const expr = p.expression();
        const descending = p.accept('DESC');
        if (!descending) p.accept('ASC');
        orderBy.push({ expr, descending });
      } while (p.accept(','));
    }
  }
  let fetchFirst: number | undefined;
  if (p.accept('FETCH')) {
    p.expect('FIRST');
    fetchFirst = p.number();
    if (!p.accept('ROWS')) p.expect('ROW');
    p.expect('ONLY');
  }
  if (!p.done()) p.fail('<END-OF-STATEMENT>');
  return { items, source, where, orderBy, fetchFirst, parameterCount: p.parameterCount };
}

/** The type of an expression, as Db2 determines it when preparing the statement. */
export function typeOf(expr: Expr, column: (name: string) => SqlType): SqlType {
  switch (expr.kind) {
    case 'column':
      return column(expr.name);
    case 'literal':
      if (expr.value === null) return varchar(1, true);
      return typeof expr.value === 'number' ? integer() : varchar(String(expr.value).length);
    case 'parameter':
      return varchar(32_740, true);
    case 'register':
      return expr.name === 'CURRENT TIMEZONE' ? decimal(6, 0) : varchar(18);
    case 'cast': {
      const from = typeOf(expr.expr, column);
      const length = expr.length;
      switch (expr.type) {
        case 'VARCHAR':
          return varchar(length ?? 1, from.nullable);
        case 'CHAR':
          return char(length ?? 1, from.nullable);
        case 'VARBINARY':
          return { name: 'VARBINARY', length: length ?? 1, nullable: from.nullable };
        case 'DECIMAL':
          return decimal(length ?? 5, expr.scale ?? 0, from.nullable);
        case 'INTEGER':
          return integer(from.nullable);
        case 'BIGINT':
          return bigint(from.nullable);
        default:
          throw sqlError('SQL0104', expr.type, 'VARCHAR CHAR VARBINARY DECIMAL INTEGER BIGINT');
      }
    }
    case 'case': {
      typeOf(expr.when, column);
      const then = typeOf(expr.then, column);
      if (expr.otherwise) typeOf(expr.otherwise, column);
      return { ...then, nullable: true };
    }
    case 'compare':
    case 'in':
    case 'like':
    case 'isNull':
    case 'and':
      for (const part of subExpressions(expr)) typeOf(part, column);
      return integer();
    case 'call':
      return callType(
        expr.name,
        expr.args.map((arg) => typeOf(arg, column)),
        expr.args,
      );
  }
}

function subExpressions(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'compare':
    case 'and':
      return [expr.left, expr.right];
    case 'in':
      return [expr.expr, ...expr.list];
    case 'like':
      return [expr.expr, expr.pattern];
    case 'isNull':
      return [expr.expr];
    default:
      return [];
  }
}

function callType(name: string, args: SqlType[], exprs: Expr[]): SqlType {
  const [first] = args;
  const arity = (n: number) => {
    if (args.length < n) throw sqlError('SQL0171', String(args.length + 1), name);
  };
  switch (name) {
    case 'LENGTH':
      arity(1);
      return integer(first!.nullable);
    case 'HEX':
      arity(1);
      // HEX takes a string of at most 16 336 bytes (IBM, "HEX", SQL reference 7.3). The
      // length *attribute* counts, at prepare time, not the length of a value.
      if (!(isString(first!) || isBinary(first!)) || first!.length > 16_336)
        throw sqlError('SQL0171', '1', 'HEX');
      return varchar(first!.length * 2, first!.nullable);
    case 'SUBSTR':
    case 'SUBSTRING': {
      arity(2);
      const lengthExpr = exprs[2];
      const length =
        lengthExpr?.kind === 'literal' && typeof lengthExpr.value === 'number'
          ? lengthExpr.value
          : first!.length;
      if (first!.name === 'BLOB') return blob(length, first!.nullable);
      if (isBinary(first!)) return { name: 'VARBINARY', length, nullable: first!.nullable };
      return varchar(length, first!.nullable);
    }
    default:
      throw sqlError('SQL0204', name, '*LIBL', 'N');
  }
}

export interface EvalContext {
  column(name: string): SqlValue;
  parameters: readonly SqlValue[];
  registers: { timezone: number; server: string };
}

const TRUE = 1;
const FALSE = 0;

export function evaluate(expr: Expr, ctx: EvalContext): SqlValue {
  switch (expr.kind) {
    case 'column':
      return ctx.column(expr.name);
    case 'literal':
      return expr.value;
    case 'parameter':
      return ctx.parameters[expr.index] ?? null;
    case 'register':
      return expr.name === 'CURRENT TIMEZONE' ? ctx.registers.timezone : ctx.registers.server;
    case 'cast': {
      const value = evaluate(expr.expr, ctx);
      if (value === null) return null;
      switch (expr.type) {
        case 'VARCHAR':
        case 'CHAR': {
          const text = value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : String(value);
          return expr.length === undefined ? text : text.slice(0, expr.length);
        }
        case 'VARBINARY': {
          const bytes = value instanceof Uint8Array ? value : Buffer.from(String(value), 'latin1');
          return expr.length === undefined ? bytes : bytes.subarray(0, expr.length);
        }
        default:
          return typeof value === 'bigint' ? value : Number(value);
      }
    }
    case 'case':
      return evaluate(expr.when, ctx) === TRUE
        ? evaluate(expr.then, ctx)
        : expr.otherwise
          ? evaluate(expr.otherwise, ctx)
          : null;
    case 'compare': {
      const order = compareValues(evaluate(expr.left, ctx), evaluate(expr.right, ctx));
      if (order === undefined) return null;
      const holds = {
        '=': order === 0,
        '<>': order !== 0,
        '<': order < 0,
        '>': order > 0,
        '<=': order <= 0,
        '>=': order >= 0,
      }[expr.op];
      return holds ? TRUE : FALSE;
    }
    case 'in': {
      const value = evaluate(expr.expr, ctx);
      return expr.list.some((item) => compareValues(value, evaluate(item, ctx)) === 0) ? TRUE : FALSE;
    }
    case 'like': {
      const value = evaluate(expr.expr, ctx);
      const pattern = evaluate(expr.pattern, ctx);
      if (value === null || pattern === null) return null;
      const regex = new RegExp(
        `^${[...String(pattern)].map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`,
        's',
      );
      return regex.test(String(value)) ? TRUE : FALSE;
    }
    case 'isNull':
      return (evaluate(expr.expr, ctx) === null) !== expr.not ? TRUE : FALSE;
    case 'and':
      return evaluate(expr.left, ctx) === TRUE && evaluate(expr.right, ctx) === TRUE ? TRUE : FALSE;
    case 'call':
      return callFunction(
        expr.name,
        expr.args.map((arg) => evaluate(arg, ctx)),
      );
  }
}

/** SQL comparison: numbers by value, strings with trailing blanks ignored; undefined when NULL. */
export function compareValues(a: SqlValue, b: SqlValue): number | undefined {
  if (a === null || b === null) return undefined;
  const numeric = (v: SqlValue) => typeof v === 'number' || typeof v === 'bigint';
  if (numeric(a) || numeric(b)) {
    const x = Number(a);
    const y = Number(b);
    if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) return x - y;
    const [p, q] = [BigInt(String(a)), BigInt(String(b))];
    return p < q ? -1 : p > q ? 1 : 0;
  }
  const x = String(a).replace(/ +$/, '');
  const y = String(b).replace(/ +$/, '');
  return x < y ? -1 : x > y ? 1 : 0;
}

function callFunction(name: string, args: SqlValue[]): SqlValue {
  const [first, second, third] = args;
  if (first === null || first === undefined) return null;
  switch (name) {
    case 'LENGTH':
      return first instanceof Uint8Array ? first.length : String(first).length;
    case 'HEX': {
      const bytes = first instanceof Uint8Array ? first : Buffer.from(String(first), 'latin1');
      return Buffer.from(bytes).toString('hex').toUpperCase();
    }
    case 'SUBSTR':
    case 'SUBSTRING': {
      const start = Number(second) - 1;
      const end = third === undefined ? undefined : start + Number(third);
      return first instanceof Uint8Array ? first.subarray(start, end) : String(first).slice(start, end);
    }
    default:
      throw sqlError('SQL0204', name, '*LIBL', 'N');
  }
}
