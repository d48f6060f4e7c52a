import { RuleUnderstanding } from './rule-understanding';
import { type Expectation, type Understood, type UnderstandingContext } from './understanding';

/** Shared by the understanding specs: one adapter, a fixed clock, a 09:00–17:00 business. */
export const understanding = new RuleUnderstanding();

/** Saturday 7 March 2026, 15:00 in New York (the day before US daylight saving starts). */
export const SATURDAY_AFTERNOON_NEW_YORK = new Date('2026-03-07T20:00:00Z');

export function contextAt(expecting: Expectation, overrides: Partial<UnderstandingContext> = {}): UnderstandingContext {
  return {
    now: SATURDAY_AFTERNOON_NEW_YORK,
    timezone: 'America/New_York',
    businessHours: { start: '09:00', end: '17:00' },
    expecting,
    ...overrides,
  };
}

export function understand(utterance: string, expecting: Expectation, overrides: Partial<UnderstandingContext> = {}): Understood {
  return understanding.understand(utterance, contextAt(expecting, overrides));
}
