/**
 * What the dialogue may ask of the business while a caller is on the line: availability, holds,
 * bookings, the caller's appointments. The dialogue engine speaks only to this port, so it runs in unit
 * tests against an in-memory desk and in production against the tenant's real services (TenantDesk).
 * Every method runs inside the business's tenant scope.
 */

/** Why a requested time cannot be offered, in the words Rachel uses. */
export type Unavailable = 'closed-day' | 'outside-hours' | 'taken' | 'past' | 'too-soon' | 'too-far' | 'no-such-time';

export interface LocalSlot {
  /** 'YYYY-MM-DD' local to the business. */
  date: string;
  /** 'HH:MM' local. */
  time: string;
}

export interface AppointmentSummary extends LocalSlot {
  id: number;
  code: string;
  name: string;
}

export type CheckResult = { ok: true } | { ok: false; reason: Unavailable };
export type BookResult = { ok: true; appointment: AppointmentSummary } | { ok: false; reason: Unavailable | 'refused' };

export abstract class BusinessDesk {
  /** Whether the slot may be booked now, by the same rule as the API (the caller's own hold is no conflict). */
  abstract check(slot: LocalSlot): Promise<CheckResult>;
  /** The nearest free slots at or after the preferred date (and time). */
  abstract nextFree(preferred: { date: string; time?: string }, count: number): Promise<LocalSlot[]>;
  /** Holds the slot for this call; false when another call or a booking got it first. */
  abstract hold(slot: LocalSlot): Promise<boolean>;
  abstract release(): Promise<void>;
  abstract book(slot: LocalSlot, customer: { name: string; phone: string }): Promise<BookResult>;
  /** The caller's next open appointment with this business, by their phone number. */
  abstract nextAppointment(phone: string): Promise<AppointmentSummary | null>;
  abstract cancel(id: number): Promise<void>;
  abstract reschedule(id: number, slot: LocalSlot): Promise<BookResult>;
  /** Seconds of Rachel this call may still use (billing). */
  abstract secondsLeft(): Promise<number>;
}
