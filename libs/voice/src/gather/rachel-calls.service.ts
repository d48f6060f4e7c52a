import { Inject, Injectable } from '@nestjs/common';
import { CallAdmission } from '@ringlypro/billing';
import { APP_CONFIG, type AppConfig, ErrorLogService, TenantDatabase } from '@ringlypro/core';
import { apologyTwiml, CallLogService, inboundCallOf, ClientNumberDirectory, type InboundCallParams, OwnerConnector, type WebhookClient, WebhookUrls } from '@ringlypro/telephony';
import type { CallerTurn, TurnResult } from '../dialogue/conversation';
import { DialogueEngine } from '../dialogue/dialogue-engine';
import { TenantDeskFactory } from '../desk/tenant-desk';
import { Speaker } from '../speech/speaker';
import { RelayGreeting } from '../relay/relay-greeting';
import { ConversationStore, type StoredConversation } from '../store/conversation-store';
import { RachelTurnRunner } from '../turns/rachel-turn-runner';
import { goodbyeTwiml, listenTwiml, speakInto } from './gather-twiml';

/** Twilio's parameters on Rachel's webhooks that matter here. */
export type RachelCallParams = InboundCallParams & Partial<Record<'SpeechResult' | 'Confidence', string>>;

const CALL_SID = /^CA[0-9a-fA-F]{32}$/;
/** How long a concurrent duplicate of a turn waits for the first to answer before falling back. */
const DUPLICATE_WAIT_MS = 3000;

/**
 * Rachel's calls over Twilio's <Gather>: one signed webhook per turn. The state between turns lives in
 * the ConversationStore with the TwiML that answered the last turn, so a retried webhook gets the same
 * answer and never advances the dialogue twice. Whatever fails — the database, Redis, anything — the
 * caller is put through to the owner instead: Twilio always gets valid TwiML.
 */
