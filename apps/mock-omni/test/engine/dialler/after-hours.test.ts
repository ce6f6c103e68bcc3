import type { OfficeHours } from '@omnikit/contracts/control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openingHours } from '../../../src/engine/dialler/after-hours.js';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem, label, recorded, TestAgent } from '../../support/telephony.js';
import { addLead, campaignWithList, lead, mockCall } from './support/http-campaign.js';

/** The same agent with a new token (a token lives a few hours; these tests move the clock by days). */
async function again(c: OmniTestClient, n = 1): Promise<{ agent: TestAgent; token: string }> {
  const token = await c.login(`agent${n}`);
  return { agent: new TestAgent(c, n, token, `100${n}`), token };
}

/**
 * After hours (`AFTHRS`, inferred): outside the system's office hours the dialler places no outbound
 * call and starts again at the next opening; an inbound caller is not queued — the call ends at once,
 * unanswered (480), disposition `AFTHRS`, with its CDR and no `inbound` notification.
 */
const WEEKDAYS: OfficeHours = {
  time_zone: 'UTC',
  windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '17:00' }],
};
const at = (iso: string) => Date.parse(iso);

describe('opening hours', () => {
  it('knows when the centre is open and when it opens next, across nights, weekends and time zones', () => {
    const hours = openingHours(() => WEEKDAYS);
    expect(hours.isOpen(at('2026-01-05T08:00:00Z'))).toBe(true); // Monday 08:00
    expect(hours.isOpen(at('2026-01-05T16:59:59Z'))).toBe(true);
    expect(hours.isOpen(at('2026-01-05T17:00:00Z'))).toBe(false);
    expect(hours.nextOpening(at('2026-01-05T10:00:00Z'))).toBe(at('2026-01-05T10:00:00Z'));
    expect(hours.nextOpening(at('2026-01-05T17:30:00Z'))).toBe(at('2026-01-06T08:00:00Z'));
    expect(hours.nextOpening(at('2026-01-06T03:00:00Z'))).toBe(at('2026-01-06T08:00:00Z'));
    expect(hours.nextOpening(at('2026-01-09T18:00:00Z'))).toBe(at('2026-01-12T08:00:00Z')); // Friday → Monday
    const joburg = openingHours(() => ({
      time_zone: 'Africa/Johannesburg',
      windows: [{ days: ['sat'], start: '09:30', end: '12:00' }],
    }));
    expect(joburg.nextOpening(at('2026-01-05T10:00:00Z'))).toBe(at('2026-01-10T07:30:00Z'));
    expect(joburg.isOpen(at('2026-01-10T07:30:00Z'))).toBe(true);
    expect(openingHours(() => ({ time_zone: 'UTC', windows: [] })).nextOpening(at('2026-01-05T10:00:00Z'))).toBeNull();
  });

  it('opens at the right instant on the nights the clocks change, west of UTC and in London', () => {
    const sundays = (time_zone: string, start: string, end: string) =>
      openingHours(() => ({ time_zone, windows: [{ days: ['sun'], start, end }] }));
    // Before: the offset was read at the local time taken as UTC, hours before a change made that night out west.
    const la = sundays('America/Los_Angeles', '08:00', '17:00');
    // 2026-03-08: clocks go forward at 02:00 PST; 08:00 PDT is 15:00 UTC (not an hour later).
    expect(la.nextOpening(at('2026-03-07T20:00:00Z'))).toBe(at('2026-03-08T15:00:00Z'));
    // 2026-11-01: clocks go back at 02:00 PDT; 08:00 PST is 16:00 UTC (the Sunday was missed, and no opening found).
    expect(la.nextOpening(at('2026-10-31T20:00:00Z'))).toBe(at('2026-11-01T16:00:00Z'));
    // London 2026-10-25: 01:00–02:00 comes twice; the window opens at the first 01:00 (BST, 00:00 UTC).
    expect(sundays('Europe/London', '01:00', '03:00').nextOpening(at('2026-10-24T20:00:00Z'))).toBe(
      at('2026-10-25T00:00:00Z'),
    );
    // London 2026-03-29: 01:00–02:00 never comes; a window from 01:30 opens when the clocks jump to 02:00 BST.
    expect(sundays('Europe/London', '01:30', '05:00').nextOpening(at('2026-03-28T20:00:00Z'))).toBe(
      at('2026-03-29T01:00:00Z'),
    );
    // Across midnight in London, as two windows, either side of both changes.
    const nights = openingHours(() => ({
      time_zone: 'Europe/London',
      windows: [
        { days: ['sat'], start: '22:00', end: '24:00' },
        { days: ['sun'], start: '00:00', end: '06:00' },
      ],
    }));
    expect(nights.nextOpening(at('2026-03-28T12:00:00Z'))).toBe(at('2026-03-28T22:00:00Z'));
    expect(nights.isOpen(at('2026-03-29T04:59:00Z'))).toBe(true); // 05:59 BST
    expect(nights.isOpen(at('2026-03-29T05:00:00Z'))).toBe(false); // 06:00 BST
    expect(nights.nextOpening(at('2026-10-24T12:00:00Z'))).toBe(at('2026-10-24T21:00:00Z')); // 22:00 BST
    expect(nights.isOpen(at('2026-10-25T05:59:00Z'))).toBe(true); // 05:59 GMT
  });
});

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

