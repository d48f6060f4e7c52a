import { Injectable } from '@nestjs/common';
import { understandWhen } from './dates-times';
import { understandIntent } from './intents';
import { understandName } from './names';
import { cleanUtterance, rulesText } from './normalise';
import { understandPhone } from './phone';
import { type Understanding, type UnderstandingContext, type Understood } from './understanding';
import { understandYesNo } from './yes-no';

/**
 * The default Understanding: phrase rules plus chrono-node, pure and synchronous (no I/O, no clock of
 * its own). Each concern lives in its own file; this class only combines them and applies what Rachel
 * was expecting.
 */
@Injectable()
export class RuleUnderstanding implements Understanding {
  understand(utterance: string, context: UnderstandingContext): Understood {
    const text = cleanUtterance(utterance);
    const lower = rulesText(text);
    const when = understandWhen(lower, context);
    const proposesTime = when.date !== undefined || when.time !== undefined || when.timeRange !== undefined;
    const answer = understandYesNo(lower, proposesTime);
    const name = understandName(text, context.expecting === 'name');
    const phone = understandPhone(lower);

    const saidSomethingUseful = proposesTime || name !== undefined || phone !== undefined || answer !== undefined;
    const understood: Understood = { intent: this.intentOf(lower, context, answer, proposesTime, saidSomethingUseful), text };
    if (answer) understood.answer = answer;
    Object.assign(understood, when);
    if (name) understood.name = name;
    if (phone) understood.phone = phone;
    return understood;
  }

  /**
   * A message is taken down verbatim, so nothing in it is read as a goal. A date or time with no goal,
   * said when Rachel asked how she can help, means a booking; anything else unrecognised is 'unknown'.
   */
  private intentOf(lower: string, context: UnderstandingContext, answer: Understood['answer'], proposesTime: boolean, saidSomethingUseful: boolean): Understood['intent'] {
    if (context.expecting === 'message') return null;
    const intent = understandIntent(lower);
    if (intent) return intent;
    if (!lower) return null;
    // "Anything else?" — "No (thanks)." ends the call.
    if (context.expecting === 'anything_else' && answer === 'no' && !proposesTime) return 'goodbye';
    if (proposesTime && (context.expecting === 'intent' || context.expecting === 'anything_else')) return 'book';
    if (saidSomethingUseful) return null;
    return 'unknown';
  }
}
