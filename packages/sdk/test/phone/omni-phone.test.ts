import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sdpDirection } from '@omnikit/contracts/sdp';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { webrtcSdpProblem } from '../../../../apps/mock-omni/src/sip/webrtc-sdp-problem.js';
import {
  type AudioSink,
  createFakeMediaHandlerFactory,
  FakeMediaHandler,
  type IceServer,
  OmniPhone,
  OmniPhoneError,
  type OmniPhoneEvents,
  type OmniPhoneOptions,
} from '../../src/phone/index.js';
import { type EdgeServer, startEdgeServer, until } from './sip-edge-server.js';

// Compile-time: a browser's <audio> element and RTCIceServer fit the phone's structural option types.
export type AudioElementFits = HTMLAudioElement extends AudioSink ? true : never;
export type IceServerFits = RTCIceServer extends IceServer ? (IceServer extends RTCIceServer ? true : never) : never;
const audioElementFits: AudioElementFits = true;
const iceServerFits: IceServerFits = true;

/** A `ws` client that accepts a handshake without a subprotocol (as a lax implementation might). */
class NoSubprotocolWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
  }
}

type Recorded = { [K in keyof OmniPhoneEvents]: { event: K; payload: OmniPhoneEvents[K] } }[keyof OmniPhoneEvents];

/** Records every event a phone emits, in order. */
function record(phone: OmniPhone): Recorded[] {
  const log: Recorded[] = [];
  const names: (keyof OmniPhoneEvents)[] = [
    'registered',
    'unregistered',
    'connection',
    'incoming',
    'incomingCancelled',
    'bridgeUp',
    'bridgeDown',
    'hold',
    'mute',
    'error',
  ];
  for (const name of names) phone.on(name, (payload) => log.push({ event: name, payload } as Recorded));
  return log;
}

