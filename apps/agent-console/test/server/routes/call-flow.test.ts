import {
  callStarted,
  callView,
  commandResult,
  conferenceResult,
  shotgunStarted,
  shotgunView,
} from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleError } from '../../../src/shared/console-errors.js';
import { phoneSettings, recordingCommandResult } from '../../../src/shared/console-schemas.js';
import { ConsoleBrowser, type ConsoleFixture, EventReader, startConsoleFixture } from '../console-fixture.js';

type Note = { type: string; payload: Record<string, unknown> };

let fx: ConsoleFixture;
let agent1: ConsoleBrowser;
let agent2: ConsoleBrowser;
let events1: EventReader;
let events2: EventReader;

const notes = (reader: EventReader) =>
  reader.events.filter((e) => e.event === 'notification').map((e) => e.data as Note);
const callStateSeen = (reader: EventReader, callId: number, state: string) => () =>
  notes(reader).some((n) => n.type === 'call_state' && n.payload.call_id === callId && n.payload.call_state === state);

beforeAll(async () => {
  fx = await startConsoleFixture();
  agent1 = new ConsoleBrowser(fx.url);
  agent2 = new ConsoleBrowser(fx.url);
  await agent1.signIn('agent1', 'password1');
  await agent2.signIn('agent2', 'password2');
  events1 = await EventReader.open(agent1);
  events2 = await EventReader.open(agent2);
  await fx.control('POST', '/__mock/phones/1001/register');
  await fx.control('POST', '/__mock/phones/1002/register');
});
afterAll(async () => {
  events1.close();
  events2.close();
  await fx.close();
});

