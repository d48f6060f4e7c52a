import { buildDataSourceOptions, validateEnvironment } from '@ringlypro/core';
import { compare } from 'bcryptjs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { seedDemoData } from '../../apps/api/src/demo/demo-seed';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const COUNTS = `SELECT (SELECT COUNT(*) FROM clients)::int AS clients, (SELECT COUNT(*) FROM users)::int AS users,
  (SELECT COUNT(*) FROM appointments)::int AS appointments, (SELECT COUNT(*) FROM calls)::int AS calls,
  (SELECT COUNT(*) FROM messages)::int AS messages, (SELECT COUNT(*) FROM contacts)::int AS contacts,
  (SELECT COUNT(*) FROM credit_accounts)::int AS credit_accounts`;

describe('demo data (npm run seed)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const dataDir = mkdtempSync(join(tmpdir(), 'ringlypro-seed-'));
  const config = () => validateEnvironment({ NODE_ENV: 'test', DATA_DIR: dataDir, ...(database.url ? { DATABASE_URL: database.url } : {}) });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(buildDataSourceOptions(config())).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it("loads the seed document's test world, and a second run changes nothing", async () => {
    const first = await seedDemoData(dataSource, config(), new Date('2026-11-25T15:00:00Z'));
    const countsAfterFirst = (await dataSource.query(COUNTS))[0];
    // A later day, as when someone re-runs the seed next week: still the same rows.
    const second = await seedDemoData(dataSource, config(), new Date('2026-12-02T15:00:00Z'));
    const countsAfterSecond = (await dataSource.query(COUNTS))[0];

    expect(countsAfterFirst).toEqual({ clients: 4, users: 4, appointments: 22, calls: 45, messages: 36, contacts: 19, credit_accounts: 4 });
    expect(countsAfterSecond).toEqual(countsAfterFirst);
    expect(first.password).toEqual(expect.any(String));
    expect(second.password).toBe(first.password);
  });

  it('reproduces client 5 exactly as the seed describes it', async () => {
    const [client] = await dataSource.query(`SELECT * FROM clients WHERE id = 5`);
    expect(client).toMatchObject({ business_name: 'Default Client', business_phone: '+16566001400', ringlypro_number: '+18886103810', forwarding_status: 'active' });
    const [counts] = await dataSource.query(
      `SELECT (SELECT COUNT(*) FROM appointments WHERE client_id = 5)::int AS appointments, (SELECT COUNT(*) FROM calls WHERE client_id = 5)::int AS calls,
              (SELECT COUNT(*) FROM messages WHERE client_id = 5)::int AS messages`,
    );
    expect(counts).toEqual({ appointments: 15, calls: 35, messages: 30 });
    expect(client).toMatchObject({ number_status: 'active', forwarding_verified: true, rachel_enabled: true });
  });

  it("seeds texts that read like real ones: customers' words inbound, the business's texts outbound, each answering the one before", async () => {
    const rows: Array<{ direction: string; body: string; purpose: string; from_number: string }> = await dataSource.query(
      `SELECT direction, body, purpose, from_number FROM messages WHERE client_id = 5 ORDER BY created_at ASC, id ASC`,
    );
    const customerWords = ['C', 'X', 'HELP', 'Thanks! See you then.', 'Can I move my appointment to the afternoon?'];
    for (const row of rows) {
      if (row.direction === 'inbound') {
        expect(customerWords).toContain(row.body);
        expect(row.purpose).toBe('inbound');
      } else {
        expect(row.body).toMatch(/^(Default Client: |Reminder from Default Client: |Hi, this is Dana at Default Client\. )/);
        expect(row.from_number).toBe('+18886103810');
      }
    }
    // Conversations alternate, and a C answers a confirmation, a HELP gets the help text.
    for (let i = 0; i + 1 < rows.length; i += 2) {
      const [first, answer] = [rows[i], rows[i + 1]];
      expect(first.direction).not.toBe(answer.direction);
      if (answer.body === 'C') expect(first.purpose).toBe('confirmation');
      if (first.body === 'HELP') expect(answer.body).toMatch(/for help call/);
    }
  });

  it('gives the demo owner a working bcrypt login, remembered under the data directory', async () => {
    const saved = JSON.parse(readFileSync(join(dataDir, 'demo-login.json'), 'utf8'));
    const [user] = await dataSource.query(`SELECT u.password_hash FROM users u JOIN clients c ON c.user_id = u.id WHERE c.id = 5`);
    expect(await compare(saved.password, user.password_hash)).toBe(true);
  });

  it('leaves the id sequence past the demo clients, so new sign-ups do not collide', async () => {
    const [row] = await dataSource.query(
      `INSERT INTO clients (business_name, business_phone, owner_name, owner_phone, owner_email) VALUES ('New', '+12025550123', 'N', '+12025550123', 'n@example.com') RETURNING id`,
    );
    expect(row.id).toBeGreaterThan(8);
  });
});
