import { understand } from './understanding-test-kit';

describe('RuleUnderstanding: phone numbers', () => {
  const cases: Array<[string, string | undefined]> = [
    ['five five five, one two three, four five six seven', '+15551234567'],
    ['my number is 555-123-4567', '+15551234567'],
    ["It's 212 555 0142", '+12125550142'],
    ['(415) 555-2671', '+14155552671'],
    ['one four one five five five five two six seven one', '+14155552671'],
    ['1 415 555 2671', '+14155552671'],
    ['two one two, five five five, oh one four two', '+12125550142'],
    ['five five five, one two three, forty five sixty seven', '+15551234567'],
    ['double five five, one two three, four five six seven', '+15551234567'],
    ['eight hundred five five five one two one two', '+18005551212'],
    ['+44 20 7946 0958', '+442079460958'],
    ['plus four four, two zero, seven nine four six, zero nine five eight', '+442079460958'],
    // not (complete) numbers
    ['call me at 555 1234', undefined],
    ['yes this number is fine', undefined],
    ['tomorrow at 2', undefined],
    ['0123456789', undefined],
  ];

  it.each(cases)('%j → %s', (utterance, phone) => {
    expect(understand(utterance, 'phone').phone).toBe(phone);
  });

  it('does not read the digits of a phone number as a time', () => {
    const understood = understand('five five five, one two three, twelve thirty', 'phone');
    expect(understood.phone).toBe('+15551231230');
    expect(understood.time).toBeUndefined();
  });

  it('confirms the calling number with a plain yes', () => {
    expect(understand('Yes, that number is good for a text', 'phone')).toMatchObject({ answer: 'yes' });
  });
});
