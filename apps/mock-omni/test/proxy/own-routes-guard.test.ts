/**
 * The proxy's own routes under `/__proxy` against web pages: a page that rebinds its DNS name to
 * 127.0.0.1 reaches the proxy from a loopback peer under its own name, so every page, the report's
 * JSON and the tap's setting answer only a request addressed as this machine (or as the name the
 * proxy listens on) with no other site's `Origin`. The webhook tap is the one route a real Omni
 * reaches under a public name (a tunnel's), so it keeps any `Host`, but refuses a browser page's
 * `Origin`: a page must not post notifications to the CRM and into the recording.
 *
 * @module
 */

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyRouteGuard } from '../../src/proxy/proxy-route-guard.js';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';

let proxy: RunningProxy;

beforeAll(async () => {
  // The target is never asked: these are the proxy's own routes.
  proxy = await startProxy({ target: new URL('http://127.0.0.1:9/secret-base'), port: 0, say: () => {} });
});

afterAll(async () => {
  await proxy?.close();
});

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${proxy.url}${path}`, { method, agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const PAGES = ['/__proxy', '/__proxy/', '/__proxy/report.json', '/__proxy/tap', '/__proxy/nothing-here'];

describe('the proxy’s own pages', () => {
  it.each(PAGES)('refuses GET %s under another host name with 403 FORBIDDEN_ORIGIN, showing nothing', async (path) => {
    const got = await send('GET', path, { Host: `rebound.attacker.example:${proxy.port}` });
    expect(got.status).toBe(403);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({ success: false, error_code: 'FORBIDDEN_ORIGIN' });
    expect(body.detail).toContain('rebound.attacker.example');
    expect(got.body).not.toContain('secret-base');
  });

  it.each(PAGES)('refuses GET %s from another site’s page', async (path) => {
    const got = await send('GET', path, { Host: `127.0.0.1:${proxy.port}`, Origin: 'http://attacker.example' });
    expect(got.status).toBe(403);
    expect(JSON.parse(got.body)).toMatchObject({ error_code: 'FORBIDDEN_ORIGIN' });
  });

  it('serves them to a request addressed as 127.0.0.1, localhost or [::1], and to a loopback page', async () => {
    for (const host of [`127.0.0.1:${proxy.port}`, `localhost:${proxy.port}`, `[::1]:${proxy.port}`]) {
      expect((await send('GET', '/__proxy', { Host: host })).status).toBe(200);
      expect((await send('GET', '/__proxy/report.json', { Host: host })).status).toBe(200);
      expect((await send('GET', '/__proxy/tap', { Host: host })).status).toBe(200);
      expect((await send('GET', '/__proxy/nothing-here', { Host: host })).status).toBe(404);
    }
    const page = await send('GET', '/__proxy/report.json', {
      Host: `127.0.0.1:${proxy.port}`,
      Origin: 'http://localhost:4020',
    });
    expect(page.status).toBe(200);
  });
});

describe('the webhook tap', () => {
  const notification = JSON.stringify({ type: 'cdr', payload: {} });

  it('takes a notification under a public name (a tunnel’s), as a real Omni sends it', async () => {
    const got = await send(
      'POST',
      '/__proxy/webhook',
      { Host: 'proxy.example.net', 'Content-Type': 'application/json' },
      notification,
    );
    expect(got.status).toBe(204);
    await proxy.settled();
    expect(proxy.report().summary.notifications).toBe(1);
  });

  it('refuses one posted by another site’s page, and neither forwards nor records it', async () => {
    const got = await send(
      'POST',
      '/__proxy/webhook',
      { Host: `127.0.0.1:${proxy.port}`, 'Content-Type': 'text/plain', Origin: 'http://attacker.example' },
      notification,
    );
    expect(got.status).toBe(403);
    expect(JSON.parse(got.body)).toMatchObject({ success: false, error_code: 'FORBIDDEN_ORIGIN' });
    await proxy.settled();
    expect(proxy.report().summary.notifications).toBe(1);
  });
});

describe('ProxyRouteGuard', () => {
  it('also serves the name the proxy listens on', () => {
    const guard = new ProxyRouteGuard('Omni-Proxy.lan');
    expect(guard.pageRefusal({ host: 'omni-proxy.lan:4011' })).toBeUndefined();
    expect(guard.pageRefusal({ host: '10.1.2.3:4011' })).toBeUndefined();
    expect(guard.pageRefusal({ host: 'other.lan:4011' })).toMatch(/other\.lan/);
    expect(guard.pageRefusal({})).toBeDefined();
    expect(new ProxyRouteGuard('0.0.0.0').pageRefusal({ host: 'omni-proxy.lan:4011' })).toBeDefined();
  });

  it('lets the webhook take any Host but no other site’s Origin', () => {
    const guard = new ProxyRouteGuard('127.0.0.1');
    expect(guard.webhookRefusal({ host: 'abc.ngrok.example' })).toBeUndefined();
    expect(guard.webhookRefusal({ host: 'abc.ngrok.example', origin: 'http://localhost:3000' })).toBeUndefined();
    expect(guard.webhookRefusal({ host: '127.0.0.1:4011', origin: 'https://attacker.example' })).toMatch(
      /attacker\.example/,
    );
    expect(guard.webhookRefusal({ origin: 'null' })).toBeDefined();
  });
});
