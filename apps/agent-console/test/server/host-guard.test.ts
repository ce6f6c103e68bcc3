/**
 * DNS rebinding over real loopback HTTP: a page under the attacker's name that resolves to the
 * console must get nothing. The console answers 403 HOST_REJECTED unless the `Host` is loopback, an
 * IP address, its `--host` or its `--public-url`'s host; Omni's deliveries to the webhook still land.
 *
 * @module
 */

import { NOTIFICATION_HEADERS } from '@omnikit/contracts';
import { signNotification } from '@omnikit/sdk';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleHttpError } from '../../src/server/console-http-error.js';
import { hostGuard } from '../../src/server/host-guard.js';
import { consoleError } from '../../src/shared/console-errors.js';
import {
  ConsoleBrowser,
  type ConsoleFixture,
  EventReader,
  rawRequest,
  startConsoleFixture,
} from './console-fixture.js';

let fx: ConsoleFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const evil = { host: 'attacker.example', origin: 'http://attacker.example' };

describe('the Host check', () => {
  it('refuses a foreign Host on every route, before anything reaches Omni', async () => {
    fx = await startConsoleFixture();
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    const cookie = browser.cookie ?? '';
    const body = JSON.stringify({ user_name: 'agent1', password: 'password1' });
    const attempts = [
      ['GET', '/api/demo-agents', {}, undefined],
      ['GET', '/api/info', {}, undefined],
      ['POST', '/api/session', { 'content-type': 'application/json' }, body],
      ['GET', '/api/phone', { cookie }, undefined],
      ['GET', '/api/supervisor', { cookie }, undefined],
      ['GET', '/health', {}, undefined],
      ['GET', '/', {}, undefined],
    ] as const;
    for (const [method, path, headers, payload] of attempts) {
      const res = await rawRequest(fx.url, method, path, { ...evil, ...headers }, payload);
      expect(res.status, `${method} ${path}`).toBe(403);
      const { error } = consoleError.parse(JSON.parse(res.text));
      expect(error.code).toBe('HOST_REJECTED');
      expect(error.message).toContain('attacker.example');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(fx.server.deps.sessions.size).toBe(1);
  });

  it.each([
    ['127.0.0.1 with its port', (port: string) => `127.0.0.1:${port}`],
    ['localhost', (port: string) => `localhost:${port}`],
    ['a localhost subdomain', (port: string) => `console.localhost:${port}`],
    ['[::1]', (port: string) => `[::1]:${port}`],
    ['another IP address (a console on 0.0.0.0)', () => '192.168.1.20'],
    ['an upper-case name with a trailing dot', (port: string) => `LOCALHOST.:${port}`],
  ])('serves %s', async (_name, host) => {
    fx = await startConsoleFixture();
    const res = await rawRequest(fx.url, 'GET', '/api/info', { host: host(new URL(fx.url).port) });
    expect(res.status).toBe(200);
  });

  it('serves the --public-url’s host', async () => {
    fx = await startConsoleFixture({ args: ['--public-url', 'http://console.example.test:4020'] });
    const res = await rawRequest(fx.url, 'GET', '/api/info', { host: 'console.example.test:4020' });
    expect(res.status).toBe(200);
    expect((await rawRequest(fx.url, 'GET', '/api/info', { host: 'other.example.test:4020' })).status).toBe(403);
  });

  it('serves the --host name (the middleware with the names it is given)', async () => {
    const app = new Hono();
    app.onError((error, c) =>
      error instanceof ConsoleHttpError ? c.json(error.toBody(), error.status) : c.text('?', 500),
    );
    app.use('*', hostGuard({ names: ['Console-Box.internal'], except: ['/hook'] }));
    app.get('/x', (c) => c.text('ok'));
    app.post('/hook', (c) => c.text('hooked'));
    const get = (host: string, path = '/x', method = 'GET') =>
      app.request(`http://${host}${path}`, { method, headers: { host } });
    expect((await get('console-box.internal:4020')).status).toBe(200);
    expect((await get('evil.internal:4020')).status).toBe(403);
    expect((await get('evil.internal:4020', '/hook', 'POST')).status).toBe(200);
  });

  it('Omni’s deliveries reach the webhook: the mock’s own, and a signed one under any Host', async () => {
    fx = await startConsoleFixture();
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    const events = await EventReader.open(browser);
    await events.until((e) => e.some((x) => x.event === 'hello'));
    await fx.control('POST', '/__mock/phones/1001/register');
    await browser.json('POST', '/api/login', { campaign_id: 1 });
    await fx.advance(1000);
    await events.until((e) => e.some((x) => x.event === 'notification'));

    const body = JSON.stringify({
      type: 'agent_state',
      payload: {
        user_id: 1,
        campaign_id: 1,
        extension: '1001',
        agent_state: 'ready',
        previous_state: 'paused',
        pause_code: '',
        reason: 'agent',
        timestamp: '2026-01-05T08:00:00.000Z',
      },
    });
    const ts = Math.floor(Date.now() / 1000);
    const signature = await signNotification(body, fx.server.deps.webhookSecret, ts);
    const res = await rawRequest(
      fx.url,
      'POST',
      '/webhooks/omni',
      {
        host: 'omni-tunnel.example',
        'content-type': 'application/json',
        [NOTIFICATION_HEADERS.id]: 'through-a-tunnel-1',
        [NOTIFICATION_HEADERS.timestamp]: String(ts),
        [NOTIFICATION_HEADERS.signature]: signature,
      },
      body,
    );
    expect(res.status).toBe(200);
    events.close();
  });
});
