import type { Call } from '@ringlypro/telephony';
import { localWhen } from './message-templates';

/** The longest dictated message quoted in full; a longer one is cut with an ellipsis (one SMS segment set). */
const MESSAGE_QUOTE_LIMIT = 600;

/**
 * What the owner reads after a caller left something: who called, when, and the voicemail link or
 * the message Rachel took down. Deterministic from the call row, so a retried job composes the same
 * text and finds the row its earlier attempt wrote.
 */
export function ownerAlertText(call: Call, kind: 'voicemail' | 'message', timeZone: string): string {
  const when = localWhen(call.start_time ?? call.created_at, timeZone);
  if (kind === 'voicemail') {
    const seconds = call.recording_duration !== null ? ` (${call.recording_duration}s)` : '';
    return `RinglyPro: missed call from ${call.from_number}, ${when}. Voicemail${seconds}: ${call.recording_url}.mp3`;
  }
  const text = (call.caller_message ?? '').trim();
  const quoted = text.length > MESSAGE_QUOTE_LIMIT ? `${text.slice(0, MESSAGE_QUOTE_LIMIT)}…` : text;
  return `RinglyPro: message from ${call.from_number}, ${when}: "${quoted}"`;
}
