/**
 * The dialler on SQLite through the Omni routes: a Progressive campaign dials its leads for a ready agent (login is
 * paused: nothing is dialled until ready), an answered call is put through to the agent and the disposition settles
 * the lead; leads added while an agent waits are dialled at once; Preview next / skip / call with `lead_id`, and their
 * bad inputs.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem, label, recorded } from '../../support/telephony.js';
import { addLead, campaignWithList } from './support/http-campaign.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

describe('Progressive (type 1) on SQLite', () => {
  it('dials only for a ready agent, puts the answered call through, and the disposition settles the lead', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1);
    const lead = await addLead(c, token, listId, '0800555008');
    const a = await agentOf(c, 1, { campaignId });
    await c.advance(5_000);
    expect((await a.view()).agent_state).toBe('paused'); // login is paused: nothing is dialled
    expect((await c.request('GET', `/omni/lead/${lead}`, { token })).body.attempts).toBe(0);

    expect((await a.state('ready')).status).toBe(200);
    const dialled = await c.request('GET', `/omni/lead/${lead}`, { token });
    expect(dialled.body.attempts).toBe(1);
    await c.advance(1_000); // 0800555008 answers after 1 s
    const user = await a.view();
    expect(user.agent_state).toBe('on_call');
    const callId = user.call_id as number;
    const call = await a.call(callId);
    expect(call).toMatchObject({ call_state: 'answered', phone_number: '0800555008', lead_id: lead, call_type: 2 });
    expect((await a.command(callId, 'hangup')).status).toBe(200);
    expect((await a.command(callId, 'dispose', { disposition_code: 'SALE' })).status).toBe(200);
    expect((await c.request('GET', `/omni/lead/${lead}`, { token })).body.status).toBe('SALE');
    const notes = (await recorded(c)).filter((n) => n.call_id === callId).map((n) => label(n.notification));
    expect(notes).toContain('agent_state:on_call');
    expect(notes.at(-1)).toBe('cdr');
  });

  it('a lead added while an agent is ready is dialled at once; a DNC number never', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1);
    const a = await agentOf(c, 1, { campaignId });
    await a.state('ready');
    await c.request('POST', '/__mock/dnc', { body: { phone_numbers: ['0800555009'] } });
    const blocked = await addLead(c, token, listId, '0800555009');
    expect((await c.request('GET', `/omni/lead/${blocked}`, { token })).body.attempts).toBe(0);
    const lead = await addLead(c, token, listId, '0800555001');
    expect((await c.request('GET', `/omni/lead/${lead}`, { token })).body.attempts).toBe(1);
    await c.advance(3_000);
    expect((await a.view()).agent_state).toBe('on_call');
    expect((await c.request('GET', `/omni/lead/${blocked}`, { token })).body.attempts).toBe(0);
  });
});

describe('Preview (type 2)', () => {
  it('next holds a lead for the agent, skip puts it back, a call with lead_id takes it', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 2);
    const first = await addLead(c, token, listId, '0800555001');
    const second = await addLead(c, token, listId, '0800555008');
    const a = await agentOf(c, 1, { campaignId });
    await a.state('ready');
    expect((await c.request('GET', `/omni/lead/${first}`, { token })).body.attempts).toBe(0); // preview never auto-dials
    const next = await a.post('/omni/users/1/preview/next');
    expect(next.status).toBe(200);
    expect(next.body.lead).toMatchObject({ lead_id: first });
    // Asking again gives the same held lead.
    expect((await a.post('/omni/users/1/preview/next')).body.lead.lead_id).toBe(first);
    await c.advance(1_000); // a skipped lead goes back behind every lead already due
    expect((await a.post('/omni/users/1/preview/skip', { lead_id: first })).status).toBe(200);
    const after = await a.post('/omni/users/1/preview/next');
    expect(after.body.lead.lead_id).toBe(second);
    const call = await a.dial('0800555008', { lead_id: second });
    expect(call.status).toBe(200);
    expect((await c.request('GET', `/omni/lead/${second}`, { token })).body.attempts).toBe(1);
  });

  it('bad inputs: skip of a lead not previewed is 409; an agent not logged in is refused; a malformed body 400', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 2);
    await addLead(c, token, listId, '0800555001');
    const out = await agentOf(c, 1, { login: false });
    const notIn = await out.post('/omni/users/1/preview/next');
    expect(notIn.status).toBeGreaterThanOrEqual(400);
    expect(notIn.status).toBeLessThan(500);
    const a = await agentOf(c, 1, { campaignId });
    const wrong = await a.post('/omni/users/1/preview/skip', { lead_id: 999 });
    expect([wrong.status, wrong.body.error_code]).toEqual([409, 'INVALID_STATE']);
    const bad = await a.post('/omni/users/1/preview/skip', { lead_id: 'x' });
    expect([bad.status, bad.body.error_code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
