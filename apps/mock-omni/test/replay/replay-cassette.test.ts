import { describe, expect, it } from 'vitest';
import { type LiveRequest, ReplayCassette, valueMatches } from '../../src/replay/replay-cassette.js';
import { recording } from '../support/recording-lines.js';

const live = (method: string, path: string, json?: unknown, query: Record<string, string> = {}): LiveRequest => ({
  method,
  path,
  query,
  body: json === undefined ? { base64: '' } : { base64: 'x', json: json as never, text: JSON.stringify(json) },
});

describe('valueMatches', () => {
  it('lets a redacted placeholder stand for any value, also inside a longer string', () => {
    expect(valueMatches({ password: 'redacted:password:1' }, { password: 'c2VjcmV0' })).toBe(true);
    expect(valueMatches('Key=redacted:system-key:1', 'Key=abc')).toBe(true);
    expect(valueMatches('token redacted:token:2 expired', 'token 9f8e expired')).toBe(true);
    expect(valueMatches('token redacted:token:2 expired', 'token 9f8e revoked')).toBe(false);
  });

  it('compares everything else exactly: keys, array lengths, types', () => {
    expect(valueMatches({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(valueMatches([1, 2], [1, 2, 3])).toBe(false);
    expect(valueMatches({ n: 1 }, { n: '1' })).toBe(false);
    expect(valueMatches({ n: [1, { x: null }] }, { n: [1, { x: null }] })).toBe(true);
  });
});

describe('ReplayCassette', () => {
  const lines = recording([
    { method: 'GET', path: '/omni/voice/1/call/5', answer: { n: 1 } },
    { method: 'GET', path: '/omni/voice/1/call/6', answer: { n: 2 } },
    { method: 'GET', path: '/omni/voice/1/call/5', answer: { n: 3 } },
    { method: 'GET', path: '/omni/things/7', answer: { n: 4 } },
  ]);

  it('keeps exact and route cassettes apart, each moving on only when it answers', () => {
    const cassette = new ReplayCassette(lines);
    const seqs = [
      cassette.answer(live('GET', '/omni/voice/1/call/5')),
      cassette.answer(live('GET', '/omni/voice/2/call/9')),
      cassette.answer(live('GET', '/omni/voice/1/call/5')),
      cassette.answer(live('GET', '/omni/voice/2/call/9')),
      cassette.answer(live('GET', '/omni/voice/1/call/6')),
    ].map((a) => (a.hit ? `${a.by}:${a.line.seq}` : 'miss'));
    expect(seqs).toEqual(['exact:1', 'route:1', 'exact:3', 'route:2', 'exact:2']);
  });

  it('groups a path no route knows by its numeric segments', () => {
    const answer = new ReplayCassette(lines).answer(live('GET', '/omni/things/8'));
    expect(answer.hit && answer.by === 'route' && answer.line.seq).toBe(4);
    expect(new ReplayCassette(lines).answer(live('GET', '/omni/things/eight')).hit).toBe(false);
  });

  it('matches a text body by its text, even when that text would parse as JSON', () => {
    const text = recording([{ method: 'POST', path: '/omni/things/1', answer: { ok: 1 } }]).map((l) => ({
      ...l,
      request: { ...l.request, body: '42' },
    }));
    const cassette = new ReplayCassette(text);
    const asText: LiveRequest = {
      method: 'POST',
      path: '/omni/things/1',
      query: {},
      body: { base64: 'NDI=', json: 42, text: '42' },
    };
    expect(cassette.answer(asText)).toMatchObject({ hit: true, by: 'exact' });
    const other: LiveRequest = { ...asText, body: { base64: 'NDM=', json: 43, text: '43' } };
    expect(cassette.answer(other)).toMatchObject({ hit: true, by: 'route' });
  });

  it('names the closest recorded request and what differs from it', () => {
    const answer = new ReplayCassette(lines).answer(live('POST', '/omni/voice/1/call/5', { a: 1 }));
    expect(answer.hit).toBe(false);
    if (!answer.hit) {
      expect(answer.closest.line.seq).toBe(1);
      expect(answer.closest.differs).toEqual(['method', 'body']);
    }
  });
});
