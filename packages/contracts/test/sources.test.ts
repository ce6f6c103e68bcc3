import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { controlOpenApiDocument } from '../src/control/index.js';
import { buildOpenApiDocument, defineRoute, documented, inferred, omniOpenApiDocument, source } from '../src/index.js';

/**
 * Where each field and each response of a documented route comes from, transcribed from
 * omni-api.md (Part A with its page; anything else is Part B), and checked in the generated
 * OpenAPI document. `D` documented, `I` inferred. Nested fields are written `parent[].child`.
 */
type Json = Record<string, unknown>;
type Mark = 'D' | 'I';

interface SourceRow {
  readonly method: string;
  readonly path: string;
  readonly page: string;
  readonly body?: Readonly<Record<string, Mark>>;
  /** Responses by status: the response's own source and its fields'. */
  readonly responses: Readonly<
    Record<number, { readonly source: Mark; readonly fields: Readonly<Record<string, Mark>> }>
  >;
  /** Error statuses whose answer is documented (every other error response is inferred, B.2). */
  readonly documentedErrors?: readonly number[];
}

const D = 'D' as const;
const I = 'I' as const;

/** A.2, page 2158002231. */
const AUTHORIZE = {
  page: '2158002231',
  body: { user_name: D, username: D, password: D },
  responses: { 200: { source: D, fields: { user_id: D, user_name: D, token_key: D, expiry_date: D } } },
};
/** A.3, page 2173829121: `{ success, detail }` is shown on the login page. */
const LOGIN = {
  page: '2173829121',
  body: { campaign_id: D, extension: D },
  responses: { 200: { source: D, fields: { success: D, detail: D } } },
};
/** A.5 (page 2174910465) fields; the dialler settings of B.8 are inferred. */
const CAMPAIGN_FIELDS: Record<string, Mark> = {
  campaign_name: D,
  campaign_type: D,
  description: D,
  teleparam_plan_id: D,
  caller_id: D,
  target_drop_percentage: D,
  message_of_the_day: D,
  default_list_id: D,
  default_phone_type: D,
  auto_record: D,
  is_blended: D,
  degrade_to_progressive: D,
  not_ready_wait_time: D,
  zip_tone: D,
  zip_tone_beep: D,
  zip_tone_wav: D,
  max_lines: D,
  schedule_plan_id: D,
  HoursPerWorkingDay: D,
  ProgressiveThreshold: D,
  wrapup_seconds: I,
  no_answer_seconds: I,
  amd_enabled: I,
  max_attempts: I,
  recycle_delay_minutes: I,
  pause_codes: I,
  dispositions: I,
  inbound_dids: I,
};
/** A.6 (page 2174943251): the bulk fields, the rows' included; the response is not shown (B.8). */
const BULK = {
  page: '2174943251',
  body: {
    list_id: D,
    // The page's earlier form of the body (A.6).
    list_name: D,
    dnc_check: D,
    deduplication: D,
    leads: D,
    'leads[].phone_number_1': D,
    'leads[].phone_number_2': D,
    'leads[].phone_number_3': D,
    'leads[].email_1': D,
    'leads[].email_2': D,
    'leads[].messenger': D,
    // The page's table's name for unique_id (A.6).
    'leads[].reference_id': D,
    'leads[].unique_id': D,
    'leads[].title': D,
    'leads[].first_name': D,
    'leads[].last_name': D,
    'leads[].address_line_1': D,
    'leads[].address_line_2': D,
    'leads[].city': D,
    'leads[].province': D,
    'leads[].postal_code': D,
    'leads[].caller_id': D,
    'leads[].schedule_call_date_time': D,
  },
  responses: {
    200: {
      source: I,
      fields: {
        success: I,
        detail: I,
        inserted: I,
        duplicates: I,
        dnc_rejected: I,
        rejected: I,
        'rejected[].index': I,
        'rejected[].field': I,
        'rejected[].detail': I,
      },
    },
  },
};
/** A.7: the archive service's bodies and its 200/400/401/403 (response catalogue page 2362507280). */
const ARCHIVE_RESULT = {
  source: D,
  fields: { message: D, select_count: D, insert_count: D, update_count: D, delete_count: D, http_code: D },
};

