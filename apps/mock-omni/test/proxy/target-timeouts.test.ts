/**
 * A target that runs out of `--target-timeout`, at each stage, over real sockets on 127.0.0.1:
 * no connection (a listening socket whose backlog is full, so the SYN is never answered), a TLS
 * handshake that never ends, a target that stops reading the request's body, one that never
 * begins its answer (a slow HTTP server), one that falls silent in the middle of it. Each answers
 * 504 in about the timeout, says it on a line, and is in the drift report by route and stage —
 * JSON, Markdown and the live page — while nothing is recorded: Omni said nothing.
 *
 * @module
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driftReport } from '@omnikit/contracts/drift';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';
import { TcpTargets } from '../support/tcp-targets.js';

const TIMEOUT_MS = 300;
const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-timeouts-'));
const targets = new TcpTargets();
const children = new Set<ChildProcess>();
let proxy: RunningProxy | undefined;
let said: string[] = [];

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  said = [];
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  await targets.closeAll();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A TCP server on 127.0.0.1 that does what `onSocket` says with each connection. */
const tcpTarget = (onSocket: (socket: Socket) => void) => targets.listen(onSocket);

/**
 * A port on 127.0.0.1 that listens and never accepts: another process listens with a backlog of
 * one and then blocks, and filler connections fill its accept queue. A connection to it then
 * never completes (the kernel drops the SYN of a listener whose queue is full).
 */
async function unacceptingTarget(): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const s = require('node:net').createServer();
       s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         process.stdout.write(s.address().port + '\\n', () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0));
       });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.add(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('exit', () => reject(new Error('the listening process ended')));
  });
  for (let i = 0; ; i++) {
    if (i === 16) throw new Error('the backlog never filled');
    const filler = targets.keepSocket(connect(port, '127.0.0.1'));
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 300);
      filler.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!connected) break;
  }
  return `127.0.0.1:${port}`;
}

async function proxyTo(target: string): Promise<RunningProxy> {
  proxy = await startProxy({
    target: new URL(target),
    port: 0,
    record: join(dir, 'rec.jsonl'),
    report: join(dir, 'drift.md'),
    say: (l) => said.push(l),
    targetTimeoutMs: TIMEOUT_MS,
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

/** A request through the proxy; `upload` bytes are sent as its body, as fast as the proxy takes them. */
function send(url: string, method = 'GET', upload?: Buffer): Promise<Got> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent: false,
        headers: {
          Authorization: 'Key=k-123456',
          ...(upload ? { 'Content-Type': 'application/json', 'Content-Length': String(upload.length) } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        const done = (complete: boolean) =>
          resolve({ status: res.statusCode ?? 0, body, complete, ms: Date.now() - started });
        res.on('end', () => done(true));
        res.on('error', () => done(false));
      },
    );
    // The proxy may answer (and close) before the whole upload went: that is no failure of the test's.
    req.on('error', (error) => (upload ? undefined : reject(error)));
    req.end(upload);
  });
}

const detail = (got: Got) => (JSON.parse(got.body) as { detail: string }).detail;

describe('the connect stage', () => {
  it('a listener that never takes the connection: 504 "no connection", reported as connect', async () => {
    const target = await unacceptingTarget();
    const p = await proxyTo(`http://${target}`);
    const got = await send(`${p.url}/omni/users`);
    expect(got.status).toBe(504);
    expect(got.ms).toBeLessThan(3_000);
    expect(detail(got)).toBe(
      `omni-mock proxy: cannot connect to http://${target}: no connection within 0.3 s (--target-timeout)`,
    );
    await p.settled();
    expect(p.report().timeouts).toEqual([
      expect.objectContaining({
        route_id: 'listUsers',
        method: 'GET',
        path: '/omni/users',
        stage: 'connect',
        count: 1,
      }),
    ]);
  });

  it('an https target that takes the connection and never does the TLS handshake: said as such, reported as connect', async () => {
    // Reads the ClientHello and never answers it.
    const target = await tcpTarget((socket) => socket.resume());
    const p = await proxyTo(`https://${target}`);
    const got = await send(`${p.url}/omni/users/7`);
    expect(got.status).toBe(504);
    expect(got.ms).toBeLessThan(3_000);
    expect(detail(got)).toBe(
      `omni-mock proxy: connected to https://${target}, but the TLS handshake did not complete within 0.3 s (--target-timeout)`,
    );
    await p.settled();
    expect(said).toEqual([
      `omni-mock proxy: GET /omni/users/7: connected to https://${target}, but the TLS handshake did not complete within 0.3 s (--target-timeout)`,
    ]);
    expect(p.report().timeouts).toEqual([
      expect.objectContaining({ route_id: 'getUser', path: '/omni/users/{user_id}', stage: 'connect', count: 1 }),
    ]);
  });
});

