/**
 * Every value of the answer axes (`errors`, `dates`, `ids`, `extras`) on every Omni route the mock varies: the route's
 * working request (its fixture, in a system prepared for it) sent to a fresh system playing that value and to one
 * playing the contracts' own shapes, each on a manual clock from the same instant and seed, so the two answers differ
 * by the variant alone. For each:
 *
 * - the value changes what it claims to: every date-time the answer carries is in its form, every integer id a string,
 *   every object with the unknown fields; a refusal in the form of its `errors` value;
 * - read back the way a client does (`normalizeBody`, the extras dropped), the answer is the contracts' own, and it
 *   passes the route's response schema: each variant is a faithful rewrite, never a different answer.
 *
 * The messaging routes are walked the same way with requests of their own (a demo agent who joined the demo campaign).
 *
 * @module
 */

import { isBinaryResponse, type RouteDef, routes } from '@omnikit/contracts';
import { messagingRoutes } from '@omnikit/contracts/messaging';
import {
  EXTRA_FIELDS,
  EXTRA_TOP_FIELDS,
  normalizeBody,
  VARIATION_AXES,
  type WireField,
  wireFields,
} from '@omnikit/contracts/variants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { isVariedRoute } from '../../src/http/vary-answer.js';
import type { MockOmni } from '../../src/index.js';
import { prepareTelephony } from '../support/call-fixtures.js';
import { type Answer, type OmniTestClient, startMock } from '../support/omni-client.js';
import { FIXTURES, fillPath } from '../support/route-fixtures.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

/** One request: method, path with its query, body. */
interface Sent {
  method: string;
  path: string;
  body?: unknown;
}

/** A fresh system playing `vary` (manual clock, seed 1), made ready by `prepare`, with agent1's token. */
async function system(
  vary: string,
  prepare: (c: OmniTestClient) => Promise<Sent>,
): Promise<{ c: OmniTestClient; token: string; sent: Sent }> {
  const made = await root.request('POST', '/__mock/systems', { body: { clock: 'manual', seed: 1, vary } });
  expect(made.status).toBe(200);
  const c = root.withKey(made.body.system_key as string);
  const sent = await prepare(c);
  return { c, token: await c.login('agent1'), sent };
}

async function answer(vary: string, prepare: (c: OmniTestClient) => Promise<Sent>): Promise<Answer> {
  const { c, token, sent } = await system(vary, prepare);
  return c.request(sent.method, sent.path, { token, ...(sent.body !== undefined ? { body: sent.body } : {}) });
}

/** The fixture's request of a route, in a system prepared for it. */
const fixtureOf = (route: RouteDef) => async (c: OmniTestClient) => {
  const fixture = FIXTURES[route.id] ?? {};
  const params = { ...(fixture.params ?? {}), ...(await prepareTelephony(route.id, c)) };
  const query = new URLSearchParams(fixture.query ?? {}).toString();
  return {
    method: route.method,
    path: `${fillPath(route, params)}${query ? `?${query}` : ''}`,
    ...(route.body ? { body: fixture.body ?? {} } : {}),
  };
};

/** Every value at `path` in `value` (each item for `[]`). */
function valuesAt(value: unknown, path: readonly string[], i = 0): unknown[] {
  if (i === path.length) return [value];
  const seg = path[i] as string;
  if (seg === '[]') return Array.isArray(value) ? value.flatMap((item) => valuesAt(item, path, i + 1)) : [];
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !(seg in value)) return [];
  return valuesAt((value as Record<string, unknown>)[seg], path, i + 1);
}

function withoutExtras(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutExtras);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !(k in EXTRA_FIELDS) && !(k in EXTRA_TOP_FIELDS))
      .map(([k, v]) => [k, withoutExtras(v)]),
  );
}

const FORMS: Record<string, RegExp> = {
  vicidial: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
  'iso-offset': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/,
};

