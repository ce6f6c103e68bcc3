/**
 * Who may call the mock: a `Host` it serves on every route (DNS rebinding), and on the control API only its own origin
 * or one it was given, never another site's page nor its own webhook delivery. In process; the same attacks from a
 * real Chromium page are in test/browser/cross-site-attacks.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';

const CONSOLE = 'http://127.0.0.1:4020';
let mock: MockOmni;
let client: OmniTestClient;
let token: string;
beforeAll(async () => {
  ({ mock, client } = await startMock({ allowedOrigins: [CONSOLE], allowedHosts: ['omni.test'] }));
  token = await client.login('agent1');
});
afterAll(() => mock.close());

const refused = (res: { status: number; body: Record<string, unknown> }) => [res.status, res.body.error_code];

describe('the Host a request names', () => {
  it.each(['attacker.example', 'attacker.example:4010', 'localhost.attacker.example', '127.0.0.1.nip.io:4010'])(
    'refuses %s with 403 FORBIDDEN_ORIGIN, on the control API and on Omni routes',
    async (host) => {
      const systems = await client.request('GET', '/__mock/systems', { headers: { Host: host } });
      expect(refused(systems)).toEqual([403, 'FORBIDDEN_ORIGIN']);
      expect(systems.body.detail).toContain('--allow-host');
      const users = await client.request('GET', '/omni/users', { token, headers: { Host: host } });
      expect(refused(users)).toEqual([403, 'FORBIDDEN_ORIGIN']);
      const reset = await client.request('POST', '/__mock/system/reset', { headers: { Host: host }, body: {} });
      expect(refused(reset)).toEqual([403, 'FORBIDDEN_ORIGIN']);
    },
  );

  it.each([
    '127.0.0.1:4010',
    '127.3.4.5',
    'localhost:4010',
    'LOCALHOST.',
    'app.localhost:4010',
    '[::1]:4010',
    '[::ffff:7f00:1]:4010',
    '192.168.1.9:4010',
    'omni.test:4010',
  ])('serves %s (loopback names, IP addresses, an --allow-host name)', async (host) => {
    expect((await client.request('GET', '/__mock/clock', { headers: { Host: host } })).status).toBe(200);
    expect((await client.request('GET', '/omni/users', { token, headers: { Host: host } })).status).toBe(200);
  });

  it('a name the mock is told to listen on is served (listen({ host }))', async () => {
    const headers = { Host: 'box.lan:4010' };
    expect(refused(await client.request('GET', '/__mock/clock', { headers }))).toEqual([403, 'FORBIDDEN_ORIGIN']);
    mock.services.options.originGuard.allowHost('box.lan');
    expect((await client.request('GET', '/__mock/clock', { headers })).status).toBe(200);
  });

  it('--allow-host * serves any Host; /health answers any Host', async () => {
    const { mock: open, client: c } = await startMock({ allowedHosts: ['*'] });
    try {
      expect((await c.request('GET', '/__mock/clock', { headers: { Host: 'anything.example' } })).status).toBe(200);
    } finally {
      await open.close();
    }
    expect((await client.request('GET', '/health', { headers: { Host: 'lb.example' } })).status).toBe(200);
  });
});

describe('the browser page a control request comes from', () => {
  const own = { Host: '127.0.0.1:4010' };

  it.each([
    ['another origin', { ...own, Origin: 'http://127.0.0.1:9999' }],
    ['another site', { ...own, Origin: 'https://attacker.example' }],
    ['an opaque origin (a sandboxed frame, a file)', { ...own, Origin: 'null' }],
    ['Sec-Fetch-Site: cross-site without Origin', { ...own, 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site without Origin (another port)', { ...own, 'Sec-Fetch-Site': 'same-site' }],
  ])('refuses %s with 403 FORBIDDEN_ORIGIN, and the reset does not happen', async (_, headers) => {
    await client.request('PUT', '/__mock/system/seed', { body: { seed: 5 } });
    const reset = await client.request('POST', '/__mock/system/reset', { headers, body: { seed: 9 } });
    expect(refused(reset)).toEqual([403, 'FORBIDDEN_ORIGIN']);
    expect((await client.request('GET', '/__mock/system')).body.seed).toBe(5);
    const read = await client.request('GET', '/__mock/users', { headers });
    expect(refused(read)).toEqual([403, 'FORBIDDEN_ORIGIN']);
  });

  it.each([
    ['its own origin (the docs page)', { ...own, Origin: 'http://127.0.0.1:4010', 'Sec-Fetch-Site': 'same-origin' }],
    ['an --allow-origin origin (the console)', { ...own, Origin: CONSOLE, 'Sec-Fetch-Site': 'same-site' }],
    ['a typed URL (Sec-Fetch-Site: none)', { ...own, 'Sec-Fetch-Site': 'none' }],
    ['no browser at all (node, curl)', own],
  ])('serves %s', async (_, headers) => {
    expect((await client.request('GET', '/__mock/users', { headers })).status).toBe(200);
  });

  it('leaves Omni routes to their keys: another origin reads Omni as any client would', async () => {
    const headers = { ...own, Origin: 'https://crm.example', 'Sec-Fetch-Site': 'cross-site' };
    expect((await client.request('GET', '/omni/users', { token, headers })).status).toBe(200);
  });
});

describe("the mock's own webhook delivery", () => {
  it('never drives the control API (403), whatever the route', async () => {
    const headers = { 'X-Omni-Notification-Id': '9b1f0c1e-0000-4000-8000-000000000001' };
    const before = (await client.request('GET', '/__mock/clock')).body.now_ms;
    const advance = await client.request('POST', '/__mock/clock/advance', { headers, body: { ms: 60_000 } });
    expect(refused(advance)).toEqual([403, 'FORBIDDEN_ORIGIN']);
    expect(advance.body.detail).toContain('X-Omni-Notification-Id');
    expect((await client.request('GET', '/__mock/clock')).body.now_ms).toBe(before);
  });
});

describe('a JSON body must say it is JSON', () => {
  it.each([
    ['text/plain;charset=UTF-8', 415],
    ['application/x-www-form-urlencoded', 415],
    ['multipart/form-data; boundary=x', 415],
    ['application/json; charset=utf-8', 200],
    ['text/json', 200],
    ['application/merge-patch+json', 200],
  ])('%s → %i', async (type, status) => {
    const res = await client.request('POST', '/__mock/clock/advance', {
      headers: { 'Content-Type': type },
      raw: '{"ms":1}',
    });
    expect(res.status).toBe(status);
    if (status === 415) expect(res.body).toMatchObject({ success: false, error_code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('no Content-Type at all is 415 too (an Omni route, in its error shape)', async () => {
    const res = await client.mock.fetch(
      new Request('http://mock.local/omni/campaign', {
        method: 'POST',
        headers: { Authorization: 'Key=omni-demo-key', tokenKey: token },
        // Bytes carry no type (a string body would be labelled text/plain).
        body: new TextEncoder().encode(JSON.stringify({ campaign_name: 'x', campaign_type: 1 })),
      }),
    );
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ success: false, error_code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});
