/** What billing decided about a call that reached Rachel's number with Rachel on. */
export interface AdmissionDecision {
  /** true: Rachel may take the call; its first minute is reserved. false: connect the owner, no AI, no charge. */
  admitted: boolean;
  /** Why a call was refused: the business can afford no minute (free minutes used up, balance below one minute). */
  reason?: 'no_credit';
}

/**
 * Billing's answer to "may this call have Rachel, and for how long?". Telephony and voice ask it; billing
 * knows nothing of them. Every method runs inside the calling business's tenant scope
 * (`TenantDatabase.run(clientId, …)`), so the business is the ambient tenant, never a parameter.
 */
export abstract class CallAdmission {
  /**
   * Called once per CallSid when a call arrives for a business with Rachel on. Admits the call only if at
   * least one minute is affordable, reserving it so concurrent calls cannot overspend together. Idempotent
   * per CallSid (a retried webhook gets the same decision). A refused call notifies the owner (at most once
   * a day) that Rachel is paused until credit is added.
   */
  abstract admit(call: { callSid: string; from: string }): Promise<AdmissionDecision>;

  /**
   * Seconds of Rachel the admitted call may still use, counted from its admission. Asked before each of
   * Rachel's turns; at or near 0 she wraps up politely. A CallSid that was never admitted has 0.
   * The figure is guaranteed (those minutes are held for this call alone); with ample credit it stays
   * two to three minutes ahead, so a value under about a minute means the credit is running out.
   */
  abstract secondsLeft(callSid: string): Promise<number>;

  /**
   * Rachel's part of the call is over: she has put the caller through to the owner. The call is charged
   * only up to now (the owner's conversation is no AI interaction), and the minutes it held beyond that
   * are free for other calls. Idempotent: the first hand-off counts.
   */
  abstract handOff(callSid: string): Promise<void>;
}
