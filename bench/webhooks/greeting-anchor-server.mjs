// Compiled JavaScript like the product and the bare app (see product-server.mjs).
import express from 'express';
import pg from 'pg';
import parsers from '../../dist/libs/core/src/http/body-parsers.js';
import { replyWithCounters } from './counters-reply.mjs';

/**
 * The anchor for a greeting: the bare app (same parsers, same constant TwiML) plus the records a Rachel
 * greeting commits before it answers — the call row, the billing admission (whose trigger moves the
 * account's open-minutes counter), decided under the account's row lock, and the two opening transcript
 * lines — in the product's own tables, written as cheaply as this machine allows:
 *
 * - one statement per greeting (a CTE: lock, call, admission, transcript), PREPAREd once per connection
 *   and planned once (generic plan, as the product's shared transactions do);
 * - group commit: at most IN_FLIGHT transactions out at once; greetings arriving while they are form the
 *   next (at most MAX_BATCH), `BEGIN; EXECUTE …; EXECUTE …; COMMIT` in a single message, each answered
 *   after the COMMIT;
 * - as the superuser, so no row-level security; no signature, no Redis, no logging, no validation.
 *
 * The product must do more than this (RLS, the signature, the conversation state, its pricing rules),
 * so the ratio this reaches bounds what any implementation of the greeting can reach on this machine.
 */
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="Polly.Joanna">Hello.</Say></Response>';
const CONNECTIONS = 10;
/** As the product's shared transactions: a bounded batch, so one slow commit delays a bounded few. */
const MAX_BATCH = 32;
/** As the product's group commit: two transactions out at once, one filling while the other commits. */
const IN_FLIGHT = 2;
const GREET = `PREPARE anchor_greet(int, varchar, varchar, varchar, text, text) AS
  WITH account AS (SELECT balance, open_reserved_minutes FROM credit_accounts WHERE client_id = $1 FOR UPDATE),
  call AS (
    INSERT INTO calls (client_id, twilio_call_sid, direction, from_number, to_number, status, start_time)
    VALUES ($1, $2, 'inbound', $3, $4, 'in-progress', now()) ON CONFLICT DO NOTHING RETURNING id
  ),
  admission AS (
    INSERT INTO call_admissions (client_id, call_sid, from_number, admitted, reserved_minutes, admitted_at)
    SELECT $1, $2, $3, true, 1, now() FROM account WHERE account.balance > 0 OR account.open_reserved_minutes < 100
    RETURNING admitted
  )
  INSERT INTO call_turns (client_id, call_id, turn, speaker, line, text)
  SELECT $1, call.id, 0, 'rachel', line.n, line.text FROM call, admission, (VALUES (0::smallint, $5), (1::smallint, $6)) AS line(n, text)`;
const OPENING = ["Thank you for calling. I'm Rachel, your virtual assistant.", 'How can I help you today?'];

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: CONNECTIONS });
const prepared = new WeakSet();
/** number → client id, loaded on a miss (the businesses are created after this server starts). */
const businesses = new Map();

let requests = 0;
let statements = 0;
let pending = [];
let scheduled = false;
let inFlight = 0;

async function clientIdOf(number) {
  if (!businesses.has(number)) {
    const { rows } = await pool.query('SELECT id, ringlypro_number FROM clients WHERE ringlypro_number IS NOT NULL');
    for (const row of rows) businesses.set(row.ringlypro_number, row.id);
  }
  return businesses.get(number);
}

function flush() {
  scheduled = false;
  while (pending.length > 0 && inFlight < IN_FLIGHT) {
    // Accounts locked in one order by every transaction: concurrent batches cannot deadlock.
    const batch = pending.splice(0, MAX_BATCH).sort((a, b) => a.clientId - b.clientId);
    inFlight++;
    void commit(batch).finally(() => {
      inFlight--;
      flush();
    });
  }
}

async function commit(batch) {
  let client = null;
  try {
    client = await pool.connect();
    const lit = (value) => client.escapeLiteral(value);
    const executes = batch.map((g) => `EXECUTE anchor_greet(${g.clientId}, ${lit(g.callSid)}, ${lit(g.from)}, ${lit(g.to)}, ${lit(OPENING[0])}, ${lit(OPENING[1])})`);
    const first = prepared.has(client) ? [] : ['SET plan_cache_mode = force_generic_plan', GREET];
    prepared.add(client);
    statements++;
    await client.query([...first, 'BEGIN', ...executes, 'COMMIT'].join(';\n'));
    for (const g of batch) g.resolve();
    client.release();
  } catch (error) {
    // A failed connection is dropped, with what it had prepared.
    client?.release(error);
    for (const g of batch) g.reject(error);
  }
}

const app = express();
app.disable('x-powered-by');
app.use(...parsers.bodyParsers());
app.post('/{*path}', (req, res, next) => {
  requests++;
  const body = req.body ?? {};
  clientIdOf(String(body.To))
    .then(
      (clientId) =>
        new Promise((resolve, reject) => {
          if (clientId === undefined) throw new Error(`no business has ${body.To}`);
          pending.push({ clientId, callSid: String(body.CallSid), from: String(body.From), to: String(body.To), resolve, reject });
          if (!scheduled) {
            scheduled = true;
            setImmediate(flush);
          }
        }),
    )
    .then(() => res.type('text/xml').send(TWIML), next);
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
replyWithCounters(() => ({ statements, requests }));
process.on('disconnect', () => server.close(() => void pool.end().finally(() => process.exit(0))));