describe('the request stage', () => {
  it('a target that stops reading the request body: 504 once it has taken nothing for the timeout, reported as request', async () => {
    // Takes the connection and reads nothing: the upload fills the socket buffers and stops.
    const target = await tcpTarget(() => {});
    const p = await proxyTo(`http://${target}`);
    const got = await send(`${p.url}/omni/leads/bulk/upload`, 'POST', Buffer.alloc(16 * 1024 * 1024, 0x20));
    expect(got.status).toBe(504);
    expect(got.ms).toBeLessThan(5_000);
    expect(detail(got)).toBe(
      `omni-mock proxy: http://${target} stopped taking the request for 0.3 s (--target-timeout)`,
    );
    await p.settled();
    expect(p.report().timeouts).toEqual([
      expect.objectContaining({ route_id: 'bulkUploadLeads', method: 'POST', stage: 'request', count: 1 }),
    ]);
  });

  it('a client that uploads slowly to a target that reads is not cut off', async () => {
    const server = createHttpServer((req, res) => {
      let n = 0;
      req.on('data', (c: Buffer) => {
        n += c.length;
      });
      req.on('end', () => res.end(String(n)));
    });
    const p = await proxyTo(`http://127.0.0.1:${await targets.listenOn(server)}`);
    const got = await new Promise<Got>((resolve, reject) => {
      const req = request(`${p.url}/x`, { method: 'POST', agent: false, headers: { 'Content-Length': '3' } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, complete: true, ms: 0 }));
      });
      req.on('error', reject);
      let i = 0;
      const tick = () => {
        req.write('a');
        if (++i < 3) setTimeout(tick, TIMEOUT_MS);
        else req.end();
      };
      tick();
    });
    expect([got.status, got.body]).toEqual([200, '3']);
    expect(p.report().summary.timeouts).toBe(0);
  });
});

describe('the answer stages', () => {
  it('a slow HTTP server: each 504 is counted under its route and stage, in every form of the report', async () => {
    const server = createHttpServer((req, res) => {
      req.resume();
      const late = setTimeout(() => res.end('{"users":[]}'), 5_000);
      res.on('close', () => clearTimeout(late));
    });
    const target = `http://127.0.0.1:${await targets.listenOn(server)}`;
    const p = await proxyTo(target);
    const got = await Promise.all([
      send(`${p.url}/omni/users`),
      send(`${p.url}/omni/users`),
      send(`${p.url}/omni/queues/5`),
    ]);
    expect(got.map((g) => g.status)).toEqual([504, 504, 504]);
    expect(detail(got[0] as Got)).toBe(`omni-mock proxy: ${target} did not answer within 0.3 s (--target-timeout)`);
    await p.settled();
    const report = p.report();
    expect(report.timeouts).toEqual([
      expect.objectContaining({ route_id: 'listUsers', method: 'GET', path: '/omni/users', stage: 'answer', count: 2 }),
      expect.objectContaining({ route_id: null, method: 'GET', path: '/omni/queues/{n}', stage: 'answer', count: 1 }),
    ]);
    expect(report.summary).toMatchObject({ timeouts: 3, exchanges: 0 });
    const page = await (await fetch(`${p.url}/__proxy`)).text();
    expect(page).toContain('<h2>Target timeouts (3)</h2>');
    expect(page).toContain('<td>listUsers</td><td>GET <code>/omni/users</code></td><td>answer</td><td>2</td>');
    expect(driftReport.parse(await (await fetch(`${p.url}/__proxy/report.json`)).json()).timeouts).toHaveLength(2);
    await p.close();
    const markdown = readFileSync(join(dir, 'drift.md'), 'utf8');
    expect(markdown).toContain('## Target timeouts');
    expect(markdown).toMatch(/\| listUsers \| GET \| `\/omni\/users` \| answer \| 2 \|/);
    expect(markdown).toMatch(/\| unknown route \| GET \| `\/omni\/queues\/\{n\}` \| answer \| 1 \|/);
    // Omni said nothing: nothing recorded.
    expect(readFileSync(join(dir, 'rec.jsonl'), 'utf8')).toBe('');
  });

  it('an answer that falls silent in the middle: cut off, reported as answer-body', async () => {
    const target = await tcpTarget((socket) => {
      socket.once('data', () =>
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"users":['),
      );
    });
    const p = await proxyTo(`http://${target}`);
    const got = await send(`${p.url}/omni/users`);
    expect([got.status, got.complete]).toEqual([200, false]);
    await p.settled();
    expect(p.report().timeouts).toEqual([
      expect.objectContaining({ route_id: 'listUsers', stage: 'answer-body', count: 1 }),
    ]);
  });

  it('leaves the mock’s own control API out, and a target that answers in time out of the timeouts', async () => {
    const server = createHttpServer((req, res) => {
      req.resume();
      if (req.url === '/omni/users') return res.end('{"users":[]}');
      const late = setTimeout(() => res.end('{}'), 5_000);
      res.on('close', () => clearTimeout(late));
    });
    const p = await proxyTo(`http://127.0.0.1:${await targets.listenOn(server)}`);
    expect((await send(`${p.url}/__mock/clock`)).status).toBe(504);
    expect((await send(`${p.url}/omni/users`)).status).toBe(200);
    await p.settled();
    expect(p.report().timeouts).toEqual([]);
    expect(p.report().summary.timeouts).toBe(0);
  });
});
