import { Body, Controller, Param } from '@nestjs/common';
import { LONGEST_CALL_SECONDS, UsageMeter } from '@ringlypro/billing';
import { ErrorLogService, JobIds, JobName, parseId, QueueService, retryOnConflict, TenantDatabase } from '@ringlypro/core';
import { CallEndedHooks } from '../calls/call-ended-hooks';
import { CallLogService, isTerminalCallStatus } from '../calls/call-log.service';
import { ClientNumberDirectory } from '../calls/client-number-directory';
import { inboundCallOf, OwnerConnector } from '../calls/owner-connector.service';
import { WebhookUrls } from '../twilio/webhook-urls';
import { apologyTwiml, dialFinishedTwiml, emptyTwiml } from './twiml-responses';
import { TwilioWebhook, VOICE_CALL_FIELDS } from './twilio-webhook.decorator';
import { voicemailThanksTwiml, voicemailTwiml } from './voicemail-twiml';

const DIAL_FIELDS = { ...VOICE_CALL_FIELDS, DialCallStatus: "The owner's line: completed, busy, no-answer, failed or canceled", DialCallSid: 'The dialed leg (CA…)' };
const STATUS_FIELDS = { ...VOICE_CALL_FIELDS, CallDuration: 'Seconds, once the call has ended' };
const RECORDING_FIELDS = {
  CallSid: 'The call the voicemail belongs to (CA…)',
  RecordingSid: 'The recording (RE…)',
  RecordingUrl: "Where Twilio keeps the recording (https); texted to the owner",
  RecordingStatus: 'completed once the recording is ready',
  RecordingDuration: 'Seconds',
};

/** The parameters Twilio POSTs to voice webhooks (a subset; Twilio sends many more). */
type VoiceParams = Partial<
  Record<
    | 'CallSid'
    | 'From'
    | 'To'
    | 'CallStatus'
    | 'CallDuration'
    | 'DialCallStatus'
    | 'ForwardedFrom'
    | 'CalledVia'
    | 'RecordingSid'
    | 'RecordingUrl'
    | 'RecordingStatus'
    | 'RecordingDuration',
    string
  >
>;

const RECORDING_SID = /^RE[0-9a-fA-F]{32}$/;

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
    private readonly urls: WebhookUrls,
    private readonly queue: QueueService,
    private readonly callEnded: CallEndedHooks,
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

  @TwilioWebhook(
    'forward-to-owner/:client_id/completed',
    "TwiML after the owner's line (Rachel off, or a caller Rachel connected): hang up after a conversation; otherwise offer voicemail",
    { fields: DIAL_FIELDS },
  )
  async forwardFinished(@Param('client_id') clientId: string, @Body() params: VoiceParams): Promise<string> {
    return this.safely('forward-to-owner-completed', async () => {
      const id = parseId(clientId);
      const client = id ? await this.directory.byId(id) : null;
      if (!client) return dialFinishedTwiml(params.DialCallStatus, 'this business');
      const answered = params.DialCallStatus === 'completed';
      if (params.CallSid) await this.db.run(client.id, () => this.calls.record(params.CallSid!, { outcome: answered ? 'owner' : 'missed' }));
      // No answer, busy or failed: the same voicemail for a forwarded call and for Rachel's "speak to a person".
      if (answered) return dialFinishedTwiml('completed', client.business_name);
      return voicemailTwiml(client.business_name, { done: this.urls.voicemailDone(client.id), recorded: this.urls.voicemailRecorded(client.id) });
    });
  }

  @TwilioWebhook('voicemail/:client_id/done', 'TwiML after a voicemail was recorded: thank the caller and hang up')
  async voicemailDone(@Param('client_id') clientId: string): Promise<string> {
    return this.safely('voicemail-done', async () => {
      const id = parseId(clientId);
      const client = id ? await this.directory.byId(id) : null;
      return voicemailThanksTwiml(client?.business_name ?? 'The business');
    });
  }

  @TwilioWebhook('voicemail/:client_id/recorded', "Recording status callback: keeps the voicemail on the call and texts the owner the caller's number and the link", {
    fields: RECORDING_FIELDS,
  })
  async voicemailRecorded(@Param('client_id') clientId: string, @Body() params: VoiceParams): Promise<string> {
    return this.safely('voicemail-recorded', async () => {
      const id = parseId(clientId);
      const client = id ? await this.directory.byId(id) : null;
      const url = params.RecordingUrl && /^https:\/\/[^\s]{1,500}$/.test(params.RecordingUrl) ? params.RecordingUrl : null;
      if (!client || !params.CallSid || !params.RecordingSid || !RECORDING_SID.test(params.RecordingSid) || !url) return emptyTwiml();
      if (params.RecordingStatus && params.RecordingStatus !== 'completed') return emptyTwiml();
      const duration = params.RecordingDuration && /^\d{1,6}$/.test(params.RecordingDuration) ? Number(params.RecordingDuration) : null;
      await this.db.run(client.id, async () => {
        const call = await this.calls.recordVoicemail(params.CallSid!, { sid: params.RecordingSid!, url, durationSeconds: duration });
        if (call) await this.queue.enqueue(JobName.OwnerCallAlert, { client_id: client.id, call_id: call.id }, { jobId: JobIds.ownerAlert(call.id, 'voicemail') });
      });
      return emptyTwiml();
    });
  }

  @TwilioWebhook('status', 'Call status callback: updates the call log (idempotent, never backwards) and, when the call ends, bills its minutes', { fields: STATUS_FIELDS })
  async status(@Body() params: VoiceParams): Promise<string> {
    return this.safely('call-status', async () => {
      const client = params.To ? await this.directory.byNumber(params.To) : null;
      if (!client || !params.CallSid || !params.CallStatus) return emptyTwiml();
      // Plain decimal seconds only; a longer figure than any call can last is capped, not ignored
      // (ignored, it would bill the call as if it had no duration).
      const duration = params.CallDuration !== undefined && /^\d{1,12}$/.test(params.CallDuration) ? Math.min(Number(params.CallDuration), LONGEST_CALL_SECONDS) : null;
      // A turn of the same call can hold the account and want the call row this holds: the deadlock's
      // victim is rolled back whole and run again, rather than answered and never charged.
      await retryOnConflict(() => this.db.runShared(client.id, async () => {
        // An ended call that settled nothing (no booking, message, …) is marked abandoned with its status.
        await this.calls.applyStatus({ ...inboundCallOf(params, params.To!), durationSeconds: duration });
        if (isTerminalCallStatus(params.CallStatus!)) {
          // Billing charges only calls it admitted to Rachel, once per CallSid; the log and the charge commit together.
          // A call that never connected lasted nothing; a completed one without a readable duration is
          // billed by billing's own measure (admission to now), never as free.
          await this.meter.callEnded({ callSid: params.CallSid!, durationSeconds: duration ?? (params.CallStatus === 'completed' ? null : 0) });
          // The call is over: whatever it held is free again.
          await this.callEnded.run(params.CallSid!);
        }
      }));
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

