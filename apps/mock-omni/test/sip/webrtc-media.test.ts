/**
 * `--media webrtc` in Node: the mock's bridge legs are werift peers, the phone here is sip.js with a werift peer of
 * its own (test/sip/werift-phone-media.ts), so ICE, DTLS-SRTP and Opus run for real without a browser. What the phone
 * receives is decoded and measured; the mock's counters are read through the control API (`GET /__mock/sip/media`),
 * whose bad inputs are checked too.
 *
 * @module
 */

import type { SipMediaLeg } from '@omnikit/contracts/control';
import OpusScript from 'opusscript';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockOmni, type Listening, type MockOmni } from '../../src/index.js';
import { OPUS_FRAME_SAMPLES, toneOpusFrames, tonePcm } from '../../src/sip/opus-tone.js';
import { OmniTestClient } from '../support/omni-client.js';
import { TestAgent } from '../support/telephony.js';
import { installWebSocketGlobal, RawAgent } from './support/sipjs-agent.js';
import { createWeriftPhoneMediaFactory, type WeriftPhoneMedia } from './support/werift-phone-media.js';

installWebSocketGlobal();

const quiet = { info: () => {}, error: () => {} };
let mock: MockOmni | undefined;
let listening: Listening | undefined;
const agents: RawAgent[] = [];

afterEach(async () => {
  for (const a of agents.splice(0)) await a.stop();
  await listening?.close();
  await mock?.close();
  mock = undefined;
  listening = undefined;
});

async function start(media: 'fake' | 'webrtc', extra: Parameters<typeof createMockOmni>[0] = {}) {
  mock = await createMockOmni({ clock: 'manual', logger: quiet, sip: { answerTimeoutMs: 10_000, media }, ...extra });
  listening = await mock.listen({ port: 0, host: '127.0.0.1' });
  return {
    mock,
    client: new OmniTestClient(mock, mock.defaultSystemKey),
    ws: `${listening.url.replace('http', 'ws')}/ws`,
  };
}

async function phone(ws: string, mediaFactory?: ReturnType<typeof createWeriftPhoneMediaFactory>): Promise<RawAgent> {
  const agent = new RawAgent({
    url: ws,
    extension: '1001',
    password: 'webrtc1',
    ...(mediaFactory ? { mediaFactory } : {}),
  });
  agents.push(agent);
  await agent.start();
  expect(await agent.register()).toBe(200);
  return agent;
}

async function until<T>(what: string, probe: () => T | Promise<T>, ok: (value: T) => boolean, ms = 8_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** RMS (0..1) of decoded Opus payloads. */
function rms(payloads: Buffer[]): number {
  const decoder = new OpusScript(48_000, 2, OpusScript.Application.AUDIO);
  try {
    let sum = 0;
    let count = 0;
    for (const payload of payloads) {
      const pcm = decoder.decode(payload);
      for (let i = 0; i + 1 < pcm.length; i += 2) {
        const v = pcm.readInt16LE(i) / 32768;
        sum += v * v;
        count += 1;
      }
    }
    return count === 0 ? 0 : Math.sqrt(sum / count);
  } finally {
    decoder.delete();
  }
}

describe('the generated voice', () => {
  it('is deterministic, one second long, and far from silence once encoded and decoded', () => {
    expect(tonePcm().equals(tonePcm())).toBe(true);
    expect(tonePcm().length).toBe(48_000 * 2);
    const frames = toneOpusFrames();
    expect(frames).toHaveLength(50);
    for (const frame of frames) expect(frame.length).toBeGreaterThan(10);
    // Decoded (stereo output of a mono stream), the level is that of the source, not of silence.
    expect(rms([...frames])).toBeGreaterThan(0.08);
    expect(OPUS_FRAME_SAMPLES).toBe(960);
  });
});

describe('--media webrtc between the mock and a werift phone', () => {
  it('plays the customer to the phone only while bridged and not held, and counts what the phone sends', async () => {
    const { client, ws } = await start('webrtc');
    const created: WeriftPhoneMedia[] = [];
    const p = await phone(ws, createWeriftPhoneMediaFactory(created));
    const agent = new TestAgent(client, 1, await client.login('agent1'), '1001');
    const leg = async (): Promise<SipMediaLeg | undefined> => {
      const res = await client.request('GET', '/__mock/sip/media');
      expect(res.status).toBe(200);
      expect(res.body.media).toBe('webrtc');
      return res.body.legs[0];
    };

    const login = await agent.login();
    expect([login.status, login.body.detail]).toEqual([200, expect.anything()]);
    const invite = p.invitations[0];
    expect(invite?.body).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 111/m);
    expect(invite?.body).toMatch(/^a=candidate:.* 127\.0\.0\.1 /m);
    expect(invite?.body).toMatch(/^a=fingerprint:sha-256 /m);
    const media = created[0] as WeriftPhoneMedia;

    const idle = await until('the phone’s RTP at the mock', leg, (l) => (l?.packets_received ?? 0) >= 10);
    expect(idle).toMatchObject({
      extension: '1001',
      user_id: 1,
      leg_state: 'up',
      media_state: 'connected',
      playing: false,
      packets_sent: 0,
      local_direction: 'sendrecv',
    });
    expect(idle?.bytes_received).toBeGreaterThan(idle?.packets_received ?? 0);
    expect(media.received).toHaveLength(0);

    const callId = (await agent.dial('0800555008')).body.call_id as number;
    // Ringing: the customer has not answered, so there is nothing to hear yet.
    await new Promise((r) => setTimeout(r, 200));
    expect((await leg())?.packets_sent).toBe(0);
    await client.advance(5_000);
    expect((await agent.call(callId)).call_state).toBe('answered');
    await until(
      'the customer’s voice at the phone',
      () => media.received.length,
      (n) => n >= 20,
    );
    const talking = await leg();
    expect(talking?.playing).toBe(true);
    expect(talking?.packets_sent).toBeGreaterThanOrEqual(20);
    expect(talking?.first_packet_sent_at).not.toBeNull();
    expect(rms(media.received)).toBeGreaterThan(0.05);

    expect((await agent.command(callId, 'hold')).status).toBe(200);
    await until('the hold', leg, (l) => l?.leg_state === 'held');
    expect(media.direction).toBe('recvonly');
    await new Promise((r) => setTimeout(r, 200));
    const heldAt = { phone: media.received.length, mock: await leg() };
    await new Promise((r) => setTimeout(r, 500));
    expect(media.received.length).toBe(heldAt.phone);
    const held = await leg();
    expect(held?.playing).toBe(false);
    expect(held?.local_direction).toBe('sendonly');
    expect(held?.remote_direction).toBe('recvonly');
    expect(held?.packets_sent).toBe(heldAt.mock?.packets_sent);
    // The phone answered recvonly: it stopped sending too.
    expect(held?.packets_received).toBe(heldAt.mock?.packets_received);

    expect((await agent.command(callId, 'retrieve')).status).toBe(200);
    await until(
      'the voice again',
      () => media.received.length,
      (n) => n >= heldAt.phone + 10,
    );
    const resumed = await until(
      'the phone talking again',
      leg,
      (l) => (l?.packets_received ?? 0) > (held?.packets_received ?? 0),
    );
    expect(resumed?.leg_state).toBe('up');
    expect(resumed?.local_direction).toBe('sendrecv');

    expect((await agent.command(callId, 'hangup')).status).toBe(200);
    await until('silence after the call', leg, (l) => l?.playing === false);
    const after = media.received.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(media.received.length).toBeLessThanOrEqual(after + 2);

    // The phone hangs up its bridge call: the leg (and its media) is gone.
    await invite?.bye();
    await until(
      'no leg',
      async () => (await client.request('GET', '/__mock/sip/media')).body.legs.length,
      (n) => n === 0,
    );
    await until(
      'the phone’s peer closed',
      () => media.connectionState,
      (s) => s === 'closed',
    );
  }, 30_000);
});

