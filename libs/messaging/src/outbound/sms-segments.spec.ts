import { smsSegments } from './sms-segments';

describe('smsSegments', () => {
  it.each([
    ['', 1],
    ['a'.repeat(160), 1],
    ['a'.repeat(161), 2],
    ['a'.repeat(306), 2],
    ['a'.repeat(307), 3],
    ['€'.repeat(80), 1],
    ['€'.repeat(81), 2],
    ['é'.repeat(160), 1],
    ['ê'.repeat(70), 1],
    ['ê'.repeat(71), 2],
    ['👍'.repeat(35), 1],
    ['👍'.repeat(36), 2],
  ])('%j is %i segment(s)', (body, segments) => expect(smsSegments(body)).toBe(segments));
});
