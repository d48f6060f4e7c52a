import autocannon from 'autocannon';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrl, withAdminClient } from '../test/support/postgres-admin';
import { PostgresCpu } from './webhooks/postgres-cpu';
import { serverCounters } from './webhooks/server-counters';
import { type GreetedCall, signed, Traffic, type Webhook } from './webhooks/traffic';

/**
 * `npm run bench:webhooks`: throughput and latency of each Twilio webhook of a call against a bare
 * Express endpoint (same body parsers, constant TwiML), measured side by side in one run. The product
 * runs as production does — compiled (`npm run build` first), Postgres + Redis, info-level access log
 * to a file — in a child process; the bare app and the anchor (the bare app plus one committed INSERT,
 * anchor-server.mjs), compiled too, in two more; autocannon drives them from this one with thousands of
 * distinct, correctly signed requests. Per webhook and connection count it alternates bare/measured for
 * ROUNDS rounds and prints the median ratio (measured rps / bare rps) with its spread, the median
 * p50/p99 of each side, and per request the SQL messages sent and the CPU used in the serving process
 * and in the Postgres backends. Every request of either side must be answered 200; what the anchor,
 * greetings and texts record must be in the database afterwards.
 *
 * Env: DATABASE_URL (an admin URL; a scratch database is created and dropped, default the local
 * server), REDIS_URL (default the local one), BENCH_SECONDS per run (5), BENCH_ROUNDS (3),
 * BENCH_ONLY (a comma-separated subset of anchor,floor,greeting,turn,status,sms,greeting-anchor), BENCH_CONNECTIONS
 * (default 1,50), BENCH_TENANTS (20), BENCH_KEEP_LOGS=1 keeps the servers' logs, BENCH_NODE_OPTIONS for
 * the product process (e.g. "--max-semi-space-size=32"), BENCH_SKIP_BUILD=1 measures dist/ as it is.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,50').split(',').map(Number);
// Billing admits a call under its business's account lock, so one business's greetings queue behind
// each other; 50 concurrent webhooks of a platform come from many businesses, as here.
const TENANTS = Number(process.env.BENCH_TENANTS ?? 20);
// The greeting anchor goes last: the calls it records must not become the turns' and status callbacks' calls.
const ALL_WEBHOOKS = ['anchor', 'floor', 'greeting', 'turn', 'status', 'sms', 'greeting-anchor'] as const;
type WebhookName = (typeof ALL_WEBHOOKS)[number];
// BENCH_ONLY=greeting,sms measures a subset (turns and status callbacks need the greeting phase's calls).
const WEBHOOKS = ALL_WEBHOOKS.filter((name) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(name));
const LABEL: Record<WebhookName, string> = {
  anchor: 'anchor: bare Express + one committed INSERT (raw pg, no product code)',
  floor: 'floor: greeting to an unknown number (no database work)',
  greeting: 'greeting `POST /voice/webhook/voice`',
  turn: 'turn `POST /voice/rachel/turn?turn=N`',
  status: 'status `POST /voice/status`',
  sms: 'SMS `POST /sms/webhook`',
  'greeting-anchor': "greeting anchor: bare Express + a greeting's records, group-committed (raw pg, no product code)",
};

interface Run {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
}

/** A run with what it cost per request served: SQL messages, CPU ms in the serving process and in Postgres (null: unreadable). */
interface MeteredRun extends Run {
  messages: number;
  cpuMs: number;
  postgresMs: number | null;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const TABLE_HEADER = [
  '| webhook | connections | bare rps | measured rps | ratio (min–max of the rounds) | measured p50 / p99 ms | bare p50 / p99 ms | SQL messages / request | CPU ms / request: measured process, its Postgres | CPU ms / request: bare |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
].join('\n');

/** One row of the printed table: medians over the rounds of one webhook at one connection count. */
function tableRow(label: string, connections: number, runs: Array<{ bare: MeteredRun; measured: MeteredRun }>): string {
  const ratios = runs.map((r) => r.measured.rps / r.bare.rps);
  // The spread over the rounds: on a shared machine one round's ratio is not the result, the median is.
  const spread = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
  const m = (side: 'bare' | 'measured', key: 'rps' | 'p50' | 'p99' | 'messages' | 'cpuMs') => median(runs.map((r) => r[side][key]));
  const postgres = runs.every((r) => r.measured.postgresMs !== null) ? median(runs.map((r) => r.measured.postgresMs!)).toFixed(2) : 'n/a';
  return `| ${label} | ${connections} | ${m('bare', 'rps').toFixed(0)} | ${m('measured', 'rps').toFixed(0)} | **${median(ratios).toFixed(2)}×** (${spread}) | ${m('measured', 'p50').toFixed(1)} / ${m('measured', 'p99').toFixed(1)} | ${m('bare', 'p50').toFixed(1)} / ${m('bare', 'p99').toFixed(1)} | ${m('measured', 'messages').toFixed(1)} | ${m('measured', 'cpuMs').toFixed(2)}, ${postgres} | ${m('bare', 'cpuMs').toFixed(2)} |`;
}

/** Starts one of the servers in a process of its own and waits for the port it listens on. */
function start(script: string, env: NodeJS.ProcessEnv, log: string, execArgv: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  const out = openSync(log, 'a');
  const child = fork(join(__dirname, 'webhooks', script), {
    env,
    execArgv,
    stdio: ['ignore', out, out, 'ipc'],
  });
  // A server that dies is reported here, not left to crash the bench (which would skip its cleanup).
  child.on('error', (error) => process.stderr.write(`${script}: ${error.message}; see ${log}\n`));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 120 s; see ${log}`)), 120_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve({ child, port: (message as { port: number }).port });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}; see ${log}`));
    });
  });
}

