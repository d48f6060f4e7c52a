import { minutesOfDay, parseBusinessDays } from '@ringlypro/core';

/** Everything that decides whether a time can be booked, from the client's settings and the platform's. */
export interface BookingRules {
  timeZone: string;
  /** getDay() numbers of open days. */
  openDays: Set<number>;
  /** Local minutes after midnight. */
  opensAt: number;
  closesAt: number;
  /** Minutes an appointment lasts unless the request says otherwise. */
  duration: number;
  /** Minutes between offered slot starts. */
  slotInterval: number;
  /** Nothing can be booked sooner than this many minutes from now. */
  minNoticeMinutes: number;
  /** Nor later than this many days from now. */
  horizonDays: number;
}

export interface BookingPolicy {
  minNoticeMinutes: number;
  horizonDays: number;
  /** null: the appointment duration is the slot interval. */
  slotIntervalMinutes: number | null;
}

export interface ClientSchedule {
  timezone: string;
  business_days: string;
  business_hours_start: string;
  business_hours_end: string;
  appointment_duration: number;
}

export function rulesFor(client: ClientSchedule, policy: BookingPolicy): BookingRules {
  return {
    timeZone: client.timezone,
    openDays: parseBusinessDays(client.business_days) ?? new Set([1, 2, 3, 4, 5]),
    opensAt: minutesOfDay(client.business_hours_start.slice(0, 5)) ?? 9 * 60,
    closesAt: minutesOfDay(client.business_hours_end.slice(0, 5)) ?? 17 * 60,
    duration: client.appointment_duration,
    slotInterval: policy.slotIntervalMinutes ?? client.appointment_duration,
    minNoticeMinutes: policy.minNoticeMinutes,
    horizonDays: policy.horizonDays,
  };
}
