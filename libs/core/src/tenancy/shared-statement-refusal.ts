/**
 * What a unit of work may not send through a shared transaction (see SharedTransaction): anything that
 * ends, nests or reconfigures the transaction, prepares, executes or drops a named statement (the
 * shared transaction keeps its own on the session: session-statements.ts), changes a setting
 * (app.client_id, the role) for the statements after it, takes a session lock, leaves a temporary
 * table on the pooled session — and any text with more than one statement, which would also shift
 * every later unit's results by one.
 *
 * The checks run on the statement's code only (sqlCode): comments removed, literals emptied, quoted
 * identifiers unquoted, so neither `/* nested *\/ SET …` nor `"set_config"(…)` nor a `;` inside a string
 * decides anything.
 */
const CONTROL = /^(BEGIN|START|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE|EXECUTE|DEALLOCATE|SET|RESET|DISCARD|LISTEN|UNLISTEN|NOTIFY|LOCK|LOAD|CREATE\s+((LOCAL|GLOBAL)\s+)?(TEMP|TEMPORARY|UNLOGGED)\b)\b/i;
const SESSION_EFFECTS = /\b(set_config|pg_(try_)?advisory_lock(_shared)?|pg_advisory_unlock\w*)\s*\(/i;
const INTO_TEMP = /\bINTO\s+((LOCAL|GLOBAL)\s+)?(TEMP|TEMPORARY|UNLOGGED)\b/i;

/** What PREPARE takes: a SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, TABLE or WITH statement. */
const PREPARABLE = /^(SELECT|INSERT|UPDATE|DELETE|MERGE|VALUES|TABLE|WITH)\b/i;

/** What a shared transaction makes of a statement text. */
export interface SharedStatementVerdict {
  /** Why it cannot travel in a shared transaction, or null when it can. */
  refusal: string | null;
  /** Whether PREPARE takes it (session-statements.ts); SHOW, EXPLAIN, … travel inlined. */
  preparable: boolean;
}

/**
 * Verdicts by statement text. The hot webhooks send the same few parameterized texts over and over
 * (the values travel apart), and scanning a text costs more than the rest of its trip through the
 * shared transaction; the oldest verdict goes first once the map is full.
 */
const verdicts = new Map<string, SharedStatementVerdict>();
const MAX_VERDICTS = 1000;

/** The verdict on `text`, its code scanned once however often it is sent. */
export function sharedStatementVerdict(text: string): SharedStatementVerdict {
  const known = verdicts.get(text);
  if (known !== undefined) return known;
  const code = sqlCode(text);
  const verdict = { refusal: refusalOf(code), preparable: PREPARABLE.test(code.replace(/^[\s(]+/, '')) };
  if (verdicts.size >= MAX_VERDICTS) verdicts.delete(verdicts.keys().next().value!);
  verdicts.set(text, verdict);
  return verdict;
}

/** Why `text` cannot travel in a shared transaction, or null when it can. */
export function sharedStatementRefusal(text: string): string | null {
  return sharedStatementVerdict(text).refusal;
}

function refusalOf(code: string): string | null {
  if (/;\s*\S/.test(code)) return 'A shared transaction takes one statement at a time';
  const control = CONTROL.exec(code.replace(/^[\s(]+/, ''));
  if (control) return `A shared transaction cannot run ${control[0].toUpperCase()}`;
  const effect = SESSION_EFFECTS.exec(code);
  if (effect) return `A shared transaction cannot call ${effect[1]}()`;
  return INTO_TEMP.test(code) ? 'A shared transaction cannot create a temporary table' : null;
}

/**
 * The code of a SQL text, as Postgres's lexer sees it: comments (`--`, nested `/* *\/`) become a
 * space, string literals ('…' with '' inside, E'…' with backslash escapes, $tag$…$tag$) become '',
 * and a quoted identifier becomes its name with anything but word characters as `_`.
 */
export function sqlCode(text: string): string {
  let code = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      code += ' ';
    } else if (c === '/' && next === '*') {
      i = afterBlockComment(text, i);
      code += ' ';
    } else if (c === "'") {
      i = afterString(text, i, /(^|[^\w$])[eE]$/.test(code));
      code += "''";
    } else if (c === '"') {
      const end = afterQuoted(text, i, '"');
      code += text.slice(i + 1, end - 1).replace(/\W/g, '_');
      i = end;
    } else if (c === '$' && !/[\w$]$/.test(code) && /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(text.slice(i))) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i))![0];
      const end = text.indexOf(tag, i + tag.length);
      i = end < 0 ? text.length : end + tag.length;
      code += "''";
    } else {
      code += c;
      i++;
    }
  }
  return code;
}

function afterBlockComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return text.length;
}

/** The index after a '…' literal starting at `start`; in an E'…' string a backslash escapes the next character. */
function afterString(text: string, start: number, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    if (backslashEscapes && text[i] === '\\') i += 2;
    else if (text[i] === "'") {
      if (text[i + 1] === "'") i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

function afterQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}
