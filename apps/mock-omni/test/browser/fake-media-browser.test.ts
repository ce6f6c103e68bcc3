/**
 * The mock's default media (`--media fake`) with a browser's phone: Debian Chromium (through playwright-core) runs the
 * sdk's OmniPhone on sip.js's WebRTC media against a mock started with its defaults. Before the fake SDP took WebRTC's
 * shape, Chromium refused the bridge call's offer ("SDP without DTLS fingerprint"), the phone answered 480 and every
 * campaign login failed. Now the bridge call comes up with no audio, hold and retrieve go through a re-INVITE each, and
 * logout ends it. Chromium is required: a missing one fails the test (CI installs it).
 *
 * @module
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/index.js';
import type { OmniTestClient } from '../support/omni-client.js';
import { TestAgent } from '../support/telephony.js';
import type { PageApi } from './phone-page.js';
import { type PhoneStack, startPhoneStack } from './phone-page-server.js';

let listening: Listening;
let stack: PhoneStack | undefined;
let page: Page;
let client: OmniTestClient;

/** The page's phone (runs in the browser). */
const pageStats = () => page.evaluate(() => (window as unknown as { omniTest: PageApi }).omniTest.stats());

async function until<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  stack = await startPhoneStack('the browser fake-media test');
  ({ listening, client, page } = stack);
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

describe("a browser's phone on the mock's default media", () => {
  it('takes the bridge call of a campaign login, holds and retrieves it, and logout ends it', async () => {
    const sip = await client.request('GET', '/__mock/sip/media?extension=1001');
    expect(sip.body.media).toBe('fake');
    const ws = `${listening.url.replace(/^http/, 'ws')}/ws`;
    await page.evaluate(
      ([server]) => (window as unknown as { omniTest: PageApi }).omniTest.start(server ?? '', '1001', 'webrtc1'),
      [ws],
    );
    const agent = new TestAgent(client, 1, await client.login('agent1'), '1001');
    expect((await agent.view()).registered).toBe(true);

    const login = await agent.login();
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    await until('the bridge up in the page', pageStats, (s) => s.bridgeUp);

    const dial = await agent.dial('0800555008');
    expect(dial.status).toBe(200);
    const callId = dial.body.call_id as number;
    await client.advance(5_000);
    expect((await agent.call(callId)).call_state).toBe('answered');

    // Hold and retrieve re-INVITE the browser: its answers to the mock's offers must be accepted too.
    expect((await agent.command(callId, 'hold')).status).toBe(200);
    await until('the page on hold', pageStats, (s) => s.held);
    expect((await agent.command(callId, 'retrieve')).status).toBe(200);
    await until('the page off hold', pageStats, (s) => !s.held);
    expect((await agent.command(callId, 'hangup')).status).toBe(200);
    expect((await agent.command(callId, 'dispose', { disposition_code: 'SALE' })).status).toBe(200);

    const logout = await agent.post(`/omni/users/${agent.userId}/logout`);
    expect(logout.status, JSON.stringify(logout.body)).toBe(200);
    await until('the bridge down in the page', pageStats, (s) => !s.bridgeUp);
    const events = await page.evaluate(() => (window as unknown as { omniTest: PageApi }).omniTest.events());
    expect(events.filter((e) => e.startsWith('error'))).toEqual([]);
    expect(events).toEqual(expect.arrayContaining(['registered', 'bridgeUp:live', 'hold:true', 'hold:false']));
  }, 60_000);
});
