/**
 * Agents over HTTP (B.4): virtual phones, campaign login, state, logout and `GET /omni/users/{id}`, the agent's return
 * to its earlier state after a call's wrap-up, and a phone that goes away.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem, label, recorded, TestAgent } from '../../support/telephony.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

describe('virtual phones', () => {
  it('register makes the extension registered (GET user, phone list); unregister undoes it; both repeat safely', async () => {
    const c = await freshSystem(root);
    const a = new TestAgent(c, 2, await c.login('agent2'), '1002');
    expect((await a.view()).registered).toBe(false);
    const first = await c.request('POST', '/__mock/phones/1002/register');
    expect(first.body).toEqual({ success: true, detail: expect.stringContaining('registered'), registered: true });
    expect((await c.request('POST', '/__mock/phones/1002/register')).body.detail).toContain('already');
    expect((await a.view()).registered).toBe(true);
    expect((await c.request('GET', '/__mock/phones')).body).toEqual({
      phones: [{ extension: '1002', user_id: 2, kind: 'virtual', registered_at: '2026-01-05T08:00:00.000Z' }],
    });
    const gone = await c.request('POST', '/__mock/phones/1002/unregister');
    expect(gone.body).toMatchObject({ success: true, registered: false });
    expect((await c.request('POST', '/__mock/phones/1002/unregister')).body.detail).toContain('had no virtual phone');
    expect((await a.view()).registered).toBe(false);
  });

  it('an extension no user has → 404 naming extension; a malformed one → 400', async () => {
    const c = await freshSystem(root);
    const res = await c.request('POST', '/__mock/phones/4242/register');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error_code: 'NOT_FOUND', errors: [{ field: 'extension' }] });
    expect((await c.request('POST', '/__mock/phones/12ab/register')).status).toBe(400);
  });

  it('a phone registered in one system is not registered in another', async () => {
    const one = await freshSystem(root);
    const two = await freshSystem(root);
    await one.request('POST', '/__mock/phones/1001/register');
    expect((await two.request('GET', '/__mock/phones')).body.phones).toEqual([]);
  });
});

describe('campaign login (B.4)', () => {
  it('needs the extension registered and the user’s own; an unknown campaign is 404 naming campaign_id', async () => {
    const c = await freshSystem(root);
    const a = new TestAgent(c, 1, await c.login('agent1'), '1001');
    const unregistered = await a.login();
    expect(unregistered.status).toBe(409);
    expect(unregistered.body).toMatchObject({
      success: false,
      error_code: 'EXTENSION_NOT_REGISTERED',
      detail: expect.stringContaining('1001 is not registered'),
    });
    await c.request('POST', '/__mock/phones/1001/register');
    await c.request('POST', '/__mock/phones/1002/register');
    const notTheirs = await a.post('/omni/users/1/login', { campaign_id: 1, extension: '1002' });
    expect([notTheirs.status, notTheirs.body.error_code]).toEqual([409, 'EXTENSION_NOT_REGISTERED']);
    expect(notTheirs.body.detail).toContain("not user 1's");
    const unknown = await a.login(77);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error_code: 'NOT_FOUND', errors: [{ field: 'campaign_id' }] });
    expect((await a.view()).agent_state).toBe('logged_out');
  });

  it('puts the agent paused in the campaign, with its message of the day; the older path works too', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    await c.request('PUT', '/omni/campaign/2', { token, body: { message_of_the_day: 'Quiet hour at 3' } });
    const a = await agentOf(c, 1, { login: false });
    const res = await a.post('/omni/user/1/login', { campaign_id: 2, extension: '1001' });
    expect(res.status).toBe(200);
    expect(res.body.detail).toContain('message of the day: Quiet hour at 3');
    expect(await a.view()).toEqual({
      user_id: 1,
      user_name: 'agent1',
      extension: '1001',
      agent_state: 'paused',
      campaign_id: 2,
      registered: true,
      call_id: 0,
    });
    const again = await a.login(2);
    expect([again.status, again.body.error_code]).toEqual([409, 'INVALID_STATE']);
    expect(again.body.detail).toContain('agent_state paused');
    const [n] = (await recorded(c)).map((d) => d.notification);
    expect(n).toMatchObject({
      type: 'agent_state',
      payload: { user_id: 1, campaign_id: 2, extension: '1001', agent_state: 'paused', previous_state: 'logged_out' },
    });
    expect(n?.type === 'agent_state' && n.payload.reason).toBe('login');
  });

  it('a token of another user → 403 FORBIDDEN_USER', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1, { login: false });
    const res = await a.post('/omni/users/2/login', { campaign_id: 1, extension: '1002' });
    expect([res.status, res.body.error_code]).toEqual([403, 'FORBIDDEN_USER']);
  });
});

describe('state and logout', () => {
  it('ready ⇄ paused with the campaign’s pause codes; a repeat sends nothing', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1);
    expect((await a.state('ready')).status).toBe(200);
    expect((await a.state('ready')).body.detail).toContain('already ready');
    expect((await a.state('paused', 'LUNCH')).status).toBe(200);
    expect((await a.state('paused', 'BREAK')).status).toBe(200);
    const badCode = await a.state('paused', 'NAP');
    expect(badCode.status).toBe(400);
    expect(badCode.body).toMatchObject({ error_code: 'VALIDATION_FAILED', errors: [{ field: 'pause_code' }] });
    expect(badCode.body.detail).toContain('BREAK, LUNCH, TRAIN');
    const readyWithCode = await a.post('/omni/users/1/state', { state: 'ready', pause_code: 'LUNCH' });
    expect([readyWithCode.status, readyWithCode.body.errors[0].field]).toEqual([400, 'pause_code']);
    const states = (await recorded(c, { type: 'agent_state' })).map((d) =>
      d.notification.type === 'agent_state'
        ? `${d.notification.payload.agent_state}/${d.notification.payload.pause_code}/${d.notification.payload.reason}`
        : '',
    );
    expect(states).toEqual(['paused//login', 'ready//api', 'paused/LUNCH/api', 'paused/BREAK/api']);
  });

  it('logged out: state → 409 AGENT_NOT_LOGGED_IN; logout → 200, nothing to do', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1, { login: false });
    const st = await a.state('ready');
    expect([st.status, st.body.error_code]).toEqual([409, 'AGENT_NOT_LOGGED_IN']);
    const out = await a.post('/omni/users/1/logout');
    expect(out.status).toBe(200);
    expect(out.body.detail).toContain('not logged in');
    expect(await recorded(c)).toEqual([]);
  });

  it('on a call or in wrap-up, logout and state are refused naming the agent state; after dispose they work', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1);
    const { call_id } = (await a.dial('0800555008')).body;
    for (const expected of ['on_call', 'wrap_up']) {
      const out = await a.post('/omni/users/1/logout');
      expect([out.status, out.body.error_code]).toEqual([409, 'INVALID_STATE']);
      expect(out.body.detail).toContain(`is ${expected} (call ${call_id})`);
      const st = await a.state('ready');
      expect([st.status, st.body.error_code]).toEqual([409, 'INVALID_STATE']);
      if (expected === 'on_call') await a.command(call_id, 'hangup');
    }
    await a.command(call_id, 'dispose', { disposition_code: 'NI' });
    expect((await a.post('/omni/users/1/logout')).status).toBe(200);
    expect(await a.view()).toMatchObject({ agent_state: 'logged_out', campaign_id: 0, call_id: 0 });
    const last = (await recorded(c, { type: 'agent_state' })).at(-1)?.notification;
    expect(last).toMatchObject({ payload: { agent_state: 'logged_out', campaign_id: 1, reason: 'logout' } });
  });
});

describe('after a call’s wrap-up the agent goes back to the state it had before the call', () => {
  it('ready → call → dispose → ready', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1);
    await a.state('ready');
    const { call_id } = (await a.dial('0800555002')).body; // busy
    await c.advance(1000);
    expect(await a.view()).toMatchObject({ agent_state: 'wrap_up', call_id });
    await a.command(call_id, 'dispose', { disposition_code: 'B' });
    expect(await a.view()).toMatchObject({ agent_state: 'ready', call_id: 0 });
  });

  it('paused with LUNCH → call → the wrap-up times out (campaign wrapup_seconds) → paused with LUNCH', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1);
    await a.state('paused', 'LUNCH');
    const { call_id } = (await a.dial('0800555005')).body; // invalid number after 1 s
    await c.advance(1000);
    expect((await a.view()).agent_state).toBe('wrap_up');
    await c.advance(29_999);
    expect((await a.view()).agent_state).toBe('wrap_up');
    await c.advance(1);
    expect(await a.view()).toMatchObject({ agent_state: 'paused', call_id: 0 });
    const agentStates = (await recorded(c, { type: 'agent_state' })).map((d) => d.notification);
    expect(agentStates.at(-1)).toMatchObject({
      payload: { agent_state: 'paused', previous_state: 'wrap_up', pause_code: 'LUNCH', reason: 'wrap_up_timeout' },
    });
    const cdr = (await recorded(c, { type: 'cdr' }))[0]?.notification;
    expect(cdr).toMatchObject({ payload: { call_id, dispostion_code: 'DC', sip_code: 404, wrap_time: 30_000 } });
  });

  it('wrapup_seconds 0: no timeout, the agent stays in wrap-up until it disposes', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1, { login: false });
    await c.request('PUT', '/omni/campaign/1', { token: a.token, body: { wrapup_seconds: 0 } });
    await a.login(1);
    const { call_id } = (await a.dial('0800555002')).body;
    await c.advance(3_600_000);
    expect((await a.view()).agent_state).toBe('wrap_up');
    // No wrap-up timer: the one pending is the demo WhatsApp conversation's window, the next day.
    expect((await c.request('GET', '/__mock/clock')).body).toMatchObject({
      pending_timers: 1,
      next_timer_at: '2026-01-06T08:00:00.000Z',
    });
    await a.command(call_id, 'dispose', { disposition_code: 'B' });
    expect((await a.view()).agent_state).toBe('paused');
  });
});

describe('a phone that goes away', () => {
  it('a free agent is logged out at once (reason phone_dropped)', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1);
    await a.state('ready');
    await c.request('POST', '/__mock/phones/1001/unregister');
    expect(await a.view()).toMatchObject({ agent_state: 'logged_out', registered: false, campaign_id: 0 });
    expect((await recorded(c, { type: 'agent_state' })).at(-1)?.notification).toMatchObject({
      payload: { agent_state: 'logged_out', previous_state: 'ready', reason: 'phone_dropped' },
    });
  });

  it('an agent on a call: the call is hung up, wrap-up runs, and the agent is logged out when it ends', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1);
    const { call_id } = (await a.dial('0800555008')).body;
    await c.advance(1000);
    await c.request('POST', '/__mock/phones/1001/unregister');
    expect(await a.call(call_id)).toMatchObject({ call_state: 'ended', agent_leg_state: 'ended' });
    expect((await a.view()).agent_state).toBe('wrap_up');
    await a.command(call_id, 'dispose', { disposition_code: 'NI' });
    expect(await a.view()).toMatchObject({ agent_state: 'logged_out', call_id: 0 });
    const seq = (await recorded(c)).map((d) => label(d.notification));
    expect(seq.slice(-4)).toEqual(['call_state:ended', 'agent_state:wrap_up', 'agent_state:logged_out', 'cdr']);
    expect((await recorded(c, { type: 'agent_state' })).at(-1)?.notification).toMatchObject({
      payload: { reason: 'phone_dropped' },
    });
  });
});