const SOURCE_TABLE: readonly SourceRow[] = [
  { method: 'POST', path: '/omni/user/authorize', ...AUTHORIZE },
  { method: 'POST', path: '/omni/user/login', ...AUTHORIZE },
  { method: 'POST', path: '/omni/user/login/authorize', ...AUTHORIZE },
  { method: 'POST', path: '/omni/users/{user_id}/login', ...LOGIN },
  { method: 'POST', path: '/omni/user/{user_id}/login', ...LOGIN },
  {
    method: 'GET',
    path: '/omni/users',
    page: '2333081617',
    responses: { 200: { source: D, fields: { users: D, 'users[].user_id': D, 'users[].user_name': D } } },
  },
  {
    method: 'POST',
    path: '/omni/voice/{user_id}/call',
    page: '2177007617',
    body: { phone_number: D, lead_id: D, outbound_cli: D, outboud_cli: D, unique_id: D },
    responses: { 200: { source: D, fields: { call_id: D, phone_number: D, call_state: D, call_start_time: D } } },
  },
  {
    method: 'PUT',
    path: '/omni/campaign/{campaign_id}',
    page: '2174910465',
    body: CAMPAIGN_FIELDS,
    // "not shown" on the page: `{ success, detail }` is this project's (B.1 style).
    responses: { 200: { source: I, fields: { success: I, detail: I } } },
  },
  {
    method: 'POST',
    path: '/omni/lead',
    page: '2175107084',
    body: {
      first_name: D,
      last_name: D,
      other_info: D,
      unique_id: D,
      lead_provider: D,
      list_id: D,
      cost: D,
      phone_numbers: D,
      'phone_numbers[].phone_number': D,
      'phone_numbers[].phone_type_id': D,
      'phone_numbers[].time_zone_id': D,
      'phone_numbers[].high_priority': D,
      'phone_numbers[].schedule_call_date_time': D,
      // The bulk page's contact fields, taken by add lead too: this project's choice.
      title: I,
      email_1: I,
      email_2: I,
      messenger: I,
      address_line_1: I,
      address_line_2: I,
      city: I,
      province: I,
      postal_code: I,
      caller_id: I,
    },
    // "not shown" on the page: `lead_id` in `{ success, detail, lead_id }` is B.8.
    responses: { 200: { source: I, fields: { success: I, detail: I, lead_id: I } } },
  },
  { method: 'POST', path: '/omni/leads/bulk/upload', ...BULK },
  { method: 'POST', path: '/omni/leads/upload', ...BULK },
  {
    method: 'POST',
    path: '/vicidial/leads/archive',
    page: '2327379978',
    body: { insert_leads: D, update_leads: D, delete_leads: D, lead_ids: D },
    responses: { 200: ARCHIVE_RESULT },
    documentedErrors: [400, 401, 403],
  },
  {
    method: 'POST',
    path: '/vicidial/lead/archive/',
    page: '2327379978',
    body: { insert_leads: D, update_leads: D, delete_leads: D, lead_ids: D },
    responses: { 200: ARCHIVE_RESULT },
    documentedErrors: [400, 401, 403],
  },
  {
    method: 'POST',
    path: '/vicidial/lead/dearchive',
    page: '2340978703',
    body: { insert_leads: D, delete_leads: D, lead_ids: D },
    responses: { 200: ARCHIVE_RESULT },
    documentedErrors: [400, 401, 403],
  },
  {
    method: 'POST',
    path: '/vicidial/leads/dearchive',
    page: '2340978703',
    body: { insert_leads: D, delete_leads: D, lead_ids: D },
    responses: { 200: ARCHIVE_RESULT },
    documentedErrors: [400, 401, 403],
  },
];

/** A.4: `cdr` (page 2157838444) and `inbound` (page 2164523009) are documented; B.7's four are not. */
const NOTIFICATION_TABLE: Readonly<Record<string, { source: Mark; page?: string }>> = {
  cdr: { source: D, page: '2157838444' },
  inbound: { source: D, page: '2164523009' },
  call_state: { source: I },
  agent_state: { source: I },
  recording: { source: I },
  shotgun_result: { source: I },
};

const doc = omniOpenApiDocument() as unknown as Json & {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
  webhooks: Record<string, { post: Json }>;
};

const mark = (source: unknown): Mark | undefined =>
  source === 'documented' ? 'D' : source === 'inferred' ? 'I' : undefined;

function deref(node: unknown): Json {
  let n = node as Json;
  while (typeof n.$ref === 'string') n = doc.components.schemas[n.$ref.replace('#/components/schemas/', '')] as Json;
  return n;
}

