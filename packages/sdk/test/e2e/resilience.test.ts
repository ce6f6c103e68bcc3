import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConnectionError,
  OmniClient,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../../src/index.js';
import { type MockTarget, startTarget, TRANSPORTS } from '../support/mock-target.js';

const HOUR = 3600_000;
const credentials = () => ({ password: 'password1' });
const count = (sent: string[], what: string) => sent.filter((s) => s === what).length;

describe.each(TRANSPORTS)('token lifecycle against the mock (%s)', (transport) => {
  let target: MockTarget;
  beforeEach(async () => {
    target = await startTarget(transport);
  });
  afterEach(() => target.close());

  it('with the mock’s clock injected: re-authorizes once, before sending, when the token expires', async () => {
    const client = target.client();
    const omni = client.withSession(await client.authorize('agent1', 'password1', { credentials }));
    await omni.campaigns.get(1);
    await target.advance(8 * HOUR);
    target.sent.length = 0;
    await Promise.all(Array.from({ length: 10 }, () => omni.campaigns.get(1)));
    expect(count(target.sent, 'POST /omni/user/authorize')).toBe(1);
    expect(target.sent[0]).toBe('POST /omni/user/authorize');
    expect(count(target.sent, 'GET /omni/campaign/1')).toBe(10);
  });

  it('with the wall clock (far from the mock’s): 10 concurrent TOKEN_EXPIRED refusals, one authorize', async () => {
    const client = new OmniClient({ baseUrl: target.baseUrl, systemKey: target.systemKey, fetch: target.fetch });
    const session = await client.authorize('agent1', 'password1', { credentials });
    const omni = client.withSession(session);
    const first = session.tokenKey;
    await target.advance(8 * HOUR + 1);
    target.sent.length = 0;
    const results = await Promise.all(Array.from({ length: 10 }, () => omni.lists.get(1)));
    expect(results.every((l) => l.list_id === 1)).toBe(true);
    expect(count(target.sent, 'POST /omni/user/authorize')).toBe(1);
    expect(count(target.sent, 'GET /omni/list/1')).toBe(20);
    expect(session.tokenKey).not.toBe(first);
  });

  it('without credentials the expiry reaches the caller as AuthenticationError TOKEN_EXPIRED', async () => {
    const client = new OmniClient({ baseUrl: target.baseUrl, systemKey: target.systemKey, fetch: target.fetch });
    const omni = client.withSession(await client.authorize('agent1', 'password1'));
    await target.advance(9 * HOUR);
    await expect(omni.users.list()).rejects.toMatchObject({
      constructor: AuthenticationError,
      errorCode: 'TOKEN_EXPIRED',
    });
  });

  it('a stored session is restored by another client and keeps working', async () => {
    const stored = JSON.stringify(await target.client().authorize('agent2', 'password2'));
    const other = target.client();
    const agent = other.agent(other.restoreSession(JSON.parse(stored)));
    expect((await agent.get()).user_name).toBe('agent2');
  });
});

describe('retries against the mock’s fault injection (http)', () => {
  let target: MockTarget;
  beforeEach(async () => {
    target = await startTarget('http');
  });
  afterEach(() => target.close());

  async function fault(body: Record<string, unknown>): Promise<number> {
    const res = await target.control('POST', '/__mock/faults', body);
    expect(res.status).toBe(200);
    return ((await res.json()) as { fault_id: number }).fault_id;
  }
  async function hits(): Promise<number[]> {
    const res = await target.control('GET', '/__mock/faults');
    return ((await res.json()) as { faults: { hits: number }[] }).faults.map((f) => f.hits);
  }

  it('503 on an idempotent route: retried up to maxRetries; on a create: sent once', async () => {
    const client = target.client({ maxRetries: 2, retryDelay: { baseMs: 1, maxMs: 5 } });
    const omni = client.withSession(await client.authorize('agent1', 'password1'));
    await fault({ route_id: 'getCampaign', error_code: 'INTERNAL', status: 503 });
    await fault({ route_id: 'createCampaign', error_code: 'INTERNAL', status: 503 });
    await expect(omni.campaigns.get(1)).rejects.toBeInstanceOf(ServerError);
    await expect(omni.campaigns.create({ campaign_name: 'x', campaign_type: 3 })).rejects.toBeInstanceOf(ServerError);
    expect(await hits()).toEqual([3, 1]);
  });

  it('429 with Retry-After: waits as told on an idempotent route, then succeeds', async () => {
    const delays: number[] = [];
    const client = target.client({ sleep: async (ms) => void delays.push(ms) });
    const omni = client.withSession(await client.authorize('agent1', 'password1'));
    const id = await fault({ route_id: 'listLists', error_code: 'RATE_LIMITED', retry_after_seconds: 2 });
    const pending = omni.lists.list();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(delays).toEqual([2000, 2000]);
    await target.control('DELETE', `/__mock/faults/${id}`);
    await fault({ route_id: 'listLists', error_code: 'RATE_LIMITED', retry_after_seconds: 1, rate: 0.5 });
    delays.length = 0;
    const lists = await omni.lists.list({ maxRetries: 10 });
    expect(lists.lists).toHaveLength(3);
    expect(delays.every((d) => d === 1000)).toBe(true);
  });

  it('latency beyond timeoutMs → TimeoutError (retried on GET, not on POST lead)', async () => {
    // Signed in with the default timeout: only the two faulted routes are held to 40 ms, so a
    // loaded machine answering authorize in over 40 ms cannot fail the test.
    const session = await target.client().authorize('agent1', 'password1');
    const client = target.client({ timeoutMs: 40, maxRetries: 1, retryDelay: { baseMs: 1 } });
    const omni = client.withSession(session);
    await fault({ route_id: 'getList', latency_ms: 200 });
    await fault({ route_id: 'addLead', latency_ms: 200 });
    target.sent.length = 0;
    await expect(omni.lists.get(1)).rejects.toBeInstanceOf(TimeoutError);
    await expect(
      omni.leads.add({ list_id: 1, other_info: 'x', phone_numbers: [{ phone_number: '0800555001' }] }),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(count(target.sent, 'GET /omni/list/1')).toBe(2);
    expect(count(target.sent, 'POST /omni/lead')).toBe(1);
  });

  it('a refused connection (nothing listening) is retried even for a non-idempotent route', async () => {
    const port = await freePort();
    let attempts = 0;
    const client = new OmniClient({
      baseUrl: `http://127.0.0.1:${port}`,
      systemKey: 'k',
      maxRetries: 2,
      retryDelay: { baseMs: 1 },
      fetch: (r) => {
        attempts += 1;
        return fetch(r);
      },
    });
    const error = await client.authorize('agent1', 'password1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).neverSent).toBe(true);
    expect(attempts).toBe(3);
  });
});

/** A port nobody listens on: bind one, note it, close it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
