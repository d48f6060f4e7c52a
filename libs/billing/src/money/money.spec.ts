import { cents, dollars, formatMoney, parseMoney } from './money';

describe('money', () => {
  it.each([
    ['0', 0n],
    ['0.00', 0n],
    ['0.100', 100_000n],
    ['12.34', 12_340_000n],
    ['-1.5', -1_500_000n],
    ['0.0079', 7_900n],
    ['100.000000', 100_000_000n],
  ])('parses %s exactly', (text, micros) => expect(parseMoney(text)).toBe(micros));

  it.each(['1e3', 'abc', '1.2.3', '0.0000001'])('refuses %s', (text) => expect(() => parseMoney(text)).toThrow());

  it.each([
    [0n, '0.00'],
    [9_900_000n, '9.90'],
    [105_000n, '0.105'],
    [-100_000n, '-0.10'],
    [123_456_789n, '123.456789'],
  ])('formats %s as %s', (micros, text) => expect(formatMoney(micros)).toBe(text));

  it('sums without float drift: 0.1 × 3 is 0.30', () => {
    expect(formatMoney(parseMoney('0.1') * 3n)).toBe('0.30');
    expect(dollars(20) + cents(5)).toBe(20_050_000n);
  });
});