const answerValues = VARIATION_AXES.filter((a) => a.name === 'dates' || a.name === 'ids' || a.name === 'extras')
  .flatMap((a) => a.values.slice(1).map((v) => [a.name, v.name] as const))
  .map(([axis, value]) => ({ axis, value, vary: `${axis}=${value}` }));

/** What one value must have done to the answer, field by field, against the contracts' own. */
function expectClaimed(
  axis: string,
  value: string,
  fields: readonly WireField[],
  own: unknown,
  varied: unknown,
): number {
  let checked = 0;
  for (const field of fields) {
    const before = valuesAt(own, field.path);
    const after = valuesAt(varied, field.path);
    expect(after).toHaveLength(before.length);
    before.forEach((was, i) => {
      const now = after[i];
      if (axis === 'dates' && field.kind === 'date' && typeof was === 'string') {
        expect(now, field.path.join('.')).toMatch(FORMS[value] as RegExp);
        checked++;
      }
      if (axis === 'ids' && field.kind === 'id' && typeof was === 'number') {
        expect(now, field.path.join('.')).toBe(String(was));
        checked++;
      }
      if (axis === 'extras' && field.kind === 'object' && typeof was === 'object' && was !== null) {
        expect(now, field.path.join('.') || 'the body').toMatchObject(
          field.path.length === 0 ? { ...EXTRA_FIELDS, ...EXTRA_TOP_FIELDS } : EXTRA_FIELDS,
        );
        checked++;
      }
    });
  }
  return checked;
}

/** The answer of `vary` read back as a client does, against the contracts' own answer `own`. */
function expectFaithful(schema: z.ZodType, own: Answer, varied: Answer): void {
  expect(varied.status).toBe(own.status);
  const read = withoutExtras(normalizeBody(schema, varied.body)) as Record<string, unknown>;
  const ownBody = own.body as Record<string, unknown>;
  // A token is a fresh random value in every system.
  if ('token_key' in ownBody) read.token_key = ownBody.token_key;
  expect(read).toEqual(ownBody);
  const parsed = schema.safeParse(read);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
}

const walked = (Object.values(routes) as RouteDef[]).filter(isVariedRoute);
/** Per axis, how many fields of how many answers it was seen rewriting (none would make the walk vacuous). */
const rewrote: Record<string, number> = { dates: 0, ids: 0, extras: 0 };

describe.each(walked.map((r) => [r.id, r] as const))('%s', (_id, route) => {
  const spec = route.responses[200];
  const schema = spec && !isBinaryResponse(spec) ? (spec as z.ZodType) : undefined;
  let own: Answer;
  beforeAll(async () => {
    own = await answer('default', fixtureOf(route));
    expect(own.status, JSON.stringify(own.body)).toBe(200);
  });

  it.each(answerValues)('$vary rewrites what it claims and nothing else', async ({ axis, value, vary }) => {
    const varied = await answer(vary, fixtureOf(route));
    if (!schema) {
      // A binary answer (a recording): no axis touches its bytes.
      expect(varied.status).toBe(200);
      expect(varied.body).toEqual(own.body);
      return;
    }
    rewrote[axis] = (rewrote[axis] ?? 0) + expectClaimed(axis, value, wireFields(schema), own.body, varied.body);
    expectFaithful(schema, own, varied);
  });

  it.each(['coded', 'ok-false', 'status-only'])('errors=%s: a refusal in its form', async (form) => {
    // A user route without its token, authorize with a body missing its password: both refusals of B.2.
    const refuse = async (c: OmniTestClient) => {
      const sent = await fixtureOf(route)(c);
      return route.auth === 'user' ? sent : { ...sent, body: { user_name: 'agent1' } };
    };
    const { c, sent } = await system(`errors=${form}`, refuse);
    const res = await c.request(sent.method, sent.path, sent.body !== undefined ? { body: sent.body } : {});
    const status = route.auth === 'user' ? 401 : 400;
    const detail = expect.any(String);
    if (form === 'coded') {
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ success: false, detail, error_code: expect.any(String) });
    } else if (form === 'ok-false') {
      // A 400's field errors stay beside the detail, as the coded body's `errors` (inferred); a 401 has none.
      expect(res.status).toBe(200);
      const errors = [{ field: 'password', message: expect.any(String) }];
      expect(res.body).toEqual(status === 400 ? { success: false, detail, errors } : { success: false, detail });
    } else {
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ success: false, detail });
    }
  });
});

