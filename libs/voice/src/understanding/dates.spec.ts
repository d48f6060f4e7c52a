import { understand } from './understanding-test-kit';

/**
 * The fixed clock: Saturday 7 March 2026, 15:00 in New York (see understanding-test-kit). Weekdays
 * follow chrono-node's reading: "Friday"/"this Friday" is the coming one, "next Tuesday" is the one in
 * next week (from a Saturday that is the coming Tuesday, 10 March). A weekday said on that very day is
 * today, unless the time said with it has already passed.
 */
describe('RuleUnderstanding: dates', () => {
  const cases: Array<[string, string]> = [
    ['today', '2026-03-07'],
    ['tomorrow', '2026-03-08'],
    ['Tomorrow.', '2026-03-08'],
    ['the day after tomorrow', '2026-03-09'],
    ['day after tomorrow', '2026-03-09'],
    ['in two days', '2026-03-09'],
    ['a week from today', '2026-03-14'],
    ['this Friday', '2026-03-13'],
    ['Friday', '2026-03-13'],
    ['on Monday', '2026-03-09'],
    ['next Tuesday', '2026-03-10'],
    ['Tuesday next week', '2026-03-10'],
    ['this Saturday', '2026-03-07'],
    ['December 3rd', '2026-12-03'],
    ['December third', '2026-12-03'],
    ['the third of December', '2026-12-03'],
    ['on the 12th of January', '2027-01-12'],
    ['January 12', '2027-01-12'],
    ['March 5', '2027-03-05'],
    ['the 5th', '2026-04-05'],
    ['the fifth', '2026-04-05'],
    ['the twenty-first', '2026-03-21'],
    ['on the 21st', '2026-03-21'],
    ['the 7th', '2026-03-07'],
    ['Friday the 13th', '2026-03-13'],
    ['Friday the 5th', '2026-06-05'],
    ['Friday, March 20th', '2026-03-20'],
    ['3/20', '2026-03-20'],
    ['the 31st', '2026-03-31'],
    ['I was hoping for Thursday if possible', '2026-03-12'],
    ['two weeks from Monday', '2026-03-23'],
    ['a week from Friday', '2026-03-20'],
    ['a week from tomorrow', '2026-03-15'],
    ['Monday the 9th at 9', '2026-03-09'],
    ['the 1st of April', '2026-04-01'],
    ['on the first', '2026-04-01'],
    ['Sunday', '2026-03-08'],
    ['Friday after next', '2026-03-20'],
    ['this coming Friday', '2026-03-13'],
    ['Wednesday the 11th of March', '2026-03-11'],
    ['the eleventh', '2026-03-11'],
    ['on March the 20th', '2026-03-20'],
    ['20th March', '2026-03-20'],
    ['March 20th 2026', '2026-03-20'],
  ];

  it.each(cases)('%j → %s', (utterance, date) => {
    expect(understand(utterance, 'date').date).toBe(date);
  });

  it.each([
    ['5', '2026-04-05'],
    ['5th', '2026-04-05'],
    ['the 9th please', '2026-03-09'],
  ])('reads a bare day number %j as a day when a date was asked for → %s', (utterance, date) => {
    expect(understand(utterance, 'date').date).toBe(date);
  });

  it.each([
    'I need one appointment',
    'I sat down and thought about it',
    "I'll be there in 10 minutes",
    'sometime next week',
    'May I book an appointment?',
    'My 2nd visit',
    'just a second',
    'end of the day',
    'five',
  ])('finds no date in %j when none was asked for', (utterance) => {
    expect(understand(utterance, 'intent').date).toBeUndefined();
  });

  describe('said on the day itself (Friday 13 March 2026, 10:00 in New York)', () => {
    const fridayMorning = { now: new Date('2026-03-13T14:00:00Z') };
    it.each([
      ['Friday at 4', '2026-03-13', '16:00'],
      ['this Friday at 2', '2026-03-13', '14:00'],
      ['March 13 at 2', '2026-03-13', '14:00'],
      ['the 13th at 2', '2026-03-13', '14:00'],
      ['today at 3', '2026-03-13', '15:00'],
      ['next Friday at 11', '2026-03-20', '11:00'],
      ['Friday at 9 am', '2026-03-20', '09:00'],
      ['March 13 at 9 am', '2026-03-13', '09:00'],
    ])('%j → %s %s (the hour said is not compared with the clock before it is read)', (utterance, date, time) => {
      expect(understand(utterance, 'datetime', fridayMorning)).toMatchObject({ date, time });
    });
  });

  it('skips months without that day: "the 31st" said in April is 31 May', () => {
    expect(understand('the 31st', 'date', { now: new Date('2026-04-10T15:00:00Z') }).date).toBe('2026-05-31');
  });

  it('rolls "December 3rd" into next year once it has passed', () => {
    expect(understand('December 3rd', 'date', { now: new Date('2026-12-10T15:00:00Z') }).date).toBe('2027-12-03');
  });

  it('rolls "the 5th" into January at the end of the year', () => {
    expect(understand('the 5th', 'date', { now: new Date('2026-12-10T15:00:00Z') }).date).toBe('2027-01-05');
  });
});
