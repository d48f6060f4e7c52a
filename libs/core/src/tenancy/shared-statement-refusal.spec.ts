import { sharedStatementRefusal, sqlCode } from './shared-statement-refusal';

describe('sqlCode', () => {
  it('keeps the code and empties literals, comments and quoted names as the lexer reads them', () => {
    expect(sqlCode(`SELECT 'a;b''c', E'x\\';y', $tag$ ; $tag$, $$;$$, "we;ird" FROM t -- ; note\nWHERE x = $1 /* a /* b */ ; */`)).toBe(
      `SELECT '', E'', '', '', we_ird FROM t  \nWHERE x = $1  `,
    );
  });
});

describe('sharedStatementRefusal', () => {
  it.each([
    'SELECT 1; RESET ROLE',
    "SELECT 'x'; SELECT 2",
    'SET LOCAL statement_timeout = 0',
    '/* x /* y */ z */ SET LOCAL statement_timeout = 0',
    '-- note\n  ( SAVEPOINT s',
    'RESET ROLE',
    'LOCK TABLE calls',
    `SELECT "set_config"('app.client_id', '2', true)`,
    `SELECT pg_catalog.set_config('app.client_id', '2', false)`,
    'SELECT pg_advisory_lock(1)',
    'SELECT pg_try_advisory_lock_shared(1)',
    'CREATE LOCAL TEMP TABLE x (a int)',
    'CREATE UNLOGGED TABLE x (a int)',
    'SELECT 1 AS x INTO TEMPORARY y',
    'COMMIT',
    'EXECUTE ringlypro_s1(1)',
    'DEALLOCATE ALL',
  ])('refuses %p', (text) => expect(sharedStatementRefusal(text)).not.toBeNull());

  it.each([
    'SELECT 1;',
    "SELECT 'BEGIN; SET ROLE x' AS text",
    'INSERT INTO calls (text) VALUES ($1) ON CONFLICT DO NOTHING',
    'SELECT pg_advisory_xact_lock($1, $2)',
    'WITH moved AS (UPDATE calls SET status = $1 RETURNING id) SELECT id FROM moved',
    `SELECT "a"."id" AS "a_id" FROM "credit_accounts" "a" WHERE "a"."client_id" = $1 FOR UPDATE`,
    `SELECT $$ ; RESET ROLE $$`,
  ])('lets %p through', (text) => expect(sharedStatementRefusal(text)).toBeNull());

  it('gives a text the same verdict every time, however many other texts came between', () => {
    const refused = 'SELECT 1; RESET ROLE';
    const allowed = 'SELECT id FROM calls WHERE twilio_call_sid = $1';
    expect(sharedStatementRefusal(refused)).not.toBeNull();
    expect(sharedStatementRefusal(allowed)).toBeNull();
    // More distinct texts than the verdicts kept: the first two are forgotten, then judged again.
    for (let i = 0; i < 2500; i++) expect(sharedStatementRefusal(i % 2 ? `SELECT ${i}` : `SELECT ${i}; SET ROLE x`)).toEqual(i % 2 ? null : expect.any(String));
    expect(sharedStatementRefusal(refused)).not.toBeNull();
    expect(sharedStatementRefusal(allowed)).toBeNull();
    expect(sharedStatementRefusal(refused)).not.toBeNull();
  });
});
