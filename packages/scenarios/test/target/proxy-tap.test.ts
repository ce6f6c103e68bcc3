import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProxyTap } from '../../src/target/proxy-tap.js';

/** A stand-in for the proxy's /__proxy routes: its tap's target, and a PUT that refuses a given URL. */
let server: Server;
let base = '';
let tapUrl: string | null = 'http://127.0.0.1:3000/crm-hook';
const puts: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/proxy/__proxy/tap' && req.method === 'GET') return send(200, { url: tapUrl });
    if (req.url === '/proxy/__proxy/report.json') return send(200, { target: 'https://omni.example/api' });
    if (req.url === '/proxy/__proxy/tap' && req.method === 'PUT') {
      let raw = '';
      req.on('data', (d: Buffer) => {
        raw += d.toString();
      });
      req.on('end', () => {
        const body = JSON.parse(raw) as { url: string | null };
        puts.push(body);
        if (body.url === 'http://refused.invalid/') {
          return send(400, { success: false, detail: 'url must be an http(s) URL or null' });
        }
        tapUrl = body.url;
        send(200, { success: true, url: body.url });
      });
      return;
    }
    send(404, { success: false, detail: 'no such route', error_code: 'ROUTE_NOT_FOUND' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('findProxyTap', () => {
  it('is undefined for a server that is no proxy, and for one that cannot be reached', async () => {
    expect(await findProxyTap(`${base}/not-a-proxy`)).toBeUndefined();
    expect(await findProxyTap('http://127.0.0.1:1')).toBeUndefined();
  });

  it('finds the tap, points it at an inbox, and puts the original target back', async () => {
    const tap = await findProxyTap(`${base}/proxy/`);
    expect(tap).toMatchObject({
      proxyUrl: `${base}/proxy`,
      endpointUrl: `${base}/proxy/__proxy/webhook`,
      omniUrl: 'https://omni.example/api',
    });
    await tap?.forwardTo('http://127.0.0.1:5000/hooks/1');
    expect(tapUrl).toBe('http://127.0.0.1:5000/hooks/1');
    await tap?.restore();
    expect(tapUrl).toBe('http://127.0.0.1:3000/crm-hook');
    expect(puts).toEqual([{ url: 'http://127.0.0.1:5000/hooks/1' }, { url: 'http://127.0.0.1:3000/crm-hook' }]);
  });

  it('gives Omni the public URL when one is set, and says why the proxy refused a target', async () => {
    const tap = await findProxyTap(`${base}/proxy`, { publicUrl: 'https://tunnel.example/__proxy/webhook' });
    expect(tap?.endpointUrl).toBe('https://tunnel.example/__proxy/webhook');
    await expect(tap?.forwardTo('http://refused.invalid/')).rejects.toThrow(
      `the proxy at ${base}/proxy refused to point its tap at http://refused.invalid/: 400 url must be an http(s) URL or null`,
    );
  });
});
