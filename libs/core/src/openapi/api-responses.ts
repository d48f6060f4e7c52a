import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { schemaFromExample } from './schema-from-example';

/** The error statuses the API answers with, each with its envelope code and a default description. */
export const API_ERRORS = {
  400: { code: 'validation_failed', description: 'Invalid input: error.fields names each bad field with one message' },
  401: { code: 'unauthorized', description: 'Missing, invalid or expired bearer token' },
  403: { code: 'forbidden', description: 'Not allowed for this user' },
  404: { code: 'not_found', description: 'No such resource, or not yours' },
  409: { code: 'conflict', description: 'Conflicts with the current state' },
  415: { code: 'unsupported_media_type', description: 'The body is in a format this endpoint does not take' },
  422: { code: 'unprocessable', description: 'Well-formed, but the business rules refuse it' },
  429: { code: 'too_many_requests', description: 'Too many requests; retry later' },
  502: { code: 'upstream_failed', description: 'Twilio (or another outside service) failed; nothing was changed' },
  503: { code: 'service_unavailable', description: 'A dependency is not ready' },
} as const;
export type ApiErrorStatus = keyof typeof API_ERRORS;

const FIELDS_SCHEMA: SchemaObject = {
  type: 'array',
  description: 'One entry per bad field',
  items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string', example: 'business_phone' }, message: { type: 'string', example: 'business_phone is required' } } },
};

/** The `{ success: false, error, request_id }` envelope every error response uses. */
export function errorEnvelopeSchema(status: ApiErrorStatus, message: string): SchemaObject {
  const { code } = API_ERRORS[status];
  const error: SchemaObject = {
    type: 'object',
    required: ['code', 'message'],
    properties: { code: { type: 'string', example: code }, message: { type: 'string', example: message }, ...(status === 400 || status === 409 ? { fields: FIELDS_SCHEMA } : {}) },
  };
  return {
    type: 'object',
    required: ['success', 'error', 'request_id'],
    properties: { success: { type: 'boolean', example: false }, error, request_id: { type: 'string', example: '2f1c9a4e-8d0b-4c55-9a43-1f0e6d2b7c10' } },
  };
}

/**
 * Documents error responses in the shared envelope. Pass statuses, or [status, description] pairs
 * where the default description is too general: `@ApiErrors(400, 401, [409, 'No number yet'])`.
 */
export function ApiErrors(...errors: Array<ApiErrorStatus | [ApiErrorStatus, string]>) {
  return applyDecorators(
    ...errors.map((e) => {
      const [status, description] = Array.isArray(e) ? e : [e, API_ERRORS[e].description];
      // Explicitly JSON: a webhook produces XML, but its guard's 403 is still the JSON envelope.
      return ApiResponse({ status, description, content: { 'application/json': { schema: errorEnvelopeSchema(status, description) } } });
    }),
  );
}

/** The errors every authenticated tenant route can answer: bad token, and (for path ids) not yours. */
export const ApiTenantErrors = (...more: Array<ApiErrorStatus | [ApiErrorStatus, string]>) => ApiErrors(401, 429, ...more);

/**
 * A success response typed from its example: `@ApiSuccess({ success: true, client: {...} })`.
 * The example is the whole body, envelope included, as a client receives it.
 */
export function ApiSuccess(example: Record<string, unknown>, options: { status?: 200 | 201 | 202; description?: string } = {}) {
  return ApiResponse({
    status: options.status ?? 200,
    description: options.description ?? 'Success',
    content: { 'application/json': { schema: { ...schemaFromExample(example), example } } },
  });
}
