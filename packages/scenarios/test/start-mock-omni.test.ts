import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockOmniFixture, startMockOmni } from '../src/index.js';

describe('startMockOmni', () => {
  let a: MockOmniFixture;
  let b: MockOmniFixture;
  beforeAll(async () => {
    [a, b] = await Promise.all([startMockOmni({ seed: 3 }), startMockOmni({ seed: 3, webhooks: false })]);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('gives each test file its own mock: own URL, demo key and users, own clock', async () => {
    expect(a.baseUrl).not.toBe(b.baseUrl);
    expect(a.systemKey).toBe('omni-demo-key');
    expect(a.users.map((u) => u.userName)).toEqual(['agent1', 'agent2', 'agent3', 'agent4', 'agent5']);
    expect(a.sipServer).toBe(`${a.baseUrl.replace('http', 'ws')}/ws`);
    const start = a.clock.now();
    expect(start).toBe(Date.parse('2026-01-05T08:00:00.000Z'));
    expect(await a.clock.advance(60_000)).toBe(start + 60_000);
    expect(b.clock.now()).toBe(start);
    expect((await b.control.call('getClock')).now_ms).toBe(start);
  });

  it('sets the endpoint to its signed inbox (unless webhooks: false) and waits for notifications', async () => {
    const client = a.client();
    const omni = client.withSession(await client.authorize('agent2', 'password2'));
    expect(await omni.notifications.getEndpoint()).toMatchObject({ url: a.webhookUrl, secret_set: true });
    const bClient = b.client();
    const bOmni = bClient.withSession(await bClient.authorize('agent2', 'password2'));
    expect((await bOmni.notifications.getEndpoint()).url).toBeNull();

    const agent = client.agent(await client.authorize('agent2', 'password2'));
    await a.registerPhone('1002');
    await agent.login({ campaign_id: 1, extension: '1002' });
    const n = await a.waitFor('agent_state', (x) => x.payload.user_id === 2);
    expect(n.payload).toMatchObject({ agent_state: 'paused', extension: '1002' });
    expect(a.notifications().some((x) => x.type === 'agent_state')).toBe(true);
    await expect(a.waitFor('cdr', () => true, 200)).rejects.toThrow(/no matching notification within 200 ms/);
  });

  it('adminKey: the mock wants it on its control API, and the fixture’s control client sends it', async () => {
    const guarded = await startMockOmni({ adminKey: 'fixture-admin-key' });
    try {
      expect((await fetch(`${guarded.baseUrl}/__mock/clock`)).status).toBe(401);
      expect(await guarded.clock.advance(1_000)).toBe(Date.parse('2026-01-05T08:00:01.000Z'));
      await guarded.registerPhone('1003');
      expect((await guarded.control.call('listPhones')).phones.map((p) => p.extension)).toContain('1003');
    } finally {
      await guarded.close();
    }
  });
});
