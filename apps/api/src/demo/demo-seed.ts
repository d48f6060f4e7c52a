import { hash } from 'bcryptjs';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromLocal } from '@ringlypro/booking';
import { type AppConfig, PLATFORM_ROLE } from '@ringlypro/core';
import type { DataSource, EntityManager } from 'typeorm';
import { DEMO_CLIENTS, DEMO_OWNER_EMAIL, type DemoClient, FIRST_NAMES, LAST_NAMES, PURPOSES } from './demo-world';
import { DEMO_CONVERSATIONS } from './demo-texts';

const UNAMBIGUOUS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const SLOT_TIMES = ['10:00', '11:30', '14:00', '15:30'];
const WEEKDAYS_BY_PATTERN: Record<string, number[]> = { 'Mon-Fri': [1, 2, 3, 4, 5], 'Mon-Sat': [1, 2, 3, 4, 5, 6], 'Tue-Sat': [2, 3, 4, 5, 6] };
const HOUR_MS = 3600_000;

export interface DemoLogin {
  email: string;
  /** Known only to the run that created the user, and to the file it wrote under the data dir. */
  password: string | null;
  client_id: number;
  rachel_number: string;
}

/** Stable fake ids, so a second run addresses the same rows. */
function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
function sid(prefix: string, key: string): string {
  return prefix + digest(key).slice(0, 32);
}
function code(key: string): string {
  const bytes = Buffer.from(digest(key), 'hex');
  return [...bytes.subarray(0, 8)].map((b) => UNAMBIGUOUS[b % UNAMBIGUOUS.length]).join('');
}
function contactPhone(client: DemoClient, i: number): string {
  // 555-01XX numbers are reserved for fiction in the NANP.
  return `+1${client.business_phone.slice(2, 5)}55501${String(i).padStart(2, '0')}`;
}
function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Business days from a week ago onwards, in the client's zone, for spreading demo appointments. */
function businessDates(client: DemoClient, now: Date, count: number): string[] {
  const allowed = WEEKDAYS_BY_PATTERN[client.business_days];
  const dates: string[] = [];
  for (let day = addDays(localDate(now, client.timezone), -7); dates.length < count; day = addDays(day, 1)) {
    if (allowed.includes(new Date(`${day}T00:00:00Z`).getUTCDay())) dates.push(day);
  }
  return dates;
}

/**
 * Loads the demo world. Idempotent: every row has a natural key (email, phone, confirmation code,
 * Twilio SID) and is inserted with ON CONFLICT DO NOTHING, so running it twice changes nothing.
 * Runs as one transaction: either the whole world is there or none of it.
 */
export async function seedDemoData(dataSource: DataSource, config: AppConfig, now = new Date()): Promise<DemoLogin> {
  const demoPassword = process.env.DEMO_OWNER_PASSWORD || randomBytes(9).toString('base64url');
  let createdDemoOwner = false;
  // The named cross-tenant path 'demo-data': as the platform role, like every cross-tenant write.
  await dataSource.transaction(async (tx) => {
    await tx.query(`SET LOCAL ROLE ${PLATFORM_ROLE}`);
    for (const client of DEMO_CLIENTS) {
      const isDemoOwner = client.owner_email === DEMO_OWNER_EMAIL;
      const password = isDemoOwner ? demoPassword : randomBytes(18).toString('base64url');
      const inserted: Array<{ id: number }> = await tx.query(
        `INSERT INTO users (email, password_hash, first_name, last_name, business_name, business_phone, terms_accepted, onboarding_completed)
         VALUES ($1, $2, $3, $4, $5, $6, TRUE, TRUE) ON CONFLICT DO NOTHING RETURNING id`,
        [client.owner_email, await hash(password, 10), ...client.owner_name.split(' '), client.business_name, client.business_phone],
      );
      if (isDemoOwner && inserted.length > 0) createdDemoOwner = true;
      await seedClient(tx, client, now);
    }
    await tx.query(`SELECT setval('clients_id_seq', GREATEST((SELECT MAX(id) FROM clients), 1))`);
  });
  if (createdDemoOwner) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(loginFileOf(config), JSON.stringify({ email: DEMO_OWNER_EMAIL, password: demoPassword }, null, 2) + '\n', { mode: 0o600 });
  }
  return rememberedLogin(config);
}

function loginFileOf(config: AppConfig): string {
  return join(config.dataDir, 'demo-login.json');
}

/** The demo owner's login as the run that created it wrote it down (password null if it never did). */
function rememberedLogin(config: AppConfig): DemoLogin {
  const file = loginFileOf(config);
  const password = existsSync(file) ? ((JSON.parse(readFileSync(file, 'utf8')) as { password?: string }).password ?? null) : null;
  return { email: DEMO_OWNER_EMAIL, password, client_id: 5, rachel_number: DEMO_CLIENTS[0].ringlypro_number! };
}

