import { DialogueEngine } from '../../dialogue/dialogue-engine';
import type { BusinessProfile } from '../../dialogue/conversation';
import { RuleUnderstanding } from '../../understanding/rule-understanding';
import { fixedLines } from './fixed-lines';

const engine = new DialogueEngine(new RuleUnderstanding(), { maxTurns: 12, wrapUpSeconds: 0 });
const business: BusinessProfile = {
  name: 'Acme Cuts',
  greeting: null,
  timezone: 'America/New_York',
  hours: { start: '09:00', end: '17:00' },
  openDays: [1, 2, 3, 4, 5],
  address: '12 Main Street, Springfield',
  services: 'Cuts from $30; colour from $80.',
};

describe('fixedLines: what Rachel says to every caller of a business, found by driving the dialogue engine', () => {
  it("covers the greeting, every prompt of the booking path, the business's answers, apologies and goodbyes", async () => {
    const lines = await fixedLines(engine, business);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Thank you for calling Acme Cuts. This is Rachel, the virtual assistant.',
        'How can I help you today?',
        "We're open Monday to Friday, from 9 AM to 5 PM.",
        "We're at 12 Main Street, Springfield.",
        'Cuts from $30; colour from $80.',
        'Is there anything else I can help you with?',
        'What day and time would suit you?',
        'May I have your name for the booking?',
        'What number should I text the confirmation to?',
        "I'll text you the details as well.",
        'No problem. What day and time would suit you better?',
        "Sorry, I didn't hear anything.",
        "I'm sorry, I didn't quite get that.",
        'Of course. Please tell me your message for Acme Cuts, and I\'ll pass it on.',
        'Of course. Let me connect you with someone at Acme Cuts. One moment, please.',
        "I couldn't find an upcoming appointment for the number you're calling from.",
        'Thank you for calling Acme Cuts. Goodbye!',
      ]),
    );
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('leaves out every line that carries a caller, a phone digit, a date or a code (those render on demand)', async () => {
    const lines = await fixedLines(engine, business);
    for (const line of lines) {
      expect(line).not.toMatch(/Maria|Jordan|0 1 9 9|0 1 2 3|as in/);
      expect(line).not.toMatch(/(January|February|March|April|May|June|July|August|September|October|November|December) \d/);
    }
  });

  it("follows the business: its own greeting, and what Rachel says when it has no address or prices", async () => {
    const lines = await fixedLines(engine, { ...business, greeting: 'Acme Cuts, Rachel speaking!', address: null, services: null });
    expect(lines[0]).toBe('Acme Cuts, Rachel speaking!');
    expect(lines).toEqual(expect.arrayContaining(["I'm afraid I don't have the address to hand.", "I'm afraid I don't have our prices to hand."]));
    expect(lines).not.toContain('Thank you for calling Acme Cuts. This is Rachel, the virtual assistant.');
  });
});
