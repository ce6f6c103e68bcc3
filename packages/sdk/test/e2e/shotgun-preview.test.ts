import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentResources, InvalidStateError, type OmniClient, ValidationError } from '../../src/index.js';
import { type MockTarget, startTarget, TRANSPORTS } from '../support/mock-target.js';

/**
 * The shotgun and preview methods end to end against the mock, in-process and over
 * real HTTP, with response validation on. B.10's magic numbers give each shotgun leg its fate:
 * 0800555001 answers after 3 s, 0800555009 after 8 s, 0800555002 is busy.
 */
describe.each(TRANSPORTS)('shotgun and preview against the mock (%s)', (transport) => {
  let target: MockTarget;
  let client: OmniClient;
  let agent: AgentResources;

  beforeAll(async () => {
    target = await startTarget(transport);
    client = target.client({ validateResponses: true });
    agent = client.agent(await client.authorize('agent1', 'password1'));
    expect((await target.control('POST', '/__mock/phones/1001/register')).status).toBe(200);
  });
  afterAll(() => target.close());

  it('a shotgun race: the first leg to answer wins, the others end at that instant', async () => {
    await agent.login({ campaign_id: 1, extension: '1001' });
    const started = await agent.shotgun.start({
      phone_numbers: ['0800555009', '0800555001', '0800555002'],
      unique_id: 'sdk-shotgun',
    });
    expect(started.calls.map((c) => c.phone_number)).toEqual(['0800555009', '0800555001', '0800555002']);
    expect((await agent.shotgun.get(started.shotgun_id)).state).toBe('racing');
    await target.advance(3_000);
    const race = await agent.shotgun.get(started.shotgun_id);
    const winner = started.calls[1]?.call_id;
    expect(race).toMatchObject({ state: 'won', winner_call_id: winner });
    const byNumber = Object.fromEntries(race.legs.map((l) => [l.phone_number, l]));
    expect(byNumber['0800555001']).toMatchObject({ outcome: 'won', call_state: 'answered', sip_code: 200 });
    expect(byNumber['0800555009']).toMatchObject({ call_state: 'ended', sip_code: 487 });
    expect(byNumber['0800555002']).toMatchObject({ call_state: 'ended', sip_code: 486 });
    // The winner is an ordinary call of the agent's now.
    expect((await agent.get()).call_id).toBe(winner);
    await agent.calls.hangup(winner as number);
    await agent.calls.dispose(winner as number, { disposition_code: 'SALE' });
    await expect(agent.shotgun.cancel(started.shotgun_id)).rejects.toBeInstanceOf(InvalidStateError);
  });

  it('a race cancelled mid-way; duplicate numbers are a validation error on the offending one', async () => {
    const started = await agent.shotgun.start({ phone_numbers: ['0800555009', '0800555008'] });
    expect(await agent.shotgun.cancel(started.shotgun_id)).toMatchObject({ success: true });
    const race = await agent.shotgun.get(started.shotgun_id);
    expect(race.state).toBe('cancelled');
    expect(race.winner_call_id).toBe(0);
    expect(race.legs.every((l) => l.call_state === 'ended')).toBe(true);
    const dup = (await agent.shotgun
      .start({ phone_numbers: ['0800555001', '0800555001'] })
      .catch((e: unknown) => e)) as ValidationError;
    expect(dup).toBeInstanceOf(ValidationError);
    expect(dup.fieldErrors.map((f) => f.field)).toEqual(['phone_numbers.1']);
    await agent.logout();
  });

  it('preview: next holds a lead, skip gives it back, a call with lead_id takes the next one', async () => {
    await agent.login({ campaign_id: 3, extension: '1001' });
    const first = await agent.preview.next();
    expect(first.lead).not.toBeNull();
    const held = first.lead?.lead_id as number;
    expect(first.lead?.list_id).toBe(2);
    // Asking again gives the same held lead.
    expect((await agent.preview.next()).lead?.lead_id).toBe(held);
    await target.advance(1_000);
    expect(await agent.preview.skip({ lead_id: held })).toMatchObject({ success: true });
    const second = await agent.preview.next();
    expect(second.lead?.lead_id).not.toBe(held);
    const leadId = second.lead?.lead_id as number;
    const call = await agent.calls.make({ phone_number: '0800555001', lead_id: leadId });
    expect((await agent.calls.get(call.call_id)).lead_id).toBe(leadId);
    expect((await agent.leads.get(leadId)).attempts).toBe(1);
    await expect(agent.preview.skip({ lead_id: held })).rejects.toBeInstanceOf(InvalidStateError);
  });
});