describe('the dialler after hours (system clock starts Monday 2026-01-05 08:00 UTC)', () => {
  it('an inbound caller after hours is not queued: AFTHRS, 480, user 0, a CDR and no inbound notification', async () => {
    const c = await freshSystem(root);
    const agent = await agentOf(c, 1, { campaignId: 4 }); // demo campaign 4: Inbound on 0861000004
    await agent.state('ready');
    await c.advance(9.5 * 3_600_000); // 17:30
    const placed = await c.request('POST', '/__mock/inbound', {
      body: { did: '0861000004', phone_number: '0827770009' },
    });
    expect(placed.status).toBe(200);
    const callId = placed.body.call_id as number;
    const { agent: later } = await again(c);
    const read = await mockCall(c, callId);
    expect(read.body.call.call_state).toBe('ended');
    expect(read.body.cdr).toMatchObject({ call_id: callId, user_id: 0, dispostion_code: 'AFTHRS', sip_code: 480 });
    expect((await later.view()).agent_state).toBe('ready');
    const notes = (await recorded(c)).filter((n) => n.call_id === callId).map((n) => label(n.notification));
    expect(notes).not.toContain('inbound');
    const stats = (await c.request('GET', '/__mock/campaigns/4/stats')).body;
    expect([stats.inbound_offered, stats.dispositions.AFTHRS]).toEqual([0, 1]);
    // Opening hours again (Tuesday 08:00): the next caller reaches the agent.
    await c.advance(14.5 * 3_600_000);
    const next = await c.request('POST', '/__mock/inbound', {
      body: { did: '0861000004', phone_number: '0827770010' },
    });
    expect((await (await again(c)).agent.view()).call_id).toBe(next.body.call_id);
  });

  it('no outbound call after hours; the dialler starts again at the next opening', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1);
    await c.advance(9 * 3_600_000 + 60_000); // 17:01
    const { agent, token: evening } = await again(c);
    const leadId = await addLead(c, evening, listId, '0800555002');
    expect((await c.request('POST', '/__mock/phones/1001/register')).status).toBe(200);
    expect((await agent.login(campaignId)).status).toBe(200);
    await agent.state('ready');
    expect((await lead(c, evening, leadId)).attempts).toBe(0);
    await c.advance(14 * 3_600_000); // Tuesday 07:01
    const { token: morning } = await again(c);
    expect((await lead(c, morning, leadId)).attempts).toBe(0);
    await c.advance(3_600_000); // 08:01
    const dialled = await lead(c, (await again(c)).token, leadId);
    expect(dialled.attempts).toBe(1);
    expect(dialled.last_call_date_time).toBe('2026-01-06T08:00:00.000Z');
  });

  it('a campaign waiting over the night the clocks go back out west dials at the opening (Los Angeles, Sundays)', async () => {
    // Saturday 2026-10-31 13:00 PDT; the clocks go back at 02:00 on Sunday.
    const c = await freshSystem(root, { clock_start: '2026-10-31T20:00:00.000Z' });
    const hours = { time_zone: 'America/Los_Angeles', windows: [{ days: ['sun'], start: '08:00', end: '17:00' }] };
    expect((await c.request('PUT', '/__mock/office-hours', { body: hours })).status).toBe(200);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1);
    const leadId = await addLead(c, token, listId, '0800555008'); // answers, and stays on the line
    const agent = await agentOf(c, 1, { campaignId });
    await agent.state('ready');
    await c.advance(86_400_000); // Sunday 12:00 PST
    // Before: no opening was found that week, and the campaign slept through Sunday with its agent ready.
    expect((await lead(c, (await again(c)).token, leadId)).last_call_date_time).toBe('2026-11-01T16:00:00.000Z');
  });

  it('office hours set through the control API apply at once', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1);
    const closed = await c.request('PUT', '/__mock/office-hours', {
      body: { time_zone: 'UTC', windows: [{ days: ['sat'], start: '08:00', end: '09:00' }] },
    });
    expect(closed.status).toBe(200);
    const agent = await agentOf(c, 1, { campaignId });
    await agent.state('ready');
    const leadId = await addLead(c, token, listId, '0800555002');
    expect((await lead(c, token, leadId)).attempts).toBe(0);
    await c.advance(5 * 86_400_000); // Saturday 08:00
    expect((await lead(c, (await again(c)).token, leadId)).last_call_date_time).toBe('2026-01-10T08:00:00.000Z');
  });

  it('opening the centre while the dialler waits for the next opening dials at once (as the README demos at night)', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1);
    await c.advance(9 * 3_600_000 + 60_000); // 17:01: closed until Tuesday 08:00
    const { agent, token: evening } = await again(c);
    const leadId = await addLead(c, evening, listId, '0800555002');
    expect((await c.request('POST', '/__mock/phones/1001/register')).status).toBe(200);
    expect((await agent.login(campaignId)).status).toBe(200);
    await agent.state('ready');
    expect((await lead(c, evening, leadId)).attempts).toBe(0);
    const open = await c.request('PUT', '/__mock/office-hours', {
      body: {
        time_zone: 'UTC',
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' }],
      },
    });
    expect(open.status).toBe(200);
    await c.advance(1_000);
    const dialled = await lead(c, evening, leadId);
    expect(dialled.attempts).toBe(1);
    expect(dialled.last_call_date_time).toBe('2026-01-05T17:01:00.000Z');
  });
});
