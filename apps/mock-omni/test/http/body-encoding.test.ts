import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpairedSurrogateAt } from '../../src/http/unpaired-surrogate.js';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';

let mock: MockOmni;
let c: OmniTestClient;
let token: string;
beforeAll(async () => {
  ({ mock, client: c } = await startMock());
  token = await c.login('agent1');
});
afterAll(() => mock.close());

/** Sends `body` (text, or bytes as they are) to `path` with the system key and agent1's token. */
async function send(method: string, path: string, body: string | Uint8Array<ArrayBuffer>) {
  const res = await mock.fetch(
    new Request(`http://mock.local${path}`, {
      method,
      headers: { Authorization: `Key=${c.key}`, tokenKey: token, 'Content-Type': 'application/json' },
      body,
    }),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const campaigns = async () => (await c.request('GET', '/omni/campaigns', { token })).body;

describe('a body that is not valid Unicode is refused, and nothing is stored', () => {
  it('bytes that are not UTF-8 answer 400 naming the body, not a value with U+FFFD in it', async () => {
    const before = await campaigns();
    const prefix = new TextEncoder().encode('{"campaign_name":"caf');
    const suffix = new TextEncoder().encode('","campaign_type":1}');
    // 0xE9 alone: é in Latin-1, not a UTF-8 sequence.
    const res = await send('POST', '/omni/campaign', new Uint8Array([...prefix, 0xe9, ...suffix]));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      success: false,
      error_code: 'VALIDATION_FAILED',
      detail: 'the body is not valid UTF-8: send JSON encoded as UTF-8',
      errors: [{ field: 'body', message: 'is not valid UTF-8' }],
    });
    expect(await campaigns()).toEqual(before);
  });

  it('an unpaired surrogate escape answers 400 naming its field', async () => {
    const before = await campaigns();
    const res = await send('POST', '/omni/campaign', '{"campaign_name":"A\\ud800B","campaign_type":1}');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error_code: 'VALIDATION_FAILED',
      errors: [{ field: 'campaign_name', message: 'is not valid Unicode (an unpaired surrogate)' }],
    });
    expect(res.body.detail).toMatch(/^campaign_name is not valid Unicode/);
    expect(await campaigns()).toEqual(before);
  });

  it('names a nested field by its dotted path, and a low surrogate alone too', async () => {
    const res = await send(
      'POST',
      '/omni/lead',
      '{"other_info":"x","list_id":1,"phone_numbers":[{"phone_number":"0215550123","phone_type_id":1},{"phone_number":"\\udc00"}]}',
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'phone_numbers.1.phone_number', message: 'is not valid Unicode (an unpaired surrogate)' },
    ]);
  });

  it('a pair of surrogate escapes (an emoji) is stored and read back as sent', async () => {
    const created = await send('POST', '/omni/campaign', '{"campaign_name":"Spring \\ud83c\\udf31","campaign_type":1}');
    expect(created.status).toBe(200);
    const id = created.body.campaign_id as number;
    const read = await c.request('GET', `/omni/campaign/${id}`, { token });
    expect(read.body.campaign_name).toBe('Spring 🌱');
  });

  it('the control API refuses one too (every route reads its body the same way)', async () => {
    const res = await mock.fetch(
      new Request('http://mock.local/__mock/users', {
        method: 'POST',
        headers: { Authorization: `Key=${c.key}`, 'Content-Type': 'application/json' },
        body: '{"user_name":"\\ud800","password":"pw","extension":"7001","webrtc_password":"w"}',
      }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: unknown }).errors).toEqual([
      { field: 'user_name', message: 'is not valid Unicode (an unpaired surrogate)' },
    ]);
  });
});

describe('unpairedSurrogateAt', () => {
  const at = (text: string) => unpairedSurrogateAt(text, JSON.parse(text));
  it('finds the first unpaired surrogate, key or value, in the order written', () => {
    expect(at('{"a":"ok","b":["x","\\ud83d"],"c":"\\udc00"}')).toBe('b.1');
    expect(at('{"a":{"\\ud800k":1}}')).toBe('a.\\ud800k');
    expect(at('{"a":"\\ud800","\\udc00":1}')).toBe('a');
    expect(at('{"a":"ok","\\udc00":"\\ud800"}')).toBe('\\udc00');
    expect(at('"\\udbff"')).toBe('body');
    expect(at('["\\ude00\\ud83d"]')).toBe('0');
  });
  it('accepts pairs, and a text with no surrogate escape at all', () => {
    expect(at('{"a":"\\ud83d\\ude00","b":"🌱","c":"\\u00e9"}')).toBeUndefined();
    expect(at('{"a":[1,{"b":null}],"c":"plain"}')).toBeUndefined();
  });
});
