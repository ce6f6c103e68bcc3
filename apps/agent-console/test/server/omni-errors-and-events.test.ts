import { NOTIFICATION_HEADERS } from '@omnikit/contracts';
import { signNotification } from '@omnikit/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleError } from '../../src/shared/console-errors.js';
import { ConsoleBrowser, type ConsoleFixture, EventReader, startConsoleFixture } from './console-fixture.js';

let fx: ConsoleFixture;
beforeEach(async () => {
  fx = await startConsoleFixture();
});
afterEach(async () => {
  await fx.close();
});

describe('Omni’s failures in words', () => {
  it('429 RATE_LIMITED keeps Retry-After', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    await fx.control('POST', '/__mock/faults', {
      route_id: 'listCampaigns',
      error_code: 'RATE_LIMITED',
      retry_after_seconds: 7,
    });
    const res = await browser.request('GET', '/api/campaigns');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    const { error } = consoleError.parse(await res.json());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', omniCode: 'RATE_LIMITED' });
    expect(error.message).toMatch(/Omni is busy/);
  });

  it('a 5xx from Omni is 502 OMNI_UNAVAILABLE, and the session survives it', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    await fx.control('POST', '/__mock/faults', { route_id: 'makeCall', error_code: 'INTERNAL', status: 503 });
    await fx.control('POST', '/__mock/phones/1001/register');
    await browser.json('POST', '/api/login', { campaign_id: 1 });
    const res = await browser.request('POST', '/api/calls', { phone_number: '0800555008' });
    expect(res.status).toBe(502);
    expect(consoleError.parse(await res.json()).error).toMatchObject({
      code: 'OMNI_UNAVAILABLE',
      omniCode: 'INTERNAL',
    });
    await fx.control('DELETE', '/__mock/faults');
    expect((await browser.request('GET', '/api/agent')).status).toBe(200);
  });

  it('EXTENSION_NOT_REGISTERED at campaign login says to wait for the phone', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    const res = await browser.request('POST', '/api/login', { campaign_id: 1 });
    expect(res.status).toBe(409);
    const { error } = consoleError.parse(await res.json());
    expect(error.omniCode).toBe('EXTENSION_NOT_REGISTERED');
    expect(error.message).toMatch(/phone is not registered yet/);
  });

  it('Omni unreachable: sign-in answers 502 in words, no session', async () => {
    await fx.mock.close();
    const browser = new ConsoleBrowser(fx.url);
    const res = await browser.signIn();
    expect(res.status).toBe(502);
    expect(consoleError.parse(await res.json()).error.message).toMatch(/cannot be reached/);
    expect(fx.server.deps.sessions.size).toBe(0);
    fx.mock = { ...fx.mock, close: async () => {} };
  });

  it('an expired Omni token is renewed with the kept password; a refused renewal ends the session', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    const events = await EventReader.open(browser);
    await events.until((e) => e.some((x) => x.event === 'hello'));
    await fx.advance(9 * 3_600_000); // tokens live 8 h on the system's clock
    const renewed = await browser.request('GET', '/api/agent');
    expect(renewed.status).toBe(200);
    const journal = await fx.control('GET', '/__mock/journal?route_id=authorize&limit=10');
    const authorizes = ((await journal.json()) as { entries: { status: number }[] }).entries;
    expect(authorizes.map((e) => e.status)).toEqual([200, 200]); // the sign-in and the renewal

    // The password no longer works (changed at Omni): the token cannot be renewed, the agent signs in again.
    await fx.control('POST', '/__mock/faults', { route_id: 'authorize', error_code: 'INVALID_TOKEN' });
    await fx.advance(9 * 3_600_000);
    const res = await browser.request('GET', '/api/agent');
    expect(res.status).toBe(401);
    const { error } = consoleError.parse(await res.json());
    expect(error.code).toBe('SESSION_EXPIRED');
    expect(error.message).toMatch(/sign in again/);
    await events.ended();
    expect(events.events.at(-1)).toEqual({ event: 'session', data: { state: 'expired' } });
    expect(fx.server.deps.sessions.size).toBe(0);
    expect((await browser.request('GET', '/api/session')).status).toBe(401);
    // Omni may have been reset: /health no longer claims the notification endpoint.
    const health = (await (await fetch(`${fx.url}/health`)).json()) as { webhook_endpoint: { state: string } };
    expect(health.webhook_endpoint.state).toBe('unknown');
  });
});

describe('the webhook', () => {
  it('refuses a delivery without a valid signature (401) and streams nothing from it', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    const events = await EventReader.open(browser);
    await events.until((e) => e.length >= 1);
    const body = JSON.stringify({
      type: 'agent_state',
      payload: {
        user_id: 1,
        campaign_id: 1,
        extension: '1001',
        agent_state: 'ready',
        previous_state: 'paused',
        pause_code: '',
        reason: 'agent',
        timestamp: '2026-01-05T08:00:00.000Z',
      },
    });
    const ts = Math.floor(Date.now() / 1000);
    const forged = await signNotification(body, 'not-the-secret', ts);
    const res = await fetch(`${fx.url}/webhooks/omni`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [NOTIFICATION_HEADERS.id]: 'forged-1',
        [NOTIFICATION_HEADERS.timestamp]: String(ts),
        [NOTIFICATION_HEADERS.signature]: forged,
      },
      body,
    });
    expect(res.status).toBe(401);
    // A genuine one, signed with the console's secret, goes through.
    const good = await signNotification(body, fx.server.deps.webhookSecret, ts);
    const ok = await fetch(`${fx.url}/webhooks/omni`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [NOTIFICATION_HEADERS.id]: 'real-1',
        [NOTIFICATION_HEADERS.timestamp]: String(ts),
        [NOTIFICATION_HEADERS.signature]: good,
      },
      body,
    });
    expect(ok.status).toBe(200);
    await events.until((e) => e.some((x) => x.event === 'notification'));
    expect(events.events.filter((x) => x.event === 'notification')).toHaveLength(1);
    events.close();
  });

  it('an inbound call on the blended campaign reaches the agent’s stream with the caller and the number dialled', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent4', 'password4');
    const events = await EventReader.open(browser);
    await fx.control('POST', '/__mock/phones/1004/register');
    await browser.json('POST', '/api/login', { campaign_id: 5 });
    await browser.json('POST', '/api/state', { state: 'ready' });
    await fx.control('POST', '/__mock/inbound', { did: '0861000005', phone_number: '0825550101' });
    await fx.advance(2000);
    await events.until((e) =>
      e.some((x) => x.event === 'notification' && (x.data as { type: string }).type === 'inbound'),
    );
    const inbound = events.events.find(
      (x) => x.event === 'notification' && (x.data as { type: string }).type === 'inbound',
    )?.data as { payload: { user_id: number; phone_number: string; DNIS: string } };
    expect(inbound.payload).toMatchObject({ user_id: 4, phone_number: '0825550101', DNIS: '0861000005' });
    events.close();
  });
});
