import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, AuthenticationError, OmniClient, type OmniClientOptions, RedirectError } from '../src/index.js';
import { tokenData } from './support/fake-fetch.js';
import { type LocalServer, type Received, sendJson, startLocalServer } from './support/local-server.js';

/**
 * Redirects over real HTTP with the global fetch: the sdk follows none. Followed, a redirect to
 * another host took the user token there (fetch drops `Authorization` across origins, not
 * `tokenKey`), and a same-origin 302 turned `POST …/hold` into a `GET` whose 200 passed for the hold.
 */
const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: (request: Received, res: ServerResponse) => void): Promise<LocalServer> {
  const server = await startLocalServer(handler);
  servers.push(server);
  return server;
}

const held = (_: Received, res: ServerResponse) => sendJson(res, 200, { success: true, detail: 'held' });

function agentOf(baseUrl: string, extra: Partial<OmniClientOptions> = {}) {
  const client = new OmniClient({ baseUrl, systemKey: 'sys-key', retryDelay: { baseMs: 1, maxMs: 1 }, ...extra });
  return { client, agent: client.agent(client.restoreSession(tokenData('user-token', Date.now() + 3600_000))) };
}

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location });
  res.end();
}

describe('redirects are never followed', () => {
  it('a 307 to another host: nothing reaches that host, the token stays home, and the hold is a RedirectError', async () => {
    const other = await serve(held);
    const omni = await serve((req, res) => redirect(res, 307, other.url + req.url));
    const { agent } = agentOf(omni.url);
    const error = await agent.calls.hold(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 307,
      location: `${other.url}/omni/voice/1/call/1/hold`,
      routeId: 'holdCall',
      method: 'POST',
      path: '/omni/voice/1/call/1/hold',
    });
    expect((error as RedirectError).message).toContain(`redirect to ${other.url}/omni/voice/1/call/1/hold`);
    expect(other.received).toHaveLength(0);
    expect(omni.received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /omni/voice/1/call/1/hold']);
  });

  it('a same-origin 302 on a POST command is not turned into a GET that “succeeds”, nor retried', async () => {
    const omni = await serve((req, res) =>
      req.url.endsWith('/hold') ? redirect(res, 302, '/maintenance') : held(req, res),
    );
    const { agent } = agentOf(omni.url, { maxRetries: 3 });
    const error = await agent.calls.hold(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ status: 302, location: '/maintenance' });
    expect(omni.received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /omni/voice/1/call/1/hold']);
  });

  it('a 301 on an idempotent GET is thrown, not retried: a redirect does not go away by asking again', async () => {
    const omni = await serve((_, res) => redirect(res, 301, 'https://omni.example.com/omni/users'));
    const { agent } = agentOf(omni.url, { maxRetries: 3 });
    await expect(agent.users.list()).rejects.toMatchObject({
      name: 'RedirectError',
      status: 301,
      location: 'https://omni.example.com/omni/users',
    });
    expect(omni.received).toHaveLength(1);
  });

  it('authorize answered with a redirect: a RedirectError, not a refused login, and the password goes nowhere else', async () => {
    const other = await serve(held);
    const omni = await serve((req, res) => redirect(res, 308, other.url + req.url));
    const { client } = agentOf(omni.url);
    const error = await client.authorize('agent1', 'password1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).not.toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 308, routeId: 'authorize' });
    expect(other.received).toHaveLength(0);
  });

  it('an injected fetch gets a Request that asks not to follow redirects', async () => {
    const other = await serve(held);
    const omni = await serve((req, res) => redirect(res, 303, other.url + req.url));
    const seen: RequestRedirect[] = [];
    const { agent } = agentOf(omni.url, {
      fetch: (request) => {
        seen.push(request.redirect);
        return globalThis.fetch(request);
      },
    });
    await expect(agent.calls.make({ phone_number: '0800555001' })).rejects.toMatchObject({
      name: 'RedirectError',
      status: 303,
    });
    expect(seen).toEqual(['manual']);
    expect(other.received).toHaveLength(0);
  });
});
