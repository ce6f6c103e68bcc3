/**
 * A target that fails the proxy, over real sockets: one that takes the connection and never answers
 * (504 once the target timeout is out, not a client held for ever), one that falls silent in the
 * middle of its answer (cut off), one that speaks something other than HTTP or closes at once
 * (502 "connected, but the answer was not HTTP"), one that is not there (502 "cannot connect"),
 * and one that speaks plain TCP where https was asked for. Nothing of these is recorded as Omni's
 * answer: Omni said nothing; each is one line on stderr.
 *
 * @module
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-target-'));
const servers: Server[] = [];
const sockets = new Set<Socket>();
let proxy: RunningProxy | undefined;
let said: string[] = [];

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  said = [];
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A TCP server on 127.0.0.1 that does what `onSocket` says with each connection. */
async function tcpTarget(onSocket: (socket: Socket) => void): Promise<string> {
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    onSocket(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as { port: number }).port}`;
}

async function proxyTo(target: string, targetTimeoutMs?: number): Promise<RunningProxy> {
  proxy = await startProxy({
    target: new URL(target),
    port: 0,
    record: join(dir, 'rec.jsonl'),
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
    await new Promise((resolve) => (servers.pop() as Server).close(resolve));
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
