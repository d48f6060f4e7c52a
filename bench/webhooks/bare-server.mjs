// Compiled JavaScript like the product it is measured against (see product-server.mjs).
import express from 'express';
// Straight from its compiled file: the bare app loads nothing of the product but the parsers.
import parsers from '../../dist/libs/core/src/http/body-parsers.js';
import { replyWithCounters } from './counters-reply.mjs';

/**
 * The yardstick: a bare Express app with the product's own body parsers that answers every POST with
 * constant TwiML — no signature, no database, no logging. What the webhooks are measured against.
 */
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="Polly.Joanna">Hello.</Say></Response>';

let requests = 0;
const app = express();
app.disable('x-powered-by');
app.use(...parsers.bodyParsers());
app.post('/{*path}', (_req, res) => {
  requests++;
  res.type('text/xml').send(TWIML);
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
// The parent asks for the requests served and the CPU used around each run.
replyWithCounters(() => ({ statements: 0, requests }));
process.on('disconnect', () => server.close(() => process.exit(0)));
