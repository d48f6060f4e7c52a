import { Injectable } from '@nestjs/common';
import { CallAdmission } from '@ringlypro/billing';
import { ErrorLogService, TenantDatabase } from '@ringlypro/core';
import { apologyTwiml, ClientNumberDirectory, type InboundCallParams, OwnerConnector, type WebhookClient } from '@ringlypro/telephony';
import type { TurnResult } from '../dialogue/conversation';
import { goodbyeTwiml, speakInto } from '../gather/gather-twiml';
import { Speaker } from '../speech/speaker';
import { ConversationStore } from '../store/conversation-store';

const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

/**
 * How a relay session ends. When the dialogue hands the caller to the owner or says goodbye, the
 * socket sends `end` and Twilio requests the <Connect> action; the TwiML for that moment is rendered
 * while the turn is answered and stored with the conversation, exactly as the Gather path stores each
 * turn's answer. Rachel's closing lines are said in that TwiML (her voice, the Speaker port) rather
 * than streamed, because `end` would cut streamed speech off mid-sentence.
 */
@Injectable()
export class RelayEndings {
  constructor(
    private readonly owner: OwnerConnector,
    private readonly directory: ClientNumberDirectory,
    private readonly speaker: Speaker,
    private readonly store: ConversationStore,
    private readonly db: TenantDatabase,
    private readonly admission: CallAdmission,
    private readonly errors: ErrorLogService,
  ) {}

  /** The TwiML that ends a finished conversation: the owner's dial (OwnerConnector) or a goodbye. */
  async render(result: TurnResult, client: WebhookClient | null, params: InboundCallParams): Promise<string> {
    const speaker = this.speaker.forVoice(result.state.business.voiceId);
    await speaker.prepare(result.lines);
    if (result.action.kind === 'connect_owner' && client) return this.owner.connect(client, params, speakInto(result.lines, speaker));
    return goodbyeTwiml(result.lines, speaker);
  }

  /**
   * The <Connect> action: the stored ending when Rachel finished the conversation; otherwise the
   * session broke (our socket dropped, Twilio reported an error) while the caller is still on the
   * line, and the owner takes the call, as on any failure of the Gather path.
   */
  async ended(params: InboundCallParams): Promise<string> {
    try {
      return await this.ending(params);
    } catch (error) {
      // The caller is still on the line: whatever failed (the store, the database), Twilio gets TwiML —
      // the owner's phone when the dialed number still names the business, else an apology.
      await this.errors.record({ error, source: 'webhook', path: '/voice/relay/ended', context: { call_sid: params.CallSid ?? null } }).catch(() => undefined);
      const client = params.To ? await this.directory.byNumber(params.To).catch(() => null) : null;
      if (!client || !client.active) return apologyTwiml(client?.business_name);
      return this.owner.connect(client, params).catch(() => apologyTwiml(client.business_name));
    }
  }

  private async ending(params: InboundCallParams): Promise<string> {
    const callSid = params.CallSid && CALL_SID.test(params.CallSid) ? params.CallSid : null;
    const stored = callSid ? await this.store.get(callSid) : null;
    if (stored?.state.finished && stored.twiml) return stored.twiml;
    const client = (params.To ? await this.directory.byNumber(params.To) : null) ?? (stored ? await this.directory.byId(stored.state.clientId) : null);
    if (!client || !client.active) return apologyTwiml(client?.business_name);
    // From here the owner has the caller: billing charges Rachel's minutes only up to this moment, as
    // when she hands over herself (a deploy that drops every socket must not bill owners' talk time).
    if (stored && callSid) await this.db.run(stored.state.clientId, () => this.admission.handOff(callSid));
    return this.owner.connect(client, params);
  }
}
