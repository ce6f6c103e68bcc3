/**
 * A `CALLBK` dials the number the person was reached on (inferred: omni-api.md is silent; a callback is a promise to
 * call the person back where they were reached): the number of the lead's last call (`last_call_id`), whichever dial
 * placed it — a shotgun race won on another of the lead's numbers, an agent's call with `lead_id` on its 2nd or 3rd
 * number. Dials that are not callbacks keep the lead's rotation (number `attempts mod n`). Over real HTTP on
 * 127.0.0.1, on a SQLite file.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OmniTestClient } from '../../support/omni-client.js';
import { type MockOverHttp, startMockOverHttp } from '../../support/socket-client.js';
import { agentOf, freshSystem, type TestAgent } from '../../support/telephony.js';
import { addLead, campaignWithList, lead, mockCall } from './support/http-campaign.js';

let served: MockOverHttp;
let root: OmniTestClient;
beforeAll(async () => {
  served = await startMockOverHttp();
  root = served.client;
});
afterAll(() => served.close());

/** A Progressive campaign with one lead of `phones`; agent 1 (paused) calls it, agent 2 waits to go ready. */
async function leadWithAgents(phones: string[]): Promise<{
  c: OmniTestClient;
  token: string;
  leadId: number;
  caller: TestAgent;
  other: TestAgent;
}> {
  const c = await freshSystem(root);
  const token = await c.login('agent1');
  const { campaignId, listId } = await campaignWithList(c, token, 1, { max_attempts: 5 });
  const leadId = await addLead(c, token, listId, phones);
  const caller = await agentOf(c, 1, { campaignId });
  const other = await agentOf(c, 2, { campaignId });
  return { c, token, leadId, caller, other };
}

/** The number the lead's last call dialled. */
async function lastCallNumber(c: OmniTestClient, token: string, leadId: number): Promise<string> {
  const { last_call_id } = await lead(c, token, leadId);
  const call = await mockCall(c, last_call_id);
  expect(call.status).toBe(200);
  expect(call.body.call.lead_id).toBe(leadId);
  return call.body.call.phone_number as string;
}

describe('a CALLBK callback', () => {
  it('after a shotgun race won on the lead’s 2nd number, dials that number, not the 1st', async () => {
    // 0800555008 answers after 1 s, 0800555009 after 8 s: the race's second leg wins.
    const phones = ['0800555009', '0800555008'];
    const { c, token, leadId, caller, other } = await leadWithAgents(phones);
    const race = await caller.post('/omni/voice/1/shotgun', { phone_numbers: phones, lead_id: leadId });
    expect(race.status).toBe(200);
    expect((await other.state('ready')).status).toBe(200);
    await c.advance(1_500);
    const won = (await caller.get(`/omni/voice/1/shotgun/${race.body.shotgun_id}`)).body;
    expect(won.state).toBe('won');
    const winner = won.winner_call_id as number;
    expect(winner).toBe(race.body.calls[1].call_id);
    expect(await lead(c, token, leadId)).toMatchObject({ attempts: 1, last_call_id: winner });

    expect((await caller.command(winner, 'hangup')).status).toBe(200);
    const dispose = await caller.command(winner, 'dispose', {
      disposition_code: 'CALLBK',
      callback_date_time: '2026-01-05T08:10:00Z',
    });
    expect(dispose.status).toBe(200);
    await c.advance(10 * 60_000);
    const called = await lead(c, token, leadId);
    expect(called.attempts).toBe(2);
    expect(called.last_call_id).not.toBe(winner);
    expect(await lastCallNumber(c, token, leadId)).toBe('0800555008');
  });

  it('after an agent’s call with lead_id on the lead’s 3rd number, dials that number', async () => {
    const { c, token, leadId, caller, other } = await leadWithAgents(['0800555003', '0800555009', '0800555008']);
    const call = await caller.dial('0800555008', { lead_id: leadId });
    expect(call.status).toBe(200);
    expect((await other.state('ready')).status).toBe(200);
    await c.advance(2_000);
    expect((await caller.call(call.body.call_id)).call_state).toBe('answered');
    expect((await caller.command(call.body.call_id, 'hangup')).status).toBe(200);
    const dispose = await caller.command(call.body.call_id, 'dispose', {
      disposition_code: 'CALLBK',
      callback_date_time: '2026-01-05T08:10:00Z',
    });
    expect(dispose.status).toBe(200);
    expect(await lead(c, token, leadId)).toMatchObject({ status: 'CALLBK', attempts: 1 });
    // Not due before its date.
    await c.advance(10 * 60_000 - 2_001);
    expect((await lead(c, token, leadId)).attempts).toBe(1);
    await c.advance(1);
    expect((await lead(c, token, leadId)).attempts).toBe(2);
    expect(await lastCallNumber(c, token, leadId)).toBe('0800555008');
  });
});

describe('a dial that is not a callback', () => {
  it('keeps the rotation: after an agent’s call on the 3rd number rang out, the dialler dials the 2nd', async () => {
    const { c, token, leadId, caller, other } = await leadWithAgents(['0800555009', '0800555008', '0800555003']);
    const call = await caller.dial('0800555003', { lead_id: leadId });
    expect(call.status).toBe(200);
    expect((await other.state('ready')).status).toBe(200);
    // It rings out (the campaign's no-answer time) and its wrap-up runs out: the lead recycles as `NA`.
    for (let i = 0; i < 10 && (await lead(c, token, leadId)).attempts < 2; i++) await c.advance(60_000);
    const again = await lead(c, token, leadId);
    expect(again.attempts).toBe(2);
    expect(again.last_call_id).not.toBe(call.body.call_id);
    expect(await lastCallNumber(c, token, leadId)).toBe('0800555008');
  });
});