describe('--media webrtc with a headless phone (WebRTC-shaped SDP with no ICE candidates)', () => {
  it('still logs the agent in: the leg carries no audio and says so', async () => {
    const { client, ws } = await start('webrtc');
    await phone(ws);
    const agent = new TestAgent(client, 1, await client.login('agent1'), '1001');
    expect((await agent.login()).status).toBe(200);
    const callId = (await agent.dial('0800555008')).body.call_id as number;
    await client.advance(5_000);
    expect((await agent.call(callId)).call_state).toBe('answered');
    await new Promise((r) => setTimeout(r, 200));
    const res = await client.request('GET', '/__mock/sip/media');
    expect(res.body.legs).toHaveLength(1);
    expect(res.body.legs[0]).toMatchObject({
      media_state: 'none',
      playing: false,
      packets_sent: 0,
      packets_received: 0,
    });
    expect((await agent.command(callId, 'hold')).status).toBe(200);
    await until(
      'the hold',
      async () => (await client.request('GET', '/__mock/sip/media')).body.legs[0]?.leg_state,
      (s) => s === 'held',
    );
  });
});

describe('GET /__mock/sip/media', () => {
  it('lists fake-media legs with no counters, and narrows to one extension', async () => {
    const { client, ws } = await start('fake');
    await phone(ws);
    const agent = new TestAgent(client, 1, await client.login('agent1'), '1001');
    expect((await agent.login()).status).toBe(200);
    const all = await client.request('GET', '/__mock/sip/media');
    expect(all.status).toBe(200);
    expect(all.body.media).toBe('fake');
    expect(all.body.legs).toHaveLength(1);
    expect(all.body.legs[0]).toMatchObject({
      extension: '1001',
      user_id: 1,
      leg_state: 'up',
      media_state: 'none',
      playing: false,
      local_direction: null,
      remote_direction: null,
      packets_sent: 0,
      packets_received: 0,
      started_at: null,
    });
    expect(all.body.legs[0].sip_call_id).toMatch(/\S/);
    const one = await client.request('GET', '/__mock/sip/media?extension=1001');
    expect(one.body.legs).toHaveLength(1);
    // Another user's extension with no leg: an empty list, not an error.
    const other = await client.request('GET', '/__mock/sip/media?extension=1002');
    expect([other.status, other.body.legs]).toEqual([200, []]);
  });

  it('refuses bad input: a malformed extension (400), one no user has (404), no admin key when the mock has one', async () => {
    const { client } = await start('webrtc');
    const bad = await client.request('GET', '/__mock/sip/media?extension=12ab');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('extension');
    const unknown = await client.request('GET', '/__mock/sip/media?extension=99999');
    expect([unknown.status, unknown.body.error_code]).toEqual([404, 'NOT_FOUND']);
    await listening?.close();
    await mock?.close();

    const { client: guarded } = await start('webrtc', { adminKey: 'admin-secret-9' });
    const refused = await guarded.request('GET', '/__mock/sip/media');
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const allowed = await guarded.request('GET', '/__mock/sip/media', { admin: 'admin-secret-9' });
    expect([allowed.status, allowed.body]).toEqual([200, { media: 'webrtc', legs: [] }]);
  });
});
