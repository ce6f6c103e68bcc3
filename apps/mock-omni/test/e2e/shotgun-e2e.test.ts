/**
 * The shotgun dial (B.6) end to end over real HTTP: the mock on 127.0.0.1 with a manual clock, a webhook receiver in
 * another process checking signatures. Magic numbers (B.10) give each leg its outcome: 0800555008 answers at 1 s,
 * 0800555001 at 3 s, 0800555009 at 8 s, 0800555004 is a machine at 5 s, 0800555002 busy, 0800555005 invalid,
 * 0800555010 declines, 0800555003 rings until the no-answer time.
 *
 * @module
 */

import type { Notification } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { label } from '../support/telephony.js';
import type { HttpClient } from './support/http-client.js';
import { callOf, parsed, ts, useMockWithReceiver } from './support/mock-with-receiver.js';
import type { ReceiverProcess } from './support/receiver-process.js';

const SECRET = 'shotgun-e2e-secret';
const stage = useMockWithReceiver(SECRET);
const setup = stage.setup;

/**
 * Every notification after the login in the order the mock recorded them (its outbox, read through
 * the control API), once the receiver got them all, each signed. The receiver's
 * arrival order only holds per call (B.7): notifications of different calls, and `shotgun_result`
 * (of no call), travel independently.
 */
async function notes(api: HttpClient, receiver: ReceiverProcess): Promise<Notification[]> {
  const res = await api.ok('GET', '/__mock/webhook/deliveries?limit=1000');
  const inOrder: Notification[] = [...res.deliveries]
    .reverse()
    .map((d: { notification: Notification }) => d.notification);
  const got = await receiver.until('every notification', (r) => r.length >= inOrder.length);
  expect(got).toHaveLength(inOrder.length);
  expect(got.every((d) => d.signatureValid && d.status === 200)).toBe(true);
  expect(new Set(got.map((d) => d.id)).size).toBe(got.length);
  expect(got.map((d) => label(parsed(d))).sort()).toEqual(inOrder.map(label).sort());
  return inOrder.slice(1);
}