function load(port: number, connections: number, next: () => { path: string; body: string; headers: Record<string, string> }): Promise<Run> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        duration: SECONDS,
        requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...next() }) }],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, ok: result['2xx'], bad: result.non2xx + result.errors + result.timeouts });
      },
    );
  });
}

async function main(): Promise<void> {
  // Every server runs compiled JavaScript, as production does (the Docker image runs dist/): build it.
  if (process.env.BENCH_SKIP_BUILD !== '1') execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const tag = randomBytes(4).toString('hex');
  const scratch = `ringlypro_bench_webhooks_${tag}`;
  const dataDir = join('/tmp', `ringlypro-bench-webhooks-${tag}`);
  mkdirSync(dataDir, { recursive: true });
  // The product signs with the simulator's token from DATA_DIR; written here first, so we sign alike.
  const authToken = randomBytes(36).toString('base64url');
  writeFileSync(join(dataDir, 'twilio-simulator-token'), `${authToken}\n`, { mode: 0o600 });
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE "${scratch}"`));
  const children: ChildProcess[] = [];
  let db: Client | null = null;
  let postgresCpu: PostgresCpu | null = null;
  try {
    const url = databaseUrl(adminUrl, scratch);
    const webhookBase = 'http://localhost:3000'; // WEBHOOK_BASE_URL with a port, as in development
    const productServer = await start(
      'product-server.mjs',
      {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        DATABASE_URL: url,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: `bw${tag}`,
        DATA_DIR: dataDir,
        WEBHOOK_BASE_URL: webhookBase,
        JWT_SECRET: randomBytes(48).toString('base64url'),
        // The platform-wide webhook budget is still counted on every request, just never reached.
        RATE_LIMIT_WEBHOOKS_PER_MINUTE: '10000000',
        RATE_LIMIT_REGISTRATIONS_PER_HOUR: '1000',
        RATE_LIMIT_ADDRESS_PER_MINUTE: '100000',
        PORT: '0',
      },
      join(dataDir, 'product.log'),
      (process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean),
    );
    const product = { ...productServer, name: 'product' };
    children.push(product.child);
    const bare = { ...(await start('bare-server.mjs', { ...process.env, PORT: '0' }, join(dataDir, 'bare.log'))), name: 'bare' };
    children.push(bare.child);
    // The least a committed write costs (anchor-server.mjs), measured in the same run.
    const anchor = { ...(await start('anchor-server.mjs', { ...process.env, DATABASE_URL: url, PORT: '0' }, join(dataDir, 'anchor.log'))), name: 'anchor' };
    children.push(anchor.child);
    // The least a greeting's records cost (greeting-anchor-server.mjs), in the product's tables.
    const greetingAnchor = { ...(await start('greeting-anchor-server.mjs', { ...process.env, DATABASE_URL: url, PORT: '0' }, join(dataDir, 'greeting-anchor.log'))), name: 'greeting-anchor' };
    children.push(greetingAnchor.child);

    db = new Client({ connectionString: url });
    await db.connect();
    const numbers = await createTenants(product.port, db, tag);
    const meter = new PostgresCpu(db, scratch);
    postgresCpu = meter;
    let greeted: GreetedCall[] = [];
    const traffic = new Traffic(numbers, () => greeted);
    const source = (name: WebhookName, isProduct: boolean) => {
      let i = 0;
      const make: () => Webhook = {
        anchor: () => traffic.unknownNumber(),
        floor: () => traffic.unknownNumber(),
        greeting: () => traffic.greeting(i++),
        turn: () => traffic.turn(i++, isProduct),
        status: () => traffic.status(i++, isProduct),
        sms: () => traffic.sms(i++),
        'greeting-anchor': () => traffic.greeting(i++),
      }[name];
      return () => signed(make(), webhookBase, authToken);
    };

    /** One run against `server`, with the CPU it cost per request served. */
    const metered = async (server: { child: ChildProcess; port: number; name: string }, connections: number, next: Parameters<typeof load>[2]): Promise<MeteredRun> => {
      const [before, postgresBefore] = [await serverCounters(server.child, server.name), await meter.used()];
      const run = await load(server.port, connections, next);
      // Requests in flight when the clock stopped are answered just after: let their CPU land too.
      await new Promise((resolve) => setTimeout(resolve, 250));
      const [after, postgresAfter] = [await serverCounters(server.child, server.name), await meter.used()];
      const served = Math.max(1, after.requests - before.requests);
      const postgresMs = postgresBefore === null || postgresAfter === null ? null : (postgresAfter - postgresBefore) / served;
      return { ...run, messages: (after.statements - before.statements) / served, cpuMs: (after.cpuMicros - before.cpuMicros) / 1000 / served, postgresMs };
    };

    const rows: string[] = [];
    const checks: string[] = [];
    for (const name of WEBHOOKS) {
      const before = await counts(db);
      // The anchor rows measure the anchor servers where the others measure the product.
      const measured = name === 'anchor' ? anchor : name === 'greeting-anchor' ? greetingAnchor : product;
      let answered = 0;
      // Warm-up (JIT, pools, caches), not recorded.
      await load(bare.port, 10, source(name, false));
      answered += (await load(measured.port, 10, source(name, true))).ok;
      // Statistics as a production database has them (autovacuum keeps them): this scratch database is
      // minutes old and grows by thousands of rows a phase, faster than autovacuum's analyze
      // thresholds, so its planner would estimate from empty tables — and could scan a business's calls
      // where the CallSid's unique index finds the one row. Analyzing also replans cached statements.
      await db.query('ANALYZE');
      for (const connections of CONNECTIONS) {
        const runs: Array<{ bare: MeteredRun; measured: MeteredRun }> = [];
        for (let round = 0; round < ROUNDS; round++) {
          // Alternate which side goes first, so a drift in the machine's load hits both alike.
          const order = round % 2 === 0 ? (['bare', 'measured'] as const) : (['measured', 'bare'] as const);
          const pair = {} as { bare: MeteredRun; measured: MeteredRun };
          for (const side of order) pair[side] = await metered(side === 'bare' ? bare : measured, connections, source(name, side === 'measured'));
          for (const [side, server] of [['measured', measured], ['bare', bare]] as const) {
            if (pair[side].bad > 0) throw new Error(`${name}: ${pair[side].bad} requests to the ${server.name} server failed (non-2xx, error or timeout); see ${dataDir}/${server.name}.log`);
          }
          answered += pair.measured.ok;
          runs.push(pair);
          process.stderr.write(`${name} c=${connections} round ${round + 1}: bare ${pair.bare.rps.toFixed(0)} rps, measured ${pair.measured.rps.toFixed(0)} rps\n`);
        }
        rows.push(tableRow(LABEL[name], connections, runs));
      }
      // Settle first: requests still in flight when a run's clock stopped are answered after it.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const after = await counts(db);
      if (name === 'anchor') {
        checks.push(`anchor: ${answered} answered, ${after.anchor - before.anchor} rows committed`);
        if (after.anchor - before.anchor < answered) throw new Error(`anchor: ${answered} answered but only ${after.anchor - before.anchor} rows in the database`);
      } else if (name === 'greeting-anchor') {
        checks.push(`greeting anchor: ${answered} answered, ${after.calls - before.calls} calls committed`);
        if (after.calls - before.calls < answered) throw new Error(`greeting anchor: ${answered} answered but only ${after.calls - before.calls} calls in the database`);
      } else if (name === 'greeting') {
        greeted = (await db.query<GreetedCall>(`SELECT twilio_call_sid AS sid, from_number AS "from", to_number AS "to" FROM calls ORDER BY id`)).rows;
        checks.push(`greeting: ${answered} answered, ${after.calls - before.calls} calls committed`);
        if (after.calls - before.calls < answered) throw new Error(`greeting: ${answered} answered but only ${after.calls - before.calls} calls in the database`);
      } else if (name === 'sms') {
        checks.push(`sms: ${answered} answered, ${after.inbound - before.inbound} inbound messages committed`);
        if (after.inbound - before.inbound < answered) throw new Error(`sms: ${answered} answered but only ${after.inbound - before.inbound} messages in the database`);
      } else if (name === 'floor') {
        checks.push(`floor: ${answered} answered, ${after.calls - before.calls} calls logged (none expected)`);
      } else if (name === 'turn') {
        checks.push(`turn: ${answered} answered, ${after.transcript - before.transcript} caller lines committed`);
      } else {
        checks.push(`status: ${answered} answered, ${after.completed - before.completed} calls completed`);
      }
    }

    const loadAverages = (await import('node:os')).loadavg().map((v) => v.toFixed(2)).join(' ');
    process.stdout.write(`\nTwilio webhooks vs bare Express, Postgres + Redis, ${SECONDS} s runs, ${ROUNDS} rounds alternating A/B (medians; load averages at the end: ${loadAverages})\n\n`);
    process.stdout.write(`${TABLE_HEADER}\n${rows.join('\n')}\n\n${checks.join('\n')}\n`);
  } finally {
    postgresCpu?.stop();
    await db?.end().catch(() => undefined);
    // A clean exit (the app closes its pools, and a --cpu-prof profile gets written); killed after 15 s.
    await Promise.all(
      children.map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return undefined;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.disconnect();
        return Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]).then(() => child.exitCode === null && child.kill());
      }),
    );
    await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`));
    if (!process.env.BENCH_KEEP_LOGS) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Businesses with a Rachel number each, Rachel on, open all day, and credit enough for every call. */