describe('a full call through the backend', () => {
  it('hands the browser its phone settings (B.11), never the system key', async () => {
    const res = await agent1.request('GET', '/api/phone');
    const text = await res.text();
    const phone = phoneSettings.parse(JSON.parse(text));
    expect(phone).toMatchObject({
      server: `${fx.mockUrl.replace('http', 'ws')}/ws`,
      extension: '1001',
      password: 'webrtc1',
      user_id: 1,
      user_name: 'agent1',
    });
    expect(Date.parse(phone.expires_at)).not.toBeNaN();
    expect(text).not.toContain('omni-demo-key');
  });

  it('set Omni’s notification endpoint to its own webhook at the first sign-in', async () => {
    expect(fx.server.deps.webhook.isSet).toBe(true);
    const endpoint = await agent1.json('GET', '/health');
    expect(endpoint.webhook_endpoint_set).toBe(true);
  });

  it('streams hello first', async () => {
    await events1.until((e) => e.length > 0);
    expect(events1.events[0]).toMatchObject({ event: 'hello', data: { user_id: 1 } });
  });

  let callId = 0;
  it('campaign login, ready, dial: the agent’s notifications arrive on its stream', async () => {
    const { campaigns } = await agent1.json<{ campaigns: { campaign_id: number; message_of_the_day: string }[] }>(
      'GET',
      '/api/campaigns',
    );
    expect(campaigns.find((c) => c.campaign_id === 1)).toBeDefined();
    // The mock's demo data gives each campaign a message of the day; the console passes it on.
    expect(campaigns.map((c) => c.message_of_the_day.length > 0)).toEqual([true, true, true, true, true]);
    commandResult.parse(await agent1.json('POST', '/api/login', { campaign_id: 1 }));
    await agent1.json('POST', '/api/state', { state: 'paused', pause_code: 'BREAK' });
    await agent1.json('POST', '/api/state', { state: 'ready' });
    await events1.until(() =>
      notes(events1).some((n) => n.type === 'agent_state' && n.payload.agent_state === 'ready'),
    );
    const started = callStarted.parse(
      await agent1.json('POST', '/api/calls', { phone_number: '0800555008', unique_id: 'crm-1' }),
    );
    callId = started.call_id;
    await fx.advance(1000); // 0800555008 answers after 1 s
    await events1.until(callStateSeen(events1, callId, 'answered'));
    const call = callView.parse(await agent1.json('GET', `/api/calls/${callId}`));
    expect(call).toMatchObject({ call_state: 'answered', unique_id: 'crm-1', agent_leg_state: 'connected' });
  });

  it('hold and retrieve', async () => {
    commandResult.parse(await agent1.json('POST', `/api/calls/${callId}/hold`));
    await events1.until(callStateSeen(events1, callId, 'on_hold'));
    commandResult.parse(await agent1.json('POST', `/api/calls/${callId}/retrieve`));
    expect(callView.parse(await agent1.json('GET', `/api/calls/${callId}`)).call_state).toBe('answered');
  });

  let recordingUrl = '';
  it('recording start, pause, resume, stop, with a playback URL on the backend', async () => {
    const started = recordingCommandResult.parse(
      await agent1.json('POST', `/api/calls/${callId}/recording`, { action: 'start' }),
    );
    expect(started.recording_state).toBe('recording');
    expect(started.playback_url).toBe(`/api/recordings/${started.recording_url}`);
    recordingUrl = started.playback_url ?? '';
    await fx.advance(2000);
    await agent1.json('POST', `/api/calls/${callId}/recording`, { action: 'pause' });
    await agent1.json('POST', `/api/calls/${callId}/recording`, { action: 'resume' });
    const stopped = recordingCommandResult.parse(
      await agent1.json('POST', `/api/calls/${callId}/recording`, { action: 'stop' }),
    );
    expect(stopped.recording_state).toBe('stopped');
  });

  it('plays the recording back through the backend (audio/wav)', async () => {
    const res = await agent1.request('GET', recordingUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('RIFF');
    expect(new TextDecoder().decode(bytes.slice(8, 12))).toBe('WAVE');
    // Another agent's console cannot fetch it without a session of its own.
    const stranger = new ConsoleBrowser(fx.url);
    expect((await stranger.request('GET', recordingUrl)).status).toBe(401);
  });

  it('dispose before the agent’s part ended: 409 in words, the typed note not lost server-side', async () => {
    const res = await agent1.request('POST', `/api/calls/${callId}/dispose`, {
      disposition_code: 'SALE',
      notes: 'kept',
    });
    expect(res.status).toBe(409);
    const { error } = consoleError.parse(await res.json());
    expect(error).toMatchObject({ code: 'CONFLICT', omniCode: 'INVALID_STATE' });
    expect(error.message).toMatch(/cannot be done right now/);
  });

  it('conference a 3rd party, connect them, dispose with a callback date', async () => {
    const conf = conferenceResult.parse(
      await agent1.json('POST', `/api/calls/${callId}/conference`, { phone_number: '0800555001' }),
    );
    expect(conf.call_id).not.toBe(callId);
    await fx.advance(3000); // 0800555001 answers after 3 s
    await events1.until(callStateSeen(events1, conf.call_id, 'answered'));
    commandResult.parse(await agent1.json('POST', `/api/calls/${callId}/connect`));
    expect(callView.parse(await agent1.json('GET', `/api/calls/${callId}`)).agent_leg_state).toBe('ended');
    expect((await agent1.json('GET', '/api/agent')).agent_state).toBe('wrap_up');
    commandResult.parse(
      await agent1.json('POST', `/api/calls/${callId}/dispose`, {
        disposition_code: 'CALLBK',
        callback_date_time: '2026-01-06T09:00:00Z',
        notes: 'call back tomorrow',
      }),
    );
    expect((await agent1.json('GET', '/api/agent')).agent_state).not.toBe('wrap_up');
  });

  it('shotgun: up to five numbers, polled leg by leg until one wins', async () => {
    await agent1.json('POST', '/api/state', { state: 'ready' });
    const started = shotgunStarted.parse(
      await agent1.json('POST', '/api/shotgun', { phone_numbers: ['0800555002', '0800555009', '0800555008'] }),
    );
    expect(started.calls).toHaveLength(3);
    const racing = shotgunView.parse(await agent1.json('GET', `/api/shotgun/${started.shotgun_id}`));
    expect(racing.state).toBe('racing');
    await fx.advance(1500);
    const won = shotgunView.parse(await agent1.json('GET', `/api/shotgun/${started.shotgun_id}`));
    expect(won.state).toBe('won');
    const winner = won.legs.find((l) => l.call_id === won.winner_call_id);
    expect(winner?.phone_number).toBe('0800555008');
    await events1.until(() => notes(events1).some((n) => n.type === 'shotgun_result'));
    await agent1.json('POST', `/api/calls/${won.winner_call_id}/hangup`);
    await agent1.json('POST', `/api/calls/${won.winner_call_id}/dispose`, { disposition_code: 'NI' });
  });

  it('a shotgun can be cancelled while racing', async () => {
    const started = shotgunStarted.parse(await agent1.json('POST', '/api/shotgun', { phone_numbers: ['0800555009'] }));
    commandResult.parse(await agent1.json('POST', `/api/shotgun/${started.shotgun_id}/cancel`));
    const view = shotgunView.parse(await agent1.json('GET', `/api/shotgun/${started.shotgun_id}`));
    expect(view.state).toBe('cancelled');
    await fx.advance(30_000);
  });

  it('a lead’s other_info through the backend', async () => {
    const lead = await agent1.json<{ lead_id: number; other_info: string }>('GET', '/api/leads/1');
    expect(lead.lead_id).toBe(1);
    expect(typeof lead.other_info).toBe('string');
  });

  it('the other agent’s stream got its own notifications and none of agent1’s', async () => {
    await agent2.json('POST', '/api/login', { campaign_id: 1 });
    await events2.until(() => notes(events2).some((n) => n.type === 'agent_state'));
    const mine = notes(events2);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((n) => n.payload.user_id === 2)).toBe(true);
    const theirs = notes(events1);
    expect(theirs.length).toBeGreaterThan(5);
    expect(theirs.every((n) => n.payload.user_id === 1)).toBe(true);
    await agent2.json('POST', '/api/logout');
  });

  it('campaign logout, then sign-out closes the stream with a session event', async () => {
    commandResult.parse(await agent1.json('POST', '/api/logout'));
    expect((await agent1.json('GET', '/api/agent')).agent_state).toBe('logged_out');
    await agent1.json('DELETE', '/api/session');
    await events1.ended();
    expect(events1.events.at(-1)).toEqual({ event: 'session', data: { state: 'signed_out' } });
  });
});
