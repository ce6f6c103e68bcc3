import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleError } from '../../../src/shared/console-errors.js';
import { sessionView } from '../../../src/shared/console-schemas.js';
import { ConsoleBrowser, type ConsoleFixture, EventReader, startConsoleFixture } from '../console-fixture.js';

let fx: ConsoleFixture;
beforeEach(async () => {
  fx = await startConsoleFixture();
});
afterEach(async () => {
  await fx.close();
});

describe('sign-in', () => {
  it('signs in with the agent’s Omni credentials: httpOnly SameSite=Strict cookie and a CSRF token', async () => {
    const browser = new ConsoleBrowser(fx.url);
    const res = await browser.signIn('agent2', 'password2');
    expect(res.status).toBe(200);
    const body = sessionView.parse(await res.json());
    expect(body).toMatchObject({ user_id: 2, user_name: 'agent2', extension: '1002', target: 'mock' });
    expect(body.csrf_token.length).toBeGreaterThanOrEqual(32);
    const cookie = browser.lastSetCookie ?? '';
    expect(cookie).toMatch(/^omnikit_console=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // plain http on loopback
    // The cookie is not the CSRF token, and neither is Omni's token.
    expect(cookie).not.toContain(body.csrf_token);
    const again = sessionView.parse(await browser.json('GET', '/api/session'));
    expect(again.csrf_token).toBe(body.csrf_token);
    expect(fx.server.deps.sessions.size).toBe(1);
  });

  it('refuses a wrong password with 401 SIGN_IN_FAILED in words, and sets no cookie', async () => {
    const browser = new ConsoleBrowser(fx.url);
    const res = await browser.signIn('agent1', 'wrong');
    expect(res.status).toBe(401);
    const { error } = consoleError.parse(await res.json());
    expect(error.code).toBe('SIGN_IN_FAILED');
    expect(error.omniCode).toBe('INVALID_TOKEN');
    expect(error.message).toMatch(/user name or password/);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(fx.server.deps.sessions.size).toBe(0);
  });

  it.each([
    ['no body', undefined, undefined],
    ['not JSON', undefined, '{"user_name":'],
    ['an empty user name', { user_name: '  ', password: 'x' }, undefined],
    ['no password', { user_name: 'agent1' }, undefined],
    ['a number for a name', { user_name: 7, password: 'x' }, undefined],
    ['a password that is not ASCII', { user_name: 'agent1', password: 'pässword1' }, undefined],
  ])('answers 400 BAD_REQUEST to %s', async (_name, body, rawBody) => {
    const browser = new ConsoleBrowser(fx.url);
    const res = await browser.request('POST', '/api/session', body, rawBody === undefined ? {} : { rawBody });
    expect(res.status).toBe(400);
    const { error } = consoleError.parse(await res.json());
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message.length).toBeGreaterThan(10);
    expect(fx.server.deps.sessions.size).toBe(0);
  });

  it('names the field at fault', async () => {
    const browser = new ConsoleBrowser(fx.url);
    const res = await browser.request('POST', '/api/session', { user_name: 'agent1' });
    const { error } = consoleError.parse(await res.json());
    expect(error.field).toBe('password');
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const browser = new ConsoleBrowser(fx.url);
    const res = await browser.request('POST', '/api/session', { user_name: 'a', password: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
    expect(consoleError.parse(await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 401 NOT_SIGNED_IN without a cookie or with an unknown one', async () => {
    const browser = new ConsoleBrowser(fx.url);
    for (const cookie of [undefined, 'omnikit_console=made-up']) {
      browser.cookie = cookie;
      const res = await browser.request('GET', '/api/agent');
      expect(res.status).toBe(401);
      expect(consoleError.parse(await res.json()).error.code).toBe('NOT_SIGNED_IN');
    }
  });

  it('signs out: logs the agent out of its campaign, clears the cookie, ends the session', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    await fx.control('POST', '/__mock/phones/1001/register');
    await browser.json('POST', '/api/login', { campaign_id: 1 });
    expect((await browser.json('GET', '/api/agent')).agent_state).toBe('paused');
    const cookie = browser.cookie;
    const res = await browser.request('DELETE', '/api/session');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/omnikit_console=;/);
    expect(fx.server.deps.sessions.size).toBe(0);
    // The old cookie no longer works, and Omni has the agent logged out.
    browser.cookie = cookie;
    expect((await browser.request('GET', '/api/session')).status).toBe(401);
    const other = new ConsoleBrowser(fx.url);
    await other.signIn();
    expect((await other.json('GET', '/api/agent')).agent_state).toBe('logged_out');
  });

  it('signing out of one of two sessions of the same agent leaves the campaign login alone', async () => {
    const first = new ConsoleBrowser(fx.url);
    const second = new ConsoleBrowser(fx.url);
    await first.signIn();
    await second.signIn();
    await fx.control('POST', '/__mock/phones/1001/register');
    await first.json('POST', '/api/login', { campaign_id: 1 });
    await first.json('DELETE', '/api/session');
    expect((await second.json('GET', '/api/agent')).agent_state).toBe('paused');
    await second.json('DELETE', '/api/session');
    const third = new ConsoleBrowser(fx.url);
    await third.signIn();
    expect((await third.json('GET', '/api/agent')).agent_state).toBe('logged_out');
  });

  it('ends a session idle for longer than its idle time (console clock)', async () => {
    await fx.close();
    let now = Date.parse('2026-03-01T08:00:00Z');
    fx = await startConsoleFixture({ now: () => now });
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    now += 11 * 3_600_000;
    expect((await browser.request('GET', '/api/session')).status).toBe(200); // used: extended
    now += 11 * 3_600_000;
    expect((await browser.request('GET', '/api/session')).status).toBe(200);
    now += 12 * 3_600_000 + 1;
    const res = await browser.request('GET', '/api/session');
    expect(res.status).toBe(401);
    expect(fx.server.deps.sessions.size).toBe(0);
  });

  it('signing in again from the same browser replaces its session', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    const first = browser.cookie;
    await browser.signIn('agent2', 'password2');
    expect(browser.cookie).not.toBe(first);
    expect(fx.server.deps.sessions.size).toBe(1);
    expect((await browser.json('GET', '/api/session')).user_name).toBe('agent2');
  });

  it('signing in as another agent from the same browser logs the replaced agent out of its campaign, as sign-out does', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent5', 'password5');
    await fx.control('POST', '/__mock/phones/1005/register');
    await browser.json('POST', '/api/login', { campaign_id: 1 });
    await browser.json('POST', '/api/state', { state: 'ready' });
    const events = await EventReader.open(browser);
    await events.until((e) => e.some((x) => x.event === 'hello'));
    await browser.signIn('agent4', 'password4');
    await events.ended();
    expect(events.events.at(-1)).toEqual({ event: 'session', data: { state: 'signed_out' } });
    expect(fx.server.deps.sessions.all().map((s) => s.userName)).toEqual(['agent4']);
    const check = new ConsoleBrowser(fx.url);
    await check.signIn('agent5', 'password5');
    expect((await check.json('GET', '/api/agent')).agent_state).toBe('logged_out');
  });

  it('signing in again as the same agent, or while it has another session, leaves its campaign login alone', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent5', 'password5');
    await fx.control('POST', '/__mock/phones/1005/register');
    await browser.json('POST', '/api/login', { campaign_id: 1 });
    await browser.signIn('agent5', 'password5');
    expect((await browser.json('GET', '/api/agent')).agent_state).toBe('paused');
    const elsewhere = new ConsoleBrowser(fx.url);
    await elsewhere.signIn('agent5', 'password5');
    await browser.signIn('agent4', 'password4');
    expect((await elsewhere.json('GET', '/api/agent')).agent_state).toBe('paused');
  });

  it('sessions idle past their time are swept at the next sign-in', async () => {
    await fx.close();
    let now = Date.parse('2026-03-01T08:00:00Z');
    fx = await startConsoleFixture({ now: () => now });
    const idle = new ConsoleBrowser(fx.url);
    await idle.signIn('agent1', 'password1');
    now += 12 * 3_600_000;
    await new ConsoleBrowser(fx.url).signIn('agent2', 'password2');
    expect(fx.server.deps.sessions.all().map((s) => s.userName)).toEqual(['agent2']);
  });

  it('gives /api/info without a session', async () => {
    const info = await new ConsoleBrowser(fx.url).json('GET', '/api/info');
    expect(info).toEqual({ target: 'mock', omni_url: fx.mockUrl, version: '0.1.0', control_api: true });
  });
});
