import type { Appointment } from '../entities/appointment.entity';

/** An appointment as the API shows it: local date and time in the client's zone, and the UTC instants. */
export function appointmentView(a: Appointment, timezone: string) {
  return {
    id: a.id,
    confirmation_code: a.confirmation_code,
    customer_name: a.customer_name,
    customer_phone: a.customer_phone,
    customer_email: a.customer_email,
    contact_id: a.contact_id,
    appointment_date: a.appointment_date,
    appointment_time: a.appointment_time.slice(0, 5),
    timezone,
    duration: a.duration,
    starts_at: a.starts_at,
    ends_at: a.ends_at,
    purpose: a.purpose,
    notes: a.notes,
    status: a.status,
    source: a.source,
    call_sid: a.call_sid,
    confirmation_sent: a.confirmation_sent,
    reminder_sent: a.reminder_sent,
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}
