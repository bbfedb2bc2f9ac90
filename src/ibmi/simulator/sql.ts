/**
 * The slice of Db2 for i SQL the simulated IBM i understands: the queries AuditRelay sends
 * (QSYS2.DISPLAY_JOURNAL with named arguments, CURRENT TIMEZONE / CURRENT SERVER) and the
 * scalar functions they use (HEX, CAST, SUBSTRING, LENGTH, CASE). Anything else is answered
 * with SQLSTATE 42601 like a real server would answer a statement it cannot parse.
 */

export type SqlValue = string | number | Uint8Array | null;

export type Expr =
  | { kind: 'column'; name: string }
  | { kind: 'literal'; value: SqlValue }
  | { kind: 'parameter'; index: number }
  | { kind: 'register'; name: 'CURRENT TIMEZONE' | 'CURRENT SERVER' }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'cast'; expr: Expr; type: string; length: number | undefined }
  | { kind: 'case'; when: Expr; then: Expr; otherwise: Expr | undefined }
  | { kind: 'compare'; op: '>' | '<' | '=' | '>=' | '<='; left: Expr; right: Expr };

export interface SelectItem {
  expr: Expr;
  alias: string;
}

export interface Statement {
  items: SelectItem[];
  /** Named arguments of QSYS2.DISPLAY_JOURNAL, or undefined for a query without it. */
  displayJournal: Map<string, Expr> | undefined;
  fetchFirst: number | undefined;
  parameterCount: number;
}

export class SqlError extends Error {
  constructor(
    message: string,
    readonly sqlState: string,
    readonly sqlCode: number,
  ) {
    super(message);
  }
}

const syntaxError = (detail: string) => new SqlError(`Token ${detail} was not valid.`, '42601', -104);

type Token = { type: 'word' | 'number' | 'string' | 'symbol'; text: string };

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(=>|>=|<=|[(),.?*=<>])|('(?:[^']|'')*')|(\d+)|([A-Za-z_][A-Za-z0-9_$#@]*))/y;
  let index = 0;
  while (index < sql.length) {
    if (/^\s*$/.test(sql.slice(index))) break;
    pattern.lastIndex = index;
    const m = pattern.exec(sql);
    if (!m) throw syntaxError(JSON.stringify(sql.slice(index, index + 10).trim()));
    index = pattern.lastIndex;
    if (m[1]) tokens.push({ type: 'symbol', text: m[1] });
    else if (m[2]) tokens.push({ type: 'string', text: m[2].slice(1, -1).replaceAll("''", "'") });
    else if (m[3]) tokens.push({ type: 'number', text: m[3] });
    else if (m[4]) tokens.push({ type: 'word', text: m[4].toUpperCase() });
  }
  return tokens;
}

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

  expect(text: string): void {
    if (!this.accept(text)) throw syntaxError(this.peek()?.text ?? '<END-OF-STATEMENT>');
  }

  word(): string {
    const t = this.peek();
    if (t?.type !== 'word') throw syntaxError(t?.text ?? '<END-OF-STATEMENT>');
    this.position++;
    return t.text;
  }

  number(): number {
    const t = this.peek();
    if (t?.type !== 'number') throw syntaxError(t?.text ?? '<END-OF-STATEMENT>');
    this.position++;
    return Number(t.text);
  }

  done(): boolean {
    return this.position >= this.tokens.length;
  }

  expression(): Expr {
    const left = this.primary();
    const t = this.peek();
    if (t?.type === 'symbol' && ['>', '<', '=', '>=', '<='].includes(t.text)) {
      this.position++;
      return { kind: 'compare', op: t.text as '>', left, right: this.primary() };
    }
    return left;
  }

  primary(): Expr {
    const t = this.peek();
    if (!t) throw syntaxError('<END-OF-STATEMENT>');
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
    if (t.type !== 'word') throw syntaxError(t.text);
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
      const type = this.word();
      let length: number | undefined;
      if (this.accept('(')) {
        length = this.number();
        this.expect(')');
      }
      this.expect(')');
      return { kind: 'cast', expr, type, length };
    }
    if (t.text === 'CASE') {
      this.position++;
      this.expect('WHEN');
      const when = this.expression();
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
    this.position++;
    if (this.accept('(')) {
      const args: Expr[] = [];
      if (!this.accept(')')) {
        do args.push(this.expression());
        while (this.accept(','));
        this.expect(')');
      }
      return { kind: 'call', name: t.text, args };
    }
    let name = t.text;
    // Qualified column (correlation name): J.ENTRY_DATA
    if (this.accept('.')) name = this.word();
    return { kind: 'column', name };
  }
}

