import { areaCodeOf, isE164, toE164 } from './e164';

describe('toE164', () => {
  it.each([
    ['(656) 600-1400', '+16566001400'],
    ['656-600-1400', '+16566001400'],
    ['656.600.1400', '+16566001400'],
    ['6566001400', '+16566001400'],
    ['1 656 600 1400', '+16566001400'],
    ['+1 (656) 600-1400', '+16566001400'],
    ['+16566001400', '+16566001400'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads %s as %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each(['', '12345', '156-600-1400', '656-100-1400', '+1 156 600 1400', 'call me', "6566001400'; DROP TABLE clients;--", '9'.repeat(40)])(
    'refuses %s',
    (input) => {
      expect(toE164(input)).toBeNull();
    },
  );
});

describe('isE164 / areaCodeOf', () => {
  it('recognises E.164 and extracts NANP area codes', () => {
    expect(isE164('+18886103810')).toBe(true);
    expect(isE164('8886103810')).toBe(false);
    expect(areaCodeOf('+16566001400')).toBe('656');
    expect(areaCodeOf('+442079460958')).toBeNull();
  });
});
