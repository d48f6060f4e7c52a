import { type Expectation, type Understood } from './understanding';
import { understand } from './understanding-test-kit';

/**
 * Whole utterances the way Twilio's recognizer writes them: capitals, punctuation, "p.m.", greetings
 * and filler around the point, everything in one breath.
 */
describe('RuleUnderstanding: speech-to-text utterances', () => {
  const cases: Array<[string, Expectation, Partial<Understood>]> = [
    ['Yeah hi, I was hoping to book an appointment for tomorrow at 2.', 'intent', { intent: 'book', date: '2026-03-08', time: '14:00' }],
    ['Hola, I need an appointment.', 'intent', { intent: 'book' }],
    ["Um, uh, yeah, so, I'd like to, uh, come in Friday the 13th at 3:00 p.m.", 'intent', { intent: 'book', date: '2026-03-13', time: '15:00' }],
    ['Tomorrow at 2.', 'intent', { intent: 'book', date: '2026-03-08', time: '14:00' }],
    ['FRIDAY AT 3 PM', 'datetime', { date: '2026-03-13', time: '15:00' }],
    ['Friday the 5th.', 'date', { date: '2026-06-05' }],
    ['3:00 p.m. tomorrow', 'datetime', { date: '2026-03-08', time: '15:00' }],
    ['Hello? Hello, are you open tomorrow?', 'intent', { intent: 'hours', date: '2026-03-08' }],
    ['Hi Rachel, can I get a haircut on Saturday at 11 a.m.?', 'intent', { intent: 'book', date: '2026-03-14', time: '11:00' }],
    ['Good morning! I need to reschedule my appointment to next Tuesday at 9:30 AM.', 'intent', { intent: 'reschedule', date: '2026-03-10', time: '09:30' }],
    ["Hi, this is Maria Lopez, I'd like to cancel my appointment for Monday.", 'intent', { intent: 'cancel', name: 'Maria Lopez', date: '2026-03-09' }],
    ['Yes, Monday morning works.', 'confirmation', { answer: 'yes', date: '2026-03-09', timeRange: { from: '06:00', to: '12:00' } }],
    ['Yeah, that sounds good.', 'confirmation', { answer: 'yes' }],
    ["Hmm, that doesn't work. How about 3:30 instead?", 'confirmation', { answer: 'no', time: '15:30' }],
    ['Can I come in on December 3rd in the afternoon?', 'intent', { intent: 'book', date: '2026-12-03', timeRange: { from: '12:00', to: '17:00' } }],
    ["What's the earliest you have on Tuesday?", 'intent', { intent: 'book', date: '2026-03-10', timeRange: { from: '09:00', to: '10:00' } }],
  ];

  it.each(cases)('%j (%s) → %j', (utterance, expecting, expected) => {
    expect(understand(utterance, expecting)).toMatchObject(expected);
  });

  it('keeps what the caller said, minus the fillers, as the text', () => {
    expect(understand('Um, uh, I need, uh, an appointment', 'intent').text).toBe('I need, an appointment');
  });

  it('accepts business hours as the database keeps them (HH:MM:SS)', () => {
    expect(understand('at 2', 'time', { businessHours: { start: '09:00:00', end: '17:00:00' } }).time).toBe('14:00');
  });
});
