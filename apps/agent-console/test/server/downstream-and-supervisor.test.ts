import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NOTIFICATION_HEADERS } from '@omnikit/contracts';
import { createNotificationHandler, type Notification, signNotification } from '@omnikit/sdk';
import { toNodeListener } from '@omnikit/sdk/node';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleError } from '../../src/shared/console-errors.js';
import { phoneSettings, supervisorView } from '../../src/shared/console-schemas.js';
import { ConsoleBrowser, type ConsoleFixture, EventReader, sleep, startConsoleFixture } from './console-fixture.js';

let fx: ConsoleFixture | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  receiver = undefined;
});

async function startReceiver(
  secret: string,
  respond?: (n: Notification) => void,
): Promise<{ url: string; got: { n: Notification; id: string | undefined }[] }> {
  const got: { n: Notification; id: string | undefined }[] = [];
  receiver = createServer(
    toNodeListener(
      createNotificationHandler({
        secret,
        awaitHandler: true,
        onNotification: (n, delivery) => {
          respond?.(n);
          got.push({ n, id: delivery.id });
        },
      }),
    ),
  );
  await new Promise<void>((r) => receiver?.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm`, got };
}

async function until(found: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!found()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await sleep(20);
  }
}

describe('downstream forwarding', () => {
  it('forwards every notification, signed with the downstream secret, to a real local receiver', async () => {
    const { url, got } = await startReceiver('crm-secret-123');
    fx = await startConsoleFixture({ args: ['--downstream-url', url, '--downstream-secret', 'crm-secret-123'] });
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    await fx.control('POST', '/__mock/phones/1001/register');
    await browser.json('POST', '/api/login', { campaign_id: 1 });
    await browser.json('POST', '/api/state', { state: 'ready' });
    await until(() => got.filter((g) => g.n.type === 'agent_state').length >= 2);
    // The receiver verified each signature (else it answers 401 and nothing is pushed).
    expect(got.every((g) => g.n.payload.user_id === 1)).toBe(true);
    expect(got.every((g) => g.id !== undefined && g.id.length > 0)).toBe(true);
    const stats = (await browser.json('GET', '/health')).downstream as Record<string, number>;
    expect(stats.forwarded).toBe(got.length);
    expect(stats.failed).toBe(0);
  });

  it('a receiver that refuses every forward does not hold up the agent’s own stream or Omni’s delivery', async () => {
    // This receiver signs with another secret: every forward is refused with 401.
    const { url } = await startReceiver('another-secret');
    fx = await startConsoleFixture({ args: ['--downstream-url', url, '--downstream-secret', 'crm-secret-123'] });
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    await fx.control('POST', '/__mock/phones/1001/register');
    await browser.json('POST', '/api/login', { campaign_id: 1 });
    await until(() => fx?.server.deps.hub.received !== undefined && fx.server.deps.hub.received >= 1);
    await until(() => (fx?.server.deps.forwarder?.stats.failed ?? 0) >= 1);
    expect(fx.server.deps.forwarder?.stats.forwarded).toBe(0);
    expect(fx.logs.some((l) => /downstream .* answered 401/.test(l))).toBe(true);
    // Omni (the mock) saw the console's webhook take every delivery with a 2xx.
    const res = await fx.control('GET', '/__mock/webhook/deliveries?limit=50');
    const { deliveries } = (await res.json()) as { deliveries: { state: string }[] };
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.map((d) => d.state)).toEqual(deliveries.map(() => 'delivered'));
  });

  it('a receiver that never answers: the agent’s stream is not held up, the forward times out', async () => {
    const hanging = createServer(() => {
      // never answers
    });
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    const hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/crm`;
    try {
      fx = await startConsoleFixture({ args: ['--downstream-url', hangingUrl], downstreamTimeoutMs: 3000 });
      const browser = new ConsoleBrowser(fx.url);
      await browser.signIn();
      const events = await EventReader.open(browser);
      await fx.control('POST', '/__mock/phones/1001/register');
      await browser.json('POST', '/api/login', { campaign_id: 1 });
      await browser.json('POST', '/api/state', { state: 'ready' });
      // Both reach the agent before the first forward can even time out (3 s): nothing waits on it.
      await events.until((e) => e.filter((x) => x.event === 'notification').length >= 2, 2000);
      expect(fx.server.deps.forwarder?.stats.failed).toBe(0);
      await until(() => (fx?.server.deps.forwarder?.stats.failed ?? 0) >= 1, 8000);
      expect(fx.logs.some((l) => /downstream .* failed/.test(l))).toBe(true);
      events.close();
    } finally {
      hanging.closeAllConnections();
      await new Promise<void>((r) => hanging.close(() => r()));
    }
  });

  it('refuses a downstream URL that is not http(s) at start', async () => {
    await expect(startConsoleFixture({ args: ['--downstream-url', 'ftp://x'] })).rejects.toThrow(/--downstream-url/);
  });
});

