import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLAY_SEQ_HEADER, type ReplayServer, startReplayServer } from '../../src/replay/replay-server.js';
import { recording } from '../support/recording-lines.js';

/** A WAV's first bytes and more, every byte value included, so a text or JSON detour would show. */
const wav = Uint8Array.from([...Buffer.from('RIFF$\0\0\0WAVEfmt '), ...Array.from({ length: 256 }, (_, i) => i)]);

const lines = recording([
  {
    method: 'POST',
    path: '/omni/user/authorize',
    body: { user_name: 'agent1', password: 'redacted:password:1' },
    answer: { user_id: 1, user_name: 'agent1', token_key: 'redacted:token:1', expiry_date: '2026-01-05T16:00:00.000Z' },
  },
  {
    method: 'POST',
    path: '/omni/voice/1/call',
    body: { phone_number: '0800555001' },
    answer: {
      call_id: 42,
      phone_number: '0800555001',
      call_state: 'initiated',
      call_start_time: '2026-01-05T08:00:00.000Z',
    },
  },
  { method: 'GET', path: '/omni/voice/1/call/42', answer: { call_id: 42, call_state: 'ringing' } },
  { method: 'GET', path: '/omni/voice/1/call/42', answer: { call_id: 42, call_state: 'answered' } },
  { method: 'GET', path: '/omni/voice/1/call/42', answer: { call_id: 42, call_state: 'ended' } },
  { method: 'GET', path: '/omni/list/2/leads', query: { status: 'NEW', page: '1' }, answer: { page: 1 } },
  { method: 'GET', path: '/omni/list/2/leads', query: { status: 'NEW', page: '2' }, answer: { page: 2 } },
  { method: 'GET', path: '/omni/recording/42_20260105080000.wav', binary: { bytes: wav, type: 'audio/wav' } },
  {
    method: 'POST',
    path: '/omni/voice/1/call/42/hold',
    status: 409,
    answer: { success: false, detail: 'the call is ended', error_code: 'INVALID_STATE' },
  },
]);

let server: ReplayServer;
const misses: string[] = [];

beforeAll(async () => {
  server = await startReplayServer({ lines, port: 0, host: '127.0.0.1', onMiss: (m) => misses.push(m) });
});
afterAll(() => server.close());

async function ask(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: 'Key=the-real-system-key',
      tokenKey: 'a-real-token',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, seq: res.headers.get(REPLAY_SEQ_HEADER), res };
}

describe('omni-mock replay serves a hand-written recording', () => {
  it('answers an exact request with its recorded answer, credentials and redacted placeholders aside', async () => {
    const auth = await ask('POST', '/omni/user/authorize', { user_name: 'agent1', password: 'cGFzc3dvcmQx' });
    expect(auth.status).toBe(200);
    expect(auth.seq).toBe('1');
    expect(auth.res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(auth.res.headers.get('transfer-encoding')).toBeNull();
    expect(await auth.res.json()).toEqual({
      user_id: 1,
      user_name: 'agent1',
      token_key: 'redacted:token:1',
      expiry_date: '2026-01-05T16:00:00.000Z',
    });
  });

  it('falls back to the route, path parameters free, when no exact request was recorded', async () => {
    const call = await ask('POST', '/omni/voice/7/call', { phone_number: '0800555009' });
    expect(call.status).toBe(200);
    expect(call.seq).toBe('2');
    expect(((await call.res.json()) as { call_id: number }).call_id).toBe(42);
  });

  it('serves repeated requests in recorded order, then repeats the last answer', async () => {
    const states: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const { res, seq } = await ask('GET', '/omni/voice/1/call/42');
      states.push([seq, ((await res.json()) as { call_state: string }).call_state]);
    }
    expect(states).toEqual([
      ['3', 'ringing'],
      ['4', 'answered'],
      ['5', 'ended'],
      ['5', 'ended'],
      ['5', 'ended'],
    ]);
  });

  it('tells requests apart by their query, and ignores auth-key', async () => {
    const two = await ask('GET', '/omni/list/2/leads?page=2&status=NEW&auth-key=the-real-key');
    expect([two.seq, await two.res.json()]).toEqual(['7', { page: 2 }]);
    const one = await ask('GET', '/omni/list/2/leads?status=NEW&page=1');
    expect([one.seq, await one.res.json()]).toEqual(['6', { page: 1 }]);
  });

  it('streams a binary body back byte for byte', async () => {
    const { res, status } = await ask('GET', '/omni/recording/42_20260105080000.wav');
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(res.headers.get('content-length')).toBe(String(wav.length));
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(wav);
  });

  it('replays a recorded error as it was: status and body', async () => {
    const { res, status } = await ask('POST', '/omni/voice/1/call/42/hold');
    expect(status).toBe(409);
    expect(await res.json()).toEqual({ success: false, detail: 'the call is ended', error_code: 'INVALID_STATE' });
  });

  it('answers a request nothing matches with a 404 in the error body, naming the closest recorded request', async () => {
    const before = misses.length;
    const { res, status } = await ask('POST', '/omni/voice/1/call/42/retrieve');
    expect(status).toBe(404);
    const detail =
      'replay: no recorded exchange answers POST /omni/voice/1/call/42/retrieve; the closest recorded request is POST /omni/voice/1/call/42/hold (seq 9), which differs in its path';
    expect(await res.json()).toEqual({ success: false, detail, error_code: 'ROUTE_NOT_FOUND' });
    expect(misses.slice(before)).toEqual([detail]);

    const unknown = await ask('GET', '/omni/campaigns?x=1');
    expect(await unknown.res.json()).toMatchObject({
      error_code: 'ROUTE_NOT_FOUND',
      detail:
        'replay: no recorded exchange answers GET /omni/campaigns?x=1; the closest recorded request is GET /omni/recording/42_20260105080000.wav (seq 8), which differs in its path, query',
    });
  });

  it('answers an unmatched /vicidial/ path in the archive service’s shape', async () => {
    const { res, status } = await ask('POST', '/vicidial/leads/archive', { lead_ids: [1] });
    expect(status).toBe(404);
    const body = (await res.json()) as { message: string; http_code: number };
    expect(body.http_code).toBe(404);
    expect(body.message).toMatch(/^replay: no recorded exchange answers POST \/vicidial\/leads\/archive; the closest/);
  });
});
