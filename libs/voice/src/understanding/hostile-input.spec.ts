import { MAX_UTTERANCE_LENGTH } from './normalise';
import { type Expectation } from './understanding';
import { understand } from './understanding-test-kit';

/**
 * Whatever arrives in SpeechResult, the understanding answers quickly and never throws: the dialogue
 * must always be able to say something.
 */
describe('RuleUnderstanding: hostile and odd input', () => {
  const expectations: Expectation[] = ['intent', 'date', 'time', 'datetime', 'name', 'confirmation', 'phone', 'message', 'anything_else'];

  it.each([
    ['NUL bytes', 'tomorrow\u0000 at 2\u0000'],
    ['lone surrogates', '\uD800tomorrow at 2\uDC00'],
    ['emoji', '📅 tomorrow at 2 🙂'],
    ['control characters', '\u0007tomorrow\u001b at 2\u007f'],
  ])('%s: still reads the date and time', (_label, utterance) => {
    expect(understand(utterance, 'datetime')).toMatchObject({ date: '2026-03-08', time: '14:00' });
  });

  it('removes lone surrogates and NUL bytes from the text kept for messages', () => {
    const text = understand('call me\u0000 back \uD800please', 'message').text;
    expect(text).toBe('call me back please');
  });

  it.each([
    ['the 99th'], ['at 99'], ['99:99'], ['February 30th'], ['the 0th'], ['-5'], ['at 25:00'], ['13 pm'], ['0'], ['9'.repeat(40)], ['1/1/1'],
    ['from 31'], ['after 23:59'], ['between 25 and 99'], ['book 11 zero until quarter five 3 march 9 between'], ['March 3rd 9999'],
  ])('out-of-range %j gives no impossible date or time', (utterance) => {
    for (const expecting of expectations) {
      const understood = understand(utterance, expecting);
      if (understood.date) expect(understood.date).toMatch(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
      if (understood.time) expect(understood.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
    }
  });

  it.each([
    ['a huge utterance', 'at 2 tomorrow, '.repeat(70_000)],
    ['repeated digits', '1 '.repeat(50_000)],
    ['repeated negations', 'not '.repeat(50_000)],
    ['one long word', 'a'.repeat(1_000_000)],
    ['nested brackets', '('.repeat(10_000) + 'tomorrow' + ')'.repeat(10_000)],
    ['whitespace', ' \t\n'.repeat(100_000)],
  ])('%s: answers quickly and keeps at most MAX_UTTERANCE_LENGTH characters', (_label, utterance) => {
    for (const expecting of expectations) {
      const started = process.hrtime.bigint();
      const understood = understand(utterance, expecting);
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      // A turn takes well under 5 ms; the bound only catches runaway regex backtracking (seconds),
      // with room for a machine busy running other suites.
      expect(elapsedMs).toBeLessThan(1000);
      expect(understood.text.length).toBeLessThanOrEqual(MAX_UTTERANCE_LENGTH);
    }
  });

  it('an unknown business time zone is a configuration error naming the zone', () => {
    expect(() => understand('tomorrow', 'date', { timezone: 'Mars/Olympus_Mons' })).toThrow(new RangeError('Unknown business time zone "Mars/Olympus_Mons"'));
    expect(() => understand('tomorrow', 'date', { timezone: '' })).toThrow(RangeError);
  });

  it.each([undefined, null, 42, {}])('a non-string utterance (%p) is read as silence', (utterance) => {
    expect(understand(utterance as unknown as string, 'intent')).toEqual({ intent: null, text: '' });
  });
});
