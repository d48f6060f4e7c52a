/**
 * The seed document's test world: client 5 "Default Client" (business_phone +16566001400,
 * ringlypro_number +18886103810) with 15 appointments, 35 calls and 30 SMS, plus three more
 * businesses so tenant isolation is visible in the demo.
 */
export interface DemoClient {
  id: number;
  business_name: string;
  business_phone: string;
  ringlypro_number: string | null;
  owner_name: string;
  owner_phone: string;
  owner_email: string;
  timezone: string;
  business_days: string;
  rachel_enabled: boolean;
  number_status: 'pending' | 'active';
  /** Calls have arrived forwarded from the business phone. */
  forwarding_verified: boolean;
  balance: string;
  free_minutes_used: number;
  counts: { contacts: number; appointments: number; calls: number; messages: number };
}

export const DEMO_OWNER_EMAIL = 'owner@default-client.demo';

export const DEMO_CLIENTS: DemoClient[] = [
  {
    id: 5,
    business_name: 'Default Client',
    business_phone: '+16566001400',
    ringlypro_number: '+18886103810',
    owner_name: 'Dana Default',
    owner_phone: '+16566001401',
    owner_email: DEMO_OWNER_EMAIL,
    timezone: 'America/New_York',
    business_days: 'Mon-Fri',
    rachel_enabled: true,
    number_status: 'active',
    forwarding_verified: true,
    balance: '25.00',
    free_minutes_used: 42,
    counts: { contacts: 12, appointments: 15, calls: 35, messages: 30 },
  },
  {
    id: 6,
    business_name: 'Bright Smile Dental',
    business_phone: '+13055550142',
    ringlypro_number: '+13055550199',
    owner_name: 'Marisol Vega',
    owner_phone: '+13055550143',
    owner_email: 'marisol@brightsmile.demo',
    timezone: 'America/New_York',
    business_days: 'Mon-Sat',
    rachel_enabled: true,
    number_status: 'active',
    forwarding_verified: true,
    balance: '10.00',
    free_minutes_used: 100,
    counts: { contacts: 4, appointments: 4, calls: 6, messages: 4 },
  },
  {
    id: 7,
    business_name: 'Summit Plumbing',
    business_phone: '+17205550123',
    ringlypro_number: '+17205550188',
    owner_name: 'Greg Holt',
    owner_phone: '+17205550124',
    owner_email: 'greg@summitplumbing.demo',
    timezone: 'America/Denver',
    business_days: 'Mon-Fri',
    rachel_enabled: false,
    number_status: 'active',
    forwarding_verified: true,
    balance: '0.00',
    free_minutes_used: 12,
    counts: { contacts: 3, appointments: 3, calls: 4, messages: 2 },
  },
  {
    id: 8,
    business_name: 'Harbor Yoga Studio',
    business_phone: '+12065550110',
    ringlypro_number: null,
    owner_name: 'Aiko Tanaka',
    owner_phone: '+12065550111',
    owner_email: 'aiko@harboryoga.demo',
    timezone: 'America/Los_Angeles',
    business_days: 'Tue-Sat',
    rachel_enabled: true,
    number_status: 'pending',
    forwarding_verified: false,
    balance: '0.00',
    free_minutes_used: 0,
    counts: { contacts: 0, appointments: 0, calls: 0, messages: 0 },
  },
];

export const FIRST_NAMES = ['Ava', 'Ben', 'Carla', 'Deon', 'Elena', 'Frank', 'Grace', 'Hugo', 'Iris', 'Jamal', 'Kira', 'Luis'];
export const LAST_NAMES = ['Nguyen', 'Okafor', 'Patel', 'Quinn', 'Rossi', 'Silva', 'Turner', 'Usman', 'Varga', 'Wright', 'Xu', 'Young'];
export const PURPOSES = ['General Consultation', 'Estimate', 'Follow-up', 'New customer intake'];
