/**
 * A shotgun race started with `lead_id` holds that lead while it races (inferred, as a call with `lead_id` does: Omni
 * would not ring one customer from two lines), so no campaign dials it for another agent meanwhile. The race's end lets
 * it go the way a call's end does: won, the hold follows the winner and its CDR settles the lead with the agent's
 * disposition; lost or cancelled (no CDR), the lead is settled at once with the race's system disposition and may be
 * dialled again when that disposition recycles it.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem, type TestAgent } from '../../support/telephony.js';
import { addLead, campaignWithList, lead, mockCall } from '../dialler/support/http-campaign.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

/**
 * A Progressive campaign with one lead (numbers `leadPhones`, else the race's); agent 1 races on it (paused), agent 2
 * goes ready — with the lead held, the campaign has nothing to dial for agent 2.
 */
async function raceOnLead(
  phones: string[],
  options: { leadPhones?: string[]; settings?: Record<string, unknown> } = {},
): Promise<{
  c: OmniTestClient;
  token: string;
  leadId: number;
  racer: TestAgent;
  other: TestAgent;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert each field.
  race: { status: number; body: any };
}> {
  const c = await freshSystem(root);
  const token = await c.login('agent1');
  const { campaignId, listId } = await campaignWithList(c, token, 1, { max_attempts: 5, ...options.settings });
  const leadId = await addLead(c, token, listId, options.leadPhones ?? phones);
  const racer = await agentOf(c, 1, { campaignId });
  const other = await agentOf(c, 2, { campaignId });
  const race = await racer.post('/omni/voice/1/shotgun', { phone_numbers: phones, lead_id: leadId });
  expect(race.status).toBe(200);
  expect((await other.state('ready')).status).toBe(200);
  return { c, token, leadId, racer, other, race };
}

