import type { DataSource } from 'typeorm';
import { emptyDatabaseEngines, openDatabase } from '../support/test-database';

const engines = emptyDatabaseEngines();

/**
 * Migration 1764000000800 moves the minutes held by calls in progress onto the credit account: calls
 * in progress while it runs must be counted, and a TRUNCATE of the admissions must take the counters with it.
 */
describe.each(engines)('the open-minutes counter migration on %s', (_engine, makeDatabase) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, close } = await openDatabase(makeDatabase));
  });
  afterAll(() => close());

  const counters = () => dataSource.query(`SELECT client_id, open_reserved_minutes FROM credit_accounts ORDER BY client_id`) as Promise<Array<{ client_id: number; open_reserved_minutes: number }>>;

  it('counts the calls in progress when it runs, and a TRUNCATE of the admissions zeroes the counters', async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    // Back to before the counter, with calls of two businesses in progress, one settled and one refused.
    while (!(await dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`))[0].name.startsWith('ClientChangeNotify')) {
      await dataSource.undoLastMigration({ transaction: 'each' });
    }
    const ids: number[] = [];
    for (const n of [1, 2]) {
      const [client] = await dataSource.query(
        `INSERT INTO clients (business_name, business_phone, owner_name, owner_phone, owner_email) VALUES ($1, $2, 'Owner', '+12125550100', $3) RETURNING id`,
        [`Business ${n}`, `+1212555010${n}`, `owner${n}@example.com`],
      );
      ids.push(client.id);
      await dataSource.query(`INSERT INTO credit_accounts (client_id) VALUES ($1)`, [client.id]);
    }
    await dataSource.query(
      `INSERT INTO call_admissions (client_id, call_sid, admitted, reserved_minutes, admitted_at, settled_at) VALUES
         ($1, 'CA1', TRUE, 3, NOW(), NULL), ($1, 'CA2', TRUE, 2, NOW(), NULL), ($1, 'CA3', TRUE, 0, NOW(), NOW()),
         ($1, 'CA4', FALSE, 0, NOW(), NULL), ($2, 'CA5', TRUE, 1, NOW() - INTERVAL '5 hours', NULL)`,
      ids,
    );
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await counters()).toEqual([
      { client_id: ids[0], open_reserved_minutes: 5 },
      { client_id: ids[1], open_reserved_minutes: 1 },
    ]);
    await dataSource.query(`TRUNCATE call_admissions`);
    expect(await counters()).toEqual([
      { client_id: ids[0], open_reserved_minutes: 0 },
      { client_id: ids[1], open_reserved_minutes: 0 },
    ]);
  });
});
