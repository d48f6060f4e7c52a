import { type Intent } from './understanding';
import { understand } from './understanding-test-kit';

describe('RuleUnderstanding: what the caller wants', () => {
  const cases: Array<[string, Intent | null]> = [
    ['I want to book an appointment', 'book'],
    ["Yeah hi, I was hoping to book something for tomorrow", 'book'],
    ['Hola, I need an appointment', 'book'],
    ['Hi there! Do you have any openings this week?', 'book'],
    ['Can I schedule a haircut?', 'book'],
    ['Can you fit me in tomorrow?', 'book'],
    ['Do you have time on Monday?', 'book'],
    ['Are you taking new patients?', 'book'],
    ["I'd like to come in on Friday", 'book'],
    ['Um, uh, I need to make an appointment please.', 'book'],
    ['Tomorrow at 3 if you have it', 'book'],
    ['I need to cancel my appointment', 'cancel'],
    ["I won't be able to make it on Tuesday, please cancel", 'cancel'],
    ["I can't make it tomorrow.", 'cancel'],
    ['Can I reschedule?', 'reschedule'],
    ['I need to move my appointment to next week', 'reschedule'],
    ['Could we change the time of my appointment?', 'reschedule'],
    ['I have to cancel and rebook for another day', 'reschedule'],
    ['Can we push it back an hour?', 'reschedule'],
    ['When is my appointment?', 'lookup'],
    ['What time is my appointment tomorrow?', 'lookup'],
    ['Do I have an appointment this week?', 'lookup'],
    ['I just wanted to confirm my appointment', 'lookup'],
    ['What are your hours?', 'hours'],
    ['What time do you close today?', 'hours'],
    ['Are you open on Saturdays?', 'hours'],
    ['What time do you guys close?', 'hours'],
    ['Where are you located?', 'location'],
    ["What's your address?", 'location'],
    ['How do I get there?', 'location'],
    ['How much is a haircut?', 'pricing'],
    ['What services do you offer?', 'pricing'],
    ['What are your prices?', 'pricing'],
    ['Do you take insurance?', 'pricing'],
    ['Can I leave a message?', 'message'],
    ['Could you take a message for the owner?', 'message'],
    ['Please let him know I called', 'message'],
    ['Can you have him call me back?', 'message'],
    ['I want to speak to a person', 'person'],
    ['Can I talk to someone?', 'person'],
    ['Is the owner available?', 'person'],
    ['Transfer me to a human please', 'person'],
    ['Is Bob there?', 'person'],
    ['Can I speak with the manager?', 'person'],
    ['Bye', 'goodbye'],
    ["That's all, thank you, goodbye!", 'goodbye'],
    ['Thanks so much', 'goodbye'],
    ["I'm good, thanks", 'goodbye'],
    ['No, that is everything. Have a nice day.', 'goodbye'],
    ['blah blah banana', 'unknown'],
    ['The weather is lovely', 'unknown'],
    ['um, uh', null],
    ['', null],
  ];

  it.each(cases)('%j → %s', (utterance, intent) => {
    expect(understand(utterance, 'intent').intent).toBe(intent);
  });

  it.each([
    ['Can we change it to 4?', 'time', null],
    ["Let's move it to Thursday", 'date', null],
    ["I can't make it then", 'confirmation', null],
    ['I need to reschedule my appointment', 'time', 'reschedule'],
    ['Can I move my appointment to Friday?', 'date', 'reschedule'],
    ["Can we change it to 4?", 'intent', 'reschedule'],
  ] as const)('mid-conversation %j (expecting %s) → %s', (utterance, expecting, intent) => {
    expect(understand(utterance, expecting).intent).toBe(intent);
  });

  it.each([
    ['Ok, see you then, bye!', 'goodbye'],
    ['Thanks for the appointment, bye', 'goodbye'],
    ["I'd like to book with the stylist in the afternoon", 'book'],
    ["I'm booking for somebody else", 'book'],
    ['Is anyone there?', 'person'],
  ] as const)('%j → %s', (utterance, intent) => {
    expect(understand(utterance, 'intent').intent).toBe(intent);
  });

  it('takes a message down verbatim without reading a goal into it', () => {
    const understood = understand('Tell her I need to cancel my appointment, um, and call me back', 'message');
    expect(understood.intent).toBeNull();
    expect(understood.text).toBe('Tell her I need to cancel my appointment, and call me back');
  });

  it('reads "no" to "anything else?" as goodbye', () => {
    expect(understand('No thanks', 'anything_else').intent).toBe('goodbye');
    expect(understand('No thanks', 'confirmation').intent).toBeNull();
  });
});
