import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenKeyCookie } from '../src/http/read-token.js';
import type { MockOmni } from '../src/index.js';
import { type OmniTestClient, startMock } from './support/omni-client.js';

/**
 * Inputs TForge's wiki allows, as omni-api.md A.6 and B.3 transcribe them, each row with the page it
 * comes from: the status, and what the mock then holds. The rows after each leniency are the bad
 * inputs that still fail. Every row runs on a fresh system whose manual clock stands at 08:01:30.
 */
const TOKENS = '2158002231';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

interface Sys {
  c: OmniTestClient;
  token: string;
}

async function freshSystem(): Promise<Sys> {
  const created = await root.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
  const c = root.withKey(created.body.system_key as string);
  await c.advance(90_000);
  return { c, token: await c.login() };
}

/** A token row: the `tokenKey` header and `Cookie` header sent to `GET /omni/users`, the status and code. */
interface TokenRow {
  page: string;
  what: string;
  header?: 'valid' | 'unknown';
  cookie?: string;
  status: number;
  code?: string;
}

describe(`the user token in a cookie (page ${TOKENS}: "stored in the HTTP cookie"; B.3)`, () => {
  const rows: TokenRow[] = [
    { page: TOKENS, what: 'the cookie alone', cookie: 'tokenKey=<valid>', status: 200 },
    { page: TOKENS, what: 'among other cookies', cookie: 'theme=dark; tokenKey=<valid>; lang=en', status: 200 },
    { page: TOKENS, what: 'a quoted cookie value', cookie: 'tokenKey="<valid>"', status: 200 },
    { page: TOKENS, what: 'header and cookie: the header wins', header: 'valid', cookie: 'tokenKey=nope', status: 200 },
    {
      page: TOKENS,
      what: 'an unknown header and a good cookie: the header wins',
      header: 'unknown',
      cookie: 'tokenKey=<valid>',
      status: 401,
      code: 'INVALID_TOKEN',
    },
    {
      page: TOKENS,
      what: 'a cookie with an unknown token',
      cookie: 'tokenKey=nope',
      status: 401,
      code: 'INVALID_TOKEN',
    },
    {
      page: TOKENS,
      what: 'cookies without tokenKey',
      cookie: 'theme=dark; lang=en',
      status: 401,
      code: 'MISSING_TOKEN',
    },
    {
      page: TOKENS,
      what: 'another name’s case (cookie names are exact)',
      cookie: 'tokenkey=<valid>',
      status: 401,
      code: 'MISSING_TOKEN',
    },
    { page: TOKENS, what: 'an empty tokenKey cookie', cookie: 'tokenKey=', status: 401, code: 'MISSING_TOKEN' },
  ];
  it.each(rows)('page $page: $what → $status', async ({ header, cookie, status, code }) => {
    const s = await freshSystem();
    const headers: Record<string, string> = {};
    if (cookie !== undefined) headers.Cookie = cookie.replace('<valid>', s.token);
    if (header !== undefined) headers.tokenKey = header === 'valid' ? s.token : 'not-a-token';
    const res = await s.c.request('GET', '/omni/users', { headers });
    expect(res.status).toBe(status);
    if (code) expect(res.body.error_code).toBe(code);
    else expect(res.body.users).toHaveLength(5);
  });

  it.each([
    ['tokenKey=abc', 'abc'],
    ['  tokenKey = abc ', 'abc'],
    ['a=1, tokenKey=abc', 'abc'],
    ['tokenKey=first; tokenKey=second', 'first'],
    ['xtokenKey=abc; tokenKeyx=def', undefined],
    ['tokenKey', undefined],
    ['tokenKey=""', undefined],
    [undefined, undefined],
  ])('the Cookie header %j carries the token %j', (header, token) => {
    // Two Cookie headers reach the mock joined by ", " (node's raw header list).
    expect(tokenKeyCookie(header)).toBe(token);
  });

  it(`page ${TOKENS}: the cookie is read over real HTTP too`, async () => {
    const token = await root.login();
    const server = await mock.listen({ port: 0 });
    try {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}/omni/users`,
          { headers: { Authorization: `Key=${mock.defaultSystemKey}`, Cookie: `tokenKey=${token}` } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              body += chunk;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(200);
      expect((JSON.parse(answer.body) as { users: unknown[] }).users).toHaveLength(5);
    } finally {
      await server.close();
    }
  });
});