async function createTenants(port: number, db: Client, tag: string): Promise<string[]> {
  const numbers: string[] = [];
  for (let t = 0; t < TENANTS; t++) {
    const suffix = String(1000 + t); // the scratch database is the run's own: no number is taken yet
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `bench-webhooks-${tag}-${t}@example.com`, password: 'bench password 1', first_name: 'B', last_name: 'Ench', business_name: `Bench ${t}`, business_phone: `+1202555${suffix}` }),
    });
    if (res.status !== 201) throw new Error(`register answered ${res.status}: ${await res.text()}`);
    const { client } = (await res.json()) as { client: { id: number } };
    const number = `+1888555${suffix}`;
    await db.query(
      `UPDATE clients SET ringlypro_number = $2, business_hours_start = '00:00', business_hours_end = '23:30', business_days = 'Mon-Sun', rachel_enabled = TRUE WHERE id = $1`,
      [client.id, number],
    );
    await db.query(`UPDATE credit_accounts SET balance = 1000000 WHERE client_id = $1`, [client.id]);
    numbers.push(number);
  }
  return numbers;
}

async function counts(db: Client): Promise<{ anchor: number; calls: number; inbound: number; transcript: number; completed: number }> {
  const { rows } = await db.query<{ anchor: string; calls: string; inbound: string; transcript: string; completed: string }>(
    `SELECT (SELECT count(*) FROM bench_anchor_rows) AS anchor, (SELECT count(*) FROM calls) AS calls, (SELECT count(*) FROM messages WHERE direction = 'inbound') AS inbound,
            (SELECT count(*) FROM call_turns WHERE speaker = 'caller') AS transcript, (SELECT count(*) FROM calls WHERE status = 'completed') AS completed`,
  );
  return { anchor: Number(rows[0].anchor), calls: Number(rows[0].calls), inbound: Number(rows[0].inbound), transcript: Number(rows[0].transcript), completed: Number(rows[0].completed) };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
