/**
 * A seeded fuzz of every route the mock serves: each request is a valid fixture with a few random mutations (values of
 * any JSON type, odd strings, deep nesting, garbage bodies, odd path segments, query strings and credentials). The
 * mock may refuse anything; it must never answer 5xx. `createFault` is left out: it exists to make routes answer 5xx
 * on purpose.
 *
 * @module
 */

import { type RouteDef, routes } from '@omnikit/contracts';
import { controlRoutes } from '@omnikit/contracts/control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng.js';
import { servedControlRoutes, servedOmniRoutes } from '../../src/http/create-app.js';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';
import { FIXTURES, fillPath } from '../support/route-fixtures.js';

const SEED = 20260105;
const PER_ROUTE = 60;

const served: RouteDef[] = [
  ...servedOmniRoutes().served.map((id) => routes[id] as RouteDef),
  ...servedControlRoutes()
    .served.map((id) => controlRoutes[id] as RouteDef)
    .filter((r) => r.id !== 'createFault'),
];

const ODD_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '1e999',
  'null',
  '%00',
  '../../etc/passwd',
  'ʕ•ᴥ•ʔ',
  '\u0000',
  'x'.repeat(5000),
  '💥'.repeat(50),
  '{"a":1}',
  '2026-02-30 25:61:61',
  'scaled:0',
  'DNC',
];

function oddValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(0, 9)) {
    case 0:
      return rng.pick(ODD_STRINGS);
    case 1:
      return rng.pick([0, -1, 1, 2 ** 31, 2 ** 53 + 1, -(2 ** 53), 1.5, 1e308, -0]);
    case 2:
      return rng.chance(0.5);
    case 3:
      return null;
    case 4:
      return depth > 3 ? [] : Array.from({ length: rng.int(0, 4) }, () => oddValue(rng, depth + 1));
    case 5:
      return depth > 3
        ? {}
        : { [rng.pick(['a', 'phone_number', 'lead_ids', '__proto__', 'constructor'])]: oddValue(rng, depth + 1) };
    case 6:
      return rng.int(1, 10);
    case 7:
      return `0${rng.int(100_000_000, 999_999_999)}`;
    case 8:
      return Array.from({ length: rng.int(0, 600) }, (_, i) =>
        rng.chance(0.9) || depth > 2 ? i + 1 : oddValue(rng, depth + 3),
      );
    default:
      return rng.pick([
        'manual',
        'real',
        'UTC',
        'mon',
        '08:00',
        'cdr',
        'https://x.example/h',
        'agent1',
        'cGFzc3dvcmQx',
      ]);
  }
}

function mutateBody(rng: Rng, base: unknown): { body?: unknown; raw?: string } {
  const roll = rng.int(0, 9);
  if (roll === 0) return { raw: rng.pick(['{', '[]', '"', '{"a":}', 'null', 'true', '\u0000', '{"x":1}{"y":2}']) };
  if (roll === 1) return { body: oddValue(rng) };
  const out: Record<string, unknown> =
    base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  const keys = Object.keys(out);
  for (let i = rng.int(1, 3); i > 0; i--) {
    const key = keys.length && rng.chance(0.8) ? rng.pick(keys) : rng.pick(['extra', 'user_id', 'status', 'password']);
    if (rng.chance(0.2)) delete out[key];
    else out[key] = oddValue(rng);
  }
  return { body: out };
}

const allStatuses: string[] = [];
let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

describe('seeded fuzz: no route ever answers 5xx', () => {
  it.each(served.map((r) => [r.id, r] as const))('%s', async (id, route) => {
    const rng = Rng.fromSeed(SEED).fork(id);
    const created = await root.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
    const client = root.withKey(created.body.system_key as string);
    const token = await client.login();
    const fx = FIXTURES[id] ?? {};
    const seen: string[] = [];
    for (let i = 0; i < PER_ROUTE; i++) {
      const params: Record<string, string> = { ...(fx.params ?? {}) };
      for (const name of Object.keys(route.params?.shape ?? {})) {
        if (rng.chance(0.3)) params[name] = encodeURIComponent(String(oddValue(rng)));
      }
      let path = fillPath(route, params);
      const query = new URLSearchParams(fx.query ?? {});
      if (rng.chance(0.3))
        query.set(rng.pick(['page', 'page_size', 'status', 'limit', 'since_id', 'method', 'x']), String(oddValue(rng)));
      if (query.size) path += `?${query.toString()}`;
      const keyRoll = rng.int(0, 9);
      // Header values must be text a client can send (printable ASCII).
      const headerSafe = (v: unknown) =>
        String(v)
          .replace(/[^\x20-\x7e]/g, '?')
          .slice(0, 4000);
      const key = keyRoll === 0 ? null : keyRoll === 1 ? headerSafe(oddValue(rng)) : client.key;
      const tok = rng.chance(0.1) ? headerSafe(oddValue(rng)) : token;
      const body = route.body || (route.method !== 'GET' && rng.chance(0.2)) ? mutateBody(rng, fx.body) : {};
      const res = await client.request(route.method, path, { key, token: tok, ...body });
      seen.push(`${res.status}`);
      expect(
        res.status,
        `${route.method} ${path} ${JSON.stringify(body).slice(0, 300)} → ${JSON.stringify(res.body).slice(0, 300)}`,
      ).toBeLessThan(500);
    }
    expect(seen.length).toBe(PER_ROUTE);
    allStatuses.push(...seen);
  });

  it('reached past validation often, not only refusals', () => {
    const ok = allStatuses.filter((s) => s.startsWith('2')).length;
    expect(allStatuses.length).toBe(served.length * PER_ROUTE);
    expect(ok / allStatuses.length).toBeGreaterThan(0.15);
    expect(allStatuses.filter((s) => s.startsWith('4')).length / allStatuses.length).toBeGreaterThan(0.3);
  });
});
