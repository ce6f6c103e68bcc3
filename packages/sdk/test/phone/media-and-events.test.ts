import { buildFakeWebrtcSdp, sdpDirection } from '@omnikit/contracts/sdp';
import { describe, expect, it } from 'vitest';
import { createFakeMediaHandlerFactory, FakeMediaHandler } from '../../src/phone/index.js';
import { TypedEmitter } from '../../src/phone/typed-emitter.js';

describe('FakeMediaHandler', () => {
  it('is what the factory makes, and answers a hold offer with recvonly', async () => {
    const handler = createFakeMediaHandlerFactory()({} as never);
    expect(handler).toBeInstanceOf(FakeMediaHandler);
    const media = handler as FakeMediaHandler;
    await media.setDescription(buildFakeWebrtcSdp('1', 1, 'sendonly', 'actpass'));
    const answer = await media.getDescription();
    expect(answer.contentType).toBe('application/sdp');
    expect(answer.body).toMatch(/^a=recvonly\r$/m);
    expect(media.remoteDirection).toBe('sendonly');
    expect(media.localDirection).toBe('recvonly');
  });

  it('describes itself as WebRTC does (DTLS-SRTP, ICE, a fingerprint), with actpass offers and a kept answer role', async () => {
    const setup = (sdp: string) => /^a=setup:(\w+)\r$/m.exec(sdp)?.[1];
    // Omni's offer (actpass): the phone answers active, the same ICE and DTLS identity each time, and stays active.
    const answering = new FakeMediaHandler();
    await answering.setDescription(buildFakeWebrtcSdp('1', 1, 'sendrecv', 'actpass'));
    const first = (await answering.getDescription()).body;
    expect(first).toMatch(/^m=audio 9 UDP\/TLS\/RTP\/SAVPF 111 0 101\r$/m);
    expect(first).toMatch(/^a=ice-ufrag:\S+\r$/m);
    expect(first).toMatch(/^a=ice-pwd:\S+\r$/m);
    expect(first).toMatch(/^a=fingerprint:sha-256 [0-9A-F:]+\r$/m);
    expect(first).not.toMatch(/RTP\/AVP/);
    expect(setup(first)).toBe('active');
    await answering.setDescription(buildFakeWebrtcSdp('1', 2, 'sendonly', 'actpass'));
    const second = (await answering.getDescription()).body;
    expect([setup(second), sdpDirection(second)]).toEqual(['active', 'recvonly']);
    const identity = (sdp: string) => sdp.split('\r\n').filter((line) => /^a=(ice-|fingerprint)/.test(line));
    expect(identity(second)).toEqual(identity(first));

    // An offer that takes the active role itself is answered passive.
    const passive = new FakeMediaHandler();
    await passive.setDescription(buildFakeWebrtcSdp('2', 1, 'sendrecv', 'active'));
    expect(setup((await passive.getDescription()).body)).toBe('passive');

    // The phone offers (actpass); the answer's active leaves it passive in its later answers.
    const offering = new FakeMediaHandler();
    expect(setup((await offering.getDescription()).body)).toBe('actpass');
    await offering.setDescription(buildFakeWebrtcSdp('3', 1, 'sendrecv', 'active'));
    await offering.setDescription(buildFakeWebrtcSdp('3', 2, 'sendonly', 'actpass'));
    expect(setup((await offering.getDescription()).body)).toBe('passive');
    expect(setup((await offering.getDescription({ hold: true } as never)).body)).toBe('actpass');
  });

  it('offers, takes the answer, mutes, and refuses work once closed', async () => {
    const media = new FakeMediaHandler();
    const offer = await media.getDescription({ hold: true } as never);
    expect(sdpDirection(offer.body)).toBe('sendonly');
    await media.setDescription(buildFakeWebrtcSdp('1', 1, 'recvonly', 'active'));
    expect(media.remoteDirection).toBe('recvonly');
    media.enableSenderTracks(false);
    expect(media.sending).toBe(false);
    await expect(media.setDescription('v=0\r\n')).rejects.toThrow(/audio/);
    media.close();
    expect(media.closed).toBe(true);
    await expect(media.getDescription()).rejects.toThrow(/closed/);
  });
});

describe('TypedEmitter', () => {
  class Emitter extends TypedEmitter<{ ping: { n: number }; pong: string }> {
    fire<K extends 'ping' | 'pong'>(event: K, payload: K extends 'ping' ? { n: number } : string) {
      this.emit(event, payload as never);
    }
  }

  it('calls listeners in order, once-listeners once, and stops after off', () => {
    const emitter = new Emitter();
    const seen: string[] = [];
    const off = emitter.on('ping', ({ n }) => seen.push(`a${n}`));
    emitter.once('ping', ({ n }) => seen.push(`b${n}`));
    emitter.on('pong', (text) => seen.push(text));
    emitter.fire('ping', { n: 1 });
    emitter.fire('ping', { n: 2 });
    off();
    emitter.fire('ping', { n: 3 });
    emitter.fire('pong', 'p');
    expect(seen).toEqual(['a1', 'b1', 'a2', 'p']);
  });

  it('keeps calling the other listeners when one throws', async () => {
    const emitter = new Emitter();
    const seen: number[] = [];
    const errors: unknown[] = [];
    const onUncaught = (error: unknown) => errors.push(error);
    process.prependListener('uncaughtException', onUncaught);
    try {
      emitter.on('ping', () => {
        throw new Error('listener bug');
      });
      emitter.on('ping', ({ n }) => seen.push(n));
      emitter.fire('ping', { n: 7 });
      expect(seen).toEqual([7]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(errors).toHaveLength(1);
  });
});
