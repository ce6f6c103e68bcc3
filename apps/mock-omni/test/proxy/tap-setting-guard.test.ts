/**
 * `PUT /__proxy/tap` re-points where every notification goes: a web page that rebinds its DNS name
 * to 127.0.0.1 reaches it from a loopback peer, so the proxy also reads `Host` and `Origin`.
 *
 * @module
 */

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';

let proxy: RunningProxy;

beforeAll(async () => {
  // The target is never asked: these are the proxy's own routes.
  proxy = await startProxy({ target: new URL('http://127.0.0.1:9'), port: 0, say: () => {} });
});

afterAll(async () => {
  await proxy?.close();
});

function putTap(headers: Record<string, string>, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${proxy.url}/__proxy/tap`,
      { method: 'PUT', agent: false, headers: { 'Content-Type': 'text/plain', ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ url }));
  });
}

describe('PUT /__proxy/tap', () => {
  it('refuses a request under another host name or from another site’s page, the tap unchanged', async () => {
    const rebound = await putTap({ Host: `attacker.example:${proxy.port}` }, 'http://attacker.example/steal');
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ success: false, error_code: 'FORBIDDEN_ORIGIN' });
    const page = await putTap(
      { Host: `127.0.0.1:${proxy.port}`, Origin: 'http://attacker.example' },
      'http://attacker.example/steal',
    );
    expect(page.status).toBe(403);
    expect(proxy.tap()).toBeUndefined();
  });

  it('takes it from a local tool by address or localhost, or from a loopback page', async () => {
    expect((await putTap({ Host: `127.0.0.1:${proxy.port}` }, 'http://127.0.0.1:3000/a')).status).toBe(200);
    expect((await putTap({ Host: `localhost:${proxy.port}` }, 'http://127.0.0.1:3000/b')).status).toBe(200);
    expect(
      (await putTap({ Host: `[::1]:${proxy.port}`, Origin: 'http://localhost:4020' }, 'http://127.0.0.1:3000/c'))
        .status,
    ).toBe(200);
    expect(proxy.tap()?.href).toBe('http://127.0.0.1:3000/c');
  });
});
