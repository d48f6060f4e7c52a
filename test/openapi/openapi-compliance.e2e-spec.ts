import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from '../../apps/api/src/openapi/swagger';
import { startTestApp, type TestApp } from '../support/test-app';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Operation = Schema;

const WEBHOOK_TAG = 'Twilio webhooks';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * The API's documentation contract, asserted over the generated document for EVERY operation, so
 * an endpoint added later fails here until it is documented like the others.
 */
describe('OpenAPI document: every operation documented', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let operations: Array<{ id: string; path: string; method: string; op: Operation }>;

  beforeAll(async () => {
    t = await startTestApp();
    doc = buildOpenApiDocument(t.app);
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => (item as Schema)[m]).map((method) => ({ id: `${method.toUpperCase()} ${path}`, path, method, op: (item as Schema)[method] as Operation })),
    );
  });
  afterAll(() => t.close());

  const resolve = (schema: Schema | undefined): Schema | undefined => {
    if (!schema?.$ref) return schema;
    return doc.components!.schemas![(schema.$ref as string).split('/').pop()!] as Schema;
  };
  const isWebhook = (op: Operation) => (op.tags as string[] | undefined)?.includes(WEBHOOK_TAG);
  const problems = (check: (o: { id: string; path: string; op: Operation }) => string | null) =>
    operations.map((o) => check(o)).filter((p): p is string => p !== null);

  it('finds the operations (sanity)', () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  it('every operation has a summary and exactly one declared, described tag', () => {
    const declared = new Map((doc.tags ?? []).map((tag) => [tag.name, tag.description]));
    expect(problems(({ id, op }) => (op.summary?.trim() ? null : `${id}: no summary`))).toEqual([]);
    expect(problems(({ id, op }) => (op.tags?.length === 1 ? null : `${id}: tags ${JSON.stringify(op.tags)}`))).toEqual([]);
    expect(problems(({ id, op }) => (declared.get(op.tags?.[0])?.trim() ? null : `${id}: tag "${op.tags?.[0]}" not declared with a description`))).toEqual([]);
  });

  it('every operation documents a typed success response with an example', () => {
    expect(
      problems(({ id, op }) => {
        const [status, response] = Object.entries(op.responses as Schema).find(([code]) => /^2\d\d$/.test(code)) ?? [];
        if (!status) return `${id}: no 2xx response`;
        const content = response.content as Schema | undefined;
        // A file (Rachel's audio) is documented as binary in its own media type, not as JSON.
        const file = Object.entries(content ?? {}).find(([type, m]) => !/json|xml/.test(type) && (m as Schema).schema?.format === 'binary');
        if (file) return (file[1] as Schema).example === undefined ? `${id}: ${status} ${file[0]} has no example` : null;
        const media = content?.[isWebhook(op) ? 'text/xml' : 'application/json'];
        if (!media) return `${id}: ${status} has no ${isWebhook(op) ? 'text/xml' : 'application/json'} content`;
        const schema = resolve(media.schema);
        if (!schema?.type && !schema?.properties && !schema?.allOf) return `${id}: ${status} has no typed schema`;
        if (media.example === undefined && media.schema?.example === undefined && schema.example === undefined) return `${id}: ${status} has no example`;
        return null;
      }),
    ).toEqual([]);
  });

  it('every operation documents the errors it can answer, in the error envelope', () => {
    expect(
      problems(({ id, op }) => {
        const statuses = Object.keys(op.responses as Schema);
        const missing: string[] = [];
        const needs = (status: string, why: boolean) => why && !statuses.includes(status) && missing.push(status);
        if (isWebhook(op)) {
          needs('403', true);
        } else {
          const params = (op.parameters ?? []) as Schema[];
          needs('401', Array.isArray(op.security) && op.security.length > 0);
          needs('400', !!op.requestBody || params.some((p) => p.in === 'query'));
          needs('404', params.some((p) => p.in === 'path'));
          needs('429', true);
        }
        for (const status of statuses.filter((s) => /^[45]\d\d$/.test(s))) {
          const schema = resolve((op.responses as Schema)[status].content?.['application/json']?.schema);
          if (!schema?.properties?.error) missing.push(`${status} (no error envelope)`);
          else if (status === '400' && !schema.properties.error.properties?.fields) missing.push('400 (no fields)');
        }
        return missing.length ? `${id}: ${missing.join(', ')}` : null;
      }),
    ).toEqual([]);
  });

  it('the caller\'s own client_id has no default or example (Swagger never pre-fills another tenant)', () => {
    expect(
      problems(({ id, op }) => {
        const param = ((op.parameters ?? []) as Schema[]).find((p) => p.name === 'client_id' && p.in === 'path' && !isWebhook(op));
        if (!param) return null;
        return param.example !== undefined || param.schema?.example !== undefined || param.schema?.default !== undefined ? `${id}: client_id has a default/example` : null;
      }),
    ).toEqual([]);
  });

  it('request schemas carry the validators\' limits (lengths, ranges, formats or enums)', () => {
    const unbounded: string[] = [];
    const check = (where: string, schema: Schema | undefined) => {
      const s = resolve(schema);
      if (!s) return;
      if (s.type === 'object' || s.properties) for (const [name, prop] of Object.entries((s.properties ?? {}) as Schema)) check(`${where}.${name}`, prop);
      else if (s.type === 'array') check(`${where}[]`, s.items);
      else if (s.type === 'string' && s.maxLength === undefined && !s.enum && !s.pattern && !s.format) unbounded.push(`${where}: string without maxLength/enum/pattern/format`);
      else if ((s.type === 'integer' || s.type === 'number') && (s.minimum === undefined || s.maximum === undefined)) unbounded.push(`${where}: number without minimum and maximum`);
    };
    for (const { id, op } of operations) {
      if (isWebhook(op)) continue;
      check(`${id} body`, op.requestBody?.content?.['application/json']?.schema);
      for (const p of (op.parameters ?? []) as Schema[]) if (p.in === 'query' || (p.in === 'path' && p.name !== 'carrier')) check(`${id} ${p.in} ${p.name}`, p.schema);
    }
    expect(unbounded).toEqual([]);
  });

  it('webhooks are grouped last under "Twilio webhooks", describe signing, and document their form fields', () => {
    const tags = (doc.tags ?? []).map((tag) => tag.name);
    expect(tags.at(-1)).toBe(WEBHOOK_TAG);
    expect(doc.tags!.at(-1)!.description).toMatch(/X-Twilio-Signature/);
    // GET /voice/audio is fetched by Twilio (<Play>) but is a public file, not a signed webhook.
    const webhooks = operations.filter(({ path }) => (path.startsWith('/voice/') || path.startsWith('/sms/')) && !path.startsWith('/voice/audio/'));
    expect(webhooks.length).toBeGreaterThanOrEqual(5);
    expect(
      webhooks
        .map(({ id, op }) => {
          if (!isWebhook(op)) return `${id}: not tagged ${WEBHOOK_TAG}`;
          const schema = resolve(op.requestBody?.content?.['application/x-www-form-urlencoded']?.schema);
          if (!schema?.properties || Object.keys(schema.properties).length === 0) return `${id}: no documented form fields`;
          return null;
        })
        .filter(Boolean),
    ).toEqual([]);
  });

  it('the explorer keeps the token across reloads (persistAuthorization)', async () => {
    const init = await t.http.get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toMatch(/"persistAuthorization":\s*true/);
  });
});
