import type { Message } from '../entities/message.entity';

export function messageView(m: Message) {
  return {
    id: m.id,
    direction: m.direction,
    from_number: m.from_number,
    to_number: m.to_number,
    body: m.body,
    status: m.status,
    purpose: m.purpose,
    appointment_id: m.appointment_id,
    twilio_sid: m.twilio_sid,
    error_code: m.error_code,
    error_message: m.error_message,
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
}
