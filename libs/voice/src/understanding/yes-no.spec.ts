import { type Understood } from './understanding';
import { understand } from './understanding-test-kit';

describe('RuleUnderstanding: yes and no', () => {
  const yes = [
    'yes', 'Yes.', 'yeah', 'yep', 'yup', 'sure', 'Sure thing!', 'ok', 'okay', 'alright', 'correct', "that's right", 'absolutely',
    'of course', 'that works', 'that works for me', 'sounds good', 'Sounds great, thanks', 'perfect', 'great', 'go ahead',
    'please do', 'book it', "let's do it", 'yes please', 'uh-huh', 'mm-hmm', "that's fine", 'yeah, that is perfect', 'Sí',
    'let me think... yes', 'go for it', 'please', 'yeah sure why not', 'this number is fine', 'you can use this number',
  ];
  it.each(yes)('%j → yes', (utterance) => {
    expect(understand(utterance, 'confirmation').answer).toBe('yes');
  });

  const no = [
    'no', 'No.', 'nope', 'nah', 'no thanks', 'no thank you', "that doesn't work", "That doesn't really work for me", "that won't work",
    "I can't make that", 'not really', 'negative', "no, that's wrong", 'not good', 'never mind', 'do you have anything earlier?',
    'another day would be better', "hmm, I'd rather not", 'that is not fine', 'No, I said Wednesday',
  ];
  it.each(no)('%j → no', (utterance) => {
    expect(understand(utterance, 'confirmation').answer).toBe('no');
  });

  const rejectionsWithNewTime: Array<[string, Partial<Understood>]> = [
    ["hmm, that doesn't work, how about 3:30 instead?", { answer: 'no', time: '15:30' }],
    ['how about 4?', { answer: 'no', time: '16:00' }],
    ['what about Tuesday at 10', { answer: 'no', date: '2026-03-10', time: '10:00' }],
    ['can we do 2 instead', { answer: 'no', time: '14:00' }],
    ['no, tomorrow afternoon', { answer: 'no', date: '2026-03-08', timeRange: { from: '12:00', to: '17:00' } }],
    ['Nope. Could we make it a quarter past 11?', { answer: 'no', time: '11:15' }],
  ];
  it.each(rejectionsWithNewTime)('%j → %j', (utterance, expected) => {
    expect(understand(utterance, 'confirmation')).toMatchObject(expected);
  });

  it.each(['I have a question', 'what was the date again', 'hmm', 'I know the place', 'is that fine', 'yesterday', 'it is about my appointment'])('%j is neither yes nor no', (utterance) => {
    expect(understand(utterance, 'confirmation').answer).toBeUndefined();
  });

  it('"I can\'t make it" to an offered time is a no, not a cancellation', () => {
    expect(understand("I can't make it at 2, how about 3?", 'confirmation')).toMatchObject({ intent: null, answer: 'no', time: '15:00' });
    expect(understand("I can't make it on Tuesday", 'intent')).toMatchObject({ intent: 'cancel', date: '2026-03-10' });
  });

  it.each([
    ['no, 4', { answer: 'no', time: '16:00' }],
    ['4 instead', { answer: 'no', time: '16:00' }],
    ['yes, 1 more question', { answer: 'yes' }],
  ] as const)('a lone number to a yes/no question: %j → %j', (utterance, expected) => {
    const understood = understand(utterance, 'confirmation');
    expect(understood).toMatchObject(expected);
    if (!('time' in expected)) expect(understood.time).toBeUndefined();
  });

  it.each([
    ['2:30 works', { answer: 'yes', time: '14:30' }],
    ['the first one', { answer: 'yes', choice: 'first' }],
    ['The second one, please.', { answer: 'yes', choice: 'second' }],
    ['the later one', { answer: 'yes', choice: 'second' }],
    ['I will take the earlier one', { answer: 'yes', choice: 'first' }],
    ['either is fine', { answer: 'yes' }],
    ['none of those', { answer: 'no' }],
    ['neither', { answer: 'no' }],
  ] as const)('picking among offered times: %j → %j', (utterance, expected) => {
    expect(understand(utterance, 'confirmation')).toMatchObject(expected);
  });

  it('reads a pick by position only when Rachel asked a yes/no question', () => {
    expect(understand('the first one', 'intent').choice).toBeUndefined();
    expect(understand("I'll call back later", 'confirmation').choice).toBeUndefined();
  });

  it('"no problem" is not a rejection', () => {
    expect(understand('no problem', 'confirmation').answer).not.toBe('no');
  });

  it('a question about another time outside a confirmation is a request, not a "no"', () => {
    expect(understand('Can I come in on the 20th at 9?', 'intent')).toMatchObject({ intent: 'book', date: '2026-03-20', time: '09:00' });
    expect(understand('Can I come in on the 20th at 9?', 'intent').answer).toBeUndefined();
  });
});
