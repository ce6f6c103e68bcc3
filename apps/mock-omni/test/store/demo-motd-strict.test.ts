/**
 * The demo's Click-2-Dial message of the day names a magic number (`0800555008 answers after a second`), which
 * `--strict` turns into an ordinary number. Under `--strict` the message names none: when the demo data is seeded in
 * strict mode, and when a database seeded without it is opened with it (and back again without it). A message a user
 * set is never rewritten. Over real HTTP, on a real SQLite file.
 *
 * @module
 */

import { encodePassword } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { MAGIC_NUMBERS } from '../../src/engine/calls/callee-model.js';
import { CLICK_2_DIAL_MOTD } from '../../src/engine/systems/demo-data.js';
import { createMockOmni, type MockOmni } from '../../src/index.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();
const silent = { info: () => {}, error: () => {} };
const DEMO_KEY = 'omni-demo-key';

/** A mock on `file`, listening on 127.0.0.1; `use` gets its URL; the mock is closed afterwards. */
async function withMock<T>(
  file: string,
  strict: boolean,
  use: (url: string, mock: MockOmni) => Promise<T>,
): Promise<T> {
  const mock = await createMockOmni({ db: file, strict, clock: 'real', logger: silent });
  try {
    const { url } = await mock.listen({ host: '127.0.0.1', port: 0 });
    return await use(url, mock);
  } finally {
    await mock.close();
  }
}

async function call(
  url: string,
  method: string,
  path: string,
  opts: { key?: string; token?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      Authorization: `Key=${opts.key ?? DEMO_KEY}`,
      ...(opts.token ? { tokenKey: opts.token } : {}),
      ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function token(url: string, key = DEMO_KEY): Promise<string> {
  const res = await call(url, 'POST', '/omni/user/authorize', {
    key,
    body: { user_name: 'agent1', password: encodePassword('password1') },
  });
  expect(res.status).toBe(200);
  return res.body.token_key as string;
}

/** Each campaign's message of the day, by id, as `GET /omni/campaign/{id}` serves it. */
async function messages(url: string, key = DEMO_KEY): Promise<Record<number, string>> {
  const t = await token(url, key);
  const out: Record<number, string> = {};
  for (const id of [1, 2, 3, 4, 5]) {
    const res = await call(url, 'GET', `/omni/campaign/${id}`, { key, token: t });
    expect(res.status).toBe(200);
    out[id] = res.body.message_of_the_day as string;
  }
  return out;
}

/** Whether a text names any of B.10's magic numbers. */
const namesMagic = (text: string) => Object.keys(MAGIC_NUMBERS).some((n) => text.includes(n));

describe('the demo message of the day under --strict', () => {
  it('a database seeded in strict mode names no magic number: campaign, campaign list and login detail', async () => {
    const file = dbs.tempFile('omni-motd-strict-');
    await withMock(file, true, async (url, mock) => {
      const motd = await messages(url);
      expect(motd[1]).toBe(CLICK_2_DIAL_MOTD.strict);
      for (const text of Object.values(motd)) expect(namesMagic(text), text).toBe(false);

      const t = await token(url);
      const list = await call(url, 'GET', '/omni/campaigns', { token: t });
      const listed = (list.body.campaigns as { message_of_the_day: string }[]).map((c) => c.message_of_the_day);
      expect(listed.some(namesMagic)).toBe(false);

      // Strict mode has no control API to register a virtual phone: the test registers it in process.
      mock.services.phones.registerVirtual(mock.services.registry.getDefault(), '1001');
      const login = await call(url, 'POST', '/omni/users/1/login', {
        token: t,
        body: { campaign_id: 1, extension: '1001' },
      });
      expect(login.status).toBe(200);
      expect(login.body.detail).toContain(`message of the day: ${CLICK_2_DIAL_MOTD.strict}`);
    });
  });

  it('a database seeded without --strict reads strict under --strict, and back; a user’s messages stay theirs', async () => {
    const file = dbs.tempFile('omni-motd-reopen-');
    const own = 'Supervisor on 0800555008 today.';
    const second = await withMock(file, false, async (url) => {
      expect((await messages(url))[1]).toBe(CLICK_2_DIAL_MOTD.magic);
      const t = await token(url);
      // A user copies the demo's text into campaign 3: it is theirs now, magic number or not.
      const copied = await call(url, 'PUT', '/omni/campaign/3', {
        token: t,
        body: { message_of_the_day: CLICK_2_DIAL_MOTD.magic },
      });
      expect(copied.status).toBe(200);
      // A second system whose campaign 1 message a user rewrote.
      const made = await fetch(`${url}/__mock/systems`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({}),
      });
      expect(made.status).toBe(200);
      const key = ((await made.json()) as { system_key: string }).system_key;
      const edited = await call(url, 'PUT', '/omni/campaign/1', {
        key,
        token: await token(url, key),
        body: { message_of_the_day: own },
      });
      expect(edited.status).toBe(200);
      return key;
    });

    const strict = await withMock(file, true, async (url) => ({
      demo: await messages(url),
      other: await messages(url, second),
    }));
    expect(strict.demo[1]).toBe(CLICK_2_DIAL_MOTD.strict);
    expect(strict.demo[3]).toBe(CLICK_2_DIAL_MOTD.magic);
    expect(strict.other[1]).toBe(own);

    // Without --strict again, the demo's message names its magic number again; the user's are as they set them.
    const plain = await withMock(file, false, async (url) => ({
      demo: await messages(url),
      other: await messages(url, second),
    }));
    expect(plain.demo[1]).toBe(CLICK_2_DIAL_MOTD.magic);
    expect(plain.demo[3]).toBe(CLICK_2_DIAL_MOTD.magic);
    expect(plain.other[1]).toBe(own);
    // Every other demo message is what the seed wrote, in both modes.
    expect({ ...strict.demo, 1: '', 3: '' }).toEqual({ ...plain.demo, 1: '', 3: '' });
  });
});