async function seedClient(tx: EntityManager, client: DemoClient, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO clients (id, business_name, business_phone, ringlypro_number, owner_name, owner_phone, owner_email, timezone,
       business_days, rachel_enabled, number_status, forwarding_verified, forwarding_verified_at, twilio_number_sid, user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text, $8, $9, $10, $11, $12, CASE WHEN $12 THEN $14::timestamptz END, $13,
       (SELECT id FROM users WHERE email = $7::text))
     ON CONFLICT DO NOTHING`,
    [
      client.id, client.business_name, client.business_phone, client.ringlypro_number, client.owner_name, client.owner_phone,
      client.owner_email, client.timezone, client.business_days, client.rachel_enabled, client.number_status, client.forwarding_verified,
      client.ringlypro_number ? sid('PN', `number:${client.id}`) : null, now,
    ],
  );
  await tx.query(
    `INSERT INTO credit_accounts (client_id, balance, free_minutes_used, total_minutes_used) VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING`,
    [client.id, client.balance, client.free_minutes_used],
  );
  const contacts = Array.from({ length: client.counts.contacts }, (_, i) => ({
    first_name: FIRST_NAMES[i % FIRST_NAMES.length],
    last_name: LAST_NAMES[(i + client.id) % LAST_NAMES.length],
    phone: contactPhone(client, i),
  }));
  for (const [i, c] of contacts.entries()) {
    await tx.query(
      `INSERT INTO contacts (client_id, first_name, last_name, phone, email, source) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [client.id, c.first_name, c.last_name, c.phone, `${c.first_name}.${c.last_name}.${client.id}@example.com`.toLowerCase(), i % 2 ? 'voice' : 'manual'],
    );
  }
  const today = localDate(now, client.timezone);
  for (const [i, date] of businessDates(client, now, client.counts.appointments).entries()) {
    const contact = contacts[i % contacts.length];
    const status = i === 3 ? 'cancelled' : date < today ? 'completed' : 'confirmed';
    await tx.query(
      `INSERT INTO appointments (client_id, contact_id, customer_name, customer_phone, customer_email, appointment_date, appointment_time,
         duration, purpose, status, source, confirmation_code, confirmation_sent)
       VALUES ($1, (SELECT id FROM contacts WHERE client_id = $1 AND phone = $3::text), $2, $3::text, NULL, $4, $5, 30, $6, $7, $8, $9, TRUE)
       ON CONFLICT DO NOTHING`,
      [client.id, `${contact.first_name} ${contact.last_name}`, contact.phone, date, SLOT_TIMES[i % SLOT_TIMES.length],
        PURPOSES[i % PURPOSES.length], status, (['voice_booking', 'manual', 'web'] as const)[i % 3], code(`appointment:${client.id}:${i}`)],
    );
  }
  for (let i = 0; i < client.counts.calls; i++) {
    const at = new Date(now.getTime() - (i + 1) * 19 * HOUR_MS);
    const answered = i % 7 !== 3;
    await tx.query(
      `INSERT INTO calls (client_id, twilio_call_sid, direction, from_number, to_number, status, duration, start_time, created_at)
       VALUES ($1, $2, 'inbound', $3, $4, $5, $6, $7, $7) ON CONFLICT DO NOTHING`,
      [client.id, sid('CA', `call:${client.id}:${i}`), contacts.length ? contacts[i % contacts.length].phone : '+12025550100',
        client.ringlypro_number ?? client.business_phone, answered ? 'completed' : 'no-answer', answered ? 45 + ((i * 37) % 300) : 0, at],
    );
  }
  // Conversations of two texts each: index 2k+1 is the older (the opening text), 2k its answer.
  const rachel = client.ringlypro_number ?? client.business_phone;
  for (let i = 0; i < client.counts.messages; i++) {
    const k = Math.floor(i / 2);
    const customer = contacts.length ? contacts[k % contacts.length].phone : '+12025550100';
    const opened = new Date(now.getTime() - (2 * k + 2) * 23 * HOUR_MS);
    // The appointment a conversation is about: the first business day two days after it opened, at a demo slot time.
    const [day] = businessDates(client, new Date(opened.getTime() + 9 * 24 * HOUR_MS), 1);
    const appointmentAt = fromLocal(day, SLOT_TIMES[k % SLOT_TIMES.length], client.timezone) ?? opened;
    const pair = DEMO_CONVERSATIONS[k % DEMO_CONVERSATIONS.length]({ client, appointmentAt, code: code(`message-appointment:${client.id}:${k}`) });
    const text = i % 2 === 1 ? pair[0] : pair[1];
    const outbound = text.direction === 'outbound';
    await tx.query(
      `INSERT INTO messages (client_id, twilio_sid, direction, from_number, to_number, body, status, purpose, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [client.id, sid('SM', `message:${client.id}:${i}`), text.direction, outbound ? rachel : customer, outbound ? customer : rachel, text.body,
        outbound ? 'delivered' : 'received', text.purpose, new Date(now.getTime() - (i + 1) * 23 * HOUR_MS)],
    );
  }
}

/**
 * First embedded start: load the demo world into an empty database. Later starts only report the
 * demo login (when the demo tenant is there) — no re-seeding, no password hashing at boot.
 */
export async function ensureDemoData(dataSource: DataSource, config: AppConfig): Promise<DemoLogin | null> {
  const [{ count }] = await dataSource.query(`SELECT COUNT(*)::int AS count FROM clients`);
  if (Number(count) === 0) return seedDemoData(dataSource, config);
  const [demo] = await dataSource.query(`SELECT 1 FROM clients WHERE id = 5 AND ringlypro_number = $1`, [DEMO_CLIENTS[0].ringlypro_number]);
  return demo ? rememberedLogin(config) : null;
}
