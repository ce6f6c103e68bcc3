/**
 * Login CSRF over real loopback HTTP: sign-in is the one mutating route without a CSRF token, so it
 * takes only `application/json` bodies (another site's form can send `text/plain` without a
 * preflight) and refuses a request a browser says comes from another site's page.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleError } from '../../../src/shared/console-errors.js';
import { sessionView } from '../../../src/shared/console-schemas.js';
import { ConsoleBrowser, type ConsoleFixture, rawRequest, startConsoleFixture } from '../console-fixture.js';

let fx: ConsoleFixture;
beforeAll(async () => {
  fx = await startConsoleFixture();
});
afterAll(async () => {
  await fx.close();
});

const credentials = JSON.stringify({ user_name: 'agent4', password: 'password4' });

function signIn(headers: Record<string, string>, body = credentials) {
  return rawRequest(fx.url, 'POST', '/api/session', headers, body);
}

describe('POST /api/session refuses what another site’s page can send', () => {
  it.each([
    ['text/plain (an enctype="text/plain" form)', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['no Content-Type', undefined],
  ])('a JSON body sent as %s: 415 UNSUPPORTED_MEDIA_TYPE, no session, no cookie', async (_name, type) => {
    const before = fx.server.deps.sessions.size;
    const res = await signIn(type === undefined ? {} : { 'content-type': type });
    expect(res.status).toBe(415);
    const { error } = consoleError.parse(JSON.parse(res.text));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toMatch(/application\/json/);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(fx.server.deps.sessions.size).toBe(before);
  });

  it.each([
    ['a foreign Origin', { origin: 'http://localhost:4934' }],
    ['an opaque Origin (sandboxed page)', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (another port of this machine)', { 'sec-fetch-site': 'same-site' }],
    ['another port of the same host', { origin: 'http://127.0.0.1:1' }],
  ])('%s: 403 CSRF_REJECTED, no session, no cookie', async (_name, headers) => {
    const before = fx.server.deps.sessions.size;
    const res = await signIn({ 'content-type': 'application/json', ...headers });
    expect(res.status).toBe(403);
    const { error } = consoleError.parse(JSON.parse(res.text));
    expect(error.code).toBe('CSRF_REJECTED');
    expect(error.message).toMatch(/own page/);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(fx.server.deps.sessions.size).toBe(before);
  });

  it('the console’s own page (same origin, JSON with a charset) signs in', async () => {
    const res = await signIn({
      'content-type': 'application/json; charset=utf-8',
      origin: new URL(fx.url).origin,
      'sec-fetch-site': 'same-origin',
    });
    expect(res.status).toBe(200);
    expect(sessionView.parse(JSON.parse(res.text)).user_name).toBe('agent4');
    expect(res.headers['set-cookie']?.[0]).toMatch(/^omnikit_console=/);
  });

  it('a signed-in route with a body takes JSON only too (415), and nothing reaches Omni', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    const res = await rawRequest(
      fx.url,
      'POST',
      '/api/calls',
      { cookie: browser.cookie ?? '', 'x-csrf-token': browser.csrf ?? '', 'content-type': 'text/plain' },
      JSON.stringify({ phone_number: '0800555001' }),
    );
    expect(res.status).toBe(415);
    expect(consoleError.parse(JSON.parse(res.text)).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
