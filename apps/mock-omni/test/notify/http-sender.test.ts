import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('sends to an https URL over TLS (loaded on first use): a plain-HTTP receiver never sees the POST', async () => {
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

  it('reuses its connections for sends in a row', async () => {
    const sockets = new Set<unknown>();
    const url = await server((req, res) => {
      sockets.add(req.socket);
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    for (let i = 0; i < 10; i++)
      expect((await sender.send({ url, headers: {}, body: '{}', timeoutMs: 2_000 })).status).toBe(200);
    // undici opens a second connection for the second send (its first is not yet marked free), then reuses both.
    expect(sockets.size).toBeLessThanOrEqual(2);
  });

  it('puts on the wire the given headers, host, keep-alive and content-length, and the body byte for byte', async () => {
    let raw = '';
    const done = new Promise<void>((resolve) => {
      const s = net.createServer((socket) => {
        socket.on('data', (d: Buffer) => {
          raw += d.toString('latin1');
          const head = raw.indexOf('\r\n\r\n');
          const length = Number(/content-length: (\d+)/i.exec(raw)?.[1] ?? -1);
          if (head >= 0 && Buffer.byteLength(raw.slice(head + 4), 'latin1') >= length) {
            socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
            resolve();
          }
        });
      });
      s.listen(0, '127.0.0.1', () => {
        port = (s.address() as AddressInfo).port;
        opened();
      });
      cleanups.push(() => new Promise<void>((r) => s.close(() => r())));
    });
    let port = 0;
    let opened: () => void = () => {};
    await new Promise<void>((r) => {
      opened = r;
    });
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    const body = '{"type":"x","payload":{"name":"Zoë"}}';
    const headers = { 'content-type': 'application/json', 'X-Omni-Notification-Id': 'n1', 'X-Omni-Timestamp': '17' };
    const r = await sender.send({ url: `http://127.0.0.1:${port}/hooks?a=1`, headers, body, timeoutMs: 2_000 });
    await done;
    expect(r).toMatchObject({ status: 200, responseBody: 'ok', error: null });
    const [head = '', sent] = raw.split('\r\n\r\n');
    const [requestLine, ...lines] = head.split('\r\n');
    expect(requestLine).toBe('POST /hooks?a=1 HTTP/1.1');
    const fields = lines.map((l) => {
      const i = l.indexOf(': ');
      return [l.slice(0, i).toLowerCase(), l.slice(i + 2)];
    });
    expect(fields.sort()).toEqual(
      [
        ['connection', 'keep-alive'],
        ['content-length', String(Buffer.byteLength(body))],
        ['content-type', 'application/json'],
        ['host', `127.0.0.1:${port}`],
        ['x-omni-notification-id', 'n1'],
        ['x-omni-timestamp', '17'],
      ].sort(),
    );
    expect(Buffer.from(sent ?? '', 'latin1').toString('utf8')).toBe(body);
  });

  it('gives up on an answer that does not come within the timeout, and closes that request', async () => {
    let closed = false;
    const url = await server((req) => {
      req.resume();
      req.socket.on('close', () => {
        closed = true;
      });
    });
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    const started = Date.now();
    const r = await sender.send({ url, headers: {}, body: '{}', timeoutMs: 150 });
    expect(r).toMatchObject({ status: null, timedOut: true, error: 'no answer within 150 ms', responseBody: '' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(2_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
  });

  it('sends again after close() (a delivery worker started again), on a new connection', async () => {
    const sockets = new Set<unknown>();
    const url = await server((req, res) => {
      sockets.add(req.socket);
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    expect((await sender.send({ url, headers: {}, body: '{}', timeoutMs: 2_000 })).status).toBe(200);
    sender.close();
    expect((await sender.send({ url, headers: {}, body: '{}', timeoutMs: 2_000 })).status).toBe(200);
    expect(sockets.size).toBe(2);
  });

  it('a refused connection is an error result with its code', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    const r = await sender.send({ url: `http://127.0.0.1:${port}/hook`, headers: {}, body: '{}', timeoutMs: 2_000 });
    expect(r).toMatchObject({ status: null, timedOut: false, responseBody: '' });
    expect(r.error).toMatch(/^ECONNREFUSED: connect ECONNREFUSED/);
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

  it('sends once more, on a fresh connection, a request whose kept-alive connection closed under it, and returns the first send too', async () => {
    const perSocket = new Map<unknown, number>();
    let requests = 0;
    const url = await server((req, res) => {
      requests++;
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      req.resume();
      // The second request on a connection is read in full, then the connection closes: no answer at all.
      if (n === 2) req.on('end', () => req.socket.destroy());
      else req.on('end', () => res.end('ok'));
    });
    const sender = createHttpSender({ maxSockets: 1 });
    cleanups.push(() => sender.close());
    expect((await sender.send({ url, headers: {}, body: '{}', timeoutMs: 2_000 })).status).toBe(200);
    const r = await sender.send({ url, headers: {}, body: '{}', timeoutMs: 2_000 });
    expect(r).toMatchObject({ status: 200, error: null });
    expect([requests, perSocket.size]).toEqual([3, 2]);
    // The receiver saw the request twice: the first send is part of the result, to be recorded.
    expect(r.earlier).toMatchObject({ status: null, timedOut: false });
    expect(r.earlier?.error).toMatch(/^UND_ERR_SOCKET: .*sent again on a fresh connection/);
  });

  it('gives the resend only what is left of the first send’s timeout', async () => {
    const perSocket = new Map<unknown, number>();
    const url = await server((req, res) => {
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      req.resume();
      if (n === 2) req.on('end', () => setTimeout(() => req.socket.destroy(), 450));
      // The resend is answered 450 ms after it came: 900 ms after the first send, past its 700 ms.
      else if (perSocket.size === 2) req.on('end', () => setTimeout(() => res.end('late'), 450));
      else req.on('end', () => res.end('ok'));
    });
    const sender = createHttpSender({ maxSockets: 1 });
    cleanups.push(() => sender.close());
    expect((await sender.send({ url, headers: {}, body: '{}', timeoutMs: 700 })).status).toBe(200);
    const started = Date.now();
    const r = await sender.send({ url, headers: {}, body: '{}', timeoutMs: 700 });
    expect(r).toMatchObject({ status: null, timedOut: true, error: 'no answer within 700 ms' });
    expect(r.earlier?.error).toMatch(/^UND_ERR_SOCKET/);
    expect(Date.now() - started).toBeLessThan(850);
  });

  it('a final status that came in time stands when its body is still coming at the timeout', async () => {
    const url = await server((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('accepted');
        setTimeout(() => res.end(' and stored'), 2_000).unref();
      });
    });
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    const r = await sender.send({ url, headers: {}, body: '{}', timeoutMs: 300 });
    expect(r).toMatchObject({ status: 200, timedOut: false, responseBody: 'accepted' });
    expect(r.error).toMatch(/body did not end within 300 ms/);
  });

  it('skips an unsolicited 100 Continue (in one piece or split across reads) and takes the final answer', async () => {
    let requests = 0;
    const url = await server((req, res) => {
      requests++;
      req.resume();
      req.on('end', () => {
        if (requests === 1) {
          res.writeContinue();
          res.end('ok');
          return;
        }
        // By hand, in pieces: a 100 head cut in two, then the final answer in the same write as the head's end.
        req.socket.write('HTTP/1.1 10');
        setTimeout(() => req.socket.write('0 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n'), 30);
        setTimeout(() => res.end('fine'), 60);
      });
    });
    const sender = createHttpSender({ maxSockets: 1 });
    cleanups.push(() => sender.close());
    for (const body of ['ok', 'fine', 'fine']) {
      const r = await sender.send({ url, headers: {}, body: '{}', timeoutMs: 2_000 });
      expect(r).toMatchObject({ status: 200, error: null, responseBody: body });
      expect(r.earlier).toBeUndefined();
    }
    expect(requests).toBe(3);
  });

  it('a status line below 100 is an invalid answer, not a status', async () => {
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => socket.write('HTTP/1.1 099 Odd\r\ncontent-length: 0\r\n\r\n'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    const port = (server.address() as AddressInfo).port;
    const r = await sender.send({ url: `http://127.0.0.1:${port}/hook`, headers: {}, body: '{}', timeoutMs: 1_000 });
    expect(r).toMatchObject({ status: null, timedOut: false });
    expect(r.error).toBe('invalid status line: status 099 is not an HTTP status');
  });

  it('does not send again a request whose fresh connection closed without an answer', async () => {
    let requests = 0;
    const url = await server((req) => {
      requests++;
      req.resume();
      req.socket.destroy();
    });
    const sender = createHttpSender();
    cleanups.push(() => sender.close());
    const r = await sender.send({ url, headers: {}, body: '{}', timeoutMs: 2_000 });
    expect(r).toMatchObject({ status: null, timedOut: false });
    expect(r.error).toMatch(/^UND_ERR_SOCKET: /);
    expect(requests).toBe(1);
  });

  it('loads undici on its first send, not with the module (the mock starts without it)', async () => {
    const url = await server((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    let loads = 0;
    vi.resetModules();
    vi.doMock('undici', async (original) => {
      loads++;
      return original();
    });
    cleanups.push(() => {
      vi.doUnmock('undici');
      vi.resetModules();
    });
    const fresh = await import('../../src/notify/http-sender.js');
    const sender = fresh.createHttpSender();
    cleanups.push(() => sender.close());
    expect(loads).toBe(0);
    expect((await sender.send({ url, headers: {}, body: '{}', timeoutMs: 2_000 })).status).toBe(200);
    expect((await sender.send({ url, headers: {}, body: '{}', timeoutMs: 2_000 })).status).toBe(200);
    expect(loads).toBe(1);
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
    expect((await sender.send({ url: 'ftp://127.0.0.1/x', headers: {}, body: '{}', timeoutMs: 100 })).error).toBe(
      'not an http(s) URL: ftp://127.0.0.1/x',
    );
  });
});