@Injectable()
export class RachelCalls {
  private readonly engine: DialogueEngine;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: ClientNumberDirectory,
    private readonly owner: OwnerConnector,
    private readonly db: TenantDatabase,
    private readonly calls: CallLogService,
    private readonly admission: CallAdmission,
    private readonly desks: TenantDeskFactory,
    private readonly store: ConversationStore,
    private readonly speaker: Speaker,
    private readonly urls: WebhookUrls,
    private readonly errors: ErrorLogService,
    private readonly turns: RachelTurnRunner,
    private readonly relay: RelayGreeting,
  ) {
    this.engine = turns.engine;
  }

  /** The call arrives: greet, or (unknown / inactive / Rachel off / not admitted) route as the rules say. */
  async answer(params: RachelCallParams): Promise<string> {
    let client: WebhookClient | null = null;
    try {
      client = params.To ? await this.directory.byNumber(params.To) : null;
      if (!client || !client.active) return apologyTwiml(client?.business_name);
      const callSid = params.CallSid;
      if (!client.rachel_enabled || !callSid || !CALL_SID.test(callSid)) return await this.owner.connect(client, params);
      // Read before any database work, though it costs a round trip on every greeting: a retry gets
      // the answer already given without touching the database, and with Redis down the owner takes
      // the call before billing admits it — after, a committed admission would bill the owner's call.
      const retried = await this.store.get(callSid);
      if (retried && retried.state.clientId === client.id) return retried.twiml;
      const greeted = await this.db.runShared(client.id, async () => {
        // Rachel's opening is written with the call row, in its statement; billing decides beside it.
        // Both statements travel in one message to Postgres (in this order), not one round trip after
        // the other, and both settle before either's error ends the unit, so no statement of one can
        // outlive the transaction.
        const opening = this.engine.start({ callSid, clientId: client!.id, caller: params.From ?? '' }, await this.desks.profile());
        const lines = opening.lines.map((text) => ({ turn: 0, speaker: 'rachel' as const, text }));
        const [logged, decided] = await Promise.allSettled([this.calls.logInboundWithOpening(inboundCallOf(params, params.To ?? ''), lines), this.admission.admit({ callSid, from: params.From ?? 'unknown' })]);
        if (logged.status === 'rejected') throw logged.reason;
        if (decided.status === 'rejected') throw decided.reason;
        const [call, decision] = [logged.value, decided.value];
        if (call === null) return null;
        // Billing refused (no credit): the owner takes the call, without Rachel — who then said nothing.
        if (!decision.admitted) {
          if (!call.loggedBefore) await this.calls.withdrawOpening(call.id);
          return null;
        }
        // Logged before (a retry whose conversation is gone, or a row another path wrote): Rachel starts
        // afresh on the same call, with its opening lines, each kept once.
        if (call.loggedBefore) await this.calls.appendTranscript(call.id, lines);
        return { opening, callId: call.id };
      });
      if (!greeted) return await this.owner.connect(client, params);
      // A relay business's call continues on the ConversationRelay WebSocket, from the same stored state.
      const twiml = this.relay.chooses(client) ? this.relay.twiml(greeted.opening, client) : await this.render(greeted.opening, client, params, 1);
      await this.store.put(callSid, { state: greeted.opening.state, callId: greeted.callId, answeredTurn: 0, twiml }, this.config.voice.conversationTtlSeconds);
      return twiml;
    } catch (error) {
      return this.fallback(error, client, params, 'answer');
    }
  }

  /** One caller turn (the <Gather> action). `turn` is the number the action URL carries. */
  async turn(turnParam: string | undefined, params: RachelCallParams): Promise<string> {
    let client: WebhookClient | null = null;
    try {
      const callSid = params.CallSid && CALL_SID.test(params.CallSid) ? params.CallSid : null;
      const turn = turnParam && /^\d{1,4}$/.test(turnParam) ? Number(turnParam) : null;
      const stored = callSid ? await this.store.get(callSid) : null;
      if (!callSid || turn === null || !stored || stored.state.finished) {
        // No conversation to continue (expired, never started, or over): the owner takes it from here.
        client = params.To ? await this.directory.byNumber(params.To) : null;
        if (stored?.state.finished) return stored.twiml;
        return client && client.active ? await this.owner.connect(client, params) : apologyTwiml(client?.business_name);
      }
      // A retry of a turn already answered (or an out-of-order straggler) gets the answer already given.
      if (turn !== stored.answeredTurn + 1) return stored.twiml;
      if (!(await this.store.claim(callSid, turn, 120))) return await this.answeredMeanwhile(callSid, turn, stored);
      const said = this.callerTurn(params);
      const result = await this.turns.run(stored, turn, said);
      if (result.action.kind === 'connect_owner') client = await this.directory.byNumber(params.To ?? '') ?? (await this.directory.byId(stored.state.clientId));
      const twiml = await this.render(result, client, params, turn + 1);
      await this.store.put(callSid, { state: result.state, callId: stored.callId, answeredTurn: turn, twiml }, this.config.voice.conversationTtlSeconds);
      return twiml;
    } catch (error) {
      if (!client && params.To) client = await this.directory.byNumber(params.To).catch(() => null);
      return this.fallback(error, client, params, 'turn');
    }
  }

  private callerTurn(params: RachelCallParams): CallerTurn {
    const speech = typeof params.SpeechResult === 'string' ? params.SpeechResult.replace(/[\u0000-\u001f]/g, ' ').slice(0, 1000) : null;
    const confidence = params.Confidence !== undefined && /^(0(\.\d+)?|1(\.0+)?)$/.test(params.Confidence) ? Number(params.Confidence) : null;
    return { speech, confidence };
  }

  private async render(result: TurnResult, client: WebhookClient | null, params: RachelCallParams, nextTurn: number): Promise<string> {
    // The business's own voice; lines not ready within the speaker's budget are said with <Say>.
    const speaker = this.speaker.forVoice(result.state.business.voiceId);
    await speaker.prepare(result.lines);
    switch (result.action.kind) {
      case 'listen':
        return listenTwiml(result.lines, speaker, this.urls.rachelTurn(nextTurn), result.state.business, this.config.voice);
      case 'hangup':
        return goodbyeTwiml(result.lines, speaker);
      case 'connect_owner':
        // OwnerConnector builds the same dial as the forwarding flow; Rachel's lines go first, in her voice.
        return client ? this.owner.connect(client, params, speakInto(result.lines, speaker)) : goodbyeTwiml(result.lines, speaker);
    }
  }

  /** A duplicate of a turn still being answered: wait for the first answer rather than run it twice. */
  private async answeredMeanwhile(callSid: string, turn: number, stored: StoredConversation): Promise<string> {
    const deadline = Date.now() + DUPLICATE_WAIT_MS;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = await this.store.get(callSid);
      if (now && now.answeredTurn >= turn) return now.twiml;
    }
    return stored.twiml;
  }

  private async fallback(error: unknown, client: WebhookClient | null, params: RachelCallParams, webhook: string): Promise<string> {
    await this.errors.record({ error, source: 'webhook', path: `/voice/rachel/${webhook}`, context: { webhook, call_sid: params.CallSid ?? null } }).catch(() => undefined);
    if (!client || !client.active) return apologyTwiml(client?.business_name);
    // The owner takes the call from here: if billing admitted it to Rachel, only her part is charged
    // (best effort — when the database is what failed, this fails too and the call bills as before).
    const callSid = params.CallSid && CALL_SID.test(params.CallSid) ? params.CallSid : null;
    if (callSid) await this.db.run(client.id, () => this.admission.handOff(callSid)).catch(() => undefined);
    try {
      return await this.owner.connect(client, params);
    } catch {
      return apologyTwiml(client.business_name);
    }
  }
}
