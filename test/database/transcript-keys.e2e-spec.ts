import type { DataSource } from 'typeorm';
import { emptyDatabaseEngines, openDatabase } from '../support/test-database';

const engines = emptyDatabaseEngines();

/**
 * Migration 1764000000820 drops call_turns' own key to clients: a transcript line still names only a
 * call of its own business, so it can name no business that does not exist, and a business with calls
 * still cannot be deleted.
 */
describe.each(engines)('transcript lines after migration 1764000000820 on %s', (_engine, makeDatabase) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  const ids: number[] = [];
  let callOfFirst: number;

  beforeAll(async () => {
    ({ dataSource, close } = await openDatabase(makeDatabase));
    await dataSource.runMigrations({ transaction: 'each' });
    for (const n of [1, 2]) {
      const [client] = await dataSource.query(
        `INSERT INTO clients (business_name, business_phone, owner_name, owner_phone, owner_email) VALUES ($1, $2, 'Owner', '+12125550100', $3) RETURNING id`,
        [`Business ${n}`, `+1212555010${n}`, `owner${n}@example.com`],
      );
      ids.push(client.id);
    }
    [{ id: callOfFirst }] = await dataSource.query(`INSERT INTO calls (client_id, twilio_call_sid, direction, from_number, to_number) VALUES ($1, 'CA1', 'inbound', '+13105550100', '+18885551000') RETURNING id`, [ids[0]]);
  });
  afterAll(() => close());

  const line = (clientId: number, callId: number) =>
    dataSource.query(`INSERT INTO call_turns (client_id, call_id, turn, speaker, line, text) VALUES ($1, $2, 0, 'rachel', 0, 'Hello.')`, [clientId, callId]);

  it('has no key of its own to clients any more', async () => {
    const keys = await dataSource.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'call_turns'::regclass AND contype = 'f' ORDER BY conname`);
    expect(keys.map((k: { conname: string }) => k.conname)).toEqual(['call_turns_call_same_client']);
  });

  it("refuses a line under another business's call, or under a business that does not exist", async () => {
    await expect(line(ids[1], callOfFirst)).rejects.toThrow(/call_turns_call_same_client/);
    await expect(line(ids[1] + 1000, callOfFirst)).rejects.toThrow(/call_turns_call_same_client/);
    await expect(line(ids[0], callOfFirst + 1000)).rejects.toThrow(/call_turns_call_same_client/);
    await line(ids[0], callOfFirst);
    expect(await dataSource.query(`SELECT client_id, call_id FROM call_turns`)).toEqual([{ client_id: ids[0], call_id: callOfFirst }]);
  });

  it('still keeps a business with calls from being deleted, and a call takes its lines with it', async () => {
    await expect(dataSource.query(`DELETE FROM clients WHERE id = $1`, [ids[0]])).rejects.toThrow(/calls_client_id_fkey/);
    await dataSource.query(`DELETE FROM calls WHERE id = $1`, [callOfFirst]);
    expect(await dataSource.query(`SELECT * FROM call_turns`)).toEqual([]);
  });
});
