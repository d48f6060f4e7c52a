// Compiled JavaScript like the product and the bare app (see product-server.mjs).
import express from 'express';
import pg from 'pg';
import parsers from '../../dist/libs/core/src/http/body-parsers.js';
import { replyWithCounters } from './counters-reply.mjs';

/**
 * The anchor for "committed before the reply": the bare app (same parsers, same constant TwiML) plus
 * the least any webhook that records something must do — one INSERT of the request's CallSid,
 * autocommitted through raw node-postgres, answered once Postgres has committed it. Made as cheap as
 * such a write gets: a named prepared statement (parsed and planned once per connection), a table with
 * no key, index, default or row-level security, no transaction block, no signature, no Redis. At one
 * connection it bounds every webhook that commits a row before answering (at fifty, a group commit can
 * share one commit among many webhooks and cost less per request).
 */
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="Polly.Joanna">Hello.</Say></Response>';
const ANCHOR_TABLE = 'bench_anchor_rows';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS ${ANCHOR_TABLE} (call_sid text NOT NULL)`);
const insert = { name: 'anchor-insert', text: `INSERT INTO ${ANCHOR_TABLE} (call_sid) VALUES ($1)` };

let requests = 0;
let statements = 0;
const app = express();
app.disable('x-powered-by');
app.use(...parsers.bodyParsers());
app.post('/{*path}', (req, res, next) => {
  requests++;
  statements++;
  pool.query({ ...insert, values: [String(req.body?.CallSid)] }).then(() => res.type('text/xml').send(TWIML), next);
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
// The parent asks for the requests served and the CPU used around each run.
replyWithCounters(() => ({ statements, requests }));
process.on('disconnect', () => server.close(() => void pool.end().finally(() => process.exit(0))));