describe('a shotgun race started with lead_id', () => {
  it('holds the lead while it races: the campaign does not dial it for another agent', async () => {
    // 0800555009 answers after 8 s, 0800555003 rings out: the race runs 8 s.
    const { c, token, leadId, racer, other, race } = await raceOnLead(['0800555009', '0800555003']);
    await c.advance(4_000);
    expect((await racer.get(`/omni/voice/1/shotgun/${race.body.shotgun_id}`)).body.state).toBe('racing');
    expect((await other.view()).agent_state).toBe('ready');
    // One dial: the race's.
    expect((await lead(c, token, leadId)).attempts).toBe(1);
  });

  it('won: the hold follows the winner until its CDR, which settles the lead with the agent’s disposition', async () => {
    // The second number answers first (1 s): the winner is not the race's first leg.
    const { c, token, leadId, racer, other, race } = await raceOnLead(['0800555009', '0800555008']);
    await c.advance(1_500);
    const won = (await racer.get(`/omni/voice/1/shotgun/${race.body.shotgun_id}`)).body;
    expect(won.state).toBe('won');
    const winner = won.winner_call_id as number;
    expect(winner).toBe(race.body.calls[1].call_id);
    await c.advance(5_000);
    expect((await other.view()).agent_state).toBe('ready');
    expect((await racer.command(winner, 'hangup')).status).toBe(200);
    await c.advance(5_000);
    // Still in wrap-up: the lead is still the winner's.
    expect((await other.view()).agent_state).toBe('ready');
    const dispose = await racer.command(winner, 'dispose', {
      disposition_code: 'CALLBK',
      callback_date_time: '2026-01-05T08:10:00Z',
    });
    expect(dispose.status).toBe(200);
    expect((await lead(c, token, leadId)).status).toBe('CALLBK');
    // Released and due at its callback: the campaign dials it then for the ready agent.
    await c.advance(10 * 60_000);
    const view = await other.view();
    expect(['on_call', 'wrap_up']).toContain(view.agent_state);
    expect((await other.call(view.call_id)).lead_id).toBe(leadId);
    expect((await lead(c, token, leadId)).attempts).toBe(2);
  });

  it('lost: the lead is let go of with the race’s disposition, and dialled again when that recycles it', async () => {
    // Busy and invalid after 1 s: lost. One busy number among them makes the race `B`. The lead's one number is
    // tried: `B` recycles it after the campaign's delay.
    const { c, token, leadId, racer, other, race } = await raceOnLead(['0800555002', '0800555005'], {
      leadPhones: ['0800555002'],
      settings: { recycle_delay_minutes: 5 },
    });
    await c.advance(1_500);
    expect((await racer.get(`/omni/voice/1/shotgun/${race.body.shotgun_id}`)).body.state).toBe('lost');
    const settled = await lead(c, token, leadId);
    expect([settled.status, settled.attempts]).toEqual(['B', 1]);
    expect((await other.view()).agent_state).toBe('ready');
    await c.advance(4 * 60_000);
    expect((await lead(c, token, leadId)).attempts).toBe(1);
    // The campaign's delay is over: the lead is dialled again for the ready agent.
    await c.advance(60_000);
    expect((await lead(c, token, leadId)).attempts).toBe(2);
  });

  it('cancelled: the lead is let go of (NA) and may be dialled again at once when it has numbers left', async () => {
    const { c, token, leadId, racer, other, race } = await raceOnLead(['0800555009', '0800555003'], {
      leadPhones: ['0800555009', '0800555008'],
    });
    await c.advance(500);
    expect((await racer.post(`/omni/voice/1/shotgun/${race.body.shotgun_id}/cancel`)).status).toBe(200);
    // Its pass has a number left: due at once, so the campaign dials it (0800555008) for the ready agent now.
    const settled = await lead(c, token, leadId);
    expect([settled.status, settled.attempts]).toEqual(['NA', 2]);
    await c.advance(1_000);
    const view = await other.view();
    expect(view.agent_state).toBe('on_call');
    expect(await other.call(view.call_id)).toMatchObject({ lead_id: leadId, phone_number: '0800555008' });
  });

  it('counts one attempt whatever the numbers it rings; once won, last_call_id is the winner (the call of its CDR)', async () => {
    // Every number is the lead's; the second answers first (1 s).
    const phones = ['0800555009', '0800555008', '0800555003'];
    const { c, token, leadId, racer, race } = await raceOnLead(phones);
    const first = race.body.calls[0].call_id as number;
    expect(await lead(c, token, leadId)).toMatchObject({ attempts: 1, last_call_id: first });
    await c.advance(1_500);
    const winner = (await racer.get(`/omni/voice/1/shotgun/${race.body.shotgun_id}`)).body.winner_call_id as number;
    expect(winner).toBe(race.body.calls[1].call_id);
    expect(await lead(c, token, leadId)).toMatchObject({
      attempts: 1,
      last_call_id: winner,
      last_call_date_time: '2026-01-05T08:00:00.000Z',
    });
    await racer.command(winner, 'hangup');
    expect((await racer.command(winner, 'dispose', { disposition_code: 'NI' })).status).toBe(200);
    expect(await lead(c, token, leadId)).toMatchObject({ status: 'NI', attempts: 1, last_call_id: winner });
  });

  it('lost on the lead’s next number too: not rung again at once, the lead recycles after the campaign’s delay', async () => {
    // Busy after 1 s, declined after 4 s: lost (`B`) on both of the lead's numbers. One attempt leaves the pass a
    // number to dial — the one the race has just rung.
    const phones = ['0800555002', '0800555010'];
    const { c, token, leadId, racer, other, race } = await raceOnLead(phones, {
      settings: { recycle_delay_minutes: 5 },
    });
    await c.advance(4_500);
    expect((await racer.get(`/omni/voice/1/shotgun/${race.body.shotgun_id}`)).body.state).toBe('lost');
    expect(await lead(c, token, leadId)).toMatchObject({ status: 'B', attempts: 1 });
    expect((await other.view()).agent_state).toBe('ready');
    // Lost at 4 s, when the second number declined: the delay runs from then.
    await c.advance(4_000 + 5 * 60_000 - 4_500 - 1);
    expect((await lead(c, token, leadId)).attempts).toBe(1);
    await c.advance(1);
    // Dialled again for the ready agent: its next number (the campaign connects the agent only on an answer).
    const again = await lead(c, token, leadId);
    expect(again.attempts).toBe(2);
    expect((await mockCall(c, again.last_call_id)).body.call).toMatchObject({
      lead_id: leadId,
      phone_number: '0800555010',
      call_type: 2,
    });
  });
});
