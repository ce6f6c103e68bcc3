/**
 * Dialler and inbound calls no agent took are calls like any other: `GET /__mock/calls/{id}` reads them from their
 * first ring to their end, with the CDR once it is sent (user 0, the system's disposition) — busy, a drop, an
 * abandoned caller — and the same route reads an agent's call.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem, label, recorded } from '../../support/telephony.js';
import { addLead, campaignWithList, lead, mockCall } from './support/http-campaign.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

describe('calls no agent took', () => {
  it('a busy dialler call is readable while it rings and after it ends, with its CDR (B, user 0)', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1);
    const busy = await addLead(c, token, listId, '0800555002');
    const a = await agentOf(c, 1, { campaignId });
    await a.state('ready');
    const callId = (await lead(c, token, busy)).last_call_id as number;
    expect(callId).toBeGreaterThan(0);
    const ringing = await mockCall(c, callId);
    expect(ringing.status).toBe(200);
    expect(ringing.body.call).toMatchObject({
      call_id: callId,
      call_type: 2,
      lead_id: busy,
      phone_number: '0800555002',
    });
    expect(ringing.body.call.end_time).toBeNull();
    expect(ringing.body.cdr).toBeNull();
    await c.advance(5_000);
    const ended = await mockCall(c, callId);
    expect(ended.status).toBe(200);
    expect(ended.body.call.call_state).toBe('ended');
    expect(ended.body.call.end_time).not.toBeNull();
    expect(ended.body.cdr).toMatchObject({ call_id: callId, user_id: 0, dispostion_code: 'B', sip_code: 486 });
    expect((await lead(c, token, busy)).status).toBe('B');
    // The agent was never given it: Omni's own GET (the agent's) still answers 404.
    expect((await a.get(`/omni/voice/1/call/${callId}`)).status).toBe(404);
  });

  it('an answered call with no agent free is dropped after 2 s and stays readable (DROP)', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1);
    const answers = await addLead(c, token, listId, '0800555008');
    const a = await agentOf(c, 1, { campaignId });
    await a.state('ready');
    const callId = (await lead(c, token, answers)).last_call_id as number;
    await a.state('paused'); // the agent steps away while the call rings
    await c.advance(1_000); // answered: nobody free
    expect((await mockCall(c, callId)).body.call.call_state).toBe('answered');
    await c.advance(2_000);
    const dropped = await mockCall(c, callId);
    expect(dropped.body.call.call_state).toBe('ended');
    expect(dropped.body.cdr).toMatchObject({ call_id: callId, user_id: 0, dispostion_code: 'DROP' });
    const notes = (await recorded(c)).filter((n) => n.call_id === callId).map((n) => label(n.notification));
    expect(notes.filter((n) => n === 'cdr')).toHaveLength(1);
  });

  it('an inbound caller who leaves the queue (ABAND) is readable, as is an agent’s call; unknown ids are 404', async () => {
    const c = await freshSystem(root);
    // Demo campaign 4 is Inbound on DID 0861000004; no agent is logged in to it.
    const placed = await c.request('POST', '/__mock/inbound', {
      body: { did: '0861000004', phone_number: '0827770001' },
    });
    expect(placed.status).toBe(200);
    const callId = placed.body.call_id as number;
    const queued = await mockCall(c, callId);
    expect(queued.body.call).toMatchObject({ call_type: 3, call_direction: 'inbound', phone_number: '0827770001' });
    expect(queued.body.cdr).toBeNull();
    await c.advance(3_600_000);
    const left = await mockCall(c, callId);
    expect(left.body.call.call_state).toBe('ended');
    expect(left.body.cdr).toMatchObject({ call_id: callId, user_id: 0, dispostion_code: 'ABAND', sip_code: 487 });

    const a = await agentOf(c, 1);
    const dialled = await a.dial('0800555008');
    const own = await mockCall(c, dialled.body.call_id);
    expect(own.status).toBe(200);
    expect(own.body.call).toEqual(await a.call(dialled.body.call_id));

    const missing = await mockCall(c, 999_999);
    expect([missing.status, missing.body.error_code]).toEqual([404, 'NOT_FOUND']);
    expect((await c.request('GET', '/__mock/calls/abc')).status).toBe(400);
  });
});
