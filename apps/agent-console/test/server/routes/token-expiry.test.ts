import { afterEach, describe, expect, it } from 'vitest';
import { consoleEvents, phoneSettings } from '../../../src/shared/console-schemas.js';
import { ConsoleBrowser, type ConsoleFixture, EventReader, startConsoleFixture } from '../console-fixture.js';

/**
 * The phone panel shows the WebRTC session's expiry, which is the agent token's (A.8). When the backend renews
 * the token (Omni expired or revoked it) or another browser's sign-in hands the agent a new one, the browser
 * must learn the new expiry: `GET /api/phone` answers it, and the event stream says it (`token`).
 */
let fx: ConsoleFixture;
afterEach(async () => {
  await fx?.close();
});

/** Omni's clock now, epoch ms. */
async function omniNow(): Promise<number> {
  return Date.parse(((await (await fx.control('GET', '/__mock/clock')).json()) as { now: string }).now);
}

/** The expiries the event stream has told, in order (each checked as use-console-events.ts does). */
function toldExpiries(events: EventReader): string[] {
  return events.events.filter((e) => e.event === 'token').map((e) => consoleEvents.token.parse(e.data).expires_at);
}

describe('the token’s expiry, as the browser learns it', () => {
  it('follows a renewal of a short-lived token: GET /api/phone and a `token` event carry the new expiry', async () => {
    fx = await startConsoleFixture({ vary: 'tokens=short-lived' });
    const browser = new ConsoleBrowser(fx.url);
    expect((await browser.signIn('agent1', 'password1')).status).toBe(200);
    const first = phoneSettings.parse(await browser.json('GET', '/api/phone'));
    expect(Date.parse(first.expires_at)).toBe((await omniNow()) + 15 * 60_000);
    const events = await EventReader.open(browser);
    // A stream opens with the expiry as it stands, so a browser that reconnects misses no renewal.
    await events.until(() => toldExpiries(events).length === 1);
    expect(toldExpiries(events)).toEqual([first.expires_at]);

    // Sixteen minutes on: the token has expired; the next request renews it with the kept password.
    await fx.advance(16 * 60_000);
    expect((await browser.request('GET', '/api/agent')).status).toBe(200);
    const renewedAt = await omniNow();
    const second = phoneSettings.parse(await browser.json('GET', '/api/phone'));
    expect(Date.parse(second.expires_at)).toBe(renewedAt + 15 * 60_000);
    await events.until(() => toldExpiries(events).length === 2);
    expect(toldExpiries(events)).toEqual([first.expires_at, second.expires_at]);
    events.close();
  });

  it('follows the new token another browser’s sign-in of the same agent hands over', async () => {
    fx = await startConsoleFixture({ vary: 'tokens=revoke-older' });
    const one = new ConsoleBrowser(fx.url);
    await one.signIn('agent1', 'password1');
    const before = phoneSettings.parse(await one.json('GET', '/api/phone')).expires_at;
    const events = await EventReader.open(one);
    await events.until(() => toldExpiries(events).length === 1);
    await fx.advance(60_000);
    const two = new ConsoleBrowser(fx.url);
    await two.signIn('agent1', 'password1');
    const after = phoneSettings.parse(await one.json('GET', '/api/phone')).expires_at;
    expect(Date.parse(after)).toBe(Date.parse(before) + 60_000);
    await events.until(() => toldExpiries(events).length === 2);
    expect(toldExpiries(events)).toEqual([before, after]);
    events.close();
  });
});
