import { inlineParameters, sqlLiteral } from './sql-literal';

describe('sqlLiteral', () => {
  it('quotes strings as libpq does: quotes doubled, backslashes in an E string', () => {
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral('a\\b')).toBe(" E'a\\\\b'");
    expect(sqlLiteral("\\'; DROP TABLE calls; --")).toBe(" E'\\\\''; DROP TABLE calls; --'");
    expect(sqlLiteral('')).toBe("''");
    expect(sqlLiteral('😀 \ud800 é')).toBe("'😀 \ud800 é'");
  });

  it('writes every scalar as an untyped literal of its parameter text, and refuses what cannot be one', () => {
    expect([sqlLiteral(null), sqlLiteral(undefined), sqlLiteral(true), sqlLiteral(false), sqlLiteral(-12.5), sqlLiteral(10n)]).toEqual(['NULL', 'NULL', "'true'", "'false'", "'-12.5'", "'10'"]);
    // As node-postgres sends it: local time with the offset, so the same instant whatever the zone.
    const date = new Date('2026-11-29T03:04:05.678Z');
    const literal = sqlLiteral(date);
    expect(literal).toMatch(/^'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.678[+-]\d\d:\d\d'$/);
    expect(new Date(literal.slice(1, -1)).getTime()).toBe(date.getTime());
    expect(() => sqlLiteral('a\u0000b')).toThrow(/NUL/);
    expect(() => sqlLiteral(Number.NaN)).toThrow(/NaN/);
    expect(() => sqlLiteral(Infinity)).toThrow(/Infinity/);
    expect(() => sqlLiteral(new Date('nope'))).toThrow(/invalid Date/);
    expect(() => sqlLiteral(new Map())).toThrow(/object/);
    expect(() => sqlLiteral(Buffer.from('x'))).toThrow(/object/);
    expect(() => sqlLiteral(() => 1)).toThrow(/function/);
  });

  it('writes arrays and JSON objects as node-postgres sends them', () => {
    expect(sqlLiteral(['completed', 'a"b', 'c\\d', null, 3])).toBe(` E'{"completed","a\\\\"b","c\\\\\\\\d",NULL,"3"}'`);
    expect(sqlLiteral([[1, 2], []])).toBe(`'{{"1","2"},{}}'`);
    expect(sqlLiteral({ a: "it's" })).toBe(`'{"a":"it''s"}'`);
  });
});

describe('inlineParameters', () => {
  it('replaces each placeholder once, never rescanning a value that looks like one', () => {
    expect(inlineParameters({ sql: 'SELECT $1, $2, $10', params: ['$2', "it's", 1, 2, 3, 4, 5, 6, 7, 10] })).toBe("SELECT '$2', 'it''s', '10'");
  });

  it('refuses a placeholder without a parameter', () => {
    expect(() => inlineParameters({ sql: 'SELECT $2', params: [1] })).toThrow(/\$2/);
    expect(() => inlineParameters({ sql: 'SELECT $0', params: [1] })).toThrow(/\$0/);
  });
});
