/**
 * The browser's console client against a stubbed fetch: headers, answers checked, errors in words.
 *
 * @module
 */

import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleApiError } from '../../../src/web/api/console-api-error.js';
import { ConsoleClient } from '../../../src/web/api/console-client.js';

/** Every request the stubbed fetch received, in order. */
const calls: { url: string; init: RequestInit }[] = [];

function stubFetch(answer: () => Response | Promise<Response>): void {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer();
  });
}

function headersOf(i: number): Record<string, string> {
  const call = calls[i];
  if (!call) throw new Error(`no fetch call #${i}`);
  return call.init.headers as Record<string, string>;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  calls.length = 0;
});

describe('ConsoleClient', () => {
  it('sends the CSRF token on mutating calls only, and fills path parameters', async () => {
    const client = new ConsoleClient();
    client.setCsrfToken('csrf-1');
    stubFetch(() => json(200, { success: true, detail: 'held' }));
    await client.call('hold', { params: { call_id: 42 } });
    expect(calls[0]?.url).toBe('/api/calls/42/hold');
    expect(calls[0]?.init.method).toBe('POST');
    expect(headersOf(0)['X-CSRF-Token']).toBe('csrf-1');

    stubFetch(() =>
      json(200, {
        user_id: 1,
        user_name: 'agent1',
        extension: '1001',
        agent_state: 'paused',
        campaign_id: 1,
        registered: true,
        call_id: 0,
      }),
    );
    const agent = await client.call('getAgent');
    expect(agent.agent_state).toBe('paused');
    expect(headersOf(1)['X-CSRF-Token']).toBeUndefined();
  });

  it('sends the body as JSON', async () => {
    const client = new ConsoleClient();
    stubFetch(() =>
      json(200, {
        call_id: 7,
        phone_number: '0800555001',
        call_state: 'initiated',
        call_start_time: '2026-01-05T08:00:00.000Z',
      }),
    );
    const started = await client.call('dial', { body: { phone_number: '0800555001', lead_id: 3 } });
    expect(started.call_id).toBe(7);
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ phone_number: '0800555001', lead_id: 3 });
    expect(headersOf(0)['Content-Type']).toBe('application/json');
  });

  it('turns the console’s error body into an error with its sentence, Omni code and field', async () => {
    const client = new ConsoleClient();
    stubFetch(() =>
      json(409, {
        error: { code: 'CONFLICT', message: 'You are not logged in to a campaign.', omniCode: 'AGENT_NOT_LOGGED_IN' },
      }),
    );
    const failure = await client.call('dial', { body: { phone_number: '0800555001' } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConsoleApiError);
    expect(failure).toMatchObject({
      code: 'CONFLICT',
      status: 409,
      omniCode: 'AGENT_NOT_LOGGED_IN',
      message: 'You are not logged in to a campaign.',
    });
  });

  it('writes its own words for an answer that is not the console’s error body', async () => {
    const client = new ConsoleClient();
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(client.call('getAgent')).rejects.toThrow(/server had a problem/);
    stubFetch(() => new Response('nope', { status: 404 }));
    await expect(client.call('getAgent')).rejects.toThrow(/refused the request \(HTTP 404\)/);
  });

  it('says the server cannot be reached when fetch itself fails', async () => {
    const client = new ConsoleClient();
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const failure = await client.call('getAgent').catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'NETWORK', status: 0 });
    expect(String((failure as Error).message)).toMatch(/cannot be reached.*Failed to fetch/);
  });

  it('refuses an answer that does not match the route’s schema', async () => {
    const client = new ConsoleClient();
    stubFetch(() => json(200, { user_id: 'one' }));
    await expect(client.call('getAgent')).rejects.toThrow(/does not understand/);
  });

  it('reports a lost session once, but not for the session probe itself', async () => {
    const client = new ConsoleClient();
    const lost: string[] = [];
    client.onSessionLost((e) => lost.push(e.code));
    stubFetch(() => json(401, { error: { code: 'SESSION_EXPIRED', message: 'Your Omni session has expired.' } }));
    await expect(client.call('getAgent')).rejects.toThrow(/expired/);
    stubFetch(() => json(401, { error: { code: 'NOT_SIGNED_IN', message: 'Sign in first.' } }));
    await expect(client.call('getSession')).rejects.toThrow(/Sign in first/);
    stubFetch(() => json(401, { error: { code: 'SIGN_IN_FAILED', message: 'Wrong user name or password.' } }));
    await expect(client.call('signIn', { body: { user_name: 'a', password: 'b' } })).rejects.toThrow(/Wrong/);
    expect(lost).toEqual(['SESSION_EXPIRED']);
  });
});