describe('shotgun over HTTP with a real receiver', () => {
  it('a normal win: the first to answer wins, the others end with 487 at that instant, only its notifications go out', async () => {
    const { api, token, receiver } = await setup();
    const started = await api.ok(
      'POST',
      '/omni/voice/1/shotgun',
      { phone_numbers: ['0800555009', '0800555008', '0800555002'], unique_id: 'crm-sg-1' },
      token,
    );
    expect(started).toEqual({
      shotgun_id: 1,
      calls: [
        { call_id: 1, phone_number: '0800555009' },
        { call_id: 2, phone_number: '0800555008' },
        { call_id: 3, phone_number: '0800555002' },
      ],
    });
    const racing = await api.ok('GET', '/omni/voice/1/shotgun/1', undefined, token);
    expect(racing).toMatchObject({ state: 'racing', winner_call_id: 0 });
    expect(racing.legs.map((l: { outcome: string }) => l.outcome)).toEqual(['pending', 'pending', 'pending']);
    expect((await api.ok('GET', '/omni/users/1', undefined, token)).agent_state).toBe('on_call');

    await api.advance(1_000);
    const won = await api.ok('GET', '/omni/voice/1/shotgun/1', undefined, token);
    expect(won.state).toBe('won');
    expect(won.winner_call_id).toBe(2);
    expect(won.legs).toEqual([
      { call_id: 1, phone_number: '0800555009', call_state: 'ended', outcome: 'cancelled', sip_code: 487 },
      { call_id: 2, phone_number: '0800555008', call_state: 'answered', outcome: 'won', sip_code: 200 },
      // Busy comes after a few seconds of ringing: at 1 s this leg was still dialling.
      { call_id: 3, phone_number: '0800555002', call_state: 'ended', outcome: 'cancelled', sip_code: 487 },
    ]);
    // The winner is an ordinary agent call now: its own route, hangup, dispose and one CDR.
    expect((await api.ok('GET', '/omni/voice/1/call/2', undefined, token)).call_state).toBe('answered');
    expect((await api.ok('GET', '/omni/users/1', undefined, token)).call_id).toBe(2);
    await api.advance(9_000); // the loser set at 8 s must not wake anything
    await api.ok('POST', '/omni/voice/1/call/2/hangup', undefined, token);
    await api.ok('POST', '/omni/voice/1/call/2/dispose', { disposition_code: 'SALE' }, token);

    const all = await notes(api, receiver);
    expect(all.map(label)).toEqual([
      'agent_state:on_call',
      'call_state:initiated',
      'call_state:ringing',
      'call_state:answered',
      'shotgun_result',
      'call_state:ended',
      'agent_state:wrap_up',
      'agent_state:paused',
      'cdr',
    ]);
    // Only the winner's call notifications; the losers send none (no CDR either).
    expect(new Set(all.filter((n) => n.type !== 'agent_state' && n.type !== 'shotgun_result').map(callOf))).toEqual(
      new Set([2]),
    );
    const result = all.find((n) => n.type === 'shotgun_result');
    expect(result?.payload).toEqual({
      shotgun_id: 1,
      user_id: 1,
      state: 'won',
      winner_call_id: 2,
      legs: won.legs.map((l: Record<string, unknown>) => ({ ...l, call_state: expect.any(String) })),
      timestamp: ts(1_000),
    });
    const cdr = all.find((n) => n.type === 'cdr');
    expect(cdr?.payload).toMatchObject({ call_id: 2, call_type: 4, unique_id: 'crm-sg-1', dispostion_code: 'SALE' });
  });

  it('all fail: the race is lost, the agent is free again, one shotgun_result and no call notifications', async () => {
    const { api, token, receiver } = await setup();
    await api.ok('POST', '/omni/voice/1/shotgun', { phone_numbers: ['0800555002', '0800555005', '0800555010'] }, token);
    await api.advance(30_000);
    const race = await api.ok('GET', '/omni/voice/1/shotgun/1', undefined, token);
    expect(race.state).toBe('lost');
    expect(race.legs.map((l: { outcome: string; sip_code: number }) => [l.outcome, l.sip_code])).toEqual([
      ['busy', 486],
      ['invalid', 404],
      ['declined', 603],
    ]);
    const user = await api.ok('GET', '/omni/users/1', undefined, token);
    expect([user.agent_state, user.call_id]).toEqual(['paused', 0]);
    const all = await notes(api, receiver);
    // The agent is freed, then the result goes out (the engine's order, one instant).
    expect(all.map(label)).toEqual(['agent_state:on_call', 'agent_state:paused', 'shotgun_result']);
    expect(
      all.map((n) =>
        n.type === 'agent_state' ? n.payload.reason : n.type === 'shotgun_result' ? n.payload.state : '',
      ),
    ).toEqual(['shotgun_start', 'shotgun_lost', 'lost']);
    // The agent may dial again at once.
    expect((await api.request('POST', '/omni/voice/1/shotgun', { phone_numbers: ['0800555001'] }, token)).status).toBe(
      200,
    );
  });

  it('a machine that picks up first wins without amd_enabled — the trap', async () => {
    const { api, token } = await setup();
    await api.ok('POST', '/omni/voice/1/shotgun', { phone_numbers: ['0800555004', '0800555009'] }, token);
    await api.advance(10_000);
    const race = await api.ok('GET', '/omni/voice/1/shotgun/1', undefined, token);
    expect([race.state, race.winner_call_id]).toEqual(['won', 1]);
    expect(race.legs.map((l: { outcome: string }) => l.outcome)).toEqual(['won', 'cancelled']);
  });

  it('with amd_enabled the machine is dropped as A and the person who answers later wins', async () => {
    const { api, token, receiver } = await setup({ amd_enabled: true });
    await api.ok('POST', '/omni/voice/1/shotgun', { phone_numbers: ['0800555004', '0800555009'] }, token);
    await api.advance(5_000);
    expect((await api.ok('GET', '/omni/voice/1/shotgun/1', undefined, token)).state).toBe('racing');
    await api.advance(3_000);
    const race = await api.ok('GET', '/omni/voice/1/shotgun/1', undefined, token);
    expect([race.state, race.winner_call_id]).toEqual(['won', 2]);
    expect(race.legs.map((l: { outcome: string }) => l.outcome)).toEqual(['machine', 'won']);
    const all = await notes(api, receiver);
    const result = all.find((n) => n.type === 'shotgun_result');
    expect(result?.payload).toMatchObject({ state: 'won', winner_call_id: 2, timestamp: ts(8_000) });
    expect(all.filter((n) => n.type === 'call_state').every((n) => callOf(n) === 2)).toBe(true);
  });

  it('the agent cancels mid-race: live legs end with 487, the agent is free, a second cancel is 409', async () => {
    const { api, token, receiver } = await setup();
    await api.ok('POST', '/omni/voice/1/shotgun', { phone_numbers: ['0800555009', '0800555003'] }, token);
    await api.advance(2_000);
    const cancelled = await api.ok('POST', '/omni/voice/1/shotgun/1/cancel', undefined, token);
    expect(cancelled).toEqual({ success: true, detail: expect.stringContaining('shotgun 1 is cancelled') });
    const race = await api.ok('GET', '/omni/voice/1/shotgun/1', undefined, token);
    expect(race.state).toBe('cancelled');
    expect(race.legs.map((l: { outcome: string; sip_code: number }) => [l.outcome, l.sip_code])).toEqual([
      ['cancelled', 487],
      ['cancelled', 487],
    ]);
    const again = await api.request('POST', '/omni/voice/1/shotgun/1/cancel', undefined, token);
    expect([again.status, again.body.error_code]).toEqual([409, 'INVALID_STATE']);
    await api.advance(60_000); // the legs' timers were cancelled: the race stays as it is
    expect((await api.ok('GET', '/omni/voice/1/shotgun/1', undefined, token)).state).toBe('cancelled');
    const all = await notes(api, receiver);
    expect(all.map(label)).toEqual(['agent_state:on_call', 'agent_state:paused', 'shotgun_result']);
    expect(all[2]?.payload).toMatchObject({ state: 'cancelled', winner_call_id: 0, timestamp: ts(2_000) });
  });

  it('a conference after a win: the winner dials a 3rd party and connects them', async () => {
    const { api, token } = await setup();
    await api.ok('POST', '/omni/voice/1/shotgun', { phone_numbers: ['0800555008', '0800555009'] }, token);
    await api.advance(1_000);
    const conf = await api.ok('POST', '/omni/voice/1/call/1/conference', { phone_number: '0800555001' }, token);
    expect(conf.call_id).toBe(3);
    await api.advance(3_000);
    expect((await api.ok('GET', '/omni/voice/1/call/3', undefined, token)).call_state).toBe('answered');
    await api.ok('POST', '/omni/voice/1/call/1/connect', undefined, token);
    const user = await api.ok('GET', '/omni/users/1', undefined, token);
    expect(user.agent_state).toBe('wrap_up');
    expect((await api.ok('GET', '/omni/voice/1/shotgun/1', undefined, token)).state).toBe('won');
  });

  it('bad inputs: 0 or 6 numbers, a duplicate, an unknown race, another user’s race', async () => {
    const { api, token } = await setup();
    for (const phone_numbers of [[], ['1', '2', '3', '4', '5', '6'].map((d) => `080055500${d}`)]) {
      const res = await api.request('POST', '/omni/voice/1/shotgun', { phone_numbers }, token);
      expect([res.status, res.body.error_code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const dup = await api.request(
      'POST',
      '/omni/voice/1/shotgun',
      { phone_numbers: ['0800555001', '0800555001'] },
      token,
    );
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toEqual([expect.objectContaining({ field: 'phone_numbers.1' })]);
    const missing = await api.request('GET', '/omni/voice/1/shotgun/99', undefined, token);
    expect([missing.status, missing.body.error_code]).toEqual([404, 'NOT_FOUND']);
    await api.ok('POST', '/omni/voice/1/shotgun', { phone_numbers: ['0800555009'] }, token);
    const busy = await api.request('POST', '/omni/voice/1/shotgun', { phone_numbers: ['0800555001'] }, token);
    expect([busy.status, busy.body.error_code]).toEqual([409, 'INVALID_STATE']);
    const token2 = await api.authorize('agent2', 'password2');
    const other = await api.request('GET', '/omni/voice/2/shotgun/1', undefined, token2);
    expect(other.status).toBe(404);
    expect((await api.ok('GET', '/omni/voice/1/shotgun/1', undefined, token)).state).toBe('racing');
  });
});
