import { Injectable } from '@nestjs/common';
import { CallAdmission } from '@ringlypro/billing';
import { type Appointment, AppointmentsService, AvailabilityService, type Evaluation, type Refusal, SlotHolds } from '@ringlypro/booking';
import { ConflictError, parseBusinessDays, UnprocessableError } from '@ringlypro/core';
import { TenantClientStore } from '@ringlypro/tenancy';
import { type AppointmentSummary, type BookResult, BusinessDesk, type CheckResult, type LocalSlot, type Unavailable } from '../dialogue/business-desk';
import type { BusinessProfile } from '../dialogue/conversation';

const UNAVAILABLE: Record<Refusal, Unavailable> = {
  'closed-day': 'closed-day',
  'outside-hours': 'outside-hours',
  'no-such-local-time': 'no-such-time',
  'too-soon': 'too-soon',
  past: 'past',
  'beyond-horizon': 'too-far',
  taken: 'taken',
};

function summary(appointment: Appointment): AppointmentSummary {
  return {
    id: appointment.id,
    date: appointment.appointment_date,
    time: appointment.appointment_time.slice(0, 5),
    code: appointment.confirmation_code ?? '',
    name: appointment.customer_name,
  };
}

/** The business desk of one call for one turn, on the tenant's real services, inside its tenant scope. */
export class TenantDesk extends BusinessDesk {
  private readonly verdicts = new Map<string, Promise<Evaluation>>();

  constructor(
    private readonly callSid: string,
    private readonly holdMinutes: number,
    private readonly availability: AvailabilityService,
    private readonly appointments: AppointmentsService,
    private readonly holds: SlotHolds,
    private readonly admission: CallAdmission,
  ) {
    super();
  }

  async check(slot: LocalSlot): Promise<CheckResult> {
    const result = await this.evaluate(slot);
    return result.ok ? { ok: true } : { ok: false, reason: UNAVAILABLE[result.reason] };
  }

  async nextFree(preferred: { date: string; time?: string }, count: number): Promise<LocalSlot[]> {
    return (await this.availability.nextSlots(preferred, count, this.callSid)).map((s) => ({ date: s.date, time: s.time }));
  }

  async hold(slot: LocalSlot): Promise<boolean> {
    const result = await this.evaluate(slot);
    if (!result.ok) return false;
    return this.holds.hold(this.callSid, result.startsAt, result.endsAt, this.holdMinutes);
  }

  /**
   * The booking rule's verdict on a slot, asked once per turn: the desk lives for one turn, and "check,
   * then hold" on the same slot must not read the calendar twice. The exclusion constraint on holds
   * still decides a race between the two.
   */
  private evaluate(slot: LocalSlot): Promise<Evaluation> {
    const key = `${slot.date} ${slot.time}`;
    let verdict = this.verdicts.get(key);
    if (!verdict) {
      verdict = this.availability.check(slot.date, slot.time, undefined, undefined, this.callSid);
      this.verdicts.set(key, verdict);
    }
    return verdict;
  }

  release(): Promise<void> {
    return this.holds.release(this.callSid);
  }

  async book(slot: LocalSlot, customer: { name: string; phone: string }): Promise<BookResult> {
    return this.decide(slot, async () =>
      summary(
        await this.appointments.book({
          customer_name: customer.name,
          customer_phone: customer.phone,
          appointment_date: slot.date,
          appointment_time: slot.time,
          source: 'voice_booking',
          call_sid: this.callSid,
        }),
      ),
    );
  }

  async nextAppointment(phone: string): Promise<AppointmentSummary | null> {
    const next = await this.appointments.nextFor(phone);
    return next ? summary(next) : null;
  }

  async cancel(id: number): Promise<void> {
    await this.appointments.cancel(id, 'tell-customer');
  }

  async reschedule(id: number, slot: LocalSlot): Promise<BookResult> {
    return this.decide(slot, async () => summary(await this.appointments.update(id, { appointment_date: slot.date, appointment_time: slot.time }, 'tell-customer', this.callSid)));
  }

  secondsLeft(): Promise<number> {
    return this.admission.secondsLeft(this.callSid);
  }

  /** A slot lost at the last moment is "taken" (Rachel re-offers), a rule refusal says which; never a 500. */
  private async decide(slot: LocalSlot, write: () => Promise<AppointmentSummary>): Promise<BookResult> {
    try {
      return { ok: true, appointment: await write() };
    } catch (error) {
      if (error instanceof ConflictError) return { ok: false, reason: 'taken' };
      if (error instanceof UnprocessableError) {
        const check = await this.check(slot);
        return { ok: false, reason: check.ok ? 'refused' : check.reason };
      }
      throw error;
    }
  }
}

/** Builds the desk of a call and the business profile Rachel speaks from. */
@Injectable()
export class TenantDeskFactory {
  constructor(
    private readonly availability: AvailabilityService,
    private readonly appointments: AppointmentsService,
    private readonly holds: SlotHolds,
    private readonly admission: CallAdmission,
    private readonly store: TenantClientStore,
  ) {}

  forCall(callSid: string, holdMinutes: number): TenantDesk {
    return new TenantDesk(callSid, holdMinutes, this.availability, this.appointments, this.holds, this.admission);
  }

  async profile(): Promise<BusinessProfile> {
    const client = await this.store.view();
    return {
      name: client.business_name,
      greeting: client.custom_greeting,
      timezone: client.timezone,
      hours: { start: client.business_hours_start.slice(0, 5), end: client.business_hours_end.slice(0, 5) },
      openDays: [...(parseBusinessDays(client.business_days) ?? new Set([1, 2, 3, 4, 5]))],
      address: client.business_address,
      services: client.services_info,
      voiceId: client.voice_id,
    };
  }
}
