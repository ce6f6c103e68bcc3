/**
 * A target that fails the proxy, over real sockets: one that takes the connection and never answers
 * (504 once the target timeout is out, not a client held for ever), one that falls silent in the
 * middle of its answer (cut off), one that speaks something other than HTTP or closes at once
 * (502 "connected, but the answer was not HTTP"), one that is not there (502 "cannot connect"),
 * one that speaks plain TCP where https was asked for, and one that breaks off its answer. Nothing
 * of these is recorded as Omni's answer: Omni said nothing; each is one line on stderr, and each
 * but the timeouts (target-timeouts.test.ts) is in the drift report's `target_failures` by route
 * and kind — JSON, the live page and the Markdown.
 *
 * @module
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driftReport } from '@omnikit/contracts/drift';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';
import { TcpTargets } from '../support/tcp-targets.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-target-'));
const targets = new TcpTargets();
let proxy: RunningProxy | undefined;
let said: string[] = [];

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  said = [];
  await targets.closeAll();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A TCP server on 127.0.0.1 that does what `onSocket` says with each connection. */
const tcpTarget = (onSocket: (socket: Socket) => void) => targets.listen(onSocket);

async function proxyTo(target: string, targetTimeoutMs?: number): Promise<RunningProxy> {
  proxy = await startProxy({
    target: new URL(target),
    port: 0,
    record: join(dir, 'rec.jsonl'),
    report: join(dir, 'drift.md'),
    say: (l) => said.push(l),
    ...(targetTimeoutMs === undefined ? {} : { targetTimeoutMs }),
  });
  return proxy;
}

interface Got {
  status: number;
  body: string;
  /** Whether the answer ended whole (false: the connection was cut in the middle of it). */
  complete: boolean;
  ms: number;
}

function get(url: string): Promise<Got> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { Authorization: 'Key=k-123456' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      const done = (complete: boolean) =>
        resolve({ status: res.statusCode ?? 0, body, complete, ms: Date.now() - started });
      res.on('end', () => done(true));
      res.on('error', () => done(false));
    });
    req.on('error', reject);
    req.end();
  });
}

const recorded = () => readFileSync(join(dir, 'rec.jsonl'), 'utf8');

describe('a target that does not answer', () => {
  it('answers 504 naming the target and the timeout once the target timeout is out, and records nothing', async () => {
    // Takes the connection and the request, and never says a word.
    const target = await tcpTarget((socket) => socket.resume());
    const p = await proxyTo(`http://${target}`, 300);
    const got = await get(`${p.url}/omni/users`);
    expect(got.status).toBe(504);
    expect(got.ms).toBeLessThan(5_000);
    expect(JSON.parse(got.body)).toEqual({
      success: false,
      detail: `omni-mock proxy: http://${target} did not answer within 0.3 s (--target-timeout)`,
    });
    await p.settled();
    expect(said).toEqual([
      `omni-mock proxy: GET /omni/users: http://${target} did not answer within 0.3 s (--target-timeout)`,
    ]);
    expect(p.report().summary.exchanges).toBe(0);
    expect(recorded()).toBe('');
  });

  it('cuts off an answer that falls silent in the middle for longer than the timeout', async () => {
    const target = await tcpTarget((socket) => {
      socket.once('data', () =>
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"users":['),
      );
    });
    const p = await proxyTo(`http://${target}`, 300);
    const got = await get(`${p.url}/omni/users`);
    expect([got.status, got.complete, got.body]).toEqual([200, false, '{"users":[']);
    expect(got.ms).toBeLessThan(5_000);
    await p.settled();
    expect(said).toEqual([
      `omni-mock proxy: GET /omni/users: http://${target} fell silent for 0.3 s in the middle of its answer (--target-timeout): cut off`,
    ]);
    expect(recorded()).toBe('');
  });

  it('does not count a slow target that keeps sending against the timeout', async () => {
    const target = await tcpTarget((socket) => {
      socket.once('data', async () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n');
        for (const c of 'abcde') {
          await new Promise((r) => setTimeout(r, 150));
          socket.write(c);
        }
      });
    });
    const p = await proxyTo(`http://${target}`, 300);
    const got = await get(`${p.url}/omni/users`);
    expect([got.status, got.complete, got.body]).toEqual([200, true, 'abcde']);
  });
});

