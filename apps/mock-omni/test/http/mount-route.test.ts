import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

async function fresh(): Promise<OmniTestClient> {
  const res = await root.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
  return root.withKey(res.body.system_key as string);
}

const codeOf = (res: { status: number; body: { error_code?: string } }) => [res.status, res.body.error_code];

// A request wrong in every part at once answers the first stage's refusal; putting that part
// right uncovers the next. The stages run in one fixed order: system key, injected fault, token,
// path, the token's own user, content type, then the body.
describe('a route checks a request in stage order', () => {
  it('system key, then fault, then token, then path, then own user, then content type, then body', async () => {
    const c = await fresh();
    const token = await c.login('agent1');
    const bad = { raw: '{not json', headers: { 'Content-Type': 'text/plain' } };
    const key = c.key;
    expect(
      codeOf(await c.request('POST', '/omni/voice/x/call', { ...bad, key: 'no-such-key', token: 'nope' })),
    ).toEqual([401, 'INVALID_SYSTEM_KEY']);
    await c.request('POST', '/__mock/faults', { body: { route_id: 'makeCall', error_code: 'RATE_LIMITED' } });
    expect(codeOf(await c.request('POST', '/omni/voice/x/call', { ...bad, key, token: 'nope' }))).toEqual([
      429,
      'RATE_LIMITED',
    ]);
    await c.request('DELETE', '/__mock/faults');
    expect(codeOf(await c.request('POST', '/omni/voice/x/call', { ...bad, key, token: 'nope' }))).toEqual([
      401,
      'INVALID_TOKEN',
    ]);
    expect(codeOf(await c.request('POST', '/omni/voice/x/call', { ...bad, key, token }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(codeOf(await c.request('POST', '/omni/voice/2/call', { ...bad, key, token }))).toEqual([
      403,
      'FORBIDDEN_USER',
    ]);
    expect(codeOf(await c.request('POST', '/omni/voice/1/call', { ...bad, key, token }))).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
    const body = await c.request('POST', '/omni/voice/1/call', {
      key,
      token,
      raw: '{not json',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(codeOf(body)).toEqual([400, 'VALIDATION_FAILED']);
    expect(body.body.detail).toMatch(/^the body is not valid JSON/);
  });

  it('an injected delay comes before an injected error; the journal names the fault, and no body was read', async () => {
    const c = await fresh();
    const token = await c.login('agent1');
    await c.request('POST', '/__mock/faults', {
      body: { route_id: 'addLead', latency_ms: 60, error_code: 'INTERNAL', status: 503 },
    });
    const lead = { first_name: 'Late', last_name: 'Lead', list_id: 1, phone_numbers: [] };
    const t0 = performance.now();
    const res = await c.request('POST', '/omni/lead', { token, body: lead });
    const took = performance.now() - t0;
    expect(codeOf(res)).toEqual([503, 'INTERNAL']);
    expect(res.body.detail).toMatch(/^injected fault on addLead/);
    expect(took).toBeGreaterThanOrEqual(55);
    const [entry] = (await c.request('GET', '/__mock/journal?limit=1')).body.entries;
    expect(entry).toMatchObject({ route_id: 'addLead', status: 503, fault: 'fault 1', request_body: null });
  });
});
