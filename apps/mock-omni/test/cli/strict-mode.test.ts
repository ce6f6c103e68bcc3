import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBanner } from '../../src/cli/banner.js';
import { parseCliArgs } from '../../src/cli/parse-cli-args.js';
import { createMockOmni, type MockOmni, STRICT_TEST_LINES } from '../../src/index.js';

const silent = { info: () => {}, error: () => {} };
const KEY = { authorization: 'Key=omni-demo-key', 'content-type': 'application/json' };

/** Strict mode: the mock stands in for a real Omni — no control API, no magic numbers. */
describe('strict mode', () => {
  let mock: MockOmni;
  beforeAll(async () => {
    mock = await createMockOmni({ strict: true, clock: 'scaled:1000', logger: silent });
  });
  afterAll(() => mock.close());

  it('serves /health but no other control route', async () => {
    expect((await mock.fetch(new Request('http://m/health'))).status).toBe(200);
    for (const path of ['/__mock/system', '/__mock/clock', '/__mock/faults', '/__mock/callee-rules']) {
      const res = await mock.fetch(new Request(`http://m${path}`, { headers: KEY }));
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error_code: string }).error_code).toBe('ROUTE_NOT_FOUND');
    }
    const advance = await mock.fetch(
      new Request('http://m/__mock/clock/advance', { method: 'POST', headers: KEY, body: '{"ms":1000}' }),
    );
    expect(advance.status).toBe(404);
  });

  it('serves no control document: /openapi/control.json is 404 and the docs page lists Omni only', async () => {
    const doc = await mock.fetch(new Request('http://m/openapi/control.json'));
    expect(doc.status).toBe(404);
    expect(((await doc.json()) as { error_code: string }).error_code).toBe('ROUTE_NOT_FOUND');
    expect((await mock.fetch(new Request('http://m/openapi.json'))).status).toBe(200);
    const init = await (await mock.fetch(new Request('http://m/docs/init.js'))).text();
    expect(init).toContain('/openapi.json');
    expect(init).not.toContain('control');
  });

  it('keeps the demo key and users, and seeds the test lines as callee rules of the default system', async () => {
    const auth = await mock.fetch(
      new Request('http://m/omni/user/authorize', {
        method: 'POST',
        headers: KEY,
        body: JSON.stringify({ user_name: 'agent1', password: btoa('password1') }),
      }),
    );
    expect(auth.status).toBe(200);
    const sys = mock.services.registry.getDefault();
    const rules = mock.services.telephony.calleeRules.get(sys.systemId);
    expect(rules.map((r) => r.number)).toEqual([...STRICT_TEST_LINES]);
    expect(rules.every((r) => r.behaviour?.outcome === 'answer' && r.behaviour.talk_ms === null)).toBe(true);
  });

  it('dials B.10 magic numbers as ordinary numbers: their fixed behaviours are gone', async () => {
    // The same call (same seed, same call id) on a strict mock and on a plain one: 0800555001
    // "answers after 3 s" only where magic numbers are on (elsewhere the seeded distribution decides).
    const outcome = async (m: MockOmni) => {
      m.services.phones.registerVirtual(m.services.registry.getDefault(), '1003');
      const send = async (method: string, path: string, body?: unknown, token?: string) =>
        (
          await m.fetch(
            new Request(`http://m${path}`, {
              method,
              headers: { ...KEY, ...(token ? { tokenKey: token } : {}) },
              ...(body ? { body: JSON.stringify(body) } : {}),
            }),
          )
        ).json() as Promise<Record<string, unknown>>;
      const auth = await send('POST', '/omni/user/authorize', { user_name: 'agent3', password: btoa('password3') });
      const token = auth.token_key as string;
      const userId = auth.user_id as number;
      await send('POST', `/omni/users/${userId}/login`, { campaign_id: 1, extension: '1003' }, token);
      const call = await send('POST', `/omni/voice/${userId}/call`, { phone_number: '0800555001' }, token);
      // scaled:1000: a virtual minute passes in 60 ms of wall time.
      for (let i = 0; i < 100; i++) {
        const view = await send('GET', `/omni/voice/${userId}/call/${call.call_id}`, undefined, token);
        if (view.call_state === 'answered' || view.call_state === 'ended')
          return `${view.call_state} after ${Date.parse(String(view.answer_time)) - Date.parse(String(view.call_start_time))} ms`;
        await new Promise((r) => setTimeout(r, 20));
      }
      return 'still ringing';
    };
    const plain = await createMockOmni({ clock: 'scaled:1000', logger: silent });
    try {
      expect(await outcome(plain)).toBe('answered after 3000 ms');
    } finally {
      await plain.close();
    }
    expect(await outcome(mock)).not.toBe('answered after 3000 ms');
  });

  it('refuses a manual clock (nothing could move it)', async () => {
    await expect(createMockOmni({ strict: true, clock: 'manual', logger: silent })).rejects.toThrow(/manual clock/);
  });

  it('a non-strict mock keeps its control API and seeds no test lines', async () => {
    const plain = await createMockOmni({ clock: 'manual', logger: silent });
    try {
      expect((await plain.fetch(new Request('http://m/__mock/system', { headers: KEY }))).status).toBe(200);
      expect(plain.services.telephony.calleeRules.get(plain.services.registry.getDefault().systemId)).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});

describe('--strict on the command line', () => {
  it('parses --strict and refuses it with a manual clock', () => {
    const on = parseCliArgs(['--strict']);
    expect(on.ok && on.options.strict).toBe(true);
    const off = parseCliArgs([]);
    expect(off.ok && off.options.strict).toBe(false);
    const manual = parseCliArgs(['--strict', '--clock', 'manual']);
    expect(manual).toEqual({ ok: false, error: expect.stringContaining('--strict needs a clock') });
    expect(parseCliArgs(['--strict', '--clock', 'scaled:10']).ok).toBe(true);
  });

  it('the banner says strict, lists the test lines and drops the control API link', () => {
    const strict = startBanner({
      url: 'http://127.0.0.1:4010',
      db: ':memory:',
      clock: 'real',
      version: '0.1.0',
      strict: { testLines: STRICT_TEST_LINES },
    });
    expect(strict).toContain('STRICT mode');
    expect(strict).toContain('0870000001, 0870000002');
    expect(strict).not.toContain('/__mock/system');
    const plain = startBanner({ url: 'http://127.0.0.1:4010', db: ':memory:', clock: 'real', version: '0.1.0' });
    expect(plain).not.toContain('STRICT');
    expect(plain).toContain('Control API: http://127.0.0.1:4010/__mock/system');
  });
});
