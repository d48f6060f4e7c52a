import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { STRIPE_WEBHOOK_TAG } from '@ringlypro/billing';
import { TWILIO_WEBHOOK_TAG } from '@ringlypro/telephony';
import { addValidatorLimits } from './validator-limits';

/** Every tag, in the explorer's order, with what it holds; the webhooks Twilio calls come last. */
const TAGS: Array<[string, string]> = [
  ['auth', 'Sign up, log in, and who you are. Start here: the token from login authorizes everything else.'],
  ['client', "Your business: profile, Rachel on/off, the Rachel number's status, onboarding. /me routes act for the token's business."],
  ['call-forwarding', "Carrier codes that forward the business phone's unanswered calls to Rachel."],
  ['appointments', 'Availability in the business time zone, booking, rescheduling and cancelling (customers are texted).'],
  ['contacts', "The business's customers (CRM), one per phone number."],
  ['calls', "Calls to the Rachel number: how each ended, what Rachel and the caller said, and any voicemail. Dates are the business's local dates."],
  ['messages', 'Texts to and from customers, sent from the Rachel number.'],
  [
    'credits',
    'Prepaid credit: balance, free minutes, the ledger and daily totals (money in US dollars as decimal strings), Stripe Checkout reloads; ' +
      'platform admins and internal services also adjust credit and record usage here.',
  ],
  ['voice audio', "Rachel's lines in her ElevenLabs voice, fetched by Twilio for <Play>: public, but at unguessable HMAC-keyed URLs only the voice webhook hands out."],
  ['health', 'Readiness, liveness and an index of links; no token needed.'],
  [
    STRIPE_WEBHOOK_TAG,
    'Called by Stripe, not by dashboards: JSON events verified by their Stripe-Signature header against STRIPE_WEBHOOK_SECRET over the exact body sent. ' +
      'A paid Checkout credits the balance once per session.',
  ],
  [
    TWILIO_WEBHOOK_TAG,
    'Called by Twilio, not by dashboards: form-encoded POSTs answered with TwiML. Each request must carry X-Twilio-Signature, ' +
      "Twilio's HMAC-SHA1 (base64) of WEBHOOK_BASE_URL + path and query followed by every POST parameter name and value in " +
      'alphabetical order, keyed with the Twilio auth token (the simulator token without a Twilio account). Missing or invalid → 403 and nothing is processed.',
  ],
];

/** The OpenAPI document the Swagger explorer and `npm run openapi` both use. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('RinglyPro API')
    .setDescription(
      'Multi-tenant voice assistant and CRM. Dashboard endpoints take a bearer JWT from POST /api/auth/login; ' +
        'Twilio webhooks (/voice/*, /sms/*) are authenticated by X-Twilio-Signature instead. ' +
        'Every JSON response is wrapped as { success, ... }; errors as { success: false, error: { code, message, fields? }, request_id }, ' +
        'where fields names each bad input field once.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  // Tags are declared above; a controller without one must not get its class name as a tag.
  return addValidatorLimits(app, SwaggerModule.createDocument(app, builder.build(), { autoTagControllers: false }));
}

/** Swagger UI at /docs, the JSON document at /docs-json; the token survives a page reload. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'RinglyPro API',
    swaggerOptions: { persistAuthorization: true },
  });
}
