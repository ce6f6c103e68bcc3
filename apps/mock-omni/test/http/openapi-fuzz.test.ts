/**
 * A fuzz generated from the OpenAPI documents the mock serves (`/openapi.json` and `/openapi/control.json`): every
 * operation, 200 seeded cases each, in process. A case starts from a request generated from the operation's schemas
 * (or the route's hand-written valid fixture) and breaks it in one to three ways: a body that is not JSON or not an
 * object, a field of the wrong type, a required field missing, an unknown field, a huge or deeply nested value, an odd
 * path parameter, odd or unknown query parameters, missing or wrong credentials. Every answer must be below 500. Each
 * operation runs on a system of its own; the default system is never named, and afterwards its demo data are exactly
 * as before, and every fuzzed system still serves its demo users.
 *
 * @module
 */

import { encodePassword } from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng.js';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';
import { FIXTURES } from '../support/route-fixtures.js';

const SEED = 20261206;
const CASES = 200;

type Json = Record<string, unknown>;
interface Operation {
  id: string;
  method: string;
  path: string;
  op: Json;
}

let mock: MockOmni;
let root: OmniTestClient;
let components: Record<string, Json> = {};
let operations: Operation[] = [];

async function loadOperations(): Promise<Operation[]> {
  const out: Operation[] = [];
  for (const url of ['/openapi.json', '/openapi/control.json']) {
    const doc = (await root.request('GET', url)).body as { paths: Record<string, Json>; components: { schemas: Json } };
    components = { ...components, ...(doc.components.schemas as Record<string, Json>) };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        out.push({ id: (op as Json).operationId as string, method: method.toUpperCase(), path, op: op as Json });
      }
    }
  }
  return out;
}

// --- values from a JSON Schema -------------------------------------------------------------------

/** Strings tried, in order, against a `pattern`: the mock's formats (phones, Base64, times, files…). */
const PATTERN_CANDIDATES = [
  '0215550123',
  '0800555008',
  'cGFzc3dvcmQx',
  '2026-02-02T09:00:00Z',
  '2026-02-02 09:00:00',
  '08:00',
  '17:00',
  'mon',
  'manual',
  'scaled:2',
  '1',
  '42',
  '1001',
  '4001',
  '1_20260105080001.wav',
  'abc',
];

const LOOPBACK_URL = 'http://127.0.0.1:1/hook';

function deref(schema: Json): Json {
  let s = schema;
  for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) {
    s = components[s.$ref.replace('#/components/schemas/', '')] ?? {};
  }
  return s;
}

function typesOf(s: Json): string[] {
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === 'string') return [s.type];
  if (s.properties) return ['object'];
  if (s.items) return ['array'];
  return [];
}

function generate(rng: Rng, schema: Json | undefined, depth = 0): unknown {
  if (!schema) return null;
  const s = deref(schema);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return rng.pick(s.enum as unknown[]);
  const choices = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (choices?.length) return generate(rng, rng.pick(choices), depth);
  if (Array.isArray(s.allOf) && s.allOf.length) return generate(rng, s.allOf[0] as Json, depth);
  const types = typesOf(s).filter((t) => t !== 'null');
  const type = types.length ? rng.pick(types) : 'string';
  switch (type) {
    case 'object': {
      const out: Json = {};
      const required = new Set((s.required as string[] | undefined) ?? []);
      for (const [name, prop] of Object.entries((s.properties as Record<string, Json>) ?? {})) {
        if (required.has(name) || (depth < 4 && rng.chance(0.5))) out[name] = generate(rng, prop, depth + 1);
      }
      return out;
    }
    case 'array': {
      const min = (s.minItems as number | undefined) ?? 0;
      const max = Math.min((s.maxItems as number | undefined) ?? 3, min + 3);
      return depth > 5
        ? []
        : Array.from({ length: rng.int(min, Math.max(min, max)) }, () => generate(rng, s.items as Json, depth + 1));
    }
    case 'integer':
    case 'number': {
      const lo = (s.minimum as number | undefined) ?? ((s.exclusiveMinimum as number | undefined) ?? 0) + 1;
      const hi = Math.min((s.maximum as number | undefined) ?? 1000, lo + (rng.chance(0.7) ? 5 : 100_000));
      const n = rng.int(Math.ceil(lo), Math.max(Math.ceil(lo), Math.floor(hi)));
      return type === 'number' && rng.chance(0.3) ? n + 0.5 : n;
    }
    case 'boolean':
      return rng.chance(0.5);
    default:
      return generateString(rng, s);
  }
}

