import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewLead } from '../../../src/shared/console-schemas.js';
import { ConsoleBrowser, type ConsoleFixture, EventReader, startConsoleFixture } from '../console-fixture.js';

type Note = { type: string; payload: Record<string, unknown> };

let fx: ConsoleFixture;
beforeEach(async () => {
  fx = await startConsoleFixture();
});
afterEach(async () => {
  await fx.close();
});

describe('preview and dialler calls through the backend', () => {
  it('preview: take a lead, skip it, take a lead again, dial it by lead_id', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent3', 'password3');
    await fx.control('POST', '/__mock/phones/1003/register');
    await browser.json('POST', '/api/login', { campaign_id: 3 });
    const first = previewLead.parse(await browser.json('POST', '/api/preview/next'));
    expect(first.lead).not.toBeNull();
    const firstId = first.lead?.lead_id ?? 0;
    expect((await browser.json('POST', '/api/preview/skip', { lead_id: firstId })).success).toBe(true);
    const second = previewLead.parse(await browser.json('POST', '/api/preview/next'));
    expect(second.lead?.lead_id).toBeGreaterThan(0);
    const number = second.lead?.phone_numbers[0]?.phone_number ?? '';
    const call = await browser.json<{ call_id: number }>('POST', '/api/calls', {
      phone_number: number,
      lead_id: second.lead?.lead_id,
    });
    const view = await browser.json<{ lead_id: number }>('GET', `/api/calls/${call.call_id}`);
    expect(view.lead_id).toBe(second.lead?.lead_id);
  });

  // 0: as fast as the machine delivers; 150: every notification held 150 ms on the wall clock (the
  // mock's chaos delay), as a busy machine may, which must not change what the agent sees.
  it.each([0, 150])(
    'a progressive dialler call reaches the ready agent; its lead’s other_info follows from the agent’s call (webhook delay %i ms)',
    async (delayMs) => {
      const browser = new ConsoleBrowser(fx.url);
      await browser.signIn('agent5', 'password5');
      const events = await EventReader.open(browser);
      await fx.control('POST', '/__mock/phones/1005/register');
      const chaos = await fx.control('PUT', '/__mock/webhook/chaos', { delay_ms: delayMs });
      expect(chaos.status).toBe(200);
      await browser.json('POST', '/api/login', { campaign_id: 2 });
      await browser.json('POST', '/api/state', { state: 'ready' });
      // The dialler routes an answered call to the agent: agent_state on_call (reason dialler_route)
      // arrives on the stream; the agent's call_id, the call's lead_id, the lead's other_info follow.
      const routed = (e: { event: string; data: unknown }[]) =>
        e.some((x) => {
          const n = x.data as Note;
          return x.event === 'notification' && n.type === 'agent_state' && n.payload.reason === 'dialler_route';
        });
      // The clock stops as soon as Omni has the agent on the call (its own state, read through the
      // console), not when the notification has come round: the webhook travels on the wall clock, and
      // moving the manual clock on while it is in flight would end the call (the callee hangs up after
      // its talk time) before the agent's state below is read.
      const agentNow = () => browser.json<{ agent_state: string; call_id: number }>('GET', '/api/agent');
      for (let i = 0; i < 60 && (await agentNow()).agent_state !== 'on_call'; i++) await fx.advance(5000);
      await events.until(routed);
      const agent = await agentNow();
      expect(agent.agent_state).toBe('on_call');
      const call = await browser.json<{ call_type: number; lead_id: number }>('GET', `/api/calls/${agent.call_id}`);
      expect(call.call_type).toBe(2);
      expect(call.lead_id).toBeGreaterThan(0);
      const lead = await browser.json<{ other_info: string }>('GET', `/api/leads/${call.lead_id}`);
      expect(lead.other_info.length).toBeGreaterThan(0);
      events.close();
    },
  );
});
