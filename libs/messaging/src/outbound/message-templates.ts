import { dollarsText } from '@ringlypro/billing';

/** Texts customers receive. Never ask them to reply CANCEL or STOP: carriers treat those as opt-out words. */

/** "Tue, Dec 1 at 10:00 AM" in the business's zone. */
export function localWhen(startsAt: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' }).format(startsAt);
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(startsAt);
  return `${day} at ${time}`;
}

export function confirmationText(businessName: string, startsAt: Date, timeZone: string, code: string): string {
  return `${businessName}: your appointment is booked for ${localWhen(startsAt, timeZone)}. Confirmation code ${code}. Reply C to confirm or X to cancel.`;
}

export function reminderText(businessName: string, startsAt: Date, timeZone: string, code: string): string {
  return `Reminder from ${businessName}: your appointment is ${localWhen(startsAt, timeZone)} (code ${code}). Reply C to confirm or X to cancel.`;
}

/** The owner moved the appointment (through the dashboard or the API). */
export function rescheduledText(businessName: string, startsAt: Date, timeZone: string, code: string): string {
  return `${businessName}: your appointment has been moved to ${localWhen(startsAt, timeZone)}. Confirmation code ${code}. Reply C to confirm or X to cancel.`;
}

/** The owner cancelled it; the customer is told how to book again. */
export function cancelledText(businessName: string, startsAt: Date, timeZone: string, callBack: string): string {
  return `${businessName}: your appointment on ${localWhen(startsAt, timeZone)} has been cancelled. Call ${callBack} to book another time.`;
}

export function helpText(businessName: string, businessPhone: string): string {
  return `${businessName}: for help call ${businessPhone}. Reply C to confirm or X to cancel your next appointment. Msg & data rates may apply.`;
}

/** To the owner, at most once a day, when a call reached the owner because no minute was affordable. */
export function rachelPausedText(businessName: string, dashboardUrl: string): string {
  return `RinglyPro: Rachel is paused for ${businessName} — your free minutes are used up and your credit balance is below one minute. Calls are going straight to you. Add credit to turn her back on: ${dashboardUrl}`;
}

/** To the owner, once per fall below the threshold (re-armed by a reload). */
export function lowBalanceText(businessName: string, balance: string, dashboardUrl: string): string {
  return `RinglyPro: ${businessName}'s credit balance is ${dollarsText(balance)} and this month's free minutes are used up. Add credit so Rachel keeps answering: ${dashboardUrl}`;
}
