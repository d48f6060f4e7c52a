/**
 * npm run call -- --to <Rachel number> [--from <caller>] [--base http://localhost:3000] [--script file]
 *
 * Places a simulated phone call against a running RinglyPro: signs every webhook exactly as Twilio
 * does (with TWILIO_AUTH_TOKEN, or the simulator's token kept in DATA_DIR), follows the TwiML, prints
 * Rachel's lines and reads yours from the terminal — or replays a script file. Empty input is silence.
 *
 * Script files: one caller line per line. Directives: `!silence`, `!owner completed|no-answer|busy|failed`
 * (what the owner's phone does when Rachel connects you), `!voicemail <seconds>`, `!hangup`.
 * Lines starting with `#` are comments. A business on the ConversationRelay transport is followed over
 * its WebSocket (signed like Twilio's), then through the <Connect> action when Rachel ends the session.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { CallSession, type Step } from './call/call-session';
import { RelayLeg } from './call/relay-leg';

interface Args {
  to: string;
  from: string;
  base: string;
  webhookBase: string;
  script: string | null;
  token: string;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const to = get('to') ?? fail('Usage: npm run call -- --to <Rachel number> [--from +13105550199] [--base http://localhost:3000] [--script file]');
  const e164 = /^\+[1-9]\d{7,14}$/;
  if (!e164.test(to)) fail(`--to must be an E.164 number such as +18886103810 (got ${to})`);
  const from = get('from') ?? '+13105550199';
  if (!e164.test(from)) fail(`--from must be an E.164 number (got ${from})`);
  const base = (get('base') ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
  const webhookBase = (get('webhook-base') ?? process.env.WEBHOOK_BASE_URL ?? base).replace(/\/+$/, '');
  const tokenFile = join(resolve(process.env.DATA_DIR ?? 'data'), 'twilio-simulator-token');
  const token = process.env.TWILIO_AUTH_TOKEN ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : fail(`No TWILIO_AUTH_TOKEN and no simulator token at ${tokenFile}: start the server (npm start) first, with the same DATA_DIR.`));
  return { to, from, base, webhookBase, script: get('script') ?? null, token };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const call = new CallSession({
    webhookBase: args.webhookBase,
    authToken: args.token,
    to: args.to,
    from: args.from,
    post: async (url, params, signature) => {
      // Twilio calls the public URL; the simulator sends it to --base, keeping the path.
      const target = url.startsWith(args.webhookBase) ? `${args.base}${url.slice(args.webhookBase.length)}` : url;
      const res = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature }, body: new URLSearchParams(params) });
      return { status: res.status, body: await res.text() };
    },
  });
  const print = (step: Step) => {
    for (const line of step.lines) process.stdout.write(`Rachel: ${line}\n`);
    if (step.status === 'ringing-owner') process.stdout.write(`        (the owner's phone rings)\n`);
    if (step.status === 'recording') process.stdout.write(`        (recording a voicemail)\n`);
  };
  process.stdout.write(`Calling ${args.to} from ${args.from} (${args.base}) — call ${call.callSid}\n\n`);
  let step = await call.dial();
  print(step);

  const scripted = args.script ? readFileSync(args.script, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')) : null;
  const terminal = scripted ? null : createInterface({ input: process.stdin, output: process.stdout });
  const next = async (prompt: string): Promise<string | null> => {
    if (scripted) {
      const line = scripted.shift();
      if (line !== undefined && !line.startsWith('!')) process.stdout.write(`${prompt}${line}\n`);
      return line ?? null;
    }
    try {
      return await terminal!.question(prompt);
    } catch {
      return null;
    }
  };

  let leg: RelayLeg | null = null;
  while (step.status !== 'ended') {
    if (step.status === 'relay') {
      leg ??= await RelayLeg.open(call.relay!, { localBase: args.base, webhookBase: args.webhookBase, authToken: args.token, call: { callSid: call.callSid, from: args.from, to: args.to } });
      const line = await next('You:    ');
      if (line === null || line === '!hangup') break;
      const answer = await leg.say(line === '!silence' ? '' : line);
      for (const said of answer.lines) process.stdout.write(`Rachel: ${said}\n`);
      if (answer.ended === null) continue;
      leg.close();
      leg = null;
      step = await call.relayEnded(answer.ended || null);
    } else if (step.status === 'ringing-owner') {
      const answer = scripted ? ((await next('')) ?? '!owner no-answer') : `!owner ${(await next('Owner answers? [completed/no-answer/busy/failed] ')) || 'no-answer'}`;
      const status = answer.replace(/^!owner\s*/, '') as 'completed' | 'no-answer' | 'busy' | 'failed';
      process.stdout.write(`        (owner: ${status})\n`);
      step = await call.ownerLine(['completed', 'no-answer', 'busy', 'failed'].includes(status) ? status : 'no-answer');
    } else if (step.status === 'recording') {
      const answer = scripted ? ((await next('')) ?? '!voicemail 10') : `!voicemail ${(await next('Seconds of voicemail to leave: ')) || '10'}`;
      step = await call.leaveVoicemail(Number(answer.replace(/^!voicemail\s*/, '')) || 10);
    } else {
      const line = await next('You:    ');
      if (line === null || line === '!hangup') break;
      step = await call.say(line === '!silence' || line === '' ? null : line);
    }
    print(step);
  }
  terminal?.close();
  leg?.close();
  await call.hangUp('completed');
  process.stdout.write(`\n(call ended; status callback sent)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
