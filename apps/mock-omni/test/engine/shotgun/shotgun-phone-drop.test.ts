/**
 * The agent's phone going away during a shotgun race (inferred: B.6 is silent) cancels the race: no one could take a
 * winner. Live legs are dropped (487, outcome `cancelled`), the race ends `cancelled` with its one `shotgun_result`,
 * the legs send no call notifications and no CDR (they lost), and the agent is released then logged out, both with
 * reason `phone_dropped`. Nothing of the race happens later (its timers are gone). Over a real sip.js phone whose
 * socket drops, and a virtual phone unregistered through the control API.
 *
 * @module
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Listening, MockOmni } from '../../../src/index.js';
import { installWebSocketGlobal, RawAgent } from '../../sip/support/sipjs-agent.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem, label, recorded, TestAgent } from '../../support/telephony.js';
import { until } from '../../support/until.js';

installWebSocketGlobal();

let mock: MockOmni;
let client: OmniTestClient;
let server: Listening;
const phones: RawAgent[] = [];

beforeEach(async () => {
  ({ mock, client } = await startMock({ sip: { answerTimeoutMs: 2_000 } }));
  server = await mock.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  for (const p of phones.splice(0)) await p.stop();
  await server.close();
  await mock.close();
});

/** Checks what a race cut short by a dropped phone leaves behind. */
async function expectCancelledByDrop(c: OmniTestClient, a: TestAgent, shotgunId: number, legIds: number[]) {
  const race = await a.get(`/omni/voice/1/shotgun/${shotgunId}`);
  expect(race.status).toBe(200);
  expect(race.body.state).toBe('cancelled');
  expect(race.body.winner_call_id).toBe(0);
  for (const leg of race.body.legs) expect([leg.outcome, leg.sip_code]).toEqual(['cancelled', 487]);
  const notes = await recorded(c);
  const results = notes.filter((n) => n.notification.type === 'shotgun_result');
  expect(results).toHaveLength(1);
  expect(results[0]?.notification).toMatchObject({ payload: { shotgun_id: shotgunId, state: 'cancelled' } });
  // Losing legs say nothing: their held call states are discarded, and they send no CDR.
  expect(
    notes.filter((n) => n.call_id !== null && legIds.includes(n.call_id) && n.notification.type !== 'agent_state'),
  ).toEqual([]);
  const agentStates = notes
    .filter((n) => n.notification.type === 'agent_state')
    .map((n) => n.notification as { payload: { agent_state: string; reason: string } })
    .slice(-2)
    .map((n) => `${n.payload.agent_state}/${n.payload.reason}`);
  expect(agentStates).toEqual(['paused/phone_dropped', 'logged_out/phone_dropped']);
  expect((await a.view()).agent_state).toBe('logged_out');
  // The 8-second leg would have answered: nothing happens, no winner, nothing more is recorded.
  const before = notes.length;
  await c.advance(60_000);
  expect((await a.get(`/omni/voice/1/shotgun/${shotgunId}`)).body.state).toBe('cancelled');
  expect((await recorded(c)).length).toBe(before);
}

describe('the agent’s phone drops during a shotgun race', () => {
  it('a sip.js phone losing its socket cancels the race', async () => {
    const a = new TestAgent(client, 1, await client.login('agent1'), '1001');
    const phone = new RawAgent({
      url: `${server.url.replace('http', 'ws')}/ws`,
      extension: '1001',
      password: 'webrtc1',
      autoAnswer: true,
    });
    phones.push(phone);
    await phone.start();
    expect(await phone.register()).toBe(200);
    expect((await a.login()).status).toBe(200);
    const started = await a.post('/omni/voice/1/shotgun', { phone_numbers: ['0800555009', '0800555003'] });
    expect(started.status).toBe(200);
    expect((await a.get(`/omni/voice/1/shotgun/${started.body.shotgun_id}`)).body.state).toBe('racing');
    await phone.ua.transport.disconnect();
    await until('the logout', async () => (await a.view()).agent_state === 'logged_out');
    const legIds = (started.body.calls as { call_id: number }[]).map((l) => l.call_id);
    await expectCancelledByDrop(client, a, started.body.shotgun_id, legIds);
  });

  it('a virtual phone unregistered through the control API cancels the race the same way', async () => {
    const c = await freshSystem(client);
    const a = await agentOf(c, 1);
    const started = await a.post('/omni/voice/1/shotgun', {
      phone_numbers: ['0800555009', '0800555003', '0800555001'],
    });
    expect(started.status).toBe(200);
    await c.advance(1_000);
    expect((await c.request('POST', '/__mock/phones/1001/unregister')).status).toBe(200);
    const legIds = (started.body.calls as { call_id: number }[]).map((l) => l.call_id);
    await expectCancelledByDrop(c, a, started.body.shotgun_id, legIds);
  });

  it('a race already won is an ordinary call: the phone dropping hangs it up (no second shotgun_result)', async () => {
    const c = await freshSystem(client);
    const a = await agentOf(c, 1);
    const started = await a.post('/omni/voice/1/shotgun', { phone_numbers: ['0800555008', '0800555003'] });
    await c.advance(1_000); // 0800555008 answers after 1 s and wins
    const race = await a.get(`/omni/voice/1/shotgun/${started.body.shotgun_id}`);
    expect(race.body.state).toBe('won');
    expect((await c.request('POST', '/__mock/phones/1001/unregister')).status).toBe(200);
    const winner = race.body.winner_call_id as number;
    const notes = await recorded(c);
    expect(notes.filter((n) => n.notification.type === 'shotgun_result')).toHaveLength(1);
    expect(notes.filter((n) => n.call_id === winner).map((n) => label(n.notification))).toContain('call_state:ended');
    expect((await a.view()).agent_state).toBe('wrap_up');
  });
});
