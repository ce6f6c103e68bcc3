/**
 * The agent hanging up its call (`POST …/call/{call_id}/hangup`) while its shotgun race still rings ends the race as
 * `…/shotgun/{shotgun_id}/cancel` does (inferred: B.5 lets the agent hang up its call, and a conference leg's own
 * `call_id` cancels that leg; B.6 is silent): every live leg dropped (487), the race `cancelled` with its one
 * `shotgun_result`, no call notification or CDR for the legs, the agent back in the state it had. Any leg's `call_id`
 * does it: the agent is on one pending call while its race rings. A race already decided is not touched.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem, recorded } from '../../support/telephony.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

describe('hanging up a call of a shotgun race still racing', () => {
  it.each([
    ['the agent’s call (the first leg)', 0],
    ['another leg', 2],
  ])('by %s cancels the race like the cancel route', async (_name, legIndex) => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1);
    expect((await a.state('ready')).status).toBe(200);
    const started = await a.post('/omni/voice/1/shotgun', {
      phone_numbers: ['0800555009', '0800555003', '0800555001'],
    });
    expect(started.status).toBe(200);
    const shotgunId = started.body.shotgun_id as number;
    const legIds = (started.body.calls as { call_id: number }[]).map((l) => l.call_id);
    await c.advance(1_000);
    const user = await a.view();
    expect([user.agent_state, user.call_id]).toEqual(['on_call', legIds[0]]);

    const hung = await a.command(legIds[legIndex] as number, 'hangup');
    expect(hung.status).toBe(200);
    expect(hung.body.detail).toContain(`shotgun ${shotgunId}`);

    const race = (await a.get(`/omni/voice/1/shotgun/${shotgunId}`)).body;
    expect([race.state, race.winner_call_id]).toEqual(['cancelled', 0]);
    for (const leg of race.legs)
      expect([leg.call_state, leg.outcome, leg.sip_code]).toEqual(['ended', 'cancelled', 487]);
    expect((await a.view()).agent_state).toBe('ready');
    const notes = await recorded(c);
    const results = notes.filter((n) => n.notification.type === 'shotgun_result');
    expect(results.map((n) => n.notification.payload)).toMatchObject([{ shotgun_id: shotgunId, state: 'cancelled' }]);
    expect(
      notes.filter((n) => n.call_id !== null && legIds.includes(n.call_id) && n.notification.type !== 'agent_state'),
    ).toEqual([]);
    const agentStates = notes.filter((n) => n.notification.type === 'agent_state').map((n) => n.notification.payload);
    expect(agentStates.at(-1)).toMatchObject({ agent_state: 'ready', reason: 'shotgun_cancelled' });

    // Nothing of the race happens later: the 3-second and 8-second legs never answer.
    const before = notes.length;
    await c.advance(60_000);
    expect((await a.get(`/omni/voice/1/shotgun/${shotgunId}`)).body.state).toBe('cancelled');
    expect((await recorded(c)).length).toBe(before);
    // The cancelled legs have ended: hanging one up again is refused.
    expect((await a.command(legIds[0] as number, 'hangup')).status).toBe(409);
  });

  it('a losing leg of a race already won is not the agent’s: hanging it up is refused, the winner goes on', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1);
    const started = await a.post('/omni/voice/1/shotgun', { phone_numbers: ['0800555008', '0800555009'] });
    const legIds = (started.body.calls as { call_id: number }[]).map((l) => l.call_id);
    await c.advance(1_000);
    expect((await a.get(`/omni/voice/1/shotgun/${started.body.shotgun_id}`)).body.state).toBe('won');
    const refused = await a.command(legIds[1] as number, 'hangup');
    expect([refused.status, refused.body.error_code]).toEqual([409, 'INVALID_STATE']);
    expect(await a.call(legIds[0] as number)).toMatchObject({ call_state: 'answered' });
    expect((await a.view()).agent_state).toBe('on_call');
  });

  it('any other command on a racing leg is refused with words that say what the leg takes, and changes nothing', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1);
    const started = await a.post('/omni/voice/1/shotgun', { phone_numbers: ['0800555009', '0800555003'] });
    const shotgunId = started.body.shotgun_id as number;
    const legIds = (started.body.calls as { call_id: number }[]).map((l) => l.call_id);
    await c.advance(1_000);
    const commands: [string, unknown][] = [
      ['hold', undefined],
      ['retrieve', undefined],
      ['recording', { action: 'start' }],
      ['connect', undefined],
    ];
    for (const [command, body] of commands) {
      const refused = await a.command(legIds[0] as number, command, body);
      expect([refused.status, refused.body.error_code]).toEqual([409, 'INVALID_STATE']);
      expect(refused.body.detail).toContain(`call ${legIds[0]} is a leg of shotgun ${shotgunId}, still racing`);
      expect(refused.body.detail).toContain(`…/shotgun/${shotgunId}/cancel`);
    }
    expect((await a.get(`/omni/voice/1/shotgun/${shotgunId}`)).body.state).toBe('racing');
    expect((await a.view()).agent_state).toBe('on_call');
  });
});
