import { CARRIERS, dialDigits, findCarrier, forwardingSetup } from './carrier-codes';

const RACHEL = '+18886103810';
const BUSINESS = '+16566001400';

describe('carrier forwarding codes', () => {
  it('covers the nine carriers of the seed', () => {
    expect(CARRIERS.map((c) => c.id)).toEqual(['att', 'verizon', 'tmobile', 'sprint', 'uscellular', 'boost', 'metro', 'visible', 'cricket']);
  });

  it.each([
    ['att', '*61*8886103810#', '##61#', '*#61#'],
    ['cricket', '*61*8886103810#', '##61#', '*#61#'],
    ['tmobile', '**61*18886103810#', '##61#', '*#61#'],
    ['metro', '**61*18886103810#', '##61#', '*#61#'],
    ['sprint', '**61*18886103810#', '##61#', '*#61#'],
    ['boost', '**61*18886103810#', '##61#', '*#61#'],
    ['verizon', '*718886103810', '*73', null],
    ['visible', '*718886103810', '*73', null],
    ['uscellular', '*718886103810', '*73', null],
  ])('%s: activate %s, deactivate %s, check %s', (id, activation, deactivation, check) => {
    const setup = forwardingSetup(findCarrier(id)!, RACHEL, BUSINESS);
    expect(setup).toMatchObject({ activation_code: activation, deactivation_code: deactivation, check_code: check, forward_to: RACHEL });
    expect(setup.instructions.join(' ')).toContain(activation);
    expect(setup.instructions.join(' ')).toContain(deactivation);
  });

  it('warns T-Mobile-network owners that voicemail rides on conditional forwarding', () => {
    for (const id of ['tmobile', 'metro', 'sprint']) {
      expect(forwardingSetup(findCarrier(id)!, RACHEL, BUSINESS).caveats.join(' ')).toMatch(/voicemail/i);
    }
    expect(forwardingSetup(findCarrier('sprint')!, RACHEL, BUSINESS).caveats.join(' ')).toMatch(/T-Mobile/);
  });

  it('finds carriers case-insensitively and refuses unknown ones', () => {
    expect(findCarrier('ATT')?.name).toBe('AT&T');
    expect(findCarrier('vodafone')).toBeUndefined();
  });

  it('writes the number in the digit form the carrier wants, and refuses non-NANP numbers', () => {
    expect(dialDigits(RACHEL, 'ten')).toBe('8886103810');
    expect(dialDigits(RACHEL, 'eleven')).toBe('18886103810');
    expect(() => dialDigits('+442079460958', 'ten')).toThrow(/\+1/);
  });
});
