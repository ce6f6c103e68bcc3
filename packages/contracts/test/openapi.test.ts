import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { omniOpenApiDocument } from '../src/index.js';
import { messagingRouteList } from '../src/messaging/index.js';
import { ROUTE_TABLE } from './support/route-table.js';

/**
 * The OpenAPI 3.1 document built from the route objects, checked by a maintained validator and
 * against the literal route table of omni-api.md.
 */
type Json = Record<string, unknown>;

const doc = omniOpenApiDocument() as unknown as Json & {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
  webhooks?: Record<string, Record<string, Json>>;
};
function operation(method: string, path: string): Json {
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`no operation ${method} ${path}`);
  return op;
}
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Follows `#/components/schemas/…` references. */
function deref(node: unknown): Json {
  let n = node as Json;
  while (typeof n.$ref === 'string') {
    const name = n.$ref.replace('#/components/schemas/', '');
    n = doc.components.schemas[name] as Json;
    if (!n) throw new Error(`unresolved ${name}`);
  }
  return n;
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

describe('the OpenAPI document', () => {
  let result: Awaited<ReturnType<Validator['validate']>>;
  let validator: Validator;

  beforeAll(async () => {
    validator = new Validator();
    result = await validator.validate(structuredClone(doc));
  });

  it('is valid OpenAPI 3.1 by @seriousme/openapi-schema-validator', () => {
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(doc.openapi).toBe('3.1.0');
  });

  it('the validator does catch a broken document (so the check above can fail)', async () => {
    const broken = structuredClone(doc);
    (broken.paths['/omni/user/login']?.post as Json).deprecated = 'yes';
    const brokenResult = await new Validator().validate(broken);
    expect(brokenResult.valid).toBe(false);
  });

  it('every $ref resolves to a component', () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
    }
  });

  it('lists exactly the routes of omni-api.md and B.12’s messaging routes, each with its method', () => {
    const listed = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((k) => HTTP_METHODS.includes(k))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const messaging = messagingRouteList.map((r) => `${r.method} ${r.path}`);
    expect(listed.sort()).toEqual([...ROUTE_TABLE.map((r) => `${r.method} ${r.path}`), ...messaging].sort());
    expect(listed).toHaveLength(45 + 18);
  });

  it('A.7: the archive service shows TForge’s messages verbatim, as constants and an enum', () => {
    for (const path of ['/vicidial/leads/archive', '/vicidial/lead/archive/', '/vicidial/leads/dearchive']) {
      const responses = operation('POST', path).responses as Record<string, Json>;
      const content = (status: number) => (responses[String(status)] as Json).content as Record<string, Json>;
      const message = (status: number) => {
        const schema = deref((content(status)['application/json'] as Json).schema);
        return (schema.properties as Record<string, Json>).message as Json;
      };
      expect((content(400)['application/json'] as Json).schema).toEqual({
        $ref: '#/components/schemas/VicidialValidationErrorBody',
      });
      expect(message(200).const).toBe('lead_ids batch was successfully processed');
      expect(message(401).const).toBe('unable to validate api user');
      if (!path.includes('dearchive'))
        expect(message(403).const).toBe('api cannot be executed during office hours time condition');
      expect(message(400).enum).toEqual([
        'insert_leads must be a boolean value',
        'update_leads must be a boolean value',
        'delete_leads must be a boolean value',
        'lead_ids must only contain integer values',
        'lead_ids must contain atleast 1 value',
        'lead_ids cannot exceed 500 values',
        'lead_ids cannot contain duplicate values',
      ]);
    }
  });

  it('gives every operation a unique operationId', () => {
    const ids = ROUTE_TABLE.map((r) => operation(r.method, r.path).operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(ROUTE_TABLE.map((row) => [`${row.method} ${row.path}`, row] as const))('%s', (_key, row) => {
    const op = () => operation(row.method, row.path);

    it(`carries x-omni-source: ${row.source} and x-omni-idempotent: ${row.idempotent}`, () => {
      expect(op()['x-omni-source']).toBe(row.source);
      expect(op()['x-omni-idempotent']).toBe(row.idempotent);
    });

    it(row.deprecatedFor ? 'is deprecated: true' : 'is not deprecated', () => {
      if (row.deprecatedFor) {
        expect(op().deprecated).toBe(true);
        expect(String(op().description)).toMatch(/Deprecated alias/);
      } else expect(op().deprecated).toBeUndefined();
    });

    it('lists its success and error responses, each with a JSON or WAV body', () => {
      const responses = op().responses as Record<string, Json>;
      expect(Object.keys(responses).map(Number).sort()).toEqual([...row.success, ...row.errors].sort());
      for (const status of row.errors) {
        const response = responses[String(status)] as Json;
        expect(String(response.description)).toMatch(/^Error: [A-Z_]+/);
        const schema = deref((response.content as Record<string, Json>)['application/json']?.schema);
        const props = Object.keys((schema.properties ?? {}) as Json);
        if (row.path.startsWith('/vicidial/')) expect(props).toEqual(expect.arrayContaining(['message', 'http_code']));
        else expect(props).toEqual(expect.arrayContaining(['success', 'detail', 'error_code']));
      }
      for (const status of row.success) {
        const content = (responses[String(status)] as Json).content as Record<string, Json>;
        expect(content['application/json'] ?? content['audio/wav']).toBeDefined();
      }
    });

    it('429 tells when to retry (Retry-After)', () => {
      const r429 = (op().responses as Record<string, Json>)['429'] as Json;
      expect(r429.headers).toHaveProperty('Retry-After');
    });

    it(row.token ? 'asks for the system key and tokenKey' : 'asks for the system key only', () => {
      const security = op().security as Json[];
      expect(security.length).toBeGreaterThan(0);
      for (const requirement of security) {
        const schemes = Object.keys(requirement);
        expect(schemes.some((s) => s === 'SystemKey' || s === 'SystemKeyQuery')).toBe(true);
        expect(schemes.includes('UserToken')).toBe(row.token);
      }
    });

    it('declares each {param} of its path as a required path parameter', () => {
      const names = [...row.path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]);
      const params = ((op().parameters ?? []) as Json[]).filter((p) => p.in === 'path');
      expect(params.map((p) => p.name)).toEqual(names);
      for (const p of params) {
        expect(p.required).toBe(true);
        const type = (p.schema as Json).type;
        expect(type).toBe(p.name === 'file' ? 'string' : 'integer');
      }
    });
  });

  it('A.2: the system key goes in `Authorization` (or `auth-key`), the user token in `tokenKey`', () => {
    const s = doc.components.securitySchemes;
    expect(s.SystemKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(s.SystemKeyQuery).toMatchObject({ type: 'apiKey', in: 'query', name: 'auth-key' });
    expect(s.UserToken).toMatchObject({ type: 'apiKey', in: 'header', name: 'tokenKey' });
  });

  it('B.8: the list-leads query parameters are listed, none required', () => {
    const params = (operation('GET', '/omni/list/{list_id}/leads').parameters ?? []) as Json[];
    const query = params.filter((p) => p.in === 'query');
    expect(query.map((p) => p.name).sort()).toEqual(['page', 'page_size', 'status']);
    expect(query.every((p) => p.required === false)).toBe(true);
  });

  it('A.3: the documented misspellings and older spellings appear in the request bodies', () => {
    const body = (method: string, path: string) =>
      deref(
        ((operation(method, path).requestBody as Json).content as Record<string, Json>)['application/json']?.schema,
      );
    const call = body('POST', '/omni/voice/{user_id}/call').properties as Record<string, Json>;
    expect(call.outboud_cli?.deprecated).toBe(true);
    expect(call).toHaveProperty('outbound_cli');
    const auth = body('POST', '/omni/user/authorize').properties as Record<string, Json>;
    expect(auth.username?.deprecated).toBe(true);
    expect(auth).toHaveProperty('user_name');
    const campaign = body('PUT', '/omni/campaign/{campaign_id}').properties as Record<string, Json>;
    expect(campaign).toHaveProperty('HoursPerWorkingDay');
    expect(campaign).toHaveProperty('ProgressiveThreshold');
  });

  it('A.3: GET /omni/users shows user_id as a string', () => {
    const response = (operation('GET', '/omni/users').responses as Record<string, Json>)['200'] as Json;
    const list = deref((response.content as Record<string, Json>)['application/json']?.schema);
    const users = (list.properties as Record<string, Json>).users as Json;
    const item = deref(users.items);
    expect((item.properties as Record<string, Json>).user_id?.type).toBe('string');
  });

  it("B.2: the error body names the closed list of error codes (B.2's 15, 3 inferred and B.12.5's 5)", () => {
    const body = doc.components.schemas.ErrorBody as Json;
    const code = (body.properties as Record<string, Json>).error_code as Json;
    expect(code.enum).toHaveLength(23);
    expect(code.enum).toEqual(
      expect.arrayContaining(['FORBIDDEN_ORIGIN', 'UNSUPPORTED_MEDIA_TYPE', 'SERVICE_UNAVAILABLE']),
    );
  });

  describe('webhooks (A.4, B.7)', () => {
    it('describe each of the eleven notification types (B.7’s six, B.12.6’s five) as its own webhook, posting `{ type, payload }`', () => {
      const webhooks = doc.webhooks ?? {};
      expect(Object.keys(webhooks).sort()).toEqual([
        'agent_state',
        'call_state',
        'cdr',
        'conversation_assigned',
        'conversation_end',
        'conversation_window',
        'inbound',
        'message_received',
        'message_status',
        'recording',
        'shotgun_result',
      ]);
      for (const [type, item] of Object.entries(webhooks)) {
        const post = item.post as Json;
        const schema = deref(((post.requestBody as Json).content as Record<string, Json>)['application/json']?.schema);
        const props = schema.properties as Record<string, Json>;
        expect((props.type as Json).const, type).toBe(type);
        expect(props.payload?.$ref, type).toMatch(/Payload$/);
      }
    });

    it('the CDR payload keeps `dispostion_code` and integer ms durations; inbound carries `DNIS`', () => {
      const cdr = doc.components.schemas.CdrPayload?.properties as Record<string, Json>;
      expect(cdr.dispostion_code?.type).toBe('string');
      for (const d of ['ivr_time', 'ring_time', 'talk_time', 'user_time', 'hold_time', 'wrap_time']) {
        expect(cdr[d]?.type, d).toBe('integer');
      }
      const inbound = doc.components.schemas.InboundPayload?.properties as Record<string, Json>;
      expect(inbound.DNIS?.type).toBe('string');
      expect(inbound.reference_id?.type).toBe('string');
    });
  });

  it('is the same document every time it is built', () => {
    expect(JSON.stringify(omniOpenApiDocument())).toBe(JSON.stringify(doc));
  });
});
