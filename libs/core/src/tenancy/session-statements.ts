import { randomBytes } from 'node:crypto';
import { sharedStatementVerdict } from './shared-statement-refusal';
import { inlineLiterals } from './sql-literal';

/** Named statements one pooled session has prepared: statement text → name. */
const preparedBySession = new WeakMap<object, Map<string, string>>();
/**
 * Names are never reused, so a statement prepared by a message whose fate is unknown can never
 * collide; the prefix is this process's own, so two processes (or two copies of this module) whose
 * statements ever met on one server session could not execute each other's. Shared transactions need
 * session-level connections: a transaction-mode pooler would run an EXECUTE on a session that never
 * saw its PREPARE (the attempt would fail, and every unit run alone).
 */
const PREFIX = `ringlypro_${randomBytes(4).toString('hex')}_s`;
let sequence = 0;
/**
 * More distinct texts than the hot webhooks send (a few dozen): past it a session prepares nothing
 * more, and further texts travel with their values inlined, as every statement once did.
 */
const MAX_PREPARED_PER_SESSION = 200;

/**
 * How a shared transaction's statement travels in a simple-protocol message (which carries no
 * parameters), its values already written as literals (sqlLiteral): as `EXECUTE name('…', …)` of a
 * statement the session has prepared — preceded, the first time the session sees the text, by
 * `PREPARE name AS <text>` in the same message. Postgres then
 * parses and plans a webhook's statement once per session instead of on every request; planning the
 * billing statements (CTEs under row-level security) cost it more than running them.
 *
 * The text is prepared exactly as the extended protocol parses it for TenantDatabase.run (parameter
 * types inferred from their use), and each value is an untyped literal of the text node-postgres would
 * send (sqlLiteral), so a statement means the same in either transport. Prepared statements outlive
 * rolled-back transactions but not the session: after a failed transaction the session's statements
 * are forgotten here and deallocated there (forgetSessionStatements).
 */
export function statementParts(session: object, text: string, literals: readonly string[]): string[] {
  let prepared = preparedBySession.get(session);
  if (!prepared) preparedBySession.set(session, (prepared = new Map()));
  const name = prepared.get(text);
  const execute = (statement: string) => (literals.length === 0 ? `EXECUTE ${statement}` : `EXECUTE ${statement}(${literals.join(', ')})`);
  if (name) return [execute(name)];
  // A text PREPARE would reject (SHOW, EXPLAIN, …) travels inlined.
  if (prepared.size >= MAX_PREPARED_PER_SESSION || !sharedStatementVerdict(text).preparable) return [inlineLiterals(text, literals)];
  const fresh = `${PREFIX}${++sequence}`;
  prepared.set(text, fresh);
  return [`PREPARE ${fresh} AS ${text}`, execute(fresh)];
}

/** The session's prepared statements are no longer known here; the caller deallocates them there (DEALLOCATE ALL). */
export function forgetSessionStatements(session: object): boolean {
  return preparedBySession.delete(session);
}
