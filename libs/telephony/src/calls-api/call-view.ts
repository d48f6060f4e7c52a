import type { CallTurn } from '../entities/call-turn.entity';
import type { Call } from '../entities/call.entity';

/** A call as the dashboard shows it. */
export function callView(call: Call) {
  return {
    id: call.id,
    call_sid: call.twilio_call_sid,
    direction: call.direction,
    from_number: call.from_number,
    to_number: call.to_number,
    status: call.status,
    duration: call.duration,
    intent: call.intent,
    outcome: call.outcome,
    appointment_id: call.appointment_id,
    caller_message: call.caller_message,
    voicemail: call.recording_url ? { recording_sid: call.recording_sid, url: call.recording_url, duration: call.recording_duration } : null,
    started_at: call.start_time,
    created_at: call.created_at,
  };
}

export function transcriptView(turn: CallTurn) {
  return { turn: turn.turn, speaker: turn.speaker, text: turn.text, confidence: turn.confidence === null ? null : Number(turn.confidence), at: turn.created_at };
}

const CALL_EXAMPLE = {
  id: 318,
  call_sid: 'CA5f0c8b8e2a9d4c1b7e6f3a2d1c0b9a87',
  direction: 'inbound',
  from_number: '+13105550199',
  to_number: '+18886103810',
  status: 'completed',
  duration: 74,
  intent: 'book',
  outcome: 'booked',
  appointment_id: 41,
  caller_message: null,
  voicemail: null,
  started_at: '2026-11-30T15:00:02.000Z',
  created_at: '2026-11-30T15:00:02.000Z',
};

export const CALL_LIST_EXAMPLE = { success: true, data: [CALL_EXAMPLE], pagination: { page: 1, page_size: 20, total: 1 } };

export const CALL_DETAIL_EXAMPLE = {
  success: true,
  call: {
    ...CALL_EXAMPLE,
    transcript: [
      { turn: 0, speaker: 'rachel', text: 'Thank you for calling Bright Smiles Dental. This is Rachel, the virtual assistant.', confidence: null, at: '2026-11-30T15:00:02.000Z' },
      { turn: 0, speaker: 'rachel', text: 'How can I help you today?', confidence: null, at: '2026-11-30T15:00:02.000Z' },
      { turn: 1, speaker: 'caller', text: 'I would like to book an appointment tomorrow at 2 pm', confidence: 0.92, at: '2026-11-30T15:00:09.000Z' },
      { turn: 1, speaker: 'rachel', text: 'Tuesday, December 1st at 2 PM is available.', confidence: null, at: '2026-11-30T15:00:09.000Z' },
    ],
  },
};
