/**
 * The race of a kept-alive connection, over real sockets on 127.0.0.1: the target closes an idle
 * connection (its keep-alive timeout) just as the proxy sends the next request on it. Made
 * deterministic here by a target that destroys a connection as a second request arrives on it. An
 * idempotent request (GET, PUT with its body, DELETE) is sent once more on a new connection, as
 * browsers and HTTP clients do; a POST is not (RFC 9110 §9.2.2: a proxy must not retry a request
 * that is not idempotent; the target may have acted on it), nor a request that failed on a fresh
 * connection, nor one whose answer had begun.
 *
 * @module
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-reuse-'));
const servers: Server[] = [];
let proxy: RunningProxy | undefined;
let said: string[] = [];

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  said = [];
  await Promise.all(
    servers.splice(0).map((s) => {
      const closed = new Promise((resolve) => s.close(resolve));
      s.closeAllConnections();
      return closed;
    }),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How the target treats a request: answer it, or drop the connection it came on. */
type Drop = 'never' | 'reused' | 'always' | 'reused-after-a-byte';

interface Target {
  readonly url: string;
  /** Each request as the target saw it: `GET /x #2 dropped` (the 2nd request on its connection), or `PUT /x #1 {"a":1}`. */
  readonly seen: string[];
  drop: Drop;
}

/** An HTTP target on 127.0.0.1, kept-alive connections and all, that drops connections as `drop` says. */
async function keepAliveTarget(): Promise<Target> {
  const requestsOn = new WeakMap<Socket, number>();
  const target: Target = { url: '', seen: [], drop: 'never' };
  const server = createServer((req, res) => {
    const n = (requestsOn.get(req.socket) ?? 0) + 1;
    requestsOn.set(req.socket, n);
    const where = `${req.method} ${req.url} #${n}`;
    const drop = target.drop === 'always' || (n > 1 && target.drop !== 'never');
    if (drop) {
      target.seen.push(`${where} dropped`);
      // The keep-alive race as the proxy meets it: the connection closes with nothing (or a byte) of an answer.
      if (target.drop === 'reused-after-a-byte') req.socket.write('H');
      req.socket.destroy();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => {
      target.seen.push(`${where}${body ? ` ${body}` : ''}`);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ success: true, detail: `answered on request #${n} of its connection` }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(target, { url: `http://127.0.0.1:${(server.address() as { port: number }).port}` });
}

async function proxyTo(target: string): Promise<RunningProxy> {
  proxy = await startProxy({
    target: new URL(target),
    port: 0,
    record: join(dir, 'rec.jsonl'),
    say: (l) => said.push(l),
  });
  return proxy;
}

/** A request through the proxy on a connection of its own (the client's side has no pool to race). */
function send(url: string, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
    const req = request(url, { method, agent: false, headers }, (res) => {
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

describe('a kept-alive connection the target closes as the proxy reuses it', () => {
  it('sends a GET again on a new connection: the client gets the answer, and the exchange is recorded once', async () => {
    const target = await keepAliveTarget();
    const p = await proxyTo(target.url);
    expect((await send(`${p.url}/omni/users`)).status).toBe(200);
    target.drop = 'reused';
    const again = await send(`${p.url}/omni/users`);
    expect(again).toEqual({
      status: 200,
      body: JSON.stringify({ success: true, detail: 'answered on request #1 of its connection' }),
    });
    expect(target.seen).toEqual(['GET /omni/users #1', 'GET /omni/users #2 dropped', 'GET /omni/users #1']);
    await p.settled();
    // No failure said or reported (the lines there are the body's differences from the contracts).
    expect(said.filter((l) => l.startsWith('omni-mock proxy'))).toEqual([]);
    expect(p.report().summary).toMatchObject({ exchanges: 2, target_failures: 0 });
    expect(readFileSync(join(dir, 'rec.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('sends a PUT again with the same body, and a DELETE', async () => {
    const target = await keepAliveTarget();
    const p = await proxyTo(target.url);
    await send(`${p.url}/omni/users`);
    target.drop = 'reused';
    expect((await send(`${p.url}/omni/campaigns/3`, 'PUT', '{"campaign_name":"spring"}')).status).toBe(200);
    expect((await send(`${p.url}/omni/leads/9`, 'DELETE')).status).toBe(200);
    expect(target.seen).toEqual([
      'GET /omni/users #1',
      'PUT /omni/campaigns/3 #2 dropped',
      'PUT /omni/campaigns/3 #1 {"campaign_name":"spring"}',
      'DELETE /omni/leads/9 #2 dropped',
      'DELETE /omni/leads/9 #1',
    ]);
  });

  it('sends again a PUT whose body was still coming: what came so far, then the rest as it comes', async () => {
    const target = await keepAliveTarget();
    const p = await proxyTo(target.url);
    await send(`${p.url}/omni/users`);
    target.drop = 'reused';
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${p.url}/omni/campaigns/3`, { method: 'PUT', agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.write('{"campaign_name":');
      // The target drops the connection on the request's head; the rest of the body comes later.
      setTimeout(() => req.end('"spring"}'), 150);
    });
    expect(status).toBe(200);
    expect(target.seen.slice(1)).toEqual([
      'PUT /omni/campaigns/3 #2 dropped',
      'PUT /omni/campaigns/3 #1 {"campaign_name":"spring"}',
    ]);
  });

  it('does not send a POST again: 502, and the target saw it once', async () => {
    const target = await keepAliveTarget();
    const p = await proxyTo(target.url);
    await send(`${p.url}/omni/users`);
    target.drop = 'reused';
    const post = await send(`${p.url}/omni/voice/1/call`, 'POST', '{"phone_number":"07700900123"}');
    expect(post.status).toBe(502);
    expect(JSON.parse(post.body).detail).toMatch(/but the answer was not HTTP: the connection closed with no answer/);
    expect(target.seen).toEqual(['GET /omni/users #1', 'POST /omni/voice/1/call #2 dropped']);
  });

  it('does not send again a request that failed on a fresh connection', async () => {
    const target = await keepAliveTarget();
    target.drop = 'always';
    const p = await proxyTo(target.url);
    expect((await send(`${p.url}/omni/users`)).status).toBe(502);
    expect(target.seen).toEqual(['GET /omni/users #1 dropped']);
  });

  it('does not send again a request whose answer had begun on the reused connection', async () => {
    const target = await keepAliveTarget();
    const p = await proxyTo(target.url);
    await send(`${p.url}/omni/users`);
    target.drop = 'reused-after-a-byte';
    expect((await send(`${p.url}/omni/users`)).status).toBe(502);
    expect(target.seen).toEqual(['GET /omni/users #1', 'GET /omni/users #2 dropped']);
  });

  it('sends it again once only: a second reused connection that fails too gives 502', async () => {
    const target = await keepAliveTarget();
    const p = await proxyTo(target.url);
    // Two connections in the proxy's pool: two requests at once, each answered on a connection of its own.
    await Promise.all([send(`${p.url}/omni/users`), send(`${p.url}/omni/users`)]);
    target.drop = 'reused';
    expect((await send(`${p.url}/omni/users`)).status).toBe(502);
    expect(target.seen.slice(2)).toEqual(['GET /omni/users #2 dropped', 'GET /omni/users #2 dropped']);
  });
});
