import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Twilio's official OpenAPI description of the 2010-04-01 API (MIT). The project's copy in
 * ../shared/twilio-oai is used when present; test/fakes/twilio-oai holds the same file (with its
 * licence) so a clone can run the tests on its own. The fake Twilio checks every request against it,
 * and builds every response only from properties it declares, so our SDK calls and our fake both
 * stay true to Twilio.
 */
const SHARED_SPEC = join(__dirname, '..', '..', '..', 'shared', 'twilio-oai', 'twilio_api_v2010.json');
const VENDORED_SPEC = join(__dirname, 'twilio-oai', 'twilio_api_v2010.json');
const SPEC_PATH = process.env.TWILIO_OAI_SPEC ?? (existsSync(SHARED_SPEC) ? SHARED_SPEC : VENDORED_SPEC);

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
}
interface Operation {
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown>; required?: string[] } }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string; properties?: Record<string, unknown> } }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

let cached: Spec | null = null;
function spec(): Spec {
  if (!cached) {
    if (!existsSync(SPEC_PATH)) throw new Error(`Twilio OpenAPI spec not found at ${SPEC_PATH} (set TWILIO_OAI_SPEC)`);
    cached = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
  }
  return cached;
}

export interface MatchedOperation {
  template: string;
  pathParams: Record<string, string>;
  operation: Operation;
}

/** Finds the spec operation for a method and concrete path, e.g. POST …/IncomingPhoneNumbers/PN123.json. */
export function matchOperation(method: string, path: string): MatchedOperation | null {
  for (const [template, operations] of Object.entries(spec().paths)) {
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`);
    const m = pattern.exec(path);
    if (!m) continue;
    const operation = operations[method.toLowerCase()];
    if (!operation) return null;
    return { template, operation, pathParams: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

/** Every way a request departs from the spec: unknown parameters, missing required ones. */
export function contractViolations(match: MatchedOperation, query: Record<string, string>, form: Record<string, string>): string[] {
  const problems: string[] = [];
  const params = (match.operation.parameters ?? []).filter((p): p is Parameter => 'name' in p);
  const queryNames = new Set(params.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of Object.keys(query)) if (!queryNames.has(name)) problems.push(`unknown query parameter ${name}`);
  for (const p of params) if (p.in === 'query' && p.required && !(p.name in query)) problems.push(`missing required query parameter ${p.name}`);
  const body = match.operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema;
  if (!body && Object.keys(form).length > 0) problems.push('this operation takes no form body');
  if (body) {
    const allowed = new Set(Object.keys(body.properties ?? {}));
    for (const name of Object.keys(form)) if (!allowed.has(name)) problems.push(`unknown form parameter ${name}`);
    for (const name of body.required ?? []) if (!(name in form)) problems.push(`missing required form parameter ${name}`);
  }
  return problems;
}

/** Property names the spec declares for a component schema ('api.v2010.account.incoming_phone_number'). */
export function schemaProperties(schema: string): Set<string> {
  const found = spec().components.schemas[schema];
  if (!found) throw new Error(`No schema ${schema} in the Twilio spec`);
  return new Set(Object.keys(found.properties ?? {}));
}

/** Refuses (in the fake itself) to emit a property the real API does not have. */
export function conform<T extends Record<string, unknown>>(schema: string, record: T): T {
  const allowed = schemaProperties(schema);
  const extra = Object.keys(record).filter((k) => !allowed.has(k));
  if (extra.length) throw new Error(`fake Twilio would emit ${extra.join(', ')}, which ${schema} does not declare`);
  return record;
}