function generateString(rng: Rng, s: Json): string {
  if (s.format === 'uri' || s.format === 'url') return LOOPBACK_URL;
  if (s.format === 'date-time') return '2026-02-02T09:00:00Z';
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern, 'u');
    const fits = PATTERN_CANDIDATES.filter((c) => re.test(c));
    if (fits.length) return rng.pick(fits);
  }
  const min = (s.minLength as number | undefined) ?? 1;
  const max = Math.max(min, Math.min((s.maxLength as number | undefined) ?? 12, min + 12));
  return 'fuzz-abcdefghijklmnopqrstuvwxyz0123456789'.slice(0, rng.int(min, max)).padEnd(min, 'x');
}

// --- ways to break a request ---------------------------------------------------------------------

const ODD_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '1e999',
  'NaN',
  'null',
  'true',
  '%00',
  '%zz',
  '../../etc/passwd',
  'ʕ•ᴥ•ʔ',
  '\u0000',
  '\uFEFF',
  '\uD800',
  'x'.repeat(5000),
  '💥'.repeat(50),
  '{"a":1}',
  '9'.repeat(40),
  '2026-02-30 25:61:61',
  'scaled:0',
  '<script>',
  "'; DROP TABLE leads; --",
];
const ODD_NUMBERS = [0, -1, 1.5, -0, 2 ** 31, 2 ** 53 + 1, -(2 ** 53), 1e308, -1e308, 5e-324];

/** A string standing for a value nested this many levels deep, spliced into the body's text. */
const DEEP = '\u0001deep:';

function spliceDeep(text: string): string {
  return text.replace(/"\\u0001deep:(\d+)"/g, (_, n: string) => `${'['.repeat(Number(n))}${']'.repeat(Number(n))}`);
}

function nestedValue(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

function oddValue(rng: Rng): unknown {
  switch (rng.int(0, 9)) {
    case 0:
      return rng.pick(ODD_STRINGS);
    case 1:
      return rng.pick(ODD_NUMBERS);
    case 2:
      return rng.chance(0.5);
    case 3:
      return null;
    case 4:
      return 'y'.repeat(rng.pick([10_000, 100_000, 300_000]));
    case 5:
      return Array.from({ length: rng.pick([100, 5000, 20_000]) }, (_, i) => (rng.chance(0.9) ? i : 'x'));
    case 6: {
      // Past a few hundred levels the test's own JSON.stringify would overflow: spliced in as text.
      const levels = rng.pick([5, 20, 62, 63, 64, 65, 200, 5000, 100_000]);
      return levels > 200 ? `${DEEP}${levels}` : nestedValue(levels);
    }
    case 7:
      return { [rng.pick(['__proto__', 'constructor', 'prototype', 'toString'])]: { polluted: true } };
    case 8:
      return [];
    default:
      return {};
  }
}

/** A value of another JSON type than the schema wants. */
function wrongType(rng: Rng, schema: Json | undefined): unknown {
  const types = schema ? typesOf(deref(schema)) : [];
  const pool: unknown[] = ['text', 12345, -7.25, true, null, [1, 2], { a: 1 }].filter((v) => {
    const t = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;
    return !types.includes(t) && !(t === 'number' && types.includes('integer'));
  });
  return rng.pick(pool.length ? pool : ['text']);
}

const RAW_BODIES = [
  '',
  ' ',
  '{',
  '}',
  '[]',
  '"text"',
  'null',
  'true',
  '0',
  'NaN',
  '{"a":}',
  '{"a":1,}',
  "{'a':1}",
  '{"x":1}{"y":2}',
  '\uFEFF{}',
  '\u0000',
  '{"a":"\\ud800"}',
  `{"a":"${'\\'.repeat(9)}"}`,
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
];

/** Path segments sent as they are, not percent-encoded: escapes that decode to nothing valid. */
const RAW_SEGMENTS = ['%zz', '%', '%00', '%2F', '..', '.', '%C0%AF', '%ED%A0%80', '%E2%82'];

const OVER_ONE_MIB = `{"pad":"${'p'.repeat(1024 * 1024)}"}`;

/** encodeURIComponent, but a lone surrogate (which it refuses) goes as the bytes of U+FFFD. */
function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%EF%BF%BD';
  }
}

/** Replaces every http(s) URL in a value: deliveries may only go to loopback (a closed port). */
function loopbackUrls(value: unknown): unknown {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? LOOPBACK_URL : value;
  if (Array.isArray(value)) return value.map(loopbackUrls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, loopbackUrls(v)]));
  }
  return value;
}

