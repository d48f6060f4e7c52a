import { Body, Controller, Param } from '@nestjs/common';
import { UsageMeter } from '@ringlypro/billing';
import { ErrorLogService, parseId, TenantDatabase } from '@ringlypro/core';
import { CallLogService, isTerminalCallStatus } from '../calls/call-log.service';
import { ClientNumberDirectory } from '../calls/client-number-directory';
import { inboundCallOf, OwnerConnector } from '../calls/owner-connector.service';
import { apologyTwiml, dialFinishedTwiml, emptyTwiml } from './twiml-responses';
import { TwilioWebhook, VOICE_CALL_FIELDS } from './twilio-webhook.decorator';

const DIAL_FIELDS = { ...VOICE_CALL_FIELDS, DialCallStatus: "The owner's line: completed, busy, no-answer, failed or canceled", DialCallSid: 'The dialed leg (CA…)' };
const STATUS_FIELDS = { ...VOICE_CALL_FIELDS, CallDuration: 'Seconds, once the call has ended' };

/** The parameters Twilio POSTs to voice webhooks (a subset; Twilio sends many more). */
type VoiceParams = Partial<Record<'CallSid' | 'From' | 'To' | 'CallStatus' | 'CallDuration' | 'DialCallStatus' | 'ForwardedFrom' | 'CalledVia', string>>;

/**
 * Twilio's voice callbacks for the forwarding flow (seed Task 4). They always answer 200 with valid
 * TwiML — a failure inside becomes an apology to the caller, never an HTTP error Twilio would read
 * as "application error".
 */
@Controller('voice')
export class VoiceWebhooksController {
  constructor(
    private readonly directory: ClientNumberDirectory,
    private readonly db: TenantDatabase,
    private readonly calls: CallLogService,
    private readonly owner: OwnerConnector,
    private readonly errors: ErrorLogService,
    private readonly meter: UsageMeter,
  ) {}

  @TwilioWebhook('forward-to-owner/:client_id', 'TwiML that dials the owner (Rachel is off), or a polite goodbye')
  async forwardToOwner(@Param('client_id') clientId: string, @Body() params: VoiceParams): Promise<string> {
    return this.safely('forward-to-owner', async () => {
      const id = parseId(clientId);
      const client = id ? await this.directory.byId(id) : null;
      if (!client || !client.active) return apologyTwiml(client?.business_name);
      return this.owner.connect(client, params);
    });
  }

  @TwilioWebhook('forward-to-owner/:client_id/completed', "TwiML after the owner's line: hang up, or say nobody could answer", { fields: DIAL_FIELDS })
  async forwardFinished(@Param('client_id') clientId: string, @Body() params: VoiceParams): Promise<string> {
    return this.safely('forward-to-owner-completed', async () => {
      const id = parseId(clientId);
      const client = id ? await this.directory.byId(id) : null;
      return dialFinishedTwiml(params.DialCallStatus, client?.business_name ?? 'this business');
    });
  }

  @TwilioWebhook('status', 'Call status callback: updates the call log (idempotent, never backwards) and, when the call ends, bills its minutes', { fields: STATUS_FIELDS })
  async status(@Body() params: VoiceParams): Promise<string> {
    return this.safely('call-status', async () => {
      const client = params.To ? await this.directory.byNumber(params.To) : null;
      if (!client || !params.CallSid || !params.CallStatus) return emptyTwiml();
      const duration = params.CallDuration !== undefined && /^\d{1,7}$/.test(params.CallDuration) ? Number(params.CallDuration) : null;
      await this.db.run(client.id, async () => {
        await this.calls.applyStatus({ ...inboundCallOf(params, params.To!), durationSeconds: duration });
        // Billing charges only calls it admitted to Rachel, once per CallSid; the log and the charge commit together.
        if (isTerminalCallStatus(params.CallStatus!)) await this.meter.callEnded({ callSid: params.CallSid!, durationSeconds: duration ?? 0 });
      });
      return emptyTwiml();
    });
  }

  private async safely(webhook: string, handle: () => Promise<string>): Promise<string> {
    try {
      return await handle();
    } catch (error) {
      await this.errors.record({ error, source: 'webhook', path: `/voice/${webhook}`, context: { webhook } });
      return apologyTwiml();
    }
  }
}

