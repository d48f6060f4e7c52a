import { type Expectation, type Understood } from './understanding';
import { understand } from './understanding-test-kit';

/** Callers correct themselves mid-sentence: the last value said wins, field by field. */
describe('RuleUnderstanding: inline corrections', () => {
  const cases: Array<[string, Expectation, Partial<Understood>]> = [
    ['at 10, no wait, make it 1 p.m.', 'time', { time: '13:00' }],
    ['At 10. No wait, make it 1 PM.', 'time', { time: '13:00' }],
    ['Tuesday — sorry, Wednesday', 'date', { date: '2026-03-11' }],
    ['Tuesday - sorry - Wednesday', 'date', { date: '2026-03-11' }],
    ['tomorrow at 10, actually 11', 'datetime', { date: '2026-03-08', time: '11:00' }],
    ['Monday at 3, I mean Tuesday', 'datetime', { date: '2026-03-10', time: '15:00' }],
    ['the 12th, or rather the 13th', 'date', { date: '2026-03-13' }],
    ['at 2, scratch that, 4', 'time', { time: '16:00' }],
    ['Wednesday, not Tuesday', 'date', { date: '2026-03-11' }],
    ['3:30 instead of 3', 'time', { time: '15:30' }],
    ['Friday rather than Thursday', 'date', { date: '2026-03-13' }],
    ['in the morning, actually make it 2 pm', 'time', { time: '14:00' }],
    ['at 3, no wait, after 4', 'time', { timeRange: { from: '16:00', to: '17:00' } }],
    ['after 3, actually make it at 2', 'time', { time: '14:00' }],
    ['December 3rd, no, December 4th at noon', 'datetime', { date: '2026-12-04', time: '12:00' }],
    ['at 10 in the morning, sorry, 10 at night', 'time', { time: '22:00' }],
  ];

  it.each(cases)('%j (%s) → %j', (utterance, expecting, expected) => {
    const understood = understand(utterance, expecting);
    expect(understood).toMatchObject(expected);
    if (expected.time) expect(understood.timeRange).toBeUndefined();
    if (expected.timeRange) expect(understood.time).toBeUndefined();
  });

  it('a later part of the day replaces an earlier exact time', () => {
    const understood = understand('at 2, no, sometime in the morning', 'time');
    expect(understood.timeRange).toEqual({ from: '06:00', to: '12:00' });
    expect(understood.time).toBeUndefined();
  });

  it('a self-correction is not a "no" to what Rachel offered', () => {
    expect(understand('yes, at 10, no wait, 11', 'confirmation').answer).toBe('yes');
  });
});
