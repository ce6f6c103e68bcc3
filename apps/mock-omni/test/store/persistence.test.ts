import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TimerRun } from '../../src/index.js';
import { OmniTestClient, startMock } from '../support/omni-client.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('restart on the same file', () => {
  it('keeps every system, user, campaign, list, lead, token, DNC number, clock and pending timer', async () => {
    const db = join(dir, 'omni.db');
    const ran: string[] = [];
    const timerHandlers = { test: (run: TimerRun) => void ran.push((run.timer.payload as { label: string }).label) };

    const first = await startMock({ db, timerHandlers });
    const sysRes = await first.client.request('POST', '/__mock/systems', {
      body: { system_key: 'persisted-system', clock: 'manual', seed: 5 },
    });
    expect(sysRes.status).toBe(200);
    const a = first.client.withKey('persisted-system');
    await a.advance(60_000);
    const token = await a.login('agent2');
    const campaign = await a.request('POST', '/omni/campaign', {
      token,
      body: { campaign_name: 'Kept', campaign_type: 3 },
    });
    const list = await a.request('POST', '/omni/list', { token, body: { list_name: 'Kept list', campaign_id: 6 } });
    const lead = await a.request('POST', '/omni/lead', {
      token,
      body: { other_info: 'kept lead', list_id: list.body.list_id, phone_numbers: [{ phone_number: '0215550100' }] },
    });
    await a.request('POST', '/__mock/users', {
      body: { user_name: 'kept.user', password: 'pw-kept', extension: '3001', webrtc_password: 'wr' },
    });
    await a.request('POST', '/__mock/dnc', { body: { phone_numbers: ['0215550999'] } });
    await a.request('PUT', '/__mock/office-hours', { body: { time_zone: 'Europe/London', windows: [] } });
    const sys = first.mock.services.registry.get('persisted-system')!;
    first.mock.services.timers.schedule(sys.systemId, sys.clock.now() + 5000, 'test', { label: 'after-restart' });
    const defaultToken = await first.client.login('agent1');
    await first.mock.close();

    const second = await startMock({ db, timerHandlers });
    try {
      const b = new OmniTestClient(second.mock, 'persisted-system');
      const view = (await b.request('GET', '/__mock/system')).body;
      expect(view).toMatchObject({
        seed: 5,
        // The test timer and the demo WhatsApp conversation's window.
        clock: { mode: 'manual', now: '2026-01-05T08:01:00.000Z', pending_timers: 2 },
      });
      expect(view.office_hours).toEqual({ time_zone: 'Europe/London', windows: [] });
      expect((await b.request('GET', '/omni/campaign/6', { token })).body.campaign_name).toBe('Kept');
      expect((await b.request('GET', `/omni/list/${list.body.list_id}`, { token })).body.lead_count).toBe(1);
      expect((await b.request('GET', `/omni/lead/${lead.body.lead_id}`, { token })).body.other_info).toBe('kept lead');
      expect((await b.request('GET', '/omni/users', { token })).body.users).toHaveLength(6);
      expect((await b.request('GET', '/__mock/dnc')).body.phone_numbers).toEqual(['0215550999']);
      expect(campaign.body.campaign_id).toBe(6);
      // The default system and its token survived too.
      expect((await second.client.request('GET', '/omni/users', { token: defaultToken })).status).toBe(200);
      // Ids keep counting where they stopped.
      const next = await b.request('POST', '/omni/campaign', {
        token,
        body: { campaign_name: 'Next', campaign_type: 3 },
      });
      expect(next.body.campaign_id).toBe(7);
      // The pending timer runs when its time comes.
      expect(ran).toEqual([]);
      const adv = await b.advance(5000);
      expect(adv.body.timers_run).toBe(1);
      expect(ran).toEqual(['after-restart']);
    } finally {
      await second.mock.close();
    }
  });

  it('re-arms pending timers of a running clock after a restart', async () => {
    const db = join(dir, 'running.db');
    const ran: string[] = [];
    const timerHandlers = { test: (run: TimerRun) => void ran.push((run.timer.payload as { label: string }).label) };
    const first = await startMock({ db, clock: 'scaled:1000', timerHandlers });
    const sys = first.mock.services.registry.getDefault();
    first.mock.services.timers.schedule(sys.systemId, sys.clock.now() + 3_600_000, 'test', { label: 'far' });
    await first.mock.close();
    expect(ran).toEqual([]);
    // Restart with the clock far enough on that the timer is already due: the driver runs it by itself.
    const wall = Date.now() + 4_000;
    const second = await startMock({ db, timerHandlers, wallNow: () => wall });
    try {
      const deadline = Date.now() + 2000;
      while (ran.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(ran).toEqual(['far']);
    } finally {
      await second.mock.close();
    }
  });
});