describe('a target that cannot be reached or is not HTTP', () => {
  it('says "cannot connect" when nothing listens there', async () => {
    const target = await tcpTarget(() => {});
    await targets.closeLatest();
    const p = await proxyTo(`http://${target}`);
    const got = await get(`${p.url}/omni/users`);
    expect(got.status).toBe(502);
    expect(JSON.parse(got.body).detail).toMatch(
      new RegExp(`^omni-mock proxy: cannot connect to http://${target}: .*ECONNREFUSED`),
    );
  });

  it('says "connected, but the answer was not HTTP" when the target sends something else', async () => {
    const target = await tcpTarget((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const p = await proxyTo(`http://${target}`);
    const got = await get(`${p.url}/omni/users`);
    expect(got.status).toBe(502);
    expect(JSON.parse(got.body).detail).toMatch(
      new RegExp(`^omni-mock proxy: connected to http://${target}, but the answer was not HTTP: .*Parse Error`),
    );
    await p.settled();
    expect(said.join('\n')).toContain(`GET /omni/users: connected to http://${target}, but the answer was not HTTP`);
    expect(said.join('\n')).not.toContain('cannot');
  });

  it('says the same when the target closes the connection at once', async () => {
    const target = await tcpTarget((socket) => socket.end());
    const p = await proxyTo(`http://${target}`);
    const got = await get(`${p.url}/omni/users`);
    expect(got.status).toBe(502);
    expect(JSON.parse(got.body).detail).toMatch(
      new RegExp(
        `^omni-mock proxy: connected to http://${target}, but the answer was not HTTP: the connection closed with no answer`,
      ),
    );
  });

  it('says the TLS handshake failed when an https target speaks something else', async () => {
    const target = await tcpTarget((socket) =>
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')),
    );
    const p = await proxyTo(`https://${target}`);
    const got = await get(`${p.url}/omni/users`);
    expect(got.status).toBe(502);
    expect(JSON.parse(got.body).detail).toMatch(
      new RegExp(`^omni-mock proxy: connected to https://${target}, but the TLS handshake failed: `),
    );
  });
});

describe('target failures in the drift report', () => {
  /** Omni's first words, then the connection closed in the middle of the body. */
  const breakOff = (socket: Socket) => {
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"users":[');
    setTimeout(() => socket.destroy(), 20);
  };
  const brokenAnswer = (socket: Socket) => socket.once('data', () => breakOff(socket));

  it('an answer broken off in the middle: cut off, said, and reported as cut-off', async () => {
    const target = await tcpTarget(brokenAnswer);
    const p = await proxyTo(`http://${target}`);
    const got = await get(`${p.url}/omni/users`);
    expect([got.status, got.complete, got.body]).toEqual([200, false, '{"users":[']);
    await p.settled();
    expect(said).toEqual([`omni-mock proxy: GET /omni/users: the answer of http://${target} broke off: aborted`]);
    expect(p.report().target_failures).toEqual([
      expect.objectContaining({ route_id: 'listUsers', method: 'GET', path: '/omni/users', kind: 'cut-off', count: 1 }),
    ]);
    expect(recorded()).toBe('');
  });

  it('counts each kind by route — JSON, page and Markdown — apart from the timeouts and the CI line', async () => {
    // One target that fails each request its own way, by the path asked.
    const target = await tcpTarget((socket) =>
      socket.once('data', (head: Buffer) => {
        const path = head.toString('latin1').split(' ')[1] ?? '';
        if (path.startsWith('/omni/users')) socket.end('SSH-2.0-OpenSSH_9.6\r\n');
        else if (path.startsWith('/omni/queues')) socket.end();
        else breakOff(socket);
      }),
    );
    const p = await proxyTo(`http://${target}`);
    const statuses = [];
    for (const path of ['/omni/users', '/omni/users', '/omni/queues/5', '/omni/campaigns'])
      statuses.push((await get(`${p.url}${path}`)).status);
    expect(statuses).toEqual([502, 502, 502, 200]);
    await p.settled();
    const report = p.report();
    expect(report.target_failures).toEqual([
      {
        route_id: 'listUsers',
        method: 'GET',
        path: '/omni/users',
        kind: 'not-http',
        count: 2,
        first_at: expect.any(String),
        last_at: expect.any(String),
        detail: expect.stringMatching(`^connected to http://${target}, but the answer was not HTTP: `),
      },
      expect.objectContaining({ route_id: null, path: '/omni/queues/{n}', kind: 'not-http', count: 1 }),
      expect.objectContaining({ route_id: 'listCampaigns', kind: 'cut-off', count: 1 }),
    ]);
    expect(report.summary).toMatchObject({ target_failures: 4, timeouts: 0, exchanges: 0 });
    expect(p.summaryLine()).toBe('drift: 0 documented, 0 inferred');
    const page = await (await fetch(`${p.url}/__proxy`)).text();
    expect(page).toContain('<h2>Target failures (4)</h2>');
    expect(page).toContain('<td>listUsers</td><td>GET <code>/omni/users</code></td><td>not-http</td><td>2</td>');
    expect(driftReport.parse(await (await fetch(`${p.url}/__proxy/report.json`)).json()).target_failures).toHaveLength(
      3,
    );
    await p.close();
    const markdown = readFileSync(join(dir, 'drift.md'), 'utf8');
    expect(markdown).toContain('## Target failures');
    expect(markdown).toMatch(/\| listUsers \| GET \| `\/omni\/users` \| not-http \| 2 \|/);
    expect(markdown).toMatch(/\| unknown route \| GET \| `\/omni\/queues\/\{n\}` \| not-http \| 1 \|/);
    expect(markdown).toMatch(/\| listCampaigns \| GET \| `\/omni\/campaigns` \| cut-off \| 1 \|/);
  });

  it('reports a target that cannot be reached as unreachable, and a TLS failure as tls', async () => {
    const gone = await tcpTarget(() => {});
    await targets.closeLatest();
    let p = await proxyTo(`http://${gone}`);
    expect((await get(`${p.url}/omni/users/7`)).status).toBe(502);
    await p.settled();
    expect(p.report().target_failures).toEqual([
      expect.objectContaining({
        route_id: 'getUser',
        path: '/omni/users/{user_id}',
        kind: 'unreachable',
        count: 1,
        detail: expect.stringMatching(`^cannot connect to http://${gone}: .*ECONNREFUSED`),
      }),
    ]);
    await p.close();
    const plain = await tcpTarget((socket) =>
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')),
    );
    p = await proxyTo(`https://${plain}`);
    expect((await get(`${p.url}/omni/users`)).status).toBe(502);
    await p.settled();
    expect(p.report().target_failures).toEqual([
      expect.objectContaining({ route_id: 'listUsers', kind: 'tls', count: 1 }),
    ]);
  });

  it('leaves out a client that went away and the mock’s own control API', async () => {
    // An answer that keeps coming until the reader leaves.
    const target = await tcpTarget((socket) =>
      socket.once('data', (head: Buffer) => {
        if (head.toString('latin1').startsWith('GET /__mock')) return socket.end();
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n');
        const drip = setInterval(() => socket.write('a'), 20);
        socket.on('close', () => clearInterval(drip));
      }),
    );
    const p = await proxyTo(`http://${target}`);
    expect((await get(`${p.url}/__mock/clock`)).status).toBe(502);
    await new Promise<void>((resolve, reject) => {
      const req = request(`${p.url}/omni/users`, { agent: false }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)));
      req.end();
    });
    await p.settled();
    expect(said.at(-1)).toBe('omni-mock proxy: GET /omni/users: the client went away before the answer was complete');
    expect(p.report().target_failures).toEqual([]);
    expect(p.report().summary.target_failures).toBe(0);
  });
});
