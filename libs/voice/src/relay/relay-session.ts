import type { ErrorLogService } from '@ringlypro/core';
import type { ClientNumberDirectory, InboundCallParams, WebhookClient } from '@ringlypro/telephony';
import { type RawData, WebSocket } from 'ws';
import type { CallerTurn, Conversation } from '../dialogue/conversation';
import type { ConversationStore, StoredConversation } from '../store/conversation-store';
import type { RachelTurnRunner } from '../turns/rachel-turn-runner';
import { asHeard, heardPortion } from './heard-portion';
import type { RelayEndings } from './relay-endings';
import { endMessage, parseRelayMessage, type RelayInbound, textMessage } from './relay-messages';
import type { RelayTranscript } from './relay-transcript';

/** What a relay session works with (the module's singletons). */
export interface RelaySessionDeps {
  store: ConversationStore;
  turns: RachelTurnRunner;
  directory: ClientNumberDirectory;
  endings: RelayEndings;
  transcript: RelayTranscript;
  errors: ErrorLogService;
  conversationTtlSeconds: number;
}

/** Twilio sends setup as soon as the socket opens; a socket that says nothing is not Twilio's. */
const SETUP_DEADLINE_MS = 10_000;
/** How long one turn's claim keeps a second socket of the same call from answering it too. */
const TURN_CLAIM_SECONDS = 120;

interface LiveCall {
  stored: StoredConversation;
  client: WebhookClient;
  params: InboundCallParams;
}

/** Rachel's last talk cycle, kept until the caller speaks again: an interrupt refers to it. */
interface Spoken {
  turn: number;
  lines: string[];
  /** The dialogue state before the turn, for what the caller did not hear. */
  before: Conversation;
}

/**
 * One ConversationRelay WebSocket: one call. Messages are handled one at a time, in order, so a turn
 * is answered before the interrupt or prompt after it is looked at. The conversation state is the
 * same stored state the greeting webhook wrote, and every turn goes through the RachelTurnRunner the
 * Gather transport uses — same dialogue engine, desk, transcript, call record and billing admission.
 */
export class RelaySession {
  private phase: 'awaiting-setup' | 'open' | 'over' = 'awaiting-setup';
  private call: LiveCall | null = null;
  private spoken: Spoken | null = null;
  /** The latest partial transcript (partialPrompts), used if the final prompt arrives empty. */
  private partial = '';
  /** Keypad digits collected while Rachel asks for a phone number. */
  private digits = '';
  private work: Promise<void> = Promise.resolve();
  private readonly setupTimer: NodeJS.Timeout;
  /** Whether the peer answered the last heartbeat ping. */
  private alive = true;

