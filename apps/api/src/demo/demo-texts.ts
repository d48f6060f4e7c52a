import { confirmationText, helpText, localWhen, reminderText } from '@ringlypro/messaging';
import type { DemoClient } from './demo-world';

export interface DemoText {
  direction: 'inbound' | 'outbound';
  body: string;
  purpose: 'confirmation' | 'reminder' | 'reply' | 'manual' | 'inbound';
}

/** What one exchange is about: the business, the appointment it concerns and its code. */
interface Exchange {
  client: DemoClient;
  appointmentAt: Date;
  code: string;
}

const out = (body: string, purpose: DemoText['purpose']): DemoText => ({ direction: 'outbound', body, purpose });
const reply = (body: string): DemoText => ({ direction: 'inbound', body, purpose: 'inbound' });

/**
 * The demo world's texts, as conversations: each is [first, answer], written with the product's own
 * templates so the seeded inbox reads exactly like a real one (a confirmation answered with C, a
 * HELP answered with the help text, a customer's question answered by the owner, …).
 */
export const DEMO_CONVERSATIONS: Array<(e: Exchange) => [DemoText, DemoText]> = [
  ({ client, appointmentAt, code }) => [out(confirmationText(client.business_name, appointmentAt, client.timezone, code), 'confirmation'), reply('C')],
  ({ client, appointmentAt, code }) => [out(reminderText(client.business_name, appointmentAt, client.timezone, code), 'reminder'), reply('Thanks! See you then.')],
  ({ client }) => [reply('HELP'), out(helpText(client.business_name, client.business_phone), 'reply')],
  ({ client, appointmentAt }) => [
    reply('Can I move my appointment to the afternoon?'),
    out(`Hi, this is ${client.owner_name.split(' ')[0]} at ${client.business_name}. ${localWhen(appointmentAt, client.timezone)} works; you're all set.`, 'manual'),
  ],
  ({ client, appointmentAt }) => [
    reply('X'),
    out(`${client.business_name}: your appointment on ${localWhen(appointmentAt, client.timezone)} is cancelled. Call ${client.business_phone} to book another time.`, 'reply'),
  ],
];
