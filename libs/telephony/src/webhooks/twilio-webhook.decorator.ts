import { applyDecorators, Header, HttpCode, Post, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExcludeEndpoint, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors, RawResponse } from '@ringlypro/core';
import { Public, WebhookRateLimit } from '@ringlypro/tenancy';
import { TwilioSignatureGuard } from './twilio-signature.guard';
import { TWILIO_WEBHOOK_ROUTE } from './twilio-webhook-lane';

/** The OpenAPI tag of every webhook Twilio calls; the document lists it last. */
export const TWILIO_WEBHOOK_TAG = 'Twilio webhooks';

/** Form fields (Twilio's parameter name → what it carries) a webhook reads. */
export type TwilioFields = Record<string, string>;

/** What Twilio POSTs for a call (the voice webhooks' default documentation). */
export const VOICE_CALL_FIELDS: TwilioFields = {
  CallSid: 'Unique id of the call (CA…)',
  AccountSid: 'The Twilio account (AC…)',
  From: "The caller's number, E.164",
  To: 'The dialed number: the Rachel number, which names the business',
  CallStatus: 'queued, ringing, in-progress, completed, busy, failed, no-answer or canceled',
  Direction: 'inbound',
  ForwardedFrom: "The number that forwarded the call (the business phone, when the carrier says); marks forwarding as verified",
  CalledVia: 'The number the caller dialed, when the call was forwarded; marks forwarding as verified',
};

const TWIML_EXAMPLE = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * A POST that Twilio calls: no JWT, a valid X-Twilio-Signature instead, a form-encoded body, and a
 * TwiML answer sent as it is (never wrapped in the JSON envelope). Documented under the webhook tag
 * with the form fields it reads. Counted against the platform-wide webhook budget only: a burst of one
 * business's real calls is never refused per tenant.
 */
export function TwilioWebhook(path: string, description: string, options: { hidden?: boolean; fields?: TwilioFields; example?: string } = {}) {
  const fields = options.fields ?? VOICE_CALL_FIELDS;
  return applyDecorators(
    Post(path),
    // Served by the TwilioWebhookLane ahead of Nest's router; the rest below still documents the route and guards it wherever the lane is not mounted.
    SetMetadata(TWILIO_WEBHOOK_ROUTE, true),
    Public(),
    WebhookRateLimit(),
    UseGuards(TwilioSignatureGuard),
    RawResponse(),
    HttpCode(200),
    Header('Content-Type', 'text/xml; charset=utf-8'),
    ApiTags(TWILIO_WEBHOOK_TAG),
    ApiOperation({ summary: description }),
    ApiProduces('text/xml'),
    ApiConsumes('application/x-www-form-urlencoded'),
    ApiBody({
      schema: {
        type: 'object',
        properties: Object.fromEntries(Object.entries(fields).map(([name, about]) => [name, { type: 'string', maxLength: 1600, description: about }])),
      },
    }),
    ApiHeader({ name: 'X-Twilio-Signature', required: true, description: "Twilio's request signature over WEBHOOK_BASE_URL + path and the parameters" }),
    ApiOkResponse({ description: 'TwiML', content: { 'text/xml': { schema: { type: 'string', example: options.example ?? TWIML_EXAMPLE } } } }),
    ApiErrors(
      [400, 'A parameter was sent more than once; nothing was processed'],
      [403, 'Missing or invalid X-Twilio-Signature; nothing was processed'],
      [415, 'The body is not application/x-www-form-urlencoded; nothing was processed'],
    ),
    ...(options.hidden ? [ApiExcludeEndpoint()] : []),
  );
}
