import type { SchemaObject } from '@nestjs/swagger';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A typed JSON schema read off an example response, so every documented success has both types
 * and a concrete example without a hand-kept class per response. A null in the example is typed
 * as a nullable string (the API's nullable fields are strings or instants) unless told otherwise.
 */
export function schemaFromExample(example: unknown): SchemaObject {
  if (example === null) return { type: 'string', nullable: true };
  if (Array.isArray(example)) return { type: 'array', items: example.length ? schemaFromExample(example[0]) : {} };
  switch (typeof example) {
    case 'string':
      if (ISO_INSTANT.test(example)) return { type: 'string', format: 'date-time' };
      if (ISO_DATE.test(example)) return { type: 'string', format: 'date' };
      return { type: 'string' };
    case 'number':
      return Number.isInteger(example) ? { type: 'integer' } : { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      const entries = Object.entries(example as Record<string, unknown>);
      return { type: 'object', properties: Object.fromEntries(entries.map(([k, v]) => [k, schemaFromExample(v)])), required: entries.map(([k]) => k) };
    }
    default:
      return {};
  }
}
