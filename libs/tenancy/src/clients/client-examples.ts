/** Example bodies for the client routes' OpenAPI documentation (the shapes clientView and RachelStatus produce). */
export const CLIENT_EXAMPLE = {
  id: 5,
  business_name: 'Default Client',
  business_phone: '+16566001400',
  ringlypro_number: '+18886103810',
  owner_name: 'Dana Default',
  owner_phone: '+16566001401',
  owner_email: 'owner@default-client.demo',
  custom_greeting: "Thanks for calling Default Client. I'm Rachel; how can I help?",
  voice_id: null,
  voice_transport: null,
  business_hours_start: '09:00',
  business_hours_end: '17:00',
  business_days: 'Mon-Fri',
  timezone: 'America/New_York',
  appointment_duration: 30,
  booking_enabled: true,
  sms_notifications: true,
  monthly_free_minutes: 100,
  per_minute_rate: '0.100',
  rachel_enabled: true,
  number_status: 'active',
  forwarding_verified: true,
  forwarding_verified_at: '2026-11-02T15:04:05.000Z',
  number_released_at: null,
  number_release_reason: null,
  provisioning_error: null,
  forwarding_status: 'active',
  active: true,
  created_at: '2026-10-01T12:00:00.000Z',
  updated_at: '2026-11-02T15:04:05.000Z',
};

export const RACHEL_STATUS_EXAMPLE = {
  client_id: 5,
  rachel_enabled: true,
  number_status: 'active',
  forwarding_verified: true,
  forwarding_verified_at: '2026-11-02T15:04:05.000Z',
  forwarding_status: 'active',
  ringlypro_number: '+18886103810',
};

/** The path parameter of the seed's `/:client_id` routes: no default, so Swagger never sends another tenant's id. */
export const CLIENT_ID_PARAM = {
  name: 'client_id',
  description: "Your own client id (a platform admin may name any client's). Prefer the /me form.",
  schema: { type: 'integer' as const, minimum: 1, maximum: 2147483647 },
};