  constructor(
    private readonly socket: WebSocket,
    /** The call the handshake's signed URL was issued for; setup must name the same one. */
    private readonly callSid: string,
    private readonly deps: RelaySessionDeps,
    private readonly onGone: (session: RelaySession) => void,
  ) {
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => this.closed());
    // A broken socket (bad frame, oversized frame, reset) closes; 'close' does the clean-up.
    socket.on('error', () => socket.terminate());
    socket.on('pong', () => (this.alive = true));
    this.setupTimer = setTimeout(() => this.refuse('no setup message'), SETUP_DEADLINE_MS);
    this.setupTimer.unref();
  }

  /** Settles once every message received so far has been handled. */
  idle(): Promise<void> {
    return this.work;
  }

  /** Heartbeat: a peer that did not answer the previous ping is gone; otherwise ping it again. */
  checkAlive(): void {
    if (!this.alive) return this.socket.terminate();
    this.alive = false;
    if (this.socket.readyState === WebSocket.OPEN) this.socket.ping();
  }

  /** Closes the socket now (shutdown). */
  terminate(): void {
    this.socket.terminate();
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.phase === 'over') return;
    const message = isBinary ? null : parseRelayMessage(data.toString());
    if (this.phase === 'awaiting-setup') {
      // The first frame must be Twilio's setup; anything else is not a ConversationRelay client.
      if (message?.type !== 'setup') return this.refuse('expected a setup message');
      clearTimeout(this.setupTimer);
      this.phase = 'open';
    } else if (!message || message.type === 'setup') {
      // Unknown or malformed frames after setup are ignored: Twilio may add message types.
      return;
    }
    this.work = this.work.then(() => this.handle(message)).catch((error: unknown) => this.fail(error));
  }

  private async handle(message: RelayInbound): Promise<void> {
    switch (message.type) {
      case 'setup':
        return this.open(message);
      case 'prompt':
        if (!message.last) {
          this.partial = message.voicePrompt;
          return;
        }
        return this.answer({ speech: message.voicePrompt.trim() || this.partial, confidence: null });
      case 'interrupt':
        return this.interrupted(message.utteranceUntilInterrupt);
      case 'dtmf':
        return this.keyed(message.digit);
      case 'error':
        // Twilio's side failed (speech, TTS, our message): recorded; the session goes on or Twilio ends it.
        await this.deps.errors.record({ error: new Error(`ConversationRelay error: ${message.description}`), source: 'webhook', path: '/voice/relay', context: { call_sid: this.call?.stored.state.callSid ?? null } });
        return;
    }
  }

  /**
   * The call this socket carries: the conversation the greeting webhook stored under the CallSid, for
   * the business the dialed number (and the <Parameter> we sent) names. Anything that does not match
   * ends the session, and the <Connect> action puts the caller through to the owner.
   */
  private async open(setup: Extract<RelayInbound, { type: 'setup' }>): Promise<void> {
    const stored = await this.deps.store.get(setup.callSid);
    const client = setup.to ? await this.deps.directory.byNumber(setup.to) : null;
    const named = setup.customParameters.clientId;
    const matches =
      setup.callSid === this.callSid &&
      stored &&
      !stored.state.finished && client && client.active && client.rachel_enabled && stored.state.clientId === client.id && (named === undefined || named === String(client.id));
    if (!matches) {
      this.send(endMessage({ reason: 'no-conversation' }));
      this.phase = 'over';
      this.socket.close(1000, 'no conversation for this call');
      return;
    }
    this.call = { stored, client, params: { CallSid: setup.callSid, From: setup.from, To: setup.to } };
    if (stored.answeredTurn === 0) {
      // Twilio is saying the welcome greeting (the opening's lines): the caller may cut into it too.
      const opening = this.deps.turns.engine.start({ callSid: setup.callSid, clientId: client.id, caller: stored.state.caller }, stored.state.business);
      this.spoken = { turn: 0, lines: opening.lines, before: stored.state };
    }
  }

  /** One caller turn through the shared runner; Rachel's lines stream back as text tokens. */
  private async answer(said: CallerTurn): Promise<void> {
    this.partial = '';
    this.digits = '';
    const call = this.call;
    if (!call || call.stored.state.finished) return;
    const { stored } = call;
    const turn = stored.answeredTurn + 1;
    if (!(await this.deps.store.claim(stored.state.callSid, turn, TURN_CLAIM_SECONDS))) return;
    const result = await this.deps.turns.run(stored, turn, said);
    this.spoken = null;
    if (result.action.kind === 'listen') {
      // Speech first: the caller is waiting; the state is stored right after.
      result.lines.forEach((line, i) => this.send(textMessage(i === 0 ? line : ` ${line}`, i === result.lines.length - 1)));
      this.spoken = { turn, lines: result.lines, before: stored.state };
      // The greeting's <Connect> stays the stored answer: a late retry of the greeting webhook gets it again.
      call.stored = { state: result.state, callId: stored.callId, answeredTurn: turn, twiml: stored.twiml };
      await this.deps.store.put(stored.state.callSid, call.stored, this.deps.conversationTtlSeconds);
      return;
    }
    // Handing over or saying goodbye: the ending is stored first, since Twilio asks for it on `end`.
    const twiml = await this.deps.endings.render(result, call.client, call.params);
    call.stored = { state: result.state, callId: stored.callId, answeredTurn: turn, twiml };
    await this.deps.store.put(stored.state.callSid, call.stored, this.deps.conversationTtlSeconds);
    this.send(endMessage({ reason: result.action.kind === 'connect_owner' ? 'owner' : 'goodbye' }));
  }

  /** The caller spoke over Rachel: what she had not said yet never happened, for the transcript and the dialogue. */
  private async interrupted(utteranceUntilInterrupt: string): Promise<void> {
    const spoken = this.spoken;
    const call = this.call;
    this.spoken = null;
    if (!spoken || !call) return;
    const heard = heardPortion(spoken.lines, utteranceUntilInterrupt);
    if (heard.whole >= spoken.lines.length) return;
    await this.deps.transcript.cut(call.stored.state.clientId, call.stored.callId, spoken.turn, heard.lines, spoken.lines.length);
    if (spoken.turn !== call.stored.answeredTurn || call.stored.state.finished) return;
    const { state, releaseHold } = asHeard(spoken.before, call.stored.state, spoken.lines, heard.whole);
    if (state === call.stored.state) return;
    if (releaseHold) await this.deps.turns.release(call.stored);
    call.stored = { ...call.stored, state };
    await this.deps.store.put(state.callSid, call.stored, this.deps.conversationTtlSeconds);
  }

  /**
   * Keypad digits matter to Rachel only when she asks for a number: a caller may key it in. Ten digits
   * (eleven with the leading 1), or '#', end it; other keys at other times are ignored.
   */
  private async keyed(digit: string): Promise<void> {
    if (this.call?.stored.state.expecting !== 'phone') return;
    if (digit === '#' || digit === '*') {
      const keyed = this.digits;
      this.digits = '';
      if (keyed) await this.answer({ speech: keyed, confidence: 1 });
      return;
    }
    this.digits += digit;
    if (this.digits.length >= 11 || (this.digits.length === 10 && !this.digits.startsWith('1'))) await this.answer({ speech: this.digits, confidence: 1 });
  }

  /** Something failed on our side: recorded, and the caller is handed to the owner (the <Connect> action). */
  private async fail(error: unknown): Promise<void> {
    await this.deps.errors.record({ error, source: 'webhook', path: '/voice/relay', context: { call_sid: this.call?.stored.state.callSid ?? null } }).catch(() => undefined);
    if (this.phase === 'over') return;
    this.send(endMessage({ reason: 'error' }));
    this.phase = 'over';
    this.socket.close(1011, 'internal error');
  }

  private refuse(reason: string): void {
    clearTimeout(this.setupTimer);
    this.phase = 'over';
    this.socket.close(1008, reason);
  }

  private send(frame: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(frame);
  }

  /**
   * The socket is gone (the caller hung up, Twilio ended the session, or the connection dropped). A
   * conversation cut off mid-way frees the slot it held at once, as a hang-up does; billing and the
   * call's status are settled by Twilio's status callback, as on every call.
   */
  private closed(): void {
    clearTimeout(this.setupTimer);
    this.phase = 'over';
    this.work = this.work
      .then(async () => {
        const call = this.call;
        if (call && !call.stored.state.finished) await this.deps.turns.release(call.stored);
      })
      .catch((error: unknown) => this.deps.errors.record({ error, source: 'webhook', path: '/voice/relay', context: { call_sid: this.call?.stored.state.callSid ?? null } }))
      .catch(() => undefined)
      .finally(() => this.onGone(this));
  }
}
