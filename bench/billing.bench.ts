import 'reflect-metadata';
import { CallAdmission, UsageMeter } from '@ringlypro/billing';
import { TenantDatabase, validateEnvironment } from '@ringlypro/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app';
import { databaseUrl, withAdminClient } from '../test/support/postgres-admin';

/**
 * `npm run bench:billing`: how fast the ledger charges calls, measured, never asserted in tests.
 *  1. charges/s on ONE account (every charge serializes on that account's row lock);
 *  2. charges/s spread over ACCOUNTS accounts (the locks no longer collide);
 *  3. admissions/s on one account.
 * Each charge is the real hot path: UsageMeter.callEnded in its own tenant transaction (lock the
 * account, find the admission, price, insert the ledger row, update the account, settle the
 * admission). The final balances are checked to the cent. DATABASE_URL → a scratch database created
 * on that Postgres server (and dropped afterwards), else PGlite in memory.
 */
const CHARGES = Number(process.env.BENCH_CHARGES ?? 2_000);
const IN_FLIGHT = 20;
const ACCOUNTS = 20;

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL;
  const scratch = `ringlypro_bench_${Date.now().toString(36)}`;
  if (server) await withAdminClient(server, (c) => c.query(`CREATE DATABASE "${scratch}"`));
  try {
    await measure(server ? databaseUrl(server, scratch) : undefined);
  } finally {
    if (server) await withAdminClient(server, (c) => c.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`));
  }
}

async function measure(url: string | undefined): Promise<void> {
  const config = validateEnvironment({ NODE_ENV: 'test', ...(url ? { DATABASE_URL: url } : {}) });
  const app = await createApiApp(config, { processJobs: false });
  await app.init();
  const http = request(app.getHttpServer());
  const dataSource = app.get(DataSource);
  const db = app.get(TenantDatabase);
  const meter = app.get(UsageMeter);
  const admission = app.get(CallAdmission);
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

  const phoneSuffix = String(Date.now() % 10_000).padStart(4, '0');
  const clients: number[] = [];
  for (let i = 0; i < ACCOUNTS + 2; i++) {
    const res = await http
      .post('/api/auth/register')
      .send({ email: `bench-${run}-${i}@example.com`, password: 'bench password', first_name: 'B', last_name: 'Ench', business_name: `Bench ${i}`, business_phone: `+1${300 + i}555${phoneSuffix}` })
      .expect(201);
    clients.push(res.body.client.id);
  }
  // Paid minutes only (the longest path: free minutes used up), $1 000 each, no low-balance texts.
  await dataSource.query(`UPDATE credit_accounts SET balance = 1000, free_minutes_used = 100, low_balance_notified = TRUE WHERE client_id = ANY($1)`, [clients]);

  /** Admitted calls, written in bulk so only the charges are timed. */
  async function admitted(clientId: number, count: number, tag: string): Promise<string[]> {
    await dataSource.query(
      `INSERT INTO call_admissions (client_id, call_sid, admitted, reserved_minutes, admitted_at)
       SELECT $1, $2 || n, TRUE, 1, NOW() FROM generate_series(1, $3) AS n`,
      [clientId, `CA${run}${tag}-`, count],
    );
    // The open-minutes trigger updated the account once per row: leave the timed charges a clean row.
    await dataSource.query(`VACUUM credit_accounts`);
    return Array.from({ length: count }, (_, n) => `CA${run}${tag}-${n + 1}`);
  }

  const [warmup, single, ...many] = clients;
  // Untimed warm-up (JIT, statement and plan caches), on an account of its own.
  const warmSids = await admitted(warmup, 200, 'warm');
  await pool(warmSids, IN_FLIGHT, (sid) => db.run(warmup, () => meter.callEnded({ callSid: sid, durationSeconds: 60 })));

  const oneSids = await admitted(single, CHARGES, 'one');
  let start = process.hrtime.bigint();
  await pool(oneSids, IN_FLIGHT, (sid) => db.run(single, () => meter.callEnded({ callSid: sid, durationSeconds: 60 })));
  const oneSeconds = Number(process.hrtime.bigint() - start) / 1e9;

  const perAccount = Math.ceil(CHARGES / many.length);
  const spread: Array<[number, string]> = [];
  const lists = await Promise.all(many.map((id, i) => admitted(id, perAccount, `m${i}`)));
  for (let n = 0; n < perAccount; n++) lists.forEach((sids, i) => spread.push([many[i], sids[n]]));
  start = process.hrtime.bigint();
  await pool(spread, IN_FLIGHT, ([clientId, sid]) => db.run(clientId, () => meter.callEnded({ callSid: sid, durationSeconds: 60 })));
  const manySeconds = Number(process.hrtime.bigint() - start) / 1e9;

  const admits = Array.from({ length: 500 }, (_, n) => `CA${run}admit-${n}`);
  start = process.hrtime.bigint();
  await pool(admits, IN_FLIGHT, (sid) => db.run(single, () => admission.admit({ callSid: sid, from: '+12025550100' })));
  const admitSeconds = Number(process.hrtime.bigint() - start) / 1e9;

  const [one] = await dataSource.query(`SELECT balance::text AS balance FROM credit_accounts WHERE client_id = $1`, [single]);
  const expectedOne = (1000 - CHARGES * 0.1).toFixed(2);
  if (Number(one.balance).toFixed(2) !== expectedOne) throw new Error(`one account: balance ${one.balance}, expected ${expectedOne}`);
  const [sum] = await dataSource.query(`SELECT SUM(balance)::text AS total FROM credit_accounts WHERE client_id = ANY($1)`, [many]);
  const expectedMany = (many.length * 1000 - spread.length * 0.1).toFixed(2);
  if (Number(sum.total).toFixed(2) !== expectedMany) throw new Error(`many accounts: total ${sum.total}, expected ${expectedMany}`);

  const engine = config.database.kind === 'postgres' ? 'Postgres' : 'PGlite';
  console.log(`\nBilling benchmark (${engine}), ${IN_FLIGHT} in flight, 1-minute paid calls:`);
  console.log(`  charges, one account:          ${Math.round(CHARGES / oneSeconds)} /s  (${CHARGES} in ${oneSeconds.toFixed(2)} s, balance exact: ${one.balance})`);
  console.log(`  charges, ${many.length} accounts:          ${Math.round(spread.length / manySeconds)} /s  (${spread.length} in ${manySeconds.toFixed(2)} s, balances exact)`);
  console.log(`  admissions, one account:       ${Math.round(admits.length / admitSeconds)} /s`);
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
