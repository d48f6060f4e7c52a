import { type Expectation } from './understanding';
import { understand } from './understanding-test-kit';

describe('RuleUnderstanding: names', () => {
  const cases: Array<[string, Expectation, string | undefined]> = [
    ['My name is John Smith', 'intent', 'John Smith'],
    ['my name is john smith', 'name', 'John Smith'],
    ["Hi, this is Mary calling about my appointment", 'intent', 'Mary'],
    ['This is Dave Miller.', 'name', 'Dave Miller'],
    ["It's Dave", 'name', 'Dave'],
    ["it's priya", 'name', 'Priya'],
    ["I'm Carlos, I'd like to book", 'intent', 'Carlos'],
    ["Yeah, it's Mary Jones", 'name', 'Mary Jones'],
    ["Sarah O'Connor", 'name', "Sarah O'Connor"],
    ["mary o'brien", 'name', "Mary O'Brien"],
    ['ANNE-MARIE DUBOIS', 'name', 'Anne-Marie Dubois'],
    ['Sure, Ng', 'name', 'Ng'],
    ['José García', 'name', 'José García'],
    ['Name is McDonald', 'name', 'McDonald'],
    ['The name is Bond, James Bond', 'name', 'Bond'],
    ['Will', 'name', 'Will'],
    ["It's for Jordan", 'confirmation', 'Jordan'],
    ['Yes, book it under the name Priya Patel', 'confirmation', 'Priya Patel'],
    ["It's for Jordan Miles, yes", 'confirmation', 'Jordan Miles'],
    ['Put it down for Sam', 'datetime', 'Sam'],
    // not names
    ['this is about my appointment', 'intent', undefined],
    ["it's about tomorrow", 'intent', undefined],
    ["I'm calling to book", 'intent', undefined],
    ["I'm looking for an appointment", 'name', undefined],
    ['this is urgent', 'intent', undefined],
    ['this is helpful', 'intent', undefined],
    ["it's for tomorrow at 2", 'name', undefined],
    ['I want to book an appointment', 'name', undefined],
    ['John Smith', 'intent', undefined],
    ['I do not know', 'name', undefined],
    ["it's for tomorrow at 2", 'confirmation', undefined],
    ["It's for a haircut", 'intent', undefined],
    ["It's for my son", 'confirmation', undefined],
    ['book it for Tuesday', 'confirmation', undefined],
  ];

  it.each(cases)('%j (%s) → %s', (utterance, expecting, name) => {
    expect(understand(utterance, expecting).name).toBe(name);
  });
});
