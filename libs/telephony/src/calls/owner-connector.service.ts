import { Injectable } from '@nestjs/common';
import { isDialableBusinessLine, isE164 } from '@ringlypro/core';
import { WebhookUrls } from '../twilio/webhook-urls';
import { type DialPrelude, dialOwnerTwiml } from '../webhooks/twiml-responses';
import { voicemailTwiml } from '../webhooks/voicemail-twiml';
import { CallLogWriter } from './call-log-writer';
import { ClientNumberDirectory, type WebhookClient } from './client-number-directory';

/** The parameters Twilio POSTs to voice webhooks that matter here. */
export type InboundCallParams = Partial<Record<'CallSid' | 'From' | 'To' | 'CallStatus' | 'ForwardedFrom' | 'CalledVia', string>>;

/** The call log's view of a voice webhook's parameters (ForwardedFrom/CalledVia verify carrier forwarding). */
export function inboundCallOf(params: InboundCallParams, fallbackTo: string) {
  return {
    callSid: params.CallSid!,
    from: params.From ?? 'unknown',
    to: params.To ?? fallbackTo,
    status: params.CallStatus ?? 'ringing',
    forwardedFrom: params.ForwardedFrom,
    calledVia: params.CalledVia,
  };
}

/**
 * Puts a caller through to the business owner: logs the call once (by CallSid) in the business's
 * calls, then answers with TwiML that dials the owner showing the caller's number. Used when Rachel
 * is off, and by Rachel herself to connect a caller.
 */
@Injectable()
export class OwnerConnector {
  constructor(
    private readonly callLog: CallLogWriter,
    private readonly urls: WebhookUrls,
    private readonly directory: ClientNumberDirectory,
  ) {}

  async connect(client: WebhookClient, params: InboundCallParams, greeting?: DialPrelude): Promise<string> {
    // Committed before the reply (group-committed with concurrent webhooks' calls).
    if (params.CallSid) await this.callLog.logInbound(client.id, inboundCallOf(params, client.ringlypro_number ?? ''));
    if (!(await this.mayDial(client.owner_phone))) {
      return voicemailTwiml(client.business_name, { done: this.urls.voicemailDone(client.id), recorded: this.urls.voicemailRecorded(client.id) });
    }
    const callerId = params.From && isE164(params.From) ? params.From : undefined;
    return dialOwnerTwiml(client.owner_phone, callerId, this.urls.forwardToOwnerFinished(client.id), greeting);
  }

  /**
   * Checked again at dial time, whatever the settings say (older rows, direct edits): never a
   * premium-rate or foreign number at the platform's cost, and never a Rachel number — dialing one
   * loops the call into a business's Rachel and spends its minutes. The caller leaves a voicemail instead.
   */
  private async mayDial(ownerPhone: string): Promise<boolean> {
    return isDialableBusinessLine(ownerPhone) && (await this.directory.byNumber(ownerPhone)) === null;
  }
}
