import { FakeRelayClient } from '../fakes/fake-relay-client';
import { PUBLIC_BASE } from '../support/rachel-phone';
import { startTestApp, type TestApp } from '../support/test-app';
import { listening, relaySocketUrl } from './support/relay-call';

describe('ConversationRelay handshakes and the platform-wide webhook budget', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE, RATE_LIMIT_WEBHOOKS_PER_MINUTE: '5' } });
    base = await listening(t);
  });
  afterAll(() => t.close());

  it('a signed handshake spends the budget like a webhook (429 past it); forged ones are refused without spending it', async () => {
    const attempt = (signature?: string | null) =>
      FakeRelayClient.connect({ localBase: base, publicUrl: relaySocketUrl(t, `CA${'12'.repeat(16)}`), authToken: t.config.webhookSigningToken, signature }).then(
        (client) => client,
        (e: { status?: number }) => e.status,
      );
    for (let i = 0; i < 20; i++) expect(await attempt('Zm9yZ2Vk')).toBe(403);
    const opened: FakeRelayClient[] = [];
    for (let i = 0; i < 5; i++) {
      const client = await attempt();
      expect(client).toBeInstanceOf(FakeRelayClient);
      opened.push(client as FakeRelayClient);
    }
    expect(await attempt()).toBe(429);
    for (const client of opened) client.close();
  });
});
