import { Injectable } from '@nestjs/common';

/** Runs inside the business's tenant transaction when Twilio reports that a call has ended. */
export type CallEndedHook = (callSid: string) => Promise<void>;

/**
 * What other modules want done when a call ends (voice releases the slot it held). Telephony owns the
 * status callback but knows nothing of those modules; they register here at startup instead.
 */
@Injectable()
export class CallEndedHooks {
  private readonly hooks: CallEndedHook[] = [];

  register(hook: CallEndedHook): void {
    this.hooks.push(hook);
  }

  async run(callSid: string): Promise<void> {
    for (const hook of this.hooks) await hook(callSid);
  }
}
