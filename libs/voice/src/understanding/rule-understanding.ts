import { Injectable } from '@nestjs/common';
import { understandWhen } from './dates-times';
import { understandIntent } from './intents';
import { formatDate, localDateTime } from './local-clock';
import { understandName } from './names';
import { cleanUtterance, rulesText } from './normalise';
import { understandPhone } from './phone';
import { type Understanding, type UnderstandingContext, type Understood } from './understanding';
import { understandChoice, understandYesNo } from './yes-no';

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
    const phone = understandPhone(lower);
    // The digits of a phone number ("…twelve thirty-four…") are not a time.
    const when = phone ? {} : understandWhen(lower, context);
    const proposesTime = when.date !== undefined || when.time !== undefined || when.timeRange !== undefined;
    const answer = understandYesNo(lower, proposesTime && context.expecting === 'confirmation');
    const name = understandName(text, context.expecting === 'name');

    const saidSomethingUseful = proposesTime || name !== undefined || phone !== undefined || answer !== undefined;
    const wantsATime = proposesTime && !this.isPast(when.date, context);
    const understood: Understood = { intent: this.intentOf(lower, context, answer, wantsATime, saidSomethingUseful), text };
    if (answer) understood.answer = answer;
    const choice = context.expecting === 'confirmation' && answer === 'yes' ? understandChoice(lower) : undefined;
    if (choice) understood.choice = choice;
    Object.assign(understood, when);
    if (name) understood.name = name;
    if (phone) understood.phone = phone;
    return understood;
  }

  /** "Yesterday" names a day, but not one anybody books. */
  private isPast(date: string | undefined, context: UnderstandingContext): boolean {
    if (!date) return false;
    const today = localDateTime(context.now, context.timezone);
    return date < formatDate(today.year, today.month, today.day);
  }

  /**
   * A message is taken down verbatim, so nothing in it is read as a goal. A date or time with no goal,
   * said when Rachel asked how she can help, means a booking; anything else unrecognised is 'unknown'.
   */
  private intentOf(lower: string, context: UnderstandingContext, answer: Understood['answer'], wantsATime: boolean, saidSomethingUseful: boolean): Understood['intent'] {
    if (context.expecting === 'message') return null;
    const opening = context.expecting === 'intent' || context.expecting === 'anything_else';
    const intent = understandIntent(lower, opening);
    if (intent) return intent;
    if (!lower) return null;
    // "Anything else?" — "No (thanks)." ends the call.
    if (context.expecting === 'anything_else' && answer === 'no' && !wantsATime) return 'goodbye';
    if (wantsATime && opening) return 'book';
    if (saidSomethingUseful) return null;
    return 'unknown';
  }
}