/** Every property under a schema, by dotted path (`a[].b` inside arrays), with its tag. */
function fieldsOf(schema: unknown, prefix = '', out: Record<string, Json> = {}): Record<string, Json> {
  const node = deref(schema);
  const props = (node.properties ?? {}) as Record<string, Json>;
  for (const [name, prop] of Object.entries(props)) {
    const path = `${prefix}${name}`;
    out[path] = prop;
    const inner = deref(prop);
    const candidates = [inner, ...((inner.anyOf ?? []) as Json[]).map(deref)];
    for (const c of candidates) {
      if (c.type === 'object') fieldsOf(c, `${path}.`, out);
      if (c.type === 'array' && c.items) fieldsOf(c.items, `${path}[].`, out);
    }
  }
  return out;
}

function jsonSchemaOf(container: unknown): unknown {
  return ((container as Json).content as Record<string, Json>)['application/json']?.schema;
}

describe('documented / inferred, field by field (omni-api.md Parts A and B)', () => {
  describe.each(SOURCE_TABLE.map((row) => [`${row.method} ${row.path}`, row] as const))('%s', (_key, row) => {
    const op = () => doc.paths[row.path]?.[row.method.toLowerCase()] as Json;

    it(`is documented on page ${row.page}`, () => {
      expect(op()['x-omni-source']).toBe('documented');
      expect(op()['x-omni-page']).toBe(row.page);
    });

    if (row.body) {
      const expected = row.body;
      it('tags every request field as the table says, documented ones with a page', () => {
        const fields = fieldsOf(jsonSchemaOf(op().requestBody));
        const actual = Object.fromEntries(Object.entries(fields).map(([k, p]) => [k, mark(p['x-omni-source'])]));
        expect(actual).toEqual(expected);
        for (const [name, p] of Object.entries(fields)) {
          if (p['x-omni-source'] === 'documented') expect(p['x-omni-page'], name).toMatch(/^[0-9]{10}$/);
          else expect(p['x-omni-page'], name).toBeUndefined();
        }
      });
    }

    it('tags each success response and its fields as the table says', () => {
      const responses = op().responses as Record<string, Json>;
      for (const [status, want] of Object.entries(row.responses)) {
        const response = responses[status] as Json;
        expect(mark(response['x-omni-source']), status).toBe(want.source);
        if (want.source === 'I') expect(String(response.description)).toContain('not confirmed against a real Omni');
        const fields = fieldsOf(jsonSchemaOf(response));
        const actual = Object.fromEntries(Object.entries(fields).map(([k, p]) => [k, mark(p['x-omni-source'])]));
        expect(actual, status).toEqual(want.fields);
      }
    });

    it(`tags error responses inferred but ${JSON.stringify(row.documentedErrors ?? [])}`, () => {
      const responses = op().responses as Record<string, Json>;
      const errors = Object.keys(responses).filter((s) => Number(s) >= 400);
      expect(errors.length).toBeGreaterThan(0);
      for (const status of errors) {
        const want = (row.documentedErrors ?? []).includes(Number(status)) ? 'documented' : 'inferred';
        expect((responses[status] as Json)['x-omni-source'], status).toBe(want);
      }
    });
  });

  it('the table names every documented operation of the document', () => {
    const documentedOps = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op['x-omni-source'] === 'documented')
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(documentedOps.sort()).toEqual(SOURCE_TABLE.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('an inferred field inside a documented route says so in its description', () => {
    const body = fieldsOf(jsonSchemaOf(doc.paths['/omni/lead']?.post?.requestBody));
    expect(String(body.email_1?.description)).toMatch(/^Inferred: not confirmed against a real Omni\./);
    expect(body.first_name?.description).toBeUndefined();
  });

  it.each(Object.entries(NOTIFICATION_TABLE))(
    'webhook %s carries its source, and so does every field',
    (type, want) => {
      const post = doc.webhooks[type]?.post as Json;
      expect(mark(post['x-omni-source'])).toBe(want.source);
      expect(post['x-omni-page']).toBe(want.page);
      const fields = fieldsOf(jsonSchemaOf(post.requestBody));
      expect(Object.keys(fields)).toEqual(expect.arrayContaining(['type', 'payload']));
      expect(Object.keys(fields).filter((k) => k.startsWith('payload.')).length).toBeGreaterThan(3);
      for (const [name, p] of Object.entries(fields)) expect(mark(p['x-omni-source']), name).toBe(want.source);
    },
  );
});

/** Every property, response, request body, parameter and webhook of a document, with its path. */
function everyTagSite(document: Json): { where: string; node: Json }[] {
  const out: { where: string; node: Json }[] = [];
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        walk(n, `${where}/${i}`);
      });
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Json;
    if (o.properties && typeof o.properties === 'object' && !('in' in o)) {
      for (const [k, p] of Object.entries(o.properties as Record<string, Json>))
        out.push({ where: `${where}.${k}`, node: p });
    }
    for (const [k, v] of Object.entries(o)) walk(v, `${where}/${k}`);
  };
  walk(document.components, '#/components');
  for (const [path, item] of Object.entries({ ...(document.paths as Json), ...((document.webhooks ?? {}) as Json) })) {
    for (const [method, op] of Object.entries(item as Record<string, Json>)) {
      const where = `${method.toUpperCase()} ${path}`;
      out.push({ where, node: op });
      walk(op, where);
      if (op.requestBody) out.push({ where: `${where} body`, node: op.requestBody as Json });
      for (const [status, r] of Object.entries(op.responses as Record<string, Json>)) {
        out.push({ where: `${where} ${status}`, node: r });
      }
      for (const p of (op.parameters ?? []) as Json[]) out.push({ where: `${where} ${p.name}`, node: p });
    }
  }
  return out;
}

