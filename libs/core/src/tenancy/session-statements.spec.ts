import { forgetSessionStatements, statementParts } from './session-statements';

describe('statementParts', () => {
  it('prepares a text the first time a session sends it, then only executes it', () => {
    const session = {};
    const [prepare, execute] = statementParts(session, 'SELECT $1::int + $2::int', ['1', "'2'"]);
    const name = /^PREPARE (ringlypro_[0-9a-f]{8}_s\d+) AS SELECT \$1::int \+ \$2::int$/.exec(prepare)![1];
    expect(execute).toBe(`EXECUTE ${name}(1, '2')`);
    expect(statementParts(session, 'SELECT $1::int + $2::int', ['3', '4'])).toEqual([`EXECUTE ${name}(3, 4)`]);
    expect(statementParts(session, 'SELECT now()', [])).toEqual([expect.stringMatching(/^PREPARE ringlypro_[0-9a-f]{8}_s\d+ AS SELECT now\(\)$/), expect.stringMatching(/^EXECUTE ringlypro_[0-9a-f]{8}_s\d+$/)]);
  });

  it('prepares per session, under a name never used before, also after the session was forgotten', () => {
    const [one, other] = [{}, {}];
    const first = statementParts(one, 'SELECT 1', [])[0];
    const second = statementParts(other, 'SELECT 1', [])[0];
    expect(first).not.toEqual(second);
    expect(forgetSessionStatements(one)).toBe(true);
    expect(forgetSessionStatements(one)).toBe(false);
    const again = statementParts(one, 'SELECT 1', []);
    expect(again).toHaveLength(2);
    expect(again[0]).not.toEqual(first);
  });

  it('sends a text PREPARE cannot take (SHOW, EXPLAIN, …) with its values inlined, every time', () => {
    const session = {};
    expect(statementParts(session, 'SHOW TimeZone', [])).toEqual(['SHOW TimeZone']);
    expect(statementParts(session, 'EXPLAIN SELECT $1::int', ['7'])).toEqual(['EXPLAIN SELECT 7::int']);
    expect(statementParts(session, '/* note */ (SELECT $1::int)', ['7'])).toEqual([expect.stringMatching(/^PREPARE /), expect.stringMatching(/^EXECUTE /)]);
  });

  it('past 200 texts a session prepares nothing more and sends further texts with their values inlined', () => {
    const session = {};
    for (let i = 0; i < 200; i++) expect(statementParts(session, `SELECT ${i}`, [])).toHaveLength(2);
    expect(statementParts(session, 'SELECT $1::text', ["'x'"])).toEqual(["SELECT 'x'::text"]);
    expect(statementParts(session, 'SELECT 5', [])).toEqual([expect.stringMatching(/^EXECUTE ringlypro_[0-9a-f]{8}_s\d+$/)]);
  });
});
