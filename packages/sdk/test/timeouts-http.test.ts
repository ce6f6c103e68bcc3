import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OmniClient, RequestAbortedError, TimeoutError } from '../src/index.js';
import { tokenData } from './support/fake-fetch.js';

/**
 * Timeouts and cancellation with the global fetch over real sockets (no injected fetch), where
 * the sdk tells fetch of an abort only when the caller gave a signal (request-executor.ts).
 */
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function directory(baseUrl: string, timeoutMs: number) {
  const client = new OmniClient({ baseUrl, systemKey: 'k', timeoutMs, maxRetries: 0 });
  return client.withSession(client.restoreSession(tokenData('t', Date.now() + 3600_000)));
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('timeouts over HTTP with the global fetch', () => {
  it('no answer at all → TimeoutError on time; when the answer comes, its body is cancelled', async () => {
    // Generous margins: the machine may be loaded (2 cores, other suites running). The request
    // must reach the server before the timeout fires, or there is no late answer to cancel.
    let closedEarly = false;
    let answer: (() => void) | undefined;
    let arrived: () => void = () => {};
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const url = await serve((_req, res) => {
      answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"users":[');
        res.on('close', () => {
          closedEarly = !res.writableFinished;
        });
      };
      arrived();
    });
    const started = Date.now();
    await expect(directory(url, 300).users.list()).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
    await arrival;
    answer?.();
    for (let i = 0; i < 500 && !closedEarly; i++) await wait(10);
    expect(closedEarly).toBe(true);
  });

  it('headers then a stalled body → TimeoutError', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"users":[');
    });
    await expect(directory(url, 50).users.list()).rejects.toBeInstanceOf(TimeoutError);
  });

  it('a caller’s abort tears the HTTP exchange down', async () => {
    // Abort only once the request is at the server: aborted earlier (a loaded machine), there would be no
    // exchange to tear down and nothing to observe. Then allow the close seconds to arrive.
    let serverSawClose = false;
    let arrived: () => void = () => {};
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const url = await serve((req) => {
      req.socket.on('close', () => {
        serverSawClose = true;
      });
      arrived();
    });
    const controller = new AbortController();
    const pending = directory(url, 60_000).users.list({ signal: controller.signal });
    await arrival;
    controller.abort(new Error('the agent closed the page'));
    await expect(pending).rejects.toBeInstanceOf(RequestAbortedError);
    for (let i = 0; i < 500 && !serverSawClose; i++) await wait(10);
    expect(serverSawClose).toBe(true);
  });

  it('with a caller’s signal, a timeout aborts the exchange too', async () => {
    // The socket is watched from its connection, so a request still on its way when the timeout fires
    // (a loaded machine) is seen closing too; 300 ms like the first test, seconds for the close.
    let serverSawClose = false;
    const url = await serve(() => {});
    server?.on('connection', (socket) => {
      socket.on('close', () => {
        serverSawClose = true;
      });
    });
    await expect(directory(url, 300).users.list({ signal: new AbortController().signal })).rejects.toBeInstanceOf(
      TimeoutError,
    );
    for (let i = 0; i < 500 && !serverSawClose; i++) await wait(10);
    expect(serverSawClose).toBe(true);
  });
});
