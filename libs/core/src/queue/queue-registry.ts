import type { JobDefinition, QueueDefinition, QueueRegistry, RetryPolicy } from './job-definition';

/*
 * The one registry of queues and jobs. The string values are stored in Redis as queue and job
 * names: NEVER rename a value that has shipped — jobs already queued under the old name would be
 * orphaned. Add a new name and retire the old one once its queue has drained.
 */

export enum QueueName {
  Maintenance = 'maintenance',
  Telephony = 'telephony',
  Messaging = 'messaging',
}

export enum JobName {
  PurgeErrorLogs = 'purge-error-logs',
  ProvisionNumber = 'provision-number',
  SendSms = 'send-sms',
  SendAppointmentConfirmation = 'send-appointment-confirmation',
  SendAppointmentReminder = 'send-appointment-reminder',
  SendBillingNotice = 'send-billing-notice',
  ResetFreeMinutes = 'reset-free-minutes',
  SendAppointmentChange = 'send-appointment-change',
  ReleaseIdleNumbers = 'release-idle-numbers',
  OwnerCallAlert = 'owner-call-alert',
  PrerenderVoiceLines = 'prerender-voice-lines',
}

/** The payload each job kind carries. Payloads are plain JSON: they travel through Redis. */
export interface JobPayloads {
  [JobName.PurgeErrorLogs]: { run_date: string };
  [JobName.ProvisionNumber]: { client_id: number };
  /** A messages row already written (status 'queued'): deliver it. */
  [JobName.SendSms]: { client_id: number; message_id: number };
  [JobName.SendAppointmentConfirmation]: { client_id: number; appointment_id: number };
  /** starts_at: the start the reminder was booked for; a rescheduled appointment gets a new job. */
  [JobName.SendAppointmentReminder]: { client_id: number; appointment_id: number; starts_at: string };
  /** A text to the owner about their credit; key: the local day (paused) or the ledger row (low balance). */
  [JobName.SendBillingNotice]: { client_id: number; notice: 'rachel_paused' | 'low_balance'; key: string; balance?: string };
  /** Resets the free minutes of every business whose local month has turned; books the next run. */
  [JobName.ResetFreeMinutes]: { run_at: string };
  /** The owner moved or cancelled an appointment: tell the customer. starts_at: the start it now has. */
  [JobName.SendAppointmentChange]: { client_id: number; appointment_id: number; change: 'rescheduled' | 'cancelled'; starts_at: string };
  [JobName.ReleaseIdleNumbers]: { run_date: string };
  /** Text the owner what a caller left: a voicemail recording or a message taken by Rachel. */
  [JobName.OwnerCallAlert]: { client_id: number; call_id: number };
  /** A business's greeting or voice changed: render its fixed lines ahead of its next call. */
  [JobName.PrerenderVoiceLines]: { client_id: number };
}

/** Housekeeping may wait: a few slow retries are enough. */
export const MAINTENANCE_RETRY: RetryPolicy = { attempts: 3, backoff: { type: 'exponential', delayMs: 60_000 } };

/**
 * Buying a number: Twilio rate limits and outages pass within minutes. Six runs with exponential
 * backoff from 5 s span about two and a half minutes before number_status becomes 'failed'.
 */
export const PROVISIONING_RETRY: RetryPolicy = { attempts: 6, backoff: { type: 'exponential', delayMs: 5_000 } };

/** Texts: a few quick retries; a confirmation that arrives an hour late is worth less than none. */
export const SMS_RETRY: RetryPolicy = { attempts: 5, backoff: { type: 'exponential', delayMs: 10_000 } };

/** Pre-rendering only saves a caller a wait: a few retries as ElevenLabs recovers, then the call renders on demand. */
export const PRERENDER_RETRY: RetryPolicy = { attempts: 3, backoff: { type: 'exponential', delayMs: 30_000 } };