describe('x-omni-source is everywhere', () => {
  it.each([
    ['the Omni document', omniOpenApiDocument()],
    ['the control document', controlOpenApiDocument()],
  ])('%s: on every schema property, response, request body, parameter and operation', (_name, document) => {
    const sites = everyTagSite(document as unknown as Json);
    expect(sites.length).toBeGreaterThan(400);
    const untagged = sites.filter(
      (s) => s.node['x-omni-source'] !== 'documented' && s.node['x-omni-source'] !== 'inferred',
    );
    expect(untagged.map((s) => s.where)).toEqual([]);
  });

  it('the Omni document has eleven webhooks (B.7’s six, B.12.6’s five), each tagged', () => {
    expect(Object.keys(doc.webhooks)).toHaveLength(11);
  });
});

describe('the default rule (source.ts)', () => {
  const wrap = (
    body: z.ZodType,
    from: 'documented' | 'inferred',
    response: z.ZodType = z.object({ ok: z.boolean() }),
  ) =>
    defineRoute({
      id: `r${from}`,
      method: 'POST',
      path: `/t/${from}`,
      group: 'leads',
      auth: 'user',
      summary: 't',
      source: from,
      ...(from === 'documented' ? { page: '1111111111' } : {}),
      idempotent: false,
      body,
      responses: { 200: response },
    });
  const build = (...rs: ReturnType<typeof wrap>[]) =>
    buildOpenApiDocument(rs, { title: 't', version: '0' }) as unknown as {
      paths: Record<string, Record<string, Json>>;
      components: { schemas: Record<string, Json> };
    };

  const post = (d: ReturnType<typeof build>, path: string): Json => {
    const op = d.paths[path]?.post;
    if (!op) throw new Error(`no POST ${path}`);
    return op;
  };

  it('a field inherits its route’s source and page unless it says otherwise', () => {
    const d = build(
      wrap(z.object({ a: z.string(), b: inferred(z.string()), c: documented(z.string(), '2222222222') }), 'documented'),
    );
    const props = ((post(d, '/t/documented').requestBody as Json).content as Record<string, Json>)['application/json']
      ?.schema as Json;
    const p = props.properties as Record<string, Json>;
    expect([p.a?.['x-omni-source'], p.a?.['x-omni-page']]).toEqual(['documented', '1111111111']);
    expect([p.b?.['x-omni-source'], p.b?.['x-omni-page']]).toEqual(['inferred', undefined]);
    expect([p.c?.['x-omni-source'], p.c?.['x-omni-page']]).toEqual(['documented', '2222222222']);
  });

  it('a response tagged on its own keeps its tag; its fields inherit it', () => {
    const d = build(wrap(z.object({ a: z.string() }), 'documented', inferred(z.object({ id: z.number() }))));
    const r = (post(d, '/t/documented').responses as Record<string, Json>)['200'] as Json;
    expect(r['x-omni-source']).toBe('inferred');
    const schema = (r.content as Record<string, Json>)['application/json']?.schema as Json;
    expect((schema.properties as Record<string, Json>).id?.['x-omni-source']).toBe('inferred');
  });

  it('a shared named schema reached from a documented and an inferred route must tag its fields itself', () => {
    const shared = z.object({ x: z.string() }).meta({ id: 'SharedUntagged' });
    expect(() => build(wrap(shared, 'documented'), wrap(shared, 'inferred'))).toThrow(/SharedUntagged.*x-omni-source/);
    const tagged = z.object({ y: z.string() }).meta({ id: 'SharedTagged', ...source('inferred') });
    const d = build(wrap(tagged, 'documented'), wrap(tagged, 'inferred'));
    const props = (d.components.schemas.SharedTagged as Json).properties as Record<string, Json>;
    expect(props.y?.['x-omni-source']).toBe('inferred');
  });
});