describe('the messaging routes', () => {
  const messaging = messagingRoutes as unknown as Record<string, RouteDef>;
  /** agent1 joined the demo messaging campaign, ready: offered demo conversations 1-3. */
  const joined = (sent: Sent) => async (c: OmniTestClient) => {
    const token = await c.login('agent1');
    await c.request('POST', '/omni/messaging/1/join', { token, body: { campaign_id: 1 } });
    await c.request('POST', '/omni/messaging/1/state', { token, body: { state: 'ready' } });
    await c.advance(5_000);
    return sent;
  };
  const REQUESTS: [string, Sent][] = [
    ['getMessagingAgent', { method: 'GET', path: '/omni/messaging/1' }],
    ['listConversations', { method: 'GET', path: '/omni/messaging/conversations' }],
    ['getConversation', { method: 'GET', path: '/omni/messaging/conversations/1' }],
    ['listMessages', { method: 'GET', path: '/omni/messaging/conversations/1/messages' }],
    ['getMessage', { method: 'GET', path: '/omni/messaging/messages/1' }],
    ['getMessagingCampaign', { method: 'GET', path: '/omni/messaging/campaign/1' }],
    ['listMessagingCampaigns', { method: 'GET', path: '/omni/messaging/campaigns' }],
    ['listTemplates', { method: 'GET', path: '/omni/messaging/templates' }],
    ['getTemplate', { method: 'GET', path: '/omni/messaging/templates/1' }],
    [
      'sendMessage',
      { method: 'POST', path: '/omni/messaging/1/message', body: { channel: 'sms', to: '0845556666', body: 'Hi' } },
    ],
  ];

  describe.each(REQUESTS)('%s', (id, sent) => {
    const schema = messaging[id]?.responses[200] as z.ZodType;
    let own: Answer;
    beforeAll(async () => {
      own = await answer('default', joined(sent));
      expect(own.status, JSON.stringify(own.body)).toBe(200);
    });

    it.each(answerValues)('$vary rewrites what it claims and nothing else', async ({ axis, value, vary }) => {
      const varied = await answer(vary, joined(sent));
      rewrote[axis] = (rewrote[axis] ?? 0) + expectClaimed(axis, value, wireFields(schema), own.body, varied.body);
      expectFaithful(schema, own, varied);
    });
  });
});

describe('a 5xx is on no errors form (the OpenAPI document marks it extras only)', () => {
  it.each(['coded', 'ok-false', 'status-only', 'ok-false,extras=extra-fields'])('errors=%s', async (form) => {
    const { c, token } = await system(`errors=${form}`, async (sys) => {
      const fault = await sys.request('POST', '/__mock/faults', {
        body: { route_id: 'getCampaign', error_code: 'INTERNAL', status: 503 },
      });
      expect(fault.status).toBe(200);
      return { method: 'GET', path: '/omni/campaign/1' };
    });
    const res = await c.request('GET', '/omni/campaign/1', { token });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ success: false, error_code: 'INTERNAL', detail: expect.any(String) });
    expect('server_node' in res.body).toBe(form.includes('extras'));
  });
});

describe('the walk', () => {
  it('went through every varied route of the contracts and saw each axis rewrite fields', () => {
    expect(walked.map((r) => r.id).filter((id) => FIXTURES[id] === undefined)).toEqual([]);
    expect(walked.length).toBeGreaterThan(30);
    for (const axis of ['dates', 'ids', 'extras']) expect(rewrote[axis], axis).toBeGreaterThan(50);
  });
});
