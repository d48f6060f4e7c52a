import { CallSession } from '../../scripts/call/call-session';
import type { TestApp } from './test-app';

export const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';

/** A caller phoning a Rachel number of the test app, through signed webhooks (see CallSession). */
export function phoneCall(t: TestApp, to: string, from = '+13105550199'): CallSession {
  return new CallSession({
    webhookBase: PUBLIC_BASE,
    authToken: t.config.webhookSigningToken,
    to,
    from,
    post: async (url, params, signature) => {
      if (!url.startsWith(PUBLIC_BASE)) throw new Error(`TwiML points outside the public base: ${url}`);
      const res = await t.http.post(url.slice(PUBLIC_BASE.length)).type('form').set('X-Twilio-Signature', signature).send(params);
      return { status: res.status, body: res.text };
    },
  });
}
