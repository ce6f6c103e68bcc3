/**
 * A proxy told to stop (Ctrl-C) stops: an exchange whose target never answers is cut off after
 * the grace, a keep-alive client's idle connection does not hold it open, and a report file that
 * can no longer be written on the way is said, not thrown.
 *
 * @module
 */

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer as createHttpServer, request } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_DEBOUNCE_MS } from '../../src/proxy/drift-tracker.js';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';
import { type ScriptedOmni, startScriptedOmni } from '../support/scripted-omni.js';
import { until } from '../support/until.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-stop-'));
/** A target that takes every request and never answers. */
let silent: Server;
const silentSockets = new Set<Socket>();
let omni: ScriptedOmni;
/** A target that answers after SLOW_MS. */
let slow: { url: string; got: string[]; close(): Promise<void> };
const SLOW_MS = 300;
const proxies: RunningProxy[] = [];

beforeAll(async () => {
  silent = createServer((socket) => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  omni = await startScriptedOmni(() => ({ status: 200, body: { users: [] } }));
  const got: string[] = [];
  const server = createHttpServer((req, res) => {
    got.push(req.url ?? '');
    req.resume();
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"users":[]}');
    }, SLOW_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  slow = {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    got,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
});

afterEach(async () => {
  for (const proxy of proxies.splice(0)) await proxy.close();
});

afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await omni.close();
  await slow.close();
  rmSync(dir, { recursive: true, force: true });
});

/** How long `close()` took, or `Infinity` when it had not resolved within `ms`. */
async function timeToClose(proxy: RunningProxy, ms: number): Promise<number> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const took = await Promise.race([
    proxy.close().then(() => performance.now() - started),
    new Promise<number>((resolve) => {
      timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), ms);
    }),
  ]);
  clearTimeout(timer);
  return took;
}

function get(url: string, agent: Agent | false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { Authorization: 'Key=k' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('stopping the proxy', () => {
  it('cuts off an exchange whose target never answers once the grace is over, and says so', async () => {
    const said: string[] = [];
    const { port } = silent.address() as { port: number };
    const proxy = await startProxy({
      target: new URL(`http://127.0.0.1:${port}`),
      port: 0,
      stopGraceMs: 300,
      say: (l) => said.push(l),
    });
    proxies.push(proxy);
    const answer = get(`${proxy.url}/omni/users`, false).then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code ?? error.message,
    );
    await until('the target to get the request', () => silentSockets.size === 1);
    const took = await timeToClose(proxy, 5_000);
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(3_000);
    expect(await answer).toBe('ECONNRESET');
    expect(said).toContain('omni-mock proxy: stopping: 1 exchange still in flight after 0.3 s, cut off');
    expect(said).toContain(
      'omni-mock proxy: GET /omni/users: cut off: the proxy stopped before its answer was complete',
    );
  });

  it('finishes the exchange in flight, then does not wait for the keep-alive client to let its connection go', async () => {
    const proxy = await startProxy({ target: new URL(slow.url), port: 0, say: () => {} });
    proxies.push(proxy);
    const agent = new Agent({ keepAlive: true });
    try {
      const answer = get(`${proxy.url}/omni/users`, agent);
      await until('the target to get the request', () => slow.got.length === 1);
      // Stopped while the answer is on its way: it is finished, and the client keeps the
      // connection in its pool, idle, for a next request that will not come.
      const took = await timeToClose(proxy, 4_000);
      expect(await answer).toEqual({ status: 200, body: '{"users":[]}' });
      expect(took).toBeGreaterThanOrEqual(SLOW_MS - 50);
      expect(took).toBeLessThan(SLOW_MS + 1_000);
    } finally {
      agent.destroy();
    }
  });

  it('goes on forwarding when its report file can no longer be written, and says it once', async () => {
    const folder = join(dir, 'report-folder');
    mkdirSync(folder);
    const said: string[] = [];
    const proxy = await startProxy({
      target: new URL(omni.url),
      port: 0,
      report: join(folder, 'drift.json'),
      say: (l) => said.push(l),
    });
    proxies.push(proxy);
    // The folder goes away while the proxy runs (a cleanup job, a full disk alike).
    rmSync(folder, { recursive: true });
    for (const path of ['/omni/nothing/1', '/omni/nothing/2/x']) {
      expect((await get(`${proxy.url}${path}`, false)).status).toBe(200);
      await proxy.settled();
      // Past the debounce: the report file has been tried.
      await new Promise((resolve) => setTimeout(resolve, REPORT_DEBOUNCE_MS + 200));
    }
    // Still serving after the debounced write failed twice.
    expect((await get(`${proxy.url}/omni/users`, false)).status).toBe(200);
    const failures = said.filter((l) => l.includes('cannot write the report'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^omni-mock proxy: cannot write the report .*drift\.json: ENOENT/);
    // The last write at close fails the same way: said, not thrown.
    await expect(proxy.close()).resolves.toBeUndefined();
    expect(said.at(-1)).toMatch(/cannot write the report .*the report is not saved$/);
  });
});
