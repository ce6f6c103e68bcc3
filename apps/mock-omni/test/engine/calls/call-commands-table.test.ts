/**
 * Every call command in every state a call reaches over HTTP, against a table written here by hand (not derived from
 * the machine): 200, or 409 INVALID_STATE in the contract's error body with a detail naming the call's state. Each row
 * gets a fresh system whose ten agents each bring one call into the row's state, then each tries one command.
 *
 * @module
 */

import { errorBody } from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { freshSystem, TestAgent } from '../../support/telephony.js';

const COMMANDS = [
  'hold',
  'retrieve',
  'hangup',
  'dispose',
  'rec_start',
  'rec_stop',
  'rec_pause',
  'rec_resume',
  'conference',
  'connect',
] as const;
type Command = (typeof COMMANDS)[number];

const Y = 200;
const N = 409;
/** state → the call_state its 409s name → one status per command, in COMMANDS order. */
const TABLE: Record<string, { callState: string; expect: readonly number[] }> = {
  //                                          hold retr hang disp start stop pause resume conf conn
  dialling: { callState: 'initiated', expect: [N, N, Y, N, N, N, N, N, N, N] },
  ringing: { callState: 'ringing', expect: [N, N, Y, N, N, N, N, N, N, N] },
  answered: { callState: 'answered', expect: [Y, N, Y, N, Y, N, N, N, Y, N] },
  on_hold: { callState: 'on_hold', expect: [N, Y, Y, N, Y, N, N, N, Y, N] },
  recording: { callState: 'answered', expect: [Y, N, Y, N, N, Y, Y, N, Y, N] },
  recording_paused: { callState: 'answered', expect: [Y, N, Y, N, N, Y, N, Y, Y, N] },
  conference_dialling: { callState: 'answered', expect: [Y, N, Y, N, Y, N, N, N, N, N] },
  conference_joined: { callState: 'answered', expect: [Y, N, Y, N, Y, N, N, N, N, Y] },
  // Inferred: the agent may still hang up the call it connected: that cuts the customer and the 3rd party off.
  connected: { callState: 'answered', expect: [N, N, Y, Y, N, N, N, N, N, N] },
  wrap_up: { callState: 'ended', expect: [N, N, N, Y, N, N, N, N, N, N] },
  disposed: { callState: 'ended', expect: [N, N, N, N, N, N, N, N, N, N] },
};

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

async function tenAgents(c: OmniTestClient): Promise<TestAgent[]> {
  const agents: TestAgent[] = [];
  for (let i = 0; i < COMMANDS.length; i++) {
    const extension = String(2001 + i);
    const created = await c.request('POST', '/__mock/users', {
      body: { user_name: `table${i}`, password: 'pw', extension, webrtc_password: 'w' },
    });
    await c.request('POST', `/__mock/phones/${extension}/register`);
    const agent = new TestAgent(c, created.body.user_id as number, await c.login(`table${i}`, 'pw'), extension);
    expect((await agent.login(1)).status).toBe(200);
    agents.push(agent);
  }
  return agents;
}

/** Brings each agent's new call into `state`; returns the call ids. */
async function reach(c: OmniTestClient, agents: TestAgent[], state: string): Promise<number[]> {
  const number = ['dialling', 'ringing', 'conference_dialling'].includes(state) ? '0800555009' : '0800555008';
  const ids: number[] = [];
  for (const a of agents)
    ids.push((await a.dial(state === 'conference_dialling' ? '0800555008' : number)).body.call_id);
  const each = async (fn: (a: TestAgent, id: number) => Promise<unknown>) => {
    for (const [i, a] of agents.entries()) await fn(a, ids[i] as number);
  };
  if (state === 'dialling') return ids;
  if (state === 'ringing') {
    await c.advance(500);
    return ids;
  }
  await c.advance(1000); // answered
  if (state === 'on_hold') await each((a, id) => a.command(id, 'hold'));
  if (state === 'recording' || state === 'recording_paused')
    await each((a, id) => a.command(id, 'recording', { action: 'start' }));
  if (state === 'recording_paused') await each((a, id) => a.command(id, 'recording', { action: 'pause' }));
  if (state === 'conference_dialling')
    await each((a, id) => a.command(id, 'conference', { phone_number: '0800555009' }));
  if (state === 'conference_joined' || state === 'connected') {
    await each((a, id) => a.command(id, 'conference', { phone_number: '0800555008' }));
    await c.advance(1000);
  }
  if (state === 'connected') await each((a, id) => a.command(id, 'connect'));
  if (state === 'wrap_up' || state === 'disposed') await each((a, id) => a.command(id, 'hangup'));
  if (state === 'disposed') await each((a, id) => a.command(id, 'dispose', { disposition_code: 'SALE' }));
  return ids;
}

function send(a: TestAgent, id: number, command: Command) {
  if (command === 'dispose') return a.command(id, 'dispose', { disposition_code: 'SALE' });
  if (command === 'conference') return a.command(id, 'conference', { phone_number: '0800555008' });
  if (command.startsWith('rec_')) return a.command(id, 'recording', { action: command.slice(4) });
  return a.command(id, command);
}

describe.each(Object.entries(TABLE))('a call %s', (state, row) => {
  it('answers each command as the table says', async () => {
    const c = await freshSystem(root);
    const agents = await tenAgents(c);
    const ids = await reach(c, agents, state);
    const got: number[] = [];
    for (const [i, command] of COMMANDS.entries()) {
      const res = await send(agents[i] as TestAgent, ids[i] as number, command);
      got.push(res.status);
      if (res.status === 409) {
        expect(errorBody.safeParse(res.body).success, JSON.stringify(res.body)).toBe(true);
        expect(res.body.error_code).toBe('INVALID_STATE');
        expect(res.body.detail).toContain(`call_state ${row.callState}`);
      } else {
        expect(res.body.success, `${command}: ${JSON.stringify(res.body)}`).toBe(true);
      }
    }
    expect(Object.fromEntries(COMMANDS.map((cmd, i) => [cmd, got[i]]))).toEqual(
      Object.fromEntries(COMMANDS.map((cmd, i) => [cmd, row.expect[i]])),
    );
  });
});
