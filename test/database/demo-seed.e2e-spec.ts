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
