import { buildDataSourceOptions, validateEnvironment } from '@ringlypro/core';
import { DataSource, QueryFailedError } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The seed's global UNIQUE (appointment_date, appointment_time) is replaced by a per-client
 * exclusion constraint over the derived UTC range. These tests talk to the constraint directly,
 * below any service, to prove the database itself refuses a double booking.
 */
describe('appointments: per-client overlap constraint', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let clientA: number;
  let clientB: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = validateEnvironment({ NODE_ENV: 'test', ...(database.url ? { DATABASE_URL: database.url } : {}) });
    dataSource = await new DataSource(buildDataSourceOptions(config)).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const rows = await dataSource.query(
      `INSERT INTO clients (business_name, business_phone, owner_name, owner_phone, owner_email, timezone) VALUES
       ('A', '+12025550101', 'Ann', '+12025550101', 'a@example.com', 'America/New_York'),
       ('B', '+12025550102', 'Bob', '+12025550102', 'b@example.com', 'Pacific/Auckland') RETURNING id`,
    );
    [clientA, clientB] = rows.map((r: { id: number }) => r.id);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const book = (clientId: number, date: string, time: string, duration: number, status = 'confirmed') =>
    dataSource.query(
      `INSERT INTO appointments (client_id, customer_name, customer_phone, appointment_date, appointment_time, duration, status)
       VALUES ($1, 'Customer', '+12025550199', $2, $3, $4, $5) RETURNING id, starts_at, ends_at`,
      [clientId, date, time, duration, status],
    );

  const sqlState = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return 'ok';
    } catch (error) {
      return error instanceof QueryFailedError ? (error.driverError as { code: string }).code : String(error);
    }
  };

  it('derives UTC start and end from the local date, time, duration and the client timezone (DST day)', async () => {
    // 2026-03-08 is the US spring-forward day: 10:00 in New York is already EDT (UTC-4).
    const [row] = await book(clientA, '2026-03-08', '10:00', 60);
    expect(new Date(row.starts_at).toISOString()).toBe('2026-03-08T14:00:00.000Z');
    expect(new Date(row.ends_at).toISOString()).toBe('2026-03-08T15:00:00.000Z');
  });

  it('rejects a second appointment of the same client that overlaps by duration', async () => {
    await book(clientA, '2026-04-01', '10:00', 60);
    expect(await sqlState(book(clientA, '2026-04-01', '10:30', 30))).toBe('23P01');
    expect(await sqlState(book(clientA, '2026-04-01', '09:30', 31))).toBe('23P01');
  });

  it('accepts back-to-back appointments (ranges are half-open)', async () => {
    expect(await sqlState(book(clientA, '2026-04-01', '11:00', 30))).toBe('ok');
    expect(await sqlState(book(clientA, '2026-04-01', '09:30', 30))).toBe('ok');
  });

  it('accepts the same local time for another client', async () => {
    expect(await sqlState(book(clientB, '2026-04-01', '10:00', 60))).toBe('ok');
  });

  it('ignores cancelled appointments, so a cancelled slot can be booked again', async () => {
    await book(clientA, '2026-04-02', '10:00', 60, 'cancelled');
    expect(await sqlState(book(clientA, '2026-04-02', '10:00', 60))).toBe('ok');
  });

  it('keeps contacts unique per client, not globally', async () => {
    const insert = (clientId: number) =>
      dataSource.query(`INSERT INTO contacts (client_id, first_name, last_name, phone, email) VALUES ($1, 'C', 'D', '+12025550188', 'Same@Example.com')`, [clientId]);
    expect(await sqlState(insert(clientA))).toBe('ok');
    expect(await sqlState(insert(clientB))).toBe('ok');
    expect(await sqlState(insert(clientA))).toBe('23505');
    expect(
      await sqlState(dataSource.query(`INSERT INTO contacts (client_id, first_name, last_name, phone, email) VALUES ($1, 'E', 'F', '+12025550177', 'same@example.com')`, [clientA])),
    ).toBe('23505');
  });

  it("refuses an appointment that points at another client's contact", async () => {
    const [contact] = await dataSource.query(`SELECT id FROM contacts WHERE client_id = $1 LIMIT 1`, [clientB]);
    const attempt = dataSource.query(
      `INSERT INTO appointments (client_id, contact_id, customer_name, customer_phone, appointment_date, appointment_time, duration)
       VALUES ($1, $2, 'X', '+12025550199', '2026-05-01', '10:00', 30)`,
      [clientA, contact.id],
    );
    expect(await sqlState(attempt)).toBe('23503');
  });
});
