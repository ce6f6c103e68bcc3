import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentResources,
  InvalidStateError,
  NotFoundError,
  type OmniClient,
  ValidationError,
} from '../../src/index.js';
import { type MockTarget, startTarget, TRANSPORTS } from '../support/mock-target.js';

/**
 * The agent and call methods end to end against the mock, in-process and over real
 * HTTP, with response validation on: campaign login on a virtual phone, state, Click-2-Dial to
 * B.10's magic numbers, call control, conference and connect, dispose, the recording's WAV.
 */
describe.each(TRANSPORTS)('agents and calls against the mock (%s)', (transport) => {
  let target: MockTarget;
  let client: OmniClient;
  let agent: AgentResources;

  beforeAll(async () => {
    target = await startTarget(transport);
    client = target.client({ validateResponses: true });
    agent = client.agent(await client.authorize('agent1', 'password1'));
  });
  afterAll(() => target.close());

  it('login needs a registered phone; then login, state, get and logout', async () => {
    await expect(agent.login({ campaign_id: 1, extension: '1001' })).rejects.toMatchObject({
      constructor: InvalidStateError,
      status: 409,
      errorCode: 'EXTENSION_NOT_REGISTERED',
    });
    expect((await target.control('POST', '/__mock/phones/1001/register')).status).toBe(200);
    await expect(agent.login({ campaign_id: 999, extension: '1001' })).rejects.toMatchObject({
      constructor: NotFoundError,
      errorCode: 'NOT_FOUND',
    });
    expect(await agent.login({ campaign_id: 1, extension: '1001' })).toMatchObject({ success: true });
    expect(await agent.get()).toEqual({
      user_id: 1,
      user_name: 'agent1',
      extension: '1001',
      agent_state: 'paused',
      campaign_id: 1,
      registered: true,
      call_id: 0,
    });
    expect(await agent.state({ state: 'ready' })).toMatchObject({ success: true });
    const wrongCode = (await agent.state({ state: 'paused', pause_code: 'NAP' }).catch((e: unknown) => e)) as
      | ValidationError
      | undefined;
    expect(wrongCode).toBeInstanceOf(ValidationError);
    expect(wrongCode?.fieldErrors.map((f) => f.field)).toEqual(['pause_code']);
    expect(await agent.state({ state: 'paused', pause_code: 'LUNCH' })).toMatchObject({ success: true });
    expect((await agent.get()).agent_state).toBe('paused');
    expect(await agent.logout()).toMatchObject({ success: true });
    expect((await agent.get()).agent_state).toBe('logged_out');
    await expect(agent.state({ state: 'ready' })).rejects.toMatchObject({ errorCode: 'AGENT_NOT_LOGGED_IN' });
  });

  it('a click-2-dial call: make, get, hold, retrieve, record, hangup, dispose, then its WAV', async () => {
    await agent.login({ campaign_id: 1, extension: '1001' });
    const started = await agent.calls.make({
      phone_number: '0800555001',
      outboud_cli: '0215550100',
      unique_id: 'sdk-1',
    });
    expect(started).toMatchObject({ phone_number: '0800555001', call_state: 'initiated' });
    expect((await agent.get()).agent_state).toBe('on_call');
    await target.advance(3_000);
    const live = await agent.calls.get(started.call_id);
    expect(live).toMatchObject({
      call_state: 'answered',
      call_type: 1,
      unique_id: 'sdk-1',
      agent_leg_state: 'connected',
      recording_state: 'off',
      end_time: null,
    });
    expect(await agent.calls.hold(started.call_id)).toMatchObject({ success: true });
    await expect(agent.calls.hold(started.call_id)).rejects.toMatchObject({
      constructor: InvalidStateError,
      errorCode: 'INVALID_STATE',
      detail: expect.stringContaining('call_state on_hold'),
    });
    expect(await agent.calls.retrieve(started.call_id)).toMatchObject({ success: true });
    const recording = await agent.calls.record(started.call_id, { action: 'start' });
    expect(recording).toMatchObject({
      recording_state: 'recording',
      recording_url: `${started.call_id}_20260105080003.wav`,
    });
    await target.advance(2_000);
    expect(await agent.calls.record(started.call_id, { action: 'stop' })).toMatchObject({ recording_state: 'stopped' });
    expect(await agent.calls.hangup(started.call_id)).toMatchObject({ success: true });
    expect((await agent.get()).agent_state).toBe('wrap_up');
    await expect(agent.calls.dispose(started.call_id, { disposition_code: 'NOPE' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await agent.calls.dispose(started.call_id, { disposition_code: 'SALE', notes: 'sold' })).toMatchObject({
      success: true,
    });
    expect(await agent.get()).toMatchObject({ agent_state: 'paused', call_id: 0 });

    const wav = await agent.recordings.get(recording.recording_url);
    expect(wav).toBeInstanceOf(Blob);
    // 2 s at 8 kHz, 16-bit mono, after the 44-byte header.
    expect(wav.size).toBe(44 + 2 * 8000 * 2);
    const head = new Uint8Array(await wav.arrayBuffer()).slice(0, 4);
    expect(new TextDecoder().decode(head)).toBe('RIFF');
    await expect(agent.recordings.get('999_20260105080000.wav')).rejects.toMatchObject({
      constructor: NotFoundError,
      errorCode: 'NOT_FOUND',
    });
  });

  it('conference a 3rd party, then connect: the agent leaves and wraps up', async () => {
    const parent = await agent.calls.make({ phone_number: '0800555008' });
    await target.advance(1_000);
    const conf = await agent.calls.conference(parent.call_id, { phone_number: '0800555008' });
    expect(conf.call_id).toBeGreaterThan(parent.call_id);
    await expect(agent.calls.connect(parent.call_id)).rejects.toMatchObject({ errorCode: 'INVALID_STATE' });
    await target.advance(1_000);
    expect((await agent.calls.get(conf.call_id)).call_type).toBe(5);
    expect(await agent.calls.connect(parent.call_id)).toMatchObject({ success: true });
    expect(await agent.calls.get(parent.call_id)).toMatchObject({ call_state: 'answered', agent_leg_state: 'ended' });
    expect((await agent.get()).agent_state).toBe('wrap_up');
    await agent.calls.dispose(parent.call_id, { disposition_code: 'XFER' });
    expect((await agent.get()).agent_state).toBe('paused');
  });

  it('another user cannot see the call; an unknown call → NotFoundError', async () => {
    await target.control('POST', '/__mock/phones/1002/register');
    const other = client.agent(await client.authorize('agent2', 'password2'));
    await expect(other.calls.get(1)).rejects.toMatchObject({ constructor: NotFoundError, errorCode: 'NOT_FOUND' });
    await expect(agent.calls.get(424242)).rejects.toBeInstanceOf(NotFoundError);
  });
});