async function rejectionOf(promise: Promise<unknown>): Promise<OmniPhoneError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OmniPhoneError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('OmniPhone against the mock’s SIP edge (Node, fake media)', () => {
  let server: EdgeServer;
  const phones: OmniPhone[] = [];
  const phone = (options: Partial<OmniPhoneOptions> = {}) => {
    const created = new OmniPhone({
      server: server.url,
      extension: '1001',
      password: 'webrtc1',
      WebSocket,
      mediaHandlerFactory: createFakeMediaHandlerFactory(),
      ...options,
    });
    phones.push(created);
    return created;
  };

  beforeEach(async () => {
    server = await startEdgeServer();
  });
  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.stop()));
    await server.close();
  });

  it('registers with the webphone settings and unregisters cleanly on stop()', async () => {
    const agent = phone({ expiresSeconds: 300 });
    const log = record(agent);
    await agent.start();
    expect(agent.lifecycle).toBe('running');
    expect(agent.registered).toBe(true);
    const binding = server.edge.binding('demo', '1001');
    expect(binding?.aor).toBe('sip:1001@127.0.0.1');
    expect(binding?.userAgent).toMatch(/OmniPhone/);
    expect(Math.round(((binding?.expiresAt ?? 0) - Date.now()) / 1000)).toBe(300);
    expect(log.map((l) => l.event)).toEqual(['connection', 'registered']);

    await agent.stop();
    expect(agent.lifecycle).toBe('stopped');
    expect(agent.registered).toBe(false);
    expect(server.edge.isRegistered('demo', '1001')).toBe(false);
    expect(server.events.map((e) => `${e.kind}:${e.reason ?? ''}`)).toEqual(['registered:', 'unregistered:unregister']);
    expect(log.map((l) => l.event)).toEqual(['connection', 'registered', 'connection', 'unregistered']);
    expect(log.at(-1)).toEqual({ event: 'unregistered', payload: { reason: 'stopped' } });
    await until(() => server.edge.stats().connections === 0);
  });

  it('loads WebSocket from ws itself where the runtime has none (Node 20) and none is passed', async () => {
    vi.stubGlobal('WebSocket', undefined);
    try {
      const agent = phone({ WebSocket: undefined });
      await agent.start();
      expect(agent.registered).toBe(true);
      expect(server.edge.isRegistered('demo', '1001')).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('fails to start with a wrong WebRTC password (403) and leaves nothing behind', async () => {
    const agent = phone({ password: 'wrong' });
    const error = await rejectionOf(agent.start());
    expect(error).toMatchObject({ code: 'REGISTRATION_REJECTED', statusCode: 403 });
    expect(agent.lifecycle).toBe('stopped');
    expect(agent.registered).toBe(false);
    await until(() => server.edge.stats().connections === 0);
    expect(server.events).toEqual([]);
  });

  it('auto-answers the bridge call and reports it up', async () => {
    const agent = phone();
    const log = record(agent);
    await agent.start();
    const leg = await server.edge.bridge('demo', '1001', { answerTimeoutMs: 2_000 });
    await until(() => agent.bridge?.status === 'up');
    expect(leg.state).toBe('up');
    const up = log.find((l) => l.event === 'bridgeUp');
    expect(up?.payload).toEqual({ callId: leg.sipCallId, from: 'sip:omni@omni.mock', held: false });
    expect(agent.mediaHandler).toBeInstanceOf(FakeMediaHandler);
  });

  it('answers the bridge call and its re-INVITEs in WebRTC’s shape, which the mock’s WebRTC extension takes', async () => {
    const answers: string[] = [];
    const fake = createFakeMediaHandlerFactory();
    const agent = phone({
      mediaHandlerFactory: (session, options) => {
        const handler = fake(session, options);
        const describe = handler.getDescription.bind(handler);
        handler.getDescription = async (...args) => {
          const description = await describe(...args);
          answers.push(description.body);
          return description;
        };
        return handler;
      },
    });
    await agent.start();
    // The mock refuses a description that is not WebRTC's (488, or ACK and BYE): this leg would never come up.
    const leg = await server.edge.bridge('demo', '1001', { answerTimeoutMs: 2_000 });
    await leg.hold();
    await leg.unhold();
    expect(leg.state).toBe('up');
    expect(answers).toHaveLength(3);
    for (const answer of answers) {
      expect(webrtcSdpProblem(answer)).toBeUndefined();
      expect(answer).toMatch(/^m=audio 9 UDP\/TLS\/RTP\/SAVPF /m);
      expect(answer).toMatch(/^a=ice-ufrag:\S+\r$/m);
      expect(answer).toMatch(/^a=ice-pwd:\S+\r$/m);
      expect(answer).toMatch(/^a=fingerprint:sha-256 [0-9A-F:]+\r$/m);
      // The mock offers actpass every time; the phone's answers take active and keep it.
      expect(answer).toMatch(/^a=setup:active\r$/m);
    }
    expect(answers.map((answer) => sdpDirection(answer))).toEqual(['sendrecv', 'recvonly', 'sendrecv']);
  });

  it('follows hold and retrieve from the server’s re-INVITEs, even one sent right behind the ACK', async () => {
    const agent = phone();
    const log = record(agent);
    await agent.start();
    const leg = await server.edge.bridge('demo', '1001', { answerTimeoutMs: 2_000 });
    // No wait: the re-INVITE may reach the phone in the same tick as the ACK.
    await leg.hold();
    expect(agent.bridge?.held).toBe(true);
    const media = agent.mediaHandler as FakeMediaHandler;
    expect(media.remoteDirection).toBe('sendonly');
    expect(media.localDirection).toBe('recvonly');
    await leg.unhold();
    expect(agent.bridge?.held).toBe(false);
    expect(media.localDirection).toBe('sendrecv');
    expect(log.filter((l) => l.event === 'hold').map((l) => l.payload)).toEqual([{ held: true }, { held: false }]);
  });

  it('mutes the call’s sending (before and during the call)', async () => {
    const agent = phone();
    const log = record(agent);
    await agent.start();
    agent.mute();
    expect(agent.muted).toBe(true);
    await server.edge.bridge('demo', '1001', { answerTimeoutMs: 2_000 });
    await until(() => agent.bridge?.status === 'up');
    const media = agent.mediaHandler as FakeMediaHandler;
    expect(media.sending).toBe(false);
    agent.unmute();
    expect(media.sending).toBe(true);
    agent.unmute();
    expect(log.filter((l) => l.event === 'mute').map((l) => l.payload)).toEqual([{ muted: true }, { muted: false }]);
  });

  it('hangs up the bridge from the phone, which the mock sees as the phone hanging up', async () => {
    const agent = phone();
    const log = record(agent);
    await agent.start();
    const leg = await server.edge.bridge('demo', '1001', { answerTimeoutMs: 2_000 });
    await until(() => agent.bridge?.status === 'up');
    const ended = new Promise((resolve) => leg.onEnded(resolve));
    await agent.hangup();
    expect(await ended).toBe('phone-hangup');
    expect(agent.bridge).toBeUndefined();
    expect(log.find((l) => l.event === 'bridgeDown')?.payload).toEqual({ callId: leg.sipCallId, by: 'local' });
  });

  it('reports the server hanging up the bridge', async () => {
    const agent = phone();
    const log = record(agent);
    await agent.start();
    const leg = await server.edge.bridge('demo', '1001', { answerTimeoutMs: 2_000 });
    await until(() => agent.bridge?.status === 'up');
    await leg.hangup();
    await until(() => agent.bridge === undefined);
    expect(log.find((l) => l.event === 'bridgeDown')?.payload).toEqual({ callId: leg.sipCallId, by: 'remote' });
  });

  it('refuses a second call while the bridge is up (486)', async () => {
    const agent = phone();
    await agent.start();
    await server.edge.bridge('demo', '1001', { answerTimeoutMs: 2_000 });
    await expect(server.edge.bridge('demo', '1001', { answerTimeoutMs: 2_000 })).rejects.toMatchObject({
      code: 'REJECTED',
      statusCode: 486,
    });
  });

  it('notices a dropped WebSocket, then reconnects and registers again', async () => {
    const agent = phone({ reconnect: { delaysMs: [20] } });
    const log = record(agent);
    await agent.start();
    const leg = await server.edge.bridge('demo', '1001', { answerTimeoutMs: 2_000 });
    await until(() => agent.bridge?.status === 'up');
    const first = server.edge.binding('demo', '1001');
    server.edge.disconnect(first?.connectionId ?? '');
    await until(() => log.some((l) => l.event === 'unregistered'));
    expect(log.find((l) => l.event === 'unregistered')?.payload).toEqual({ reason: 'connection-lost' });
    await until(() => log.some((l) => l.event === 'bridgeDown'));
    expect(log.find((l) => l.event === 'bridgeDown')?.payload).toEqual({
      callId: leg.sipCallId,
      by: 'connection-lost',
    });
    expect(leg.endReason).toBe('connection-lost');

    await until(() => agent.registered);
    const second = server.edge.binding('demo', '1001');
    expect(second?.connectionId).not.toBe(first?.connectionId);
    expect(server.events.map((e) => `${e.kind}:${e.reason ?? ''}`)).toEqual([
      'registered:',
      'unregistered:connection-closed',
      'registered:',
    ]);
    expect(log.filter((l) => l.event === 'registered')).toHaveLength(2);
    // The new registration takes bridge calls again.
    await server.edge.bridge('demo', '1001', { answerTimeoutMs: 2_000 });
    await until(() => agent.bridge?.status === 'up');
  });

  it('without auto-answer, rings (incoming) until answered', async () => {
    const agent = phone({ autoAnswer: false });
    const log = record(agent);
    await agent.start();
    const bridged = server.edge.bridge('demo', '1001', { answerTimeoutMs: 2_000 });
    await until(() => agent.bridge?.status === 'ringing');
    expect(log.find((l) => l.event === 'incoming')?.payload).toMatchObject({ from: 'sip:omni@omni.mock' });
    await agent.answer();
    const leg = await bridged;
    expect(leg.state).toBe('up');
    await expect(agent.answer()).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('without auto-answer, a declined call fails the bridge with 486 and an unanswered one is cancelled', async () => {
    const agent = phone({ autoAnswer: false });
    const log = record(agent);
    await agent.start();
    const declined = server.edge.bridge('demo', '1001', { answerTimeoutMs: 2_000 });
    await until(() => agent.bridge?.status === 'ringing');
    await agent.decline();
    await expect(declined).rejects.toMatchObject({ code: 'REJECTED', statusCode: 486 });

    const ignored = server.edge.bridge('demo', '1001', { answerTimeoutMs: 150 });
    await expect(ignored).rejects.toMatchObject({ code: 'NO_ANSWER' });
    await until(() => log.filter((l) => l.event === 'incomingCancelled').length === 2);
    expect(agent.bridge).toBeUndefined();
  });

  it('stops cleanly when stop() comes while it is still starting', async () => {
    const agent = phone();
    const starting = agent.start();
    expect(agent.lifecycle).toBe('starting');
    const stopping = agent.stop();
    await expect(starting).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await stopping;
    expect(agent.lifecycle).toBe('stopped');
    await until(() => server.edge.stats().connections === 0 && !server.edge.isRegistered('demo', '1001'));
  });

  it('refuses to start twice', async () => {
    const agent = phone();
    await agent.start();
    await expect(agent.start()).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('OmniPhone configuration and connection errors', () => {
  it('takes a browser’s audio element and ICE servers as they are (checked at compile time)', () => {
    expect([audioElementFits, iceServerFits]).toEqual([true, true]);
  });

  it('rejects a malformed server URL, extension or empty password at construction', () => {
    const base = { server: 'ws://127.0.0.1:1/ws', extension: '1001', password: 'x' };
    expect(() => new OmniPhone({ ...base, server: 'http://example.com' })).toThrow(/ws:\/\/ or wss:\/\//);
    expect(() => new OmniPhone({ ...base, server: 'not a url' })).toThrow(OmniPhoneError);
    expect(() => new OmniPhone({ ...base, extension: 'a b' })).toThrow(/not a valid SIP user/);
    expect(() => new OmniPhone({ ...base, password: '' })).toThrow(/password/);
  });

  it('asks for a media handler where there is none (Node); without a WebSocket it goes on with ws', async () => {
    const base = { server: 'ws://127.0.0.1:1/ws', extension: '1001', password: 'x' };
    vi.stubGlobal('WebSocket', undefined);
    try {
      // No WebSocket anywhere but ws installed: the phone gets as far as connecting (nothing listens).
      await expect(
        new OmniPhone({ ...base, mediaHandlerFactory: createFakeMediaHandlerFactory() }).start(),
      ).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
    } finally {
      vi.unstubAllGlobals();
    }
    await expect(new OmniPhone({ ...base, WebSocket }).start()).rejects.toMatchObject({
      code: 'CONFIGURATION',
      message: expect.stringMatching(/createFakeMediaHandlerFactory/),
    });
  });

  it('fails with CONNECTION_FAILED when nothing listens', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const agent = new OmniPhone({
      server: `ws://127.0.0.1:${port}/ws`,
      extension: '1001',
      password: 'x',
      WebSocket,
      mediaHandlerFactory: createFakeMediaHandlerFactory(),
    });
    await expect(agent.start()).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
    expect(agent.lifecycle).toBe('stopped');
  });

  it('fails with CONNECTION_FAILED when the server does not select the sip subprotocol', async () => {
    // `ws` itself fails such a handshake; a WebSocket that opens anyway is refused by the phone.
    const http = createServer();
    const wss = new WebSocketServer({ server: http, handleProtocols: () => false });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    try {
      const options = {
        server: `ws://127.0.0.1:${port}/ws`,
        extension: '1001',
        password: 'x',
        mediaHandlerFactory: createFakeMediaHandlerFactory(),
      };
      const real = await rejectionOf(new OmniPhone({ ...options, WebSocket }).start());
      expect(real.code).toBe('CONNECTION_FAILED');
      const lenient = await rejectionOf(new OmniPhone({ ...options, WebSocket: NoSubprotocolWebSocket }).start());
      expect(lenient.code).toBe('CONNECTION_FAILED');
      expect(lenient.message).toMatch(/did not select the sip WebSocket subprotocol/);
    } finally {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});
