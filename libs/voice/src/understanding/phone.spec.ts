import { toE164 } from '@ringlypro/core';
import { understand } from './understanding-test-kit';

describe('RuleUnderstanding: phone numbers', () => {
  const cases: Array<[string, string | undefined]> = [
    ['five five five, two three four, five six seven eight', '+15552345678'],
    ['my number is 555-234-5678', '+15552345678'],
    ["It's 212 555 0142", '+12125550142'],
    ['(415) 555-2671', '+14155552671'],
    ['one four one five five five five two six seven one', '+14155552671'],
    ['1 415 555 2671', '+14155552671'],
    ['+1 415 555 2671', '+14155552671'],
    ['two one two, five five five, oh one four two', '+12125550142'],
    ['five five five, two three four, fifty six seventy eight', '+15552345678'],
    ['double five five, two three four, five six seven eight', '+15552345678'],
    ['eight hundred five five five two one two one', '+18005552121'],
    ['+44 20 7946 0958', '+442079460958'],
    ['plus four four, two zero, seven nine four six, zero nine five eight', '+442079460958'],
    // not (complete, dialable) numbers
    ['call me at 555 2345', undefined],
    ['555-123-4567', undefined],
    ['yes this number is fine', undefined],
    ['tomorrow at 2', undefined],
    ['0123456789', undefined],
  ];

  it.each(cases)('%j → %s', (utterance, phone) => {
    expect(understand(utterance, 'phone').phone).toBe(phone);
  });

  it.each([
    '2125550142', '12125550142', '+12125550142', '5551234567', '15551234567', '+15551234567', '1234567890', '+442079460958',
    '+4420', '0207946095', '8005552121', '+18005552121', '2120550142', '+1212055014',
  ])('accepts %s exactly when @ringlypro/core would store it', (digits) => {
    const spoken = digits.split('').join(' ').replace('+', 'plus');
    expect(understand(spoken, 'phone').phone).toBe(toE164(digits) ?? undefined);
  });

  it('does not read the digits of a phone number as a time', () => {
    const understood = understand('five five five, two three four, twelve thirty', 'phone');
    expect(understood.phone).toBe('+15552341230');
    expect(understood.time).toBeUndefined();
  });

  it('confirms the calling number with a plain yes', () => {
    expect(understand('Yes, that number is good for a text', 'phone')).toMatchObject({ answer: 'yes' });
  });
});
