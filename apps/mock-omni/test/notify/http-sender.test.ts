import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpSender } from '../../src/notify/http-sender.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function server(handler: http.RequestListener, keepAliveTimeout?: number): Promise<string> {
  const s = http.createServer(handler);
  if (keepAliveTimeout !== undefined) s.keepAliveTimeout = keepAliveTimeout;
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  );
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/hook`;
}

describe('the HTTP sender', () => {
  it('POSTs the body with the given headers and a content-length, and keeps at most 1 KiB of the answer', async () => {
    let seen: { method?: string; body: string; headers: http.IncomingHttpHeaders } | undefined;
    const url = await server((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen = { method: req.method, body: Buffer.concat(chunks).toString(), headers: req.headers };
        res.writeHead(202);
        res.end('x'.repeat(5_000));
      });
    });
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    const r = await sender.send({ url, headers: { 'x-test': 'yes' }, body: '{"a":"é"}', timeoutMs: 2_000 });
    expect(r).toMatchObject({ status: 202, error: null, timedOut: false });
    expect(r.responseBody).toHaveLength(1_024);
    expect(seen).toMatchObject({ method: 'POST', body: '{"a":"é"}' });
    expect(seen?.headers['x-test']).toBe('yes');
    expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"é"}')));
  });

  it('sends to an https URL over TLS (Node loads its TLS stack then): a plain-HTTP receiver never sees the POST', async () => {
    let posts = 0;
    const url = await server((_req, res) => {
      posts++;
      res.end('ok');
    });
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    const r = await sender.send({ url: url.replace('http:', 'https:'), headers: {}, body: '{}', timeoutMs: 2_000 });
    expect(r).toMatchObject({ status: null, timedOut: false });
    expect(r.error).toMatch(/EPROTO|SSL|TLS/i);
    expect(posts).toBe(0);
    // The same sender still speaks plain HTTP to the same receiver.
    expect((await sender.send({ url, headers: {}, body: '{}', timeoutMs: 2_000 })).status).toBe(200);
  });

  it('reuses one connection for sends in a row', async () => {
    const sockets = new Set<unknown>();
    const url = await server((req, res) => {
      sockets.add(req.socket);
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    for (let i = 0; i < 5; i++)
      expect((await sender.send({ url, headers: {}, body: '{}', timeoutMs: 2_000 })).status).toBe(200);
    expect(sockets.size).toBe(1);
  });

  it('survives a receiver that drops idle connections without saying so', async () => {
    const url = await server((req, res) => {
      req.resume();
      req.on('end', () => {
        res.end('ok');
        // Advertises keep-alive (timeout=5) but hangs up shortly after each answer.
        setTimeout(() => req.socket.destroy(), 10);
      });
    });
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 8 + i * 2));
      const r = await sender.send({ url, headers: {}, body: '{}', timeoutMs: 2_000 });
      expect(r).toMatchObject({ status: 200, error: null });
    }
  });

  it('a malformed URL is an error result, not a throw', async () => {
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    expect(await sender.send({ url: 'not a url', headers: {}, body: '{}', timeoutMs: 100 })).toEqual({
      status: null,
      responseBody: '',
      error: 'not a URL: not a url',
      timedOut: false,
      durationMs: 0,
    });
  });
});
