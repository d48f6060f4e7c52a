import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { emptyDatabaseEngines, openDatabase } from '../support/test-database';

const SEED_TABLES = ['appointments', 'calls', 'clients', 'contacts', 'credit_accounts', 'messages', 'usage_records', 'users'];

const engines = emptyDatabaseEngines();

describe.each(engines)('migrations on %s', (_engine, makeDatabase) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, close } = await openDatabase(makeDatabase));
  });
  afterAll(() => close());

  const tables = async (): Promise<string[]> =>
    (await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`)).map(
      (r: { table_name: string }) => r.table_name,
    );

  it('creates the seed tables, error_logs and the Task 1 columns', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await tables()).toEqual(expect.arrayContaining([...SEED_TABLES, 'error_logs', 'migrations']));
    // The seed's own Task 1 verification query.
    const columns = await dataSource.query(
      `SELECT column_name, data_type, character_maximum_length, column_default FROM information_schema.columns
       WHERE table_name = 'clients' AND column_name IN ('twilio_number_sid', 'forwarding_status') ORDER BY column_name`,
    );
    expect(columns).toEqual([
      { column_name: 'forwarding_status', data_type: 'character varying', character_maximum_length: 20, column_default: "'pending'::character varying" },
      { column_name: 'twilio_number_sid', data_type: 'character varying', character_maximum_length: 50, column_default: null },
    ]);
    const [comment] = await dataSource.query(`SELECT col_description('clients'::regclass, attnum) AS comment FROM pg_attribute WHERE attrelid = 'clients'::regclass AND attname = 'twilio_number_sid'`);
    expect(comment.comment).toBe('Twilio number SID (PN...) for API control');
    const [index] = await dataSource.query(`SELECT indexname FROM pg_indexes WHERE indexname = 'idx_clients_twilio_sid'`);
    expect(index).toBeDefined();
  });

  it('is a no-op when run again', async () => {
    expect(await dataSource.runMigrations({ transaction: 'each' })).toEqual([]);
  });

  it('reverts every migration down to an empty schema, and comes back up', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['migrations']);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(expect.arrayContaining(SEED_TABLES));
  });
});