interface Case {
  path: string;
  body?: unknown;
  raw?: string;
  key: string | null;
  token: string | undefined;
  what: string[];
}

function buildCase(rng: Rng, o: Operation, key: string, token: string): Case {
  const fx = FIXTURES[o.id] ?? {};
  const parameters = ((o.op.parameters as Json[] | undefined) ?? []).map((p) => p as Json);
  const what: string[] = [];
  const params: Record<string, string> = {};
  const rawParams: Record<string, string> = {};
  const query: [string, string][] = [];
  for (const p of parameters) {
    const name = p.name as string;
    if (p.in === 'path') params[name] = fx.params?.[name] ?? String(generate(rng, p.schema as Json));
    else if (p.in === 'query' && (p.required || fx.query?.[name] !== undefined || rng.chance(0.4))) {
      query.push([name, fx.query?.[name] ?? String(generate(rng, p.schema as Json))]);
    }
  }
  const bodySchema = (o.op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
  const schema = bodySchema?.['application/json']?.schema as Json | undefined;
  let body: unknown = schema
    ? loopbackUrls(fx.body !== undefined && rng.chance(0.4) ? fx.body : generate(rng, schema))
    : undefined;
  let raw: string | undefined;
  let k: string | null = key;
  let t: string | undefined = token;
  const breaks = rng.int(1, 3);
  for (let b = 0; b < breaks; b++) {
    const roll = rng.int(0, 11);
    const props = schema ? ((deref(schema).properties as Record<string, Json> | undefined) ?? {}) : {};
    const names = Object.keys(props);
    if (roll <= 1 && schema) {
      raw = rng.pick(RAW_BODIES);
      what.push('raw body');
    } else if (roll === 2) {
      body = oddValue(rng);
      what.push('body of another shape');
    } else if (roll === 3 && names.length && body && typeof body === 'object' && !Array.isArray(body)) {
      const name = rng.pick(names);
      (body as Json)[name] = wrongType(rng, props[name]);
      what.push(`wrong type ${name}`);
    } else if (roll === 4 && body && typeof body === 'object' && !Array.isArray(body)) {
      const required = (deref(schema ?? {}).required as string[] | undefined) ?? Object.keys(body);
      if (required.length) {
        const name = rng.pick(required);
        delete (body as Json)[name];
        what.push(`missing ${name}`);
      }
    } else if (roll === 5 && body && typeof body === 'object' && !Array.isArray(body)) {
      const name =
        names.length && rng.chance(0.7) ? rng.pick(names) : rng.pick(['extra', 'user_id', 'password', '__proto__']);
      (body as Json)[name] = oddValue(rng);
      what.push(`odd ${name}`);
    } else if (roll === 6 && Object.keys(params).length) {
      const name = rng.pick(Object.keys(params));
      if (rng.chance(0.3)) rawParams[name] = rng.pick(RAW_SEGMENTS);
      else params[name] = String(rng.chance(0.8) ? rng.pick(ODD_STRINGS) : rng.pick(ODD_NUMBERS));
      what.push(`path ${name}`);
    } else if (roll === 7) {
      const qp = parameters.filter((p) => p.in === 'query').map((p) => p.name as string);
      const name = qp.length && rng.chance(0.7) ? rng.pick(qp) : rng.pick(['x', 'page', 'limit', 'auth-key', '']);
      query.push([name, String(rng.chance(0.5) ? rng.pick(ODD_STRINGS) : rng.pick(ODD_NUMBERS))]);
      if (rng.chance(0.3)) query.push([name, 'again']);
      what.push(`query ${name}`);
    } else if (roll === 8) {
      // Never no key on a control route: that names the default system, which must stay untouched.
      k = rng.pick([
        '',
        'Key=',
        'no-such-system',
        `${key} `,
        'x'.repeat(3000),
        ...(o.path.startsWith('/__mock') ? [] : [null]),
      ]);
      what.push('system key');
    } else if (roll === 9) {
      t = rng.pick([undefined, '', 'not-a-token', `${token}x`, token.toUpperCase()]);
      what.push('token');
    } else if (roll === 10 && schema) {
      raw = OVER_ONE_MIB;
      what.push('body over 1 MiB');
    } else {
      what.push('as generated');
    }
  }
  if (o.method === 'GET') {
    // fetch cannot send a body with GET.
    body = undefined;
    raw = undefined;
  }
  if (raw === undefined && body !== undefined) {
    const text = JSON.stringify(body);
    if (text.includes('\\u0001deep:')) raw = spliceDeep(text);
  }
  let path = o.path.replace(
    /\{([a-z_]+)\}/g,
    (_, name: string) => rawParams[name] ?? encodeSegment(params[name] ?? ''),
  );
  if (query.length) path += `?${new URLSearchParams(query).toString()}`;
  return { path, ...(raw !== undefined ? { raw } : body !== undefined ? { body } : {}), key: k, token: t, what };
}

// --- the demo data, before and after ------------------------------------------------------------

async function demoSnapshot(): Promise<unknown> {
  const token = await root.login();
  const get = async (path: string) => {
    const res = await root.request('GET', path, { token });
    return [res.status, res.body];
  };
  const leadPages = [];
  for (const list of [1, 2, 3]) leadPages.push(await get(`/omni/list/${list}/leads?page=1&page_size=200`));
  const logins = [];
  for (const n of [1, 2, 3, 4, 5]) {
    const res = await root.request('POST', '/omni/user/authorize', {
      body: { user_name: `agent${n}`, password: encodePassword(`password${n}`) },
    });
    logins.push(res.status);
  }
  return {
    users: await get('/omni/users'),
    campaigns: await get('/omni/campaigns'),
    lists: await get('/omni/lists'),
    leadPages,
    mockUsers: await get('/__mock/users'),
    dnc: await get('/__mock/dnc'),
    officeHours: await get('/__mock/office-hours'),
    calleeRules: await get('/__mock/callee-rules'),
    endpoint: await get('/omni/notification/endpoint'),
    seed: ((await get('/__mock/system'))[1] as { seed: number }).seed,
    logins,
  };
}

let before: unknown;
const statuses: number[] = [];

beforeAll(async () => {
  ({ mock, client: root } = await startMock());
  operations = await loadOperations();
  before = await demoSnapshot();
});
afterAll(() => mock.close());

describe('generated fuzz from the OpenAPI documents: no operation ever answers 5xx', () => {
  it('has every operation of both documents', () => {
    expect(operations.length).toBeGreaterThanOrEqual(85);
    expect(new Set(operations.map((o) => o.id)).size).toBe(operations.length);
  });

  it('every operation, 200 seeded cases each', { timeout: 240_000 }, async () => {
    for (const o of operations) {
      const rng = Rng.fromSeed(SEED).fork(o.id);
      const created = await root.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
      const key = created.body.system_key as string;
      const client = root.withKey(key);
      const token = await client.login();
      const failures: string[] = [];
      for (let i = 0; i < CASES; i++) {
        const c = buildCase(rng, o, key, token);
        const res = await client.request(o.method, c.path, {
          key: c.key,
          ...(c.token !== undefined ? { token: c.token } : {}),
          ...(c.raw !== undefined ? { raw: c.raw } : c.body !== undefined ? { body: c.body } : {}),
        });
        statuses.push(res.status);
        if (res.status >= 500) {
          failures.push(
            `#${i} ${o.method} ${c.path.slice(0, 200)} [${c.what.join(', ')}] ${(c.raw ?? JSON.stringify(c.body) ?? '').slice(0, 200)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
          );
        }
      }
      expect(failures, `${o.id}:\n${failures.slice(0, 5).join('\n')}`).toEqual([]);
      // Everything the cases left in the system's request journal can be read back.
      const journal = await client.request('GET', '/__mock/journal?limit=1000');
      expect([o.id, journal.status]).toEqual([o.id, 200]);
      // The system the fuzz ran on still serves its demo users, and still authorizes agent1.
      const users = await client.request('GET', '/omni/users', { token: await client.login() });
      expect([o.id, users.status]).toEqual([o.id, 200]);
      expect(users.body.users.map((u: { user_name: string }) => u.user_name)).toEqual(
        expect.arrayContaining(['agent1', 'agent2', 'agent3', 'agent4', 'agent5']),
      );
    }
    expect(statuses.length).toBe(operations.length * CASES);
  });

  it('got past validation often, not only refusals', () => {
    const ok = statuses.filter((s) => s < 300).length / statuses.length;
    const refused = statuses.filter((s) => s >= 400 && s < 500).length / statuses.length;
    expect(ok).toBeGreaterThan(0.1);
    expect(refused).toBeGreaterThan(0.5);
  });

  it('left the default system’s demo data exactly as they were', async () => {
    expect(await demoSnapshot()).toEqual(before);
  });
});
