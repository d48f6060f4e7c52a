import { applyDecorators, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiExcludeEndpoint, ApiForbiddenResponse, ApiHeader, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { RawResponse } from '@ringlypro/core';
import { Public, WebhookRateLimit } from '@ringlypro/tenancy';
import { TwilioSignatureGuard } from './twilio-signature.guard';

/**
 * A POST that Twilio calls: no JWT, a valid X-Twilio-Signature instead, a form-encoded body, and a
 * TwiML answer sent as it is (never wrapped in the JSON envelope). Counted against the platform-wide
 * webhook budget only: a burst of one business's real calls is never refused per tenant.
 */
export function TwilioWebhook(path: string, description: string, options: { twiml?: boolean; hidden?: boolean } = {}) {
  const twiml = options.twiml ?? true;
  return applyDecorators(
    Post(path),
    Public(),
    WebhookRateLimit(),
    UseGuards(TwilioSignatureGuard),
    RawResponse(),
    HttpCode(200),
    ...(twiml ? [Header('Content-Type', 'text/xml; charset=utf-8'), ApiProduces('text/xml')] : []),
    ApiConsumes('application/x-www-form-urlencoded'),
    ApiHeader({ name: 'X-Twilio-Signature', required: true, description: "Twilio's request signature over WEBHOOK_BASE_URL + path and the parameters" }),
    ApiOkResponse({ description }),
    ApiForbiddenResponse({ description: 'Missing or invalid X-Twilio-Signature' }),
    ...(options.hidden ? [ApiExcludeEndpoint()] : []),
  );
}