describe('supervisor view (mock only)', () => {
  it('shows each campaign’s live statistics and the agents’ states', async () => {
    fx = await startConsoleFixture();
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent3', 'password3');
    await fx.control('POST', '/__mock/phones/1003/register');
    await browser.json('POST', '/api/login', { campaign_id: 1 });
    await browser.json('POST', '/api/state', { state: 'ready' });
    const view = supervisorView.parse(await browser.json('GET', '/api/supervisor'));
    expect(view.campaigns.length).toBeGreaterThan(0);
    const c1 = view.campaigns.find((c) => c.campaign_id === 1);
    expect(c1?.stats.campaign_id).toBe(1);
    expect(c1?.stats.agents.ready).toBe(1);
    const a3 = view.agents.find((a) => a.user_name === 'agent3');
    expect(a3).toMatchObject({ extension: '1003', phone: 'virtual', agent_state: 'ready', campaign_id: 1 });
    const a4 = view.agents.find((a) => a.user_name === 'agent4');
    expect(a4).toMatchObject({ phone: 'none', agent_state: null });
  });

  it('an agent not signed in here shows its newest agent_state, though an older one was delivered last', async () => {
    fx = await startConsoleFixture();
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent3', 'password3');
    const deliver = async (id: string, state: string, previous: string, timestamp: string) => {
      const body = JSON.stringify({
        type: 'agent_state',
        payload: {
          user_id: 4,
          campaign_id: 1,
          extension: '1004',
          agent_state: state,
          previous_state: previous,
          pause_code: '',
          reason: 'api',
          timestamp,
        },
      });
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(`${fx?.url}/webhooks/omni`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [NOTIFICATION_HEADERS.id]: id,
          [NOTIFICATION_HEADERS.timestamp]: String(ts),
          [NOTIFICATION_HEADERS.signature]: await signNotification(body, fx?.server.deps.webhookSecret ?? '', ts),
        },
        body,
      });
      expect(res.status).toBeLessThan(300);
    };
    // Omni's retry of the campaign login's `paused` lands after the `ready` that followed it.
    await deliver('n-2', 'ready', 'paused', '2026-01-05T08:02:00.000Z');
    await deliver('n-1', 'paused', 'logged_out', '2026-01-05T08:01:00.000Z');
    const view = supervisorView.parse(await browser.json('GET', '/api/supervisor'));
    expect(view.agents.find((a) => a.user_id === 4)).toMatchObject({
      agent_state: 'ready',
      campaign_id: 1,
      since: '2026-01-05T08:02:00.000Z',
    });
  });

  it('against a mock with an admin key: works with --admin-key, and says to check it without', async () => {
    fx = await startConsoleFixture({ mockAdminKey: 'console-admin-key', args: ['--admin-key', 'console-admin-key'] });
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent2', 'password2');
    expect(supervisorView.parse(await browser.json('GET', '/api/supervisor')).agents.length).toBe(5);
    await fx.close();
    fx = await startConsoleFixture({ mockAdminKey: 'console-admin-key' });
    const without = new ConsoleBrowser(fx.url);
    await without.signIn('agent2', 'password2');
    const res = await without.request('GET', '/api/supervisor');
    expect(res.status).toBe(502);
    const { error } = consoleError.parse(await res.json());
    expect(error.message).toContain('Check --admin-key');
  });

  it('rings an inbound call on a campaign’s DID; the ready agent gets it on its stream', async () => {
    fx = await startConsoleFixture();
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent4', 'password4');
    const events = await EventReader.open(browser);
    await fx.control('POST', '/__mock/phones/1004/register');
    await browser.json('POST', '/api/login', { campaign_id: 5 });
    await browser.json('POST', '/api/state', { state: 'ready' });
    const placed = await browser.json<{ success: boolean; call_id: number; detail: string }>(
      'POST',
      '/api/supervisor/inbound',
      { did: '0861000005', phone_number: '0825550101' },
    );
    expect(placed).toMatchObject({ success: true, detail: expect.stringContaining('0861000005') });
    expect(placed.call_id).toBeGreaterThan(0);
    await fx.advance(2000);
    const isInbound = (x: { event: string; data: unknown }) =>
      x.event === 'notification' && (x.data as { type: string }).type === 'inbound';
    await events.until((e) => e.some(isInbound));
    const inbound = events.events.find(isInbound)?.data as { payload: { call_id: number; DNIS: string } };
    expect(inbound.payload).toMatchObject({ call_id: placed.call_id, DNIS: '0861000005' });
    events.close();
  });

  it('an inbound call to a number no campaign has, or a malformed one: a 4xx in words, nothing rings', async () => {
    fx = await startConsoleFixture();
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    const unknown = await browser.request('POST', '/api/supervisor/inbound', {
      did: '0861999999',
      phone_number: '0825550101',
    });
    const refused = consoleError.parse(await unknown.json()).error;
    expect([unknown.status, refused.code]).toEqual([404, 'NOT_FOUND']);
    expect(refused.message).toMatch(/^The mock refused the inbound call: .*0861999999/);
    const bad = await browser.request('POST', '/api/supervisor/inbound', { did: 'sales', phone_number: '0825550101' });
    expect(bad.status).toBe(400);
    expect(consoleError.parse(await bad.json()).error).toMatchObject({ code: 'BAD_REQUEST', field: 'did' });
    const stats = supervisorView.parse(await browser.json('GET', '/api/supervisor')).campaigns;
    expect(stats.map((c) => c.stats.inbound_offered)).toEqual([0, 0, 0, 0, 0]);
  });

  it('answers 404 MOCK_ONLY in words against a real Omni', async () => {
    fx = await startConsoleFixture({ args: ['--target', 'omni', '--system-key', 'omni-demo-key'] });
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    const res = await browser.request('GET', '/api/supervisor');
    expect(res.status).toBe(404);
    const { error } = consoleError.parse(await res.json());
    expect(error.code).toBe('MOCK_ONLY');
    expect(error.message).toMatch(/only against the mock/);
    const inbound = await browser.request('POST', '/api/supervisor/inbound', {
      did: '0861000005',
      phone_number: '0825550101',
    });
    expect(inbound.status).toBe(404);
    expect(consoleError.parse(await inbound.json()).error.code).toBe('MOCK_ONLY');
  });
});

describe('phone settings against a real Omni', () => {
  it('come from --webrtc-password; without one, 409 in words', async () => {
    fx = await startConsoleFixture({
      args: [
        '--target',
        'omni',
        '--system-key',
        'omni-demo-key',
        '--webrtc-password',
        'agent2=s3cret',
        '--sip-realm',
        'omni.example',
      ],
    });
    const two = new ConsoleBrowser(fx.url);
    await two.signIn('agent2', 'password2');
    const phone = phoneSettings.parse(await two.json('GET', '/api/phone'));
    expect(phone).toMatchObject({ extension: '1002', password: 's3cret', realm: 'omni.example' });
    const one = new ConsoleBrowser(fx.url);
    await one.signIn('agent1', 'password1');
    const res = await one.request('GET', '/api/phone');
    expect(res.status).toBe(409);
    expect(consoleError.parse(await res.json()).error.message).toMatch(/--webrtc-password agent1=/);
  });
});