export const QUEUE_DEFINITIONS: { readonly [Q in QueueName]: QueueDefinition } = {
  [QueueName.Maintenance]: { concurrency: 1 },
  // Twilio's REST API allows modest concurrency per account; provisioning is rare and not urgent.
  [QueueName.Telephony]: { concurrency: 2 },
  [QueueName.Messaging]: { concurrency: 5 },
};

export const JOB_DEFINITIONS: { readonly [N in JobName]: JobDefinition } = {
  [JobName.PurgeErrorLogs]: { queue: QueueName.Maintenance, retry: MAINTENANCE_RETRY },
  [JobName.ProvisionNumber]: { queue: QueueName.Telephony, retry: PROVISIONING_RETRY },
  [JobName.SendSms]: { queue: QueueName.Messaging, retry: SMS_RETRY },
  [JobName.SendAppointmentConfirmation]: { queue: QueueName.Messaging, retry: SMS_RETRY },
  [JobName.SendAppointmentReminder]: { queue: QueueName.Messaging, retry: SMS_RETRY },
  [JobName.SendBillingNotice]: { queue: QueueName.Messaging, retry: SMS_RETRY },
  [JobName.ResetFreeMinutes]: { queue: QueueName.Maintenance, retry: MAINTENANCE_RETRY },
  [JobName.SendAppointmentChange]: { queue: QueueName.Messaging, retry: SMS_RETRY },
  [JobName.ReleaseIdleNumbers]: { queue: QueueName.Maintenance, retry: MAINTENANCE_RETRY },
  [JobName.OwnerCallAlert]: { queue: QueueName.Messaging, retry: SMS_RETRY },
  [JobName.PrerenderVoiceLines]: { queue: QueueName.Maintenance, retry: PRERENDER_RETRY },
};

export const QUEUE_REGISTRY: QueueRegistry = { queues: QUEUE_DEFINITIONS, jobs: JOB_DEFINITIONS };

/**
 * Deterministic job ids, one place for each kind, so every enqueuer of the same work uses the same
 * id and Bull keeps it to one job.
 */
export const JobIds = {
  /** One provisioning per client: a retried sign-up never buys a second number. */
  provisionNumber: (clientId: number) => `provision-number:${clientId}`,
  /** A manual retry, distinct per minute (a double click is one job). */
  provisionNumberRetry: (clientId: number, at: Date) => `provision-number:${clientId}:manual:${Math.floor(at.getTime() / 60_000)}`,
  /** Provisioning that waits for the platform budget, until the given instant (same wait, same job). */
  provisionNumberAfterBudget: (clientId: number, until: Date) => `provision-number:${clientId}:budget:${until.getTime()}`,
  /** The daily release of idle accounts' numbers (every replica books the same id). */
  releaseIdleNumbers: (day: string) => `release-idle-numbers:${day}`,
  sms: (messageId: number) => `sms:${messageId}`,
  /** One automatic confirmation per appointment, however often the booking request is retried. */
  confirmation: (appointmentId: number) => `confirmation:${appointmentId}`,
  /** One reminder per appointment and start time: rescheduling books a new one, the old one finds nothing to do. */
  reminder: (appointmentId: number, startsAt: Date) => `reminder:${appointmentId}:${startsAt.getTime()}`,
  /** One text per change: a retried PATCH or DELETE never texts twice; a move to another time is a new change. */
  appointmentChange: (appointmentId: number, change: 'rescheduled' | 'cancelled', startsAt: Date) => `appointment-${change}:${appointmentId}:${startsAt.getTime()}`,
  /** One alert per call and what was left (a re-delivered recording callback never texts twice). */
  ownerAlert: (callId: number, kind: 'voicemail' | 'message') => `owner-alert:${callId}:${kind}`,
  /** One pre-render per business and settings version: saving the same greeting twice renders once. */
  prerenderVoice: (clientId: number, version: string) => `prerender-voice:${clientId}:${version}`,
};
