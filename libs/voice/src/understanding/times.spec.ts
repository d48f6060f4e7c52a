import { type Understood } from './understanding';
import { understand } from './understanding-test-kit';

/** Business hours 09:00–17:00 unless a row says otherwise. */
describe('RuleUnderstanding: times', () => {
  const exact: Array<[string, string]> = [
    ['3 p.m.', '15:00'],
    ['3:00 p.m.', '15:00'],
    ['3 PM', '15:00'],
    ['3pm', '15:00'],
    ['9:30 AM', '09:30'],
    ['9:30 a.m.', '09:30'],
    ['15:30', '15:30'],
    ['at 2', '14:00'],
    ['At 2.', '14:00'],
    ['at 10', '10:00'],
    ['at 12', '12:00'],
    ['at 2:45', '14:45'],
    ['eleven o\'clock', '11:00'],
    ['two o\'clock', '14:00'],
    ['at two', '14:00'],
    ['two pm', '14:00'],
    ['nine thirty', '09:30'],
    ['nine oh five', '09:05'],
    ['ten fifteen in the morning', '10:15'],
    ['noon', '12:00'],
    ['midday', '12:00'],
    ['half past two', '14:30'],
    ['half two', '14:30'],
    ['a quarter to two', '13:45'],
    ['quarter to 12', '11:45'],
    ['a quarter past 11', '11:15'],
    ['quarter after three', '15:15'],
    ['ten past four', '16:10'],
    ['twenty to five', '16:40'],
    ['at 8 in the evening', '20:00'],
    ['at 7 in the morning', '07:00'],
    ['at 3 this afternoon', '15:00'],
    ['I can do 4', '16:00'],
    ['at 3 o\'clock in the afternoon', '15:00'],
    ['at 3:15pm', '15:15'],
    ['three fifteen p.m.', '15:15'],
    ['quarter to four in the afternoon', '15:45'],
    ['seven thirty in the evening', '19:30'],
    ['8 a.m. sharp', '08:00'],
    ['at 10 on the dot', '10:00'],
    ['two-thirty', '14:30'],
    ['twelve noon', '12:00'],
    ['twelve fifteen pm', '12:15'],
    ['at 1:00 in the afternoon', '13:00'],
    ['eleven a.m.', '11:00'],
    ['one o\'clock', '13:00'],
  ];

  it.each(exact)('%j → %s', (utterance, time) => {
    const understood = understand(utterance, 'time');
    expect(understood.time).toBe(time);
    expect(understood.approximate).toBeUndefined();
  });

  it.each([
    ['2', '14:00'],
    ['10', '10:00'],
    ['2:30', '14:30'],
    ['two', '14:00'],
  ])('reads a bare %j as a time when a time was asked for → %s', (utterance, time) => {
    expect(understand(utterance, 'time').time).toBe(time);
  });

  it('does not read a bare number as a time when no time was asked for', () => {
    expect(understand('2', 'intent').time).toBeUndefined();
    expect(understand('We are 2 people', 'time').time).toBeUndefined();
  });

  it.each([
    // hours said without a.m./p.m. land in business hours; outside them the nearer half of the day
    ['at 8', { start: '09:00', end: '17:00' }, '08:00'],
    ['at 6', { start: '09:00', end: '17:00' }, '18:00'],
    ['at 8', { start: '07:00', end: '22:00' }, '08:00'],
    ['at 5', { start: '07:00', end: '22:00' }, '17:00'],
    ['at 11', { start: '12:00', end: '23:00' }, '23:00'],
    ['at 1', { start: '18:00', end: '02:00' }, '01:00'],
  ])('resolves %j during %j to %s', (utterance, businessHours, time) => {
    expect(understand(utterance, 'time', { businessHours }).time).toBe(time);
  });

  const hedged: Array<[string, Partial<Understood>]> = [
    ['around 3', { time: '15:00', approximate: true, timeRange: { from: '14:30', to: '15:30' } }],
    ['about 3:30', { time: '15:30', approximate: true, timeRange: { from: '15:00', to: '16:00' } }],
    ['3ish', { time: '15:00', approximate: true }],
    ['3-ish', { time: '15:00', approximate: true }],
    ['sometime around noon', { time: '12:00', approximate: true }],
    ['3 or so', { time: '15:00', approximate: true }],
    ['roughly half past 10', { time: '10:30', approximate: true }],
  ];

  it.each(hedged)('hedged %j → %j', (utterance, expected) => {
    expect(understand(utterance, 'time')).toMatchObject(expected);
  });

  const spans: Array<[string, string, string]> = [
    ['in the morning', '06:00', '12:00'],
    ['morning', '06:00', '12:00'],
    ['in the afternoon', '12:00', '17:00'],
    ['evening', '17:00', '21:00'],
    ['early afternoon', '12:00', '15:00'],
    ['late afternoon', '15:00', '18:00'],
    ['around lunchtime', '12:00', '14:00'],
    ['first thing in the morning', '09:00', '10:00'],
    ['end of the day', '16:00', '17:00'],
    ['after 3', '15:00', '17:00'],
    ['anytime after 2', '14:00', '17:00'],
    ['before noon', '09:00', '12:00'],
    ['by 11', '09:00', '11:00'],
    ['between 2 and 4', '14:00', '16:00'],
    ['between 10 and 2', '10:00', '14:00'],
    ['from 9 to 11 am', '09:00', '11:00'],
    ['3 or later', '15:00', '17:00'],
    ['any time', '09:00', '17:00'],
    ['after lunch', '13:00', '17:00'],
    ['before lunch', '09:00', '12:00'],
  ];

  it.each(spans)('%j → %s–%s with no exact time', (utterance, from, to) => {
    const understood = understand(utterance, 'time');
    expect(understood.timeRange).toEqual({ from, to });
    expect(understood.time).toBeUndefined();
  });

  it.each([
    ['tomorrow morning', { date: '2026-03-08', timeRange: { from: '06:00', to: '12:00' } }],
    ['tomorrow afternoon', { date: '2026-03-08', timeRange: { from: '12:00', to: '17:00' } }],
    ['this afternoon', { date: '2026-03-07', timeRange: { from: '12:00', to: '17:00' } }],
    ['tonight', { date: '2026-03-07', timeRange: { from: '17:00', to: '21:00' } }],
    ['tomorrow morning before 10', { date: '2026-03-08', timeRange: { from: '06:00', to: '10:00' } }],
    ['anytime Monday', { date: '2026-03-09', timeRange: { from: '09:00', to: '17:00' } }],
  ])('parts of a day: %j → %j', (utterance, expected) => {
    expect(understand(utterance, 'datetime')).toMatchObject(expected);
  });

  it('keeps "good afternoon" a greeting, not a time of day', () => {
    const understood = understand('Good afternoon, I would like to book for Tuesday', 'intent');
    expect(understood).toMatchObject({ intent: 'book', date: '2026-03-10' });
    expect(understood.timeRange).toBeUndefined();
  });

  it.each(['in 10 minutes', 'right now', 'a quarter of an hour', 'for 2 hours'])('finds no appointment time in %j', (utterance) => {
    expect(understand(utterance, 'time').time).toBeUndefined();
  });
});
