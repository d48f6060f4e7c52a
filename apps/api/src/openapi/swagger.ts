import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document the Swagger explorer and `npm run openapi` both use. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('RinglyPro API')
    .setDescription(
      'Multi-tenant voice assistant and CRM. Dashboard endpoints take a bearer JWT from POST /api/auth/login; ' +
        'Twilio webhooks (/voice/*, /sms/*) are authenticated by X-Twilio-Signature instead. ' +
        'Every JSON response is wrapped as { success, ... }; errors as { success: false, error: { code, message, fields? }, request_id }.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /docs, the JSON document at /docs-json. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', customSiteTitle: 'RinglyPro API' });
}
