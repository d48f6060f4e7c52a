import type { InboundCall } from './call-log.service';
import type { InboundCallParams } from './owner-connector.service';

/**
 * The call record's fields from Twilio's voice webhook parameters, in one place, so every answer path
 * (forward-to-owner, Rachel) logs a call alike and a new Twilio field is added once.
 */
export function inboundCallOf(callSid: string, params: InboundCallParams): InboundCall {
  return { callSid, from: params.From ?? 'unknown', to: params.To ?? '', status: params.CallStatus ?? 'ringing' };
}
