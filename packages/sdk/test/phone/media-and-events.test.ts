import { sdpDirection } from '@omnikit/contracts/sdp';
import { describe, expect, it } from 'vitest';
import { createFakeMediaHandlerFactory, FakeMediaHandler } from '../../src/phone/index.js';
import { TypedEmitter } from '../../src/phone/typed-emitter.js';

describe('FakeMediaHandler', () => {
  it('is what the factory makes, and answers a hold offer with recvonly', async () => {
    const handler = createFakeMediaHandlerFactory()({} as never);
    expect(handler).toBeInstanceOf(FakeMediaHandler);
    const media = handler as FakeMediaHandler;
    await media.setDescription(
      'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=sendonly\r\n',
    );
    const answer = await media.getDescription();
    expect(answer.contentType).toBe('application/sdp');
    expect(answer.body).toMatch(/^a=recvonly\r$/m);
    expect(media.remoteDirection).toBe('sendonly');
    expect(media.localDirection).toBe('recvonly');
  });

  it('offers, takes the answer, mutes, and refuses work once closed', async () => {
    const media = new FakeMediaHandler();
    const offer = await media.getDescription({ hold: true } as never);
    expect(sdpDirection(offer.body)).toBe('sendonly');
    await media.setDescription('v=0\r\nm=audio 9 RTP/AVP 0\r\na=recvonly\r\n');
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
