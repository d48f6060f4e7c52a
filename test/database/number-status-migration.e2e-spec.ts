import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { emptyDatabaseEngines, openDatabase } from '../support/test-database';

const engines = emptyDatabaseEngines();

/** Migrations after the split that this spec steps back over (1764000000300 and later). */
const SINCE_SPLIT = MIGRATIONS.length - MIGRATIONS.findIndex((m) => m.name.startsWith('NumberStatus'));

describe.each(engines)('the number_status migration on %s: backfill and a derived forwarding_status', (_engine, makeDatabase) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, close } = await openDatabase(makeDatabase));
    await dataSource.runMigrations({ transaction: 'each' });
    for (let i = 0; i < SINCE_SPLIT; i++) await dataSource.undoLastMigration({ transaction: 'each' });
  });
  afterAll(() => close());

  it('maps every old forwarding_status to the new statuses, repairing "pending" beside a number', async () => {
    const rows: Array<[string, string | null, string]> = [
      ['+12025550101', '+12025550191', 'active'],
      ['+12025550102', '+12025550192', 'inactive'],
      ['+12025550103', '+12025550193', 'pending'], // what the provisioning race left behind
      ['+12025550104', null, 'pending'],
      ['+12025550105', null, 'failed'],
    ];
    for (const [phone, number, status] of rows) {
      await dataSource.query(
        `INSERT INTO clients (business_name, business_phone, ringlypro_number, owner_name, owner_phone, owner_email, forwarding_status, rachel_enabled)
         VALUES ('B', $1, $2, 'O', $1, 'o@example.com', $3, $4)`,
        [phone, number, status, status !== 'inactive'],
      );
    }
    // Another branch's migration may have extended the message purposes; this one must keep them.
    await dataSource.query(`ALTER TABLE messages DROP CONSTRAINT messages_purpose_valid`);
    await dataSource.query(`ALTER TABLE messages ADD CONSTRAINT messages_purpose_valid CHECK (purpose IN ('manual', 'confirmation', 'reminder', 'reply', 'inbound', 'missed-call'))`);

    await dataSource.runMigrations({ transaction: 'each' });

    const after = await dataSource.query(`SELECT business_phone, number_status, forwarding_status, forwarding_verified FROM clients ORDER BY business_phone`);
    expect(after).toEqual([
      { business_phone: '+12025550101', number_status: 'active', forwarding_status: 'active', forwarding_verified: false },
      { business_phone: '+12025550102', number_status: 'active', forwarding_status: 'inactive', forwarding_verified: false },
      { business_phone: '+12025550103', number_status: 'active', forwarding_status: 'active', forwarding_verified: false },
      { business_phone: '+12025550104', number_status: 'pending', forwarding_status: 'pending', forwarding_verified: false },
      { business_phone: '+12025550105', number_status: 'failed', forwarding_status: 'failed', forwarding_verified: false },
    ]);
    const [purposes] = await dataSource.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'messages_purpose_valid'`);
    for (const purpose of ['missed-call', 'rescheduled', 'cancelled', 'inbound']) expect(purposes.def).toContain(`'${purpose}'`);
  });

  it('reverts cleanly, keeping the other branch\'s purposes', async () => {
    for (let i = 0; i < SINCE_SPLIT; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const [purposes] = await dataSource.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'messages_purpose_valid'`);
    expect(purposes.def).toContain(`'missed-call'`);
    expect(purposes.def).not.toContain(`'rescheduled'`);
    const columns = await dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'clients' AND column_name = 'number_status'`);
    expect(columns).toEqual([]);
  });
});
