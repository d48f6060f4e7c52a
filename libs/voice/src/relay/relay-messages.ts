import { toSafeText } from '@ringlypro/core';

/**
 * The ConversationRelay messages Twilio sends over the WebSocket, as far as Rachel uses them (Twilio's
 * "Getting and sending WebSocket messages"). Everything is checked here, at the edge: a frame that is
 * not one of these, or not shaped like it, is `null` and never reaches the conversation.
 */
export type RelayInbound =
  | { type: 'setup'; callSid: string; from: string; to: string; customParameters: Record<string, string> }
  /** The caller's words; `last` false marks a partial result (only sent with partialPrompts on). */
  | { type: 'prompt'; voicePrompt: string; last: boolean }
  /** The caller spoke over Rachel: `utteranceUntilInterrupt` is what she had said of her text by then. */
  | { type: 'interrupt'; utteranceUntilInterrupt: string; durationUntilInterruptMs: number }
  | { type: 'dtmf'; digit: string }
  | { type: 'error'; description: string };

/** What one utterance may carry into the dialogue (the Gather path keeps the same bound). */
const MAX_SPEECH = 1000;
const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' ? toSafeText(value).replace(/[\u0000-\u001f]/g, ' ').slice(0, max) : null;

/** One frame from Twilio, or null when it is not JSON, not an object, or not a message Rachel acts on. */
export function parseRelayMessage(raw: string): RelayInbound | null {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!message || typeof message !== 'object' || Array.isArray(message)) return null;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'setup': {
      const callSid = typeof m.callSid === 'string' && CALL_SID.test(m.callSid) ? m.callSid : null;
      if (!callSid) return null;
      const params = m.customParameters && typeof m.customParameters === 'object' && !Array.isArray(m.customParameters) ? (m.customParameters as Record<string, unknown>) : {};
      const customParameters = Object.fromEntries(
        Object.entries(params)
          .slice(0, 20)
          .flatMap(([key, value]) => (typeof value === 'string' ? [[key.slice(0, 64), value.slice(0, 256)]] : [])),
      );
      return { type: 'setup', callSid, from: text(m.from, 64) ?? '', to: text(m.to, 64) ?? '', customParameters };
    }
    case 'prompt': {
      const voicePrompt = text(m.voicePrompt, MAX_SPEECH);
      // Twilio marks a final result with last: true; a missing flag is a final result too (partials say false).
      return voicePrompt === null ? null : { type: 'prompt', voicePrompt, last: m.last !== false };
    }
    case 'interrupt': {
      const utteranceUntilInterrupt = text(m.utteranceUntilInterrupt, 10_000) ?? '';
      const duration = typeof m.durationUntilInterruptMs === 'number' && Number.isFinite(m.durationUntilInterruptMs) ? Math.max(0, m.durationUntilInterruptMs) : 0;
      return { type: 'interrupt', utteranceUntilInterrupt, durationUntilInterruptMs: duration };
    }
    case 'dtmf':
      return typeof m.digit === 'string' && /^[0-9*#]$/.test(m.digit) ? { type: 'dtmf', digit: m.digit } : null;
    case 'error':
      return { type: 'error', description: text(m.description, 500) ?? '(no description)' };
    default:
      return null;
  }
}

/** Rachel's words: one text token; `last` ends her talk cycle. */
export function textMessage(token: string, last: boolean): string {
  return JSON.stringify({ type: 'text', token, last });
}

/** Ends the session; Twilio then requests the <Connect> action URL with this handoffData. */
export function endMessage(handoffData: Record<string, unknown>): string {
  return JSON.stringify({ type: 'end', handoffData: JSON.stringify(handoffData) });
}
