import { XMLParser } from 'fast-xml-parser';
import type { AddressInfo } from 'node:net';
import { RelayUrls } from '@ringlypro/voice';
import { FakeRelayClient } from '../../fakes/fake-relay-client';
import { eventually } from '../../support/eventually';
import { phoneCall, PUBLIC_BASE } from '../../support/rachel-phone';
import type { TestApp } from '../../support/test-app';
import { registerTenant, type TestTenant } from '../../support/tenants';

export const RELAY_URL = `${PUBLIC_BASE.replace(/^https/, 'wss')}/voice/relay`;

/** The socket URL our greeting names for one call (`…/voice/relay?call=CA…&t=…`); Twilio signs it whole. */
export function relaySocketUrl(t: TestApp, callSid: string): string {
  return t.app.get(RelayUrls).socket(callSid);
}
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false });

/** Parsed TwiML (attributes as '@name'). */
export function parseTwiml(twiml: string): Record<string, unknown> {
  return xml.parse(twiml) as Record<string, unknown>;
}

/** ws:// base of a test app that listens on a real port (the relay needs a real HTTP server). */
export async function listening(t: TestApp): Promise<string> {
  const server = t.app.getHttpServer();
  if (!server.listening) await t.app.listen(0, '127.0.0.1');
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A business on the relay transport, with its Rachel number. */
export async function relayBusiness(t: TestApp, overrides: Record<string, unknown> = {}, settings: Record<string, unknown> = {}): Promise<{ tenant: TestTenant; number: string }> {
  const tenant = await registerTenant(t.http, overrides);
  await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ voice_transport: 'relay', ...settings }).expect(200);
  const number = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  return { tenant, number };
}

/**
 * A caller phoning a relay business: the signed greeting webhook (Twilio answers with our <Connect>
 * TwiML), then Twilio's relay client on the WebSocket, set up for this call.
 */
export async function relayCall(t: TestApp, base: string, number: string, from = '+13105550199') {
  const call = phoneCall(t, number, from);
  const greeting = await call.send(`${PUBLIC_BASE}/voice/webhook/voice`, { AccountSid: `AC${'0'.repeat(32)}`, CallSid: call.callSid, From: from, To: number, CallStatus: 'ringing', Direction: 'inbound' });
  if (greeting.status !== 200) throw new Error(`greeting answered ${greeting.status}`);
  const parsed = parseTwiml(greeting.body) as { Response: { Connect: { ConversationRelay: { '@url': string; Parameter: { '@name': string; '@value': string } } } } };
  // Twilio connects to the URL the TwiML named, and signs the handshake over it.
  const relay = await FakeRelayClient.connect({ localBase: base, publicUrl: parsed.Response.Connect.ConversationRelay['@url'], authToken: t.config.webhookSigningToken });
  const parameter = parsed.Response.Connect.ConversationRelay.Parameter;
  relay.setup({ callSid: call.callSid, from, to: number, customParameters: { [parameter['@name']]: parameter['@value'] } });
  /** Twilio's <Connect> action once the session ended. */
  const ended = async (extra: Record<string, string> = {}) =>
    call.send(`${PUBLIC_BASE}/voice/relay/ended`, { AccountSid: `AC${'0'.repeat(32)}`, CallSid: call.callSid, From: from, To: number, CallStatus: 'in-progress', SessionStatus: 'ended', ...extra });
  return { call, relay, greeting, ended };
}
