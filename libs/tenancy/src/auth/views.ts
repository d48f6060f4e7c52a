import type { Client } from '../entities/client.entity';
import type { User } from '../entities/user.entity';

/** A user as the API shows it: never password_hash. */
export function userView(user: User) {
  return {
    id: user.id,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    role: user.role,
    business_name: user.business_name,
    business_phone: user.business_phone,
    business_type: user.business_type,
    website_url: user.website_url,
    onboarding_completed: user.onboarding_completed,
    created_at: user.created_at,
  };
}

const hhmm = (time: string) => time.slice(0, 5);

/** A client (business profile and Rachel's settings) as the API shows it. */
export function clientView(client: Client) {
  return {
    id: client.id,
    business_name: client.business_name,
    business_phone: client.business_phone,
    ringlypro_number: client.ringlypro_number,
    owner_name: client.owner_name,
    owner_phone: client.owner_phone,
    owner_email: client.owner_email,
    custom_greeting: client.custom_greeting,
    voice_id: client.voice_id,
    voice_transport: client.voice_transport,
    services_info: client.services_info,
    business_address: client.business_address,
    business_hours_start: hhmm(client.business_hours_start),
    business_hours_end: hhmm(client.business_hours_end),
    business_days: client.business_days,
    timezone: client.timezone,
    appointment_duration: client.appointment_duration,
    booking_enabled: client.booking_enabled,
    sms_notifications: client.sms_notifications,
    monthly_free_minutes: client.monthly_free_minutes,
    per_minute_rate: client.per_minute_rate,
    rachel_enabled: client.rachel_enabled,
    number_status: client.number_status,
    forwarding_verified: client.forwarding_verified,
    forwarding_verified_at: client.forwarding_verified_at,
    number_released_at: client.number_released_at,
    number_release_reason: client.number_release_reason,
    provisioning_error: client.provisioning_error,
    /** Derived from number_status and rachel_enabled; kept for readers of the seed's API. */
    forwarding_status: client.forwarding_status,
    active: client.active,
    created_at: client.created_at,
    updated_at: client.updated_at,
  };
}
