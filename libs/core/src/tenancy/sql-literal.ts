/** A parameterised statement: `$1`, `$2`, … in `sql` stand for `params[0]`, `params[1]`, … */
export interface SqlStatement {
  sql: string;
  params: readonly unknown[];
}

/**
 * A value as a SQL literal, for the few places that must send several statements in one
 * simple-protocol message (which carries no parameters). Every value becomes a quoted, untyped
 * literal of the text node-postgres would send as the parameter (dates, arrays and JSON objects included) — which the server resolves exactly
 * as it resolves an untyped parameter, so `$1` and its literal mean the same in any statement.
 * Quoting follows libpq's PQescapeLiteral (node-postgres's escapeLiteral): quotes doubled, and an E''
 * string with doubled backslashes when there are any. Only scalars are accepted, and a string holding
 * NUL is refused: the protocol ends the message's text there, which would cut the statement.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return quoted(textOf(value));
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot inline the number ${value} as SQL`);
    return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error('Cannot inline an invalid Date as SQL');
    return localTimestamp(value);
  }
  if (Array.isArray(value)) return arrayText(value);
  // node-postgres sends any other object as its JSON (json/jsonb parameters).
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) return JSON.stringify(value);
  throw new Error(`Cannot inline a ${typeof value} as SQL`);
}

/**
 * A Date as node-postgres writes it (its dateToString): local time with its UTC offset. The same
 * instant as toISOString() for timestamptz, and the same wall-clock time for a column without time zone.
 */
function localTimestamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const zone = `${offset >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  const year = date.getFullYear();
  const era = year < 1 ? ' BC' : '';
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
  return `${pad(year < 1 ? 1 - year : year, 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${time}${zone}${era}`;
}

/** An array parameter as node-postgres writes it: `{"a","b",NULL}`, elements quoted and escaped. */
function arrayText(values: unknown[]): string {
  const elements = values.map((element) => {
    if (element === null || element === undefined) return 'NULL';
    if (Array.isArray(element)) return arrayText(element);
    return `"${textOf(element).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${elements.join(',')}}`;
}

function quoted(text: string): string {
  if (text.includes('\u0000')) throw new Error('Cannot inline a string holding NUL as SQL');
  const literal = `'${text.replace(/'/g, "''")}'`;
  return text.includes('\\') ? ` E${literal.replace(/\\/g, '\\\\')}` : literal;
}

/**
 * The statement with each `$n` replaced by its parameter as a literal. Statements handed here are the
 * product's own SQL text, whose only `$` are placeholders; a placeholder with no parameter is an error.
 */
export function inlineParameters({ sql, params }: SqlStatement): string {
  return inlineLiterals(sql, params.map(sqlLiteral));
}

/** inlineParameters, for parameters already written as literals (sqlLiteral). */
export function inlineLiterals(sql: string, literals: readonly string[]): string {
  return sql.replace(/\$(\d+)(?!\d)/g, (_, index: string) => {
    const i = Number(index) - 1;
    if (i < 0 || i >= literals.length) throw new Error(`Statement refers to $${index} but has ${literals.length} parameters`);
    return literals[i];
  });
}
