/**
 * Secrets are not kept or shown where they need not be: every route that carries one is driven (authorize and its
 * older paths and `username` field, the webhook's secret and a URL password, the system key as `?auth-key=`, a user
 * created with a password and a WebRTC password, a stray `tokenKey` field), then the whole request journal and every
 * captured log line are searched for each secret and its Base64 form. The control API's users still show WebRTC
 * passwords.
 *
 * @module
 */

import { encodePassword, SECRET_FIELDS } from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../src/index.js';
import { redactLogText } from '../src/redacting-logger.js';
import { type OmniTestClient, startMock } from './support/omni-client.js';

const SYSTEM_KEY = 'sys-key-secret-4242';
const USER_PASSWORD = 'Qa-Pass-9!';
const WEBRTC_PASSWORD = 'wr-Secret-5150';
const HOOK_SECRET = 'whsec-abcdef123456';
const URL_PASSWORD = 'hook-pass-7777';

const logged: string[] = [];
const capture = {
  info: (m: string) => logged.push(m),
  error: (m: string, e?: unknown) =>
    logged.push(`${m} ${e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e ?? '')}`),
};

let mock: MockOmni;
let client: OmniTestClient;
const secrets: string[] = [
  SYSTEM_KEY,
  USER_PASSWORD,
  WEBRTC_PASSWORD,
  HOOK_SECRET,
  URL_PASSWORD,
  'password1',
  'password2',
];

beforeAll(async () => {
  ({ mock } = await startMock({
    logger: capture,
    // A handler that fails and quotes what it was given, as a bug's error message might.
    handlers: {
      deleteNotificationEndpoint: ({ system, user }) => {
        throw new Error(
          `could not delete for {"secret":"${HOOK_SECRET}","password":"${USER_PASSWORD}"} ` +
            `Authorization: Key=${system.systemKey} tokenKey: ${user?.userId} url https://crm:${URL_PASSWORD}@127.0.0.1:1/h?auth-key=${SYSTEM_KEY}`,
        );
      },
    },
  }));
  const root = (await import('./support/omni-client.js')).OmniTestClient;
  const base = new root(mock);
  await base.request('POST', '/__mock/systems', { body: { clock: 'manual', system_key: SYSTEM_KEY } });
  client = base.withKey(SYSTEM_KEY);
});
afterAll(() => mock.close());

describe('secrets in the request journal and the log', () => {
  it('none of them, nor their Base64, appears in the journal or a log line', async () => {
    const tokens: string[] = [];
    const authorize = async (path: string, body: Record<string, string>) => {
      const res = await client.request('POST', path, { body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      tokens.push(res.body.token_key as string);
      return res.body.token_key as string;
    };
    const created = await client.request('POST', '/__mock/users', {
      body: { user_name: 'qa.secret', password: USER_PASSWORD, extension: '4711', webrtc_password: WEBRTC_PASSWORD },
    });
    expect(created.status).toBe(200);
    const token = await authorize('/omni/user/authorize', {
      user_name: 'agent1',
      password: encodePassword('password1'),
    });
    await authorize('/omni/user/login', { username: 'agent2', password: encodePassword('password2') });
    await authorize('/omni/user/login/authorize', { user_name: 'qa.secret', password: encodePassword(USER_PASSWORD) });
    const wrong = await client.request('POST', '/omni/user/authorize', {
      body: { user_name: 'agent1', password: encodePassword(USER_PASSWORD) },
    });
    expect(wrong.status).toBe(401);
    // Credentials in the URL are refused (400 on url), and the refused body is journaled masked all the same.
    const refused = await client.request('POST', '/omni/notification/endpoint', {
      token,
      body: { url: `http://crm:${URL_PASSWORD}@127.0.0.1:1/hook`, notification_types: ['cdr'], secret: HOOK_SECRET },
    });
    expect([refused.status, refused.body.errors?.[0]?.field]).toEqual([400, 'url']);
    const set = await client.request('POST', '/omni/notification/endpoint', {
      token,
      body: { url: 'http://127.0.0.1:1/hook', notification_types: ['cdr'], secret: HOOK_SECRET },
    });
    expect(set.status).toBe(200);
    const view = await client.request('GET', '/omni/notification/endpoint', { token });
    expect(view.body.secret_set).toBe(true);
    // The system key in the query instead of the header, and a stray token field in a body.
    const byQuery = await client.request('GET', `/omni/users?auth-key=${SYSTEM_KEY}`, { key: null, token });
    expect(byQuery.status).toBe(200);
    const stray = await client.request('POST', '/omni/list', { token, body: { list_name: 'L', tokenKey: token } });
    expect(stray.status).toBeLessThan(500);
    const failing = await client.request('DELETE', `/omni/notification/endpoint?auth-key=${SYSTEM_KEY}`, {
      key: null,
      token,
    });
    expect(failing.status).toBe(500);

    const journal = await client.request('GET', '/__mock/journal?limit=1000');
    expect(journal.status).toBe(200);
    expect(journal.body.entries.length).toBeGreaterThanOrEqual(9);
    const journalText = JSON.stringify(journal.body);
    const logText = logged.join('\n');
    expect(logText).toMatch('could not delete');
    for (const secret of [...secrets, ...tokens]) {
      for (const form of [secret, encodePassword(secret), encodeURIComponent(secret)]) {
        expect(journalText, `journal shows ${form}`).not.toContain(form);
        expect(logText, `log shows ${form}`).not.toContain(form);
      }
    }
    // What was masked is still visible as masked, next to what was not.
    const auth = journal.body.entries.find((e: { route_id: string }) => e.route_id === 'authorizeLegacyLogin');
    expect(auth.request_body).toEqual({ username: 'agent2', password: '***' });
    const hook = journal.body.entries.find(
      (e: { route_id: string; status: number }) => e.route_id === 'setNotificationEndpoint' && e.status === 400,
    );
    expect(hook.request_body).toEqual({
      url: 'http://crm:***@127.0.0.1:1/hook',
      notification_types: ['cdr'],
      secret: '***',
    });
  });

  it('the control API’s users still show WebRTC passwords (the console’s phone settings read them there)', async () => {
    const users = await client.request('GET', '/__mock/users');
    expect(users.body.users).toContainEqual(
      expect.objectContaining({ user_name: 'qa.secret', webrtc_password: WEBRTC_PASSWORD }),
    );
  });
});

describe('redactLogText', () => {
  it.each([
    ['GET http://m/omni/users?auth-key=k-1&page=2', 'GET http://m/omni/users?auth-key=***&page=2'],
    ['{"user_name":"a","password":"cGFzc3dvcmQx"}', '{"user_name":"a","password":"***"}'],
    ['{"token_key": 123, "n": 1}', '{"token_key": "***", "n": 1}'],
    ['Authorization: Key=omni-demo-key\r\ntokenKey: abc', 'Authorization: ***\r\ntokenKey: ***'],
    ['Authorization: Bearer abc.def', 'Authorization: ***'],
    ['webrtc_password=webrtc1; system_key=s', 'webrtc_password=***; system_key=***'],
    ['posting to https://u:pw@crm.example/h failed', 'posting to https://u:***@crm.example/h failed'],
    ['keyboard: 1, passwordless=yes, tokens 3', 'keyboard: 1, passwordless=yes, tokens 3'],
  ])('%s', (text, expected) => {
    expect(redactLogText(text)).toBe(expected);
  });

  it('knows every secret field name of the contracts', () => {
    for (const name of SECRET_FIELDS) expect(redactLogText(`${name}=v`)).toBe(`${name}=***`);
  });
});