export function parseStatement(sql: string): Statement {
  const p = new Parser(tokenize(sql));
  const items: SelectItem[] = [];
  let displayJournal: Map<string, Expr> | undefined;
  if (p.accept('VALUES')) {
    const paren = p.accept('(');
    do {
      const expr = p.expression();
      items.push({ expr, alias: String(items.length + 1).padStart(5, '0') });
    } while (p.accept(','));
    if (paren) p.expect(')');
  } else {
    p.expect('SELECT');
    do {
      const expr = p.expression();
      let alias = expr.kind === 'column' ? expr.name : String(items.length + 1).padStart(5, '0');
      if (p.accept('AS')) alias = p.word();
      items.push({ expr, alias });
    } while (p.accept(','));
    p.expect('FROM');
    if (p.accept('TABLE')) {
      p.expect('(');
      const schema = p.word();
      p.expect('.');
      const fn = p.word();
      if (`${schema}.${fn}` !== 'QSYS2.DISPLAY_JOURNAL') {
        throw new SqlError(`${fn} in ${schema} type *N not found.`, '42704', -204);
      }
      p.expect('(');
      displayJournal = new Map();
      if (!p.accept(')')) {
        do {
          const name = p.word();
          p.expect('=>');
          displayJournal.set(name, p.expression());
        } while (p.accept(','));
        p.expect(')');
      }
      p.expect(')');
      if (p.accept('AS') || p.peek()?.type === 'word') {
        if (!p.isWord('FETCH')) p.word();
      }
    } else {
      const schema = p.word();
      p.expect('.');
      const table = p.word();
      if (`${schema}.${table}` !== 'SYSIBM.SYSDUMMY1') {
        throw new SqlError(`${table} in ${schema} type *FILE not found.`, '42704', -204);
      }
    }
  }
  let fetchFirst: number | undefined;
  if (p.accept('FETCH')) {
    p.expect('FIRST');
    fetchFirst = p.number();
    if (!p.accept('ROWS')) p.expect('ROW');
    p.expect('ONLY');
  }
  if (!p.done()) throw syntaxError(p.peek()!.text);
  return { items, displayJournal, fetchFirst, parameterCount: p.parameterCount };
}

export interface EvalContext {
  column(name: string): SqlValue;
  parameters: readonly SqlValue[];
  registers: { timezone: number; server: string };
}

export function evaluate(expr: Expr, ctx: EvalContext): SqlValue {
  switch (expr.kind) {
    case 'column':
      return ctx.column(expr.name);
    case 'literal':
      return expr.value;
    case 'parameter': {
      if (expr.index >= ctx.parameters.length)
        throw new SqlError('Parameter marker not bound.', '07001', -313);
      return ctx.parameters[expr.index] ?? null;
    }
    case 'register':
      return expr.name === 'CURRENT TIMEZONE' ? ctx.registers.timezone : ctx.registers.server;
    case 'cast': {
      const value = evaluate(expr.expr, ctx);
      if (value === null) return null;
      if (expr.type === 'VARCHAR' || expr.type === 'CHAR') {
        const text = value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : String(value);
        return expr.length === undefined ? text : text.slice(0, expr.length);
      }
      if (expr.type === 'VARBINARY' || expr.type === 'BINARY') {
        if (!(value instanceof Uint8Array)) throw new SqlError('Cast to binary not valid.', '42846', -461);
        return expr.length === undefined ? value : value.subarray(0, expr.length);
      }
      if (expr.type === 'DECIMAL' || expr.type === 'BIGINT' || expr.type === 'INTEGER') return Number(value);
      throw new SqlError(`Data type ${expr.type} not supported by the simulator.`, '42601', -104);
    }
    case 'case': {
      const when = evaluate(expr.when, ctx);
      return when === 1 ? evaluate(expr.then, ctx) : expr.otherwise ? evaluate(expr.otherwise, ctx) : null;
    }
    case 'compare': {
      const left = evaluate(expr.left, ctx);
      const right = evaluate(expr.right, ctx);
      if (left === null || right === null) return null;
      const a = Number(left);
      const b = Number(right);
      const result =
        expr.op === '>'
          ? a > b
          : expr.op === '<'
            ? a < b
            : expr.op === '='
              ? a === b
              : expr.op === '>='
                ? a >= b
                : a <= b;
      return result ? 1 : 0;
    }
    case 'call':
      return callFunction(
        expr.name,
        expr.args.map((arg) => evaluate(arg, ctx)),
      );
  }
}

function callFunction(name: string, args: SqlValue[]): SqlValue {
  const [first, second, third] = args;
  switch (name) {
    case 'LENGTH':
      if (first === null || first === undefined) return null;
      return first instanceof Uint8Array ? first.length : String(first).length;
    case 'HEX': {
      if (first === null || first === undefined) return null;
      const bytes = first instanceof Uint8Array ? first : Buffer.from(String(first), 'latin1');
      // Db2 for i limits HEX's argument to 16 336 bytes (IBM, "HEX", SQL reference 7.3).
      if (bytes.length > 16336) throw new SqlError('Argument of HEX too long.', '42815', -171);
      return Buffer.from(bytes).toString('hex').toUpperCase();
    }
    case 'SUBSTRING':
    case 'SUBSTR': {
      if (first === null || first === undefined) return null;
      const start = Number(second) - 1;
      if (first instanceof Uint8Array) {
        return third === undefined ? first.subarray(start) : first.subarray(start, start + Number(third));
      }
      const text = String(first);
      return third === undefined ? text.slice(start) : text.slice(start, start + Number(third));
    }
    default:
      throw new SqlError(`${name} in *LIBL type *N not found.`, '42884', -204);
  }
}
