import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { validateEnvironment } from '@ringlypro/core';
import twilio from 'twilio';

/**
 * `npm run sms -- [--from +1…] [--to +1…] "text"`: delivers a text to the running API exactly as
 * Twilio would — a form-encoded POST to /sms/webhook, signed with X-Twilio-Signature under the same
 * token the API checks (TWILIO_AUTH_TOKEN, or the simulator's token in DATA_DIR/twilio-simulator-token)
 * over WEBHOOK_BASE_URL + path. Prints the status and the TwiML reply.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      from: { type: 'string', default: '+16565550101' },
      to: { type: 'string', default: '+18886103810' },
      api: { type: 'string' },
    },
  });
  const body = positionals.join(' ') || 'HELP';
  const config = validateEnvironment(process.env);
  const path = '/sms/webhook';
  const sid = `SM${randomBytes(16).toString('hex')}`;
  const params = { AccountSid: `AC${'0'.repeat(32)}`, MessageSid: sid, SmsSid: sid, From: values.from!, To: values.to!, Body: body, NumMedia: '0' };
  const signature = twilio.getExpectedTwilioSignature(config.webhookSigningToken, `${config.webhookBaseUrl}${path}`, params);
  const api = (values.api ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  const res = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  console.log(`${res.status} ${res.headers.get('content-type') ?? ''}\n${await res.text()}`);
  if (!res.ok) process.exit(1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
