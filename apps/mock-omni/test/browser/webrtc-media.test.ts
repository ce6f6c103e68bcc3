/**
 * Real audio: Debian Chromium (through playwright-core) runs the sdk's OmniPhone on sip.js's WebRTC media
 * against a mock started with `media: 'webrtc'`. The phone registers, the agent logs in (the browser answers the
 * bridge call), a customer call is bridged, and both ends count RTP: the browser's inbound-rtp statistics, the mock's
 * counters through the control API, and a non-silent level on the remote audio measured in the page. Hold stops the
 * flow both ways; retrieve restarts it. Chromium is required: a missing one fails the test (CI installs it).
 *
 * @module
 */

import type { SipMediaLeg } from '@omnikit/contracts/control';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/index.js';
import type { OmniTestClient } from '../support/omni-client.js';
import { TestAgent } from '../support/telephony.js';
import type { PageApi, PageInboundStats } from './phone-page.js';
import { type PhoneStack, startPhoneStack } from './phone-page-server.js';

let listening: Listening;
let stack: PhoneStack | undefined;
let page: Page;
let client: OmniTestClient;

async function until<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pageStats = () => page.evaluate(() => (window as unknown as { omniTest: PageApi }).omniTest.stats());
const pageLevel = (ms: number) =>
  page.evaluate((m) => (window as unknown as { omniTest: PageApi }).omniTest.level(m), ms);

async function mockLeg(): Promise<SipMediaLeg | undefined> {
  const res = await client.request('GET', '/__mock/sip/media?extension=1001');
  expect(res.status).toBe(200);
  expect(res.body.media).toBe('webrtc');
  return (res.body.legs as SipMediaLeg[])[0];
}

beforeAll(async () => {
  stack = await startPhoneStack('the browser media test', { sip: { answerTimeoutMs: 15_000, media: 'webrtc' } });
  ({ listening, client, page } = stack);
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

describe('real audio between Chromium (OmniPhone) and the mock (--media webrtc)', () => {
  it('registers, answers the bridge call, hears the bridged customer, and hold stops the flow', async () => {
    const ws = `${listening.url.replace(/^http/, 'ws')}/ws`;
    await page.evaluate(
      ([server]) => (window as unknown as { omniTest: PageApi }).omniTest.start(server ?? '', '1001', 'webrtc1'),
      [ws],
    );
    const agent = new TestAgent(client, 1, await client.login('agent1'), '1001');
    expect((await agent.view()).registered).toBe(true);

    const login = await agent.login();
    expect(login.status).toBe(200);
    await until('the bridge up in the page', pageStats, (s) => s.bridgeUp);

    // Bridged to nobody yet: the phone's microphone reaches the mock, the mock sends nothing.
    const idle = await until('RTP from the phone', mockLeg, (leg) => (leg?.packets_received ?? 0) > 10);
    expect(idle?.media_state).toBe('connected');
    expect(idle?.packets_sent).toBe(0);
    expect(idle?.playing).toBe(false);
    expect(idle?.first_packet_received_at).not.toBeNull();

    const dial = await agent.dial('0800555008');
    expect(dial.status).toBe(200);
    const callId = dial.body.call_id as number;
    await client.advance(5_000);
    expect((await agent.call(callId)).call_state).toBe('answered');

    const talking = await until('the customer’s voice', mockLeg, (leg) => (leg?.packets_sent ?? 0) > 25);
    expect(talking?.playing).toBe(true);
    expect(talking?.bytes_sent).toBeGreaterThan(talking?.packets_sent ?? 0);
    const heard = await until('inbound RTP in the page', pageStats, (s) => s.packetsReceived > 25);
    expect(heard.codec.toLowerCase()).toBe('audio/opus');
    expect(heard.bytesReceived).toBeGreaterThan(0);
    // Not silence: the analyser on the remote stream and WebRTC's own energy both hear it.
    expect(await pageLevel(600)).toBeGreaterThan(0.02);
    const energized = await until('audio energy', pageStats, (s) => s.totalAudioEnergy > 0);
    expect(energized.totalAudioEnergy).toBeGreaterThan(0);

    // Hold: the mock re-INVITEs sendonly and stops playing; the browser answers recvonly and stops sending.
    expect((await agent.command(callId, 'hold')).status).toBe(200);
    await until('the leg held', mockLeg, (leg) => leg?.leg_state === 'held' && leg.playing === false);
    await until('the page on hold', pageStats, (s) => s.held);
    await new Promise((r) => setTimeout(r, 400));
    const heldMock = await mockLeg();
    const heldPage = await pageStats();
    await new Promise((r) => setTimeout(r, 800));
    const heldMockLater = await mockLeg();
    const heldPageLater = await pageStats();
    expect(heldMockLater?.packets_sent).toBe(heldMock?.packets_sent);
    expect(heldPageLater.packetsReceived).toBe(heldPage.packetsReceived);
    expect(heldMockLater?.packets_received).toBe(heldMock?.packets_received);

    // Retrieve: both directions flow again.
    expect((await agent.command(callId, 'retrieve')).status).toBe(200);
    await until('the leg up', mockLeg, (leg) => leg?.leg_state === 'up');
    const resumedMock = await until(
      'the mock sending again',
      mockLeg,
      (leg) => (leg?.packets_sent ?? 0) > (heldMockLater?.packets_sent ?? 0) + 10,
    );
    expect(resumedMock?.packets_received).toBeGreaterThan(heldMockLater?.packets_received ?? 0);
    const resumedPage = await until(
      'the page hearing again',
      pageStats,
      (s: PageInboundStats) => s.packetsReceived > heldPageLater.packetsReceived + 10,
    );
    expect(resumedPage.held).toBe(false);

    // The customer hangs up: the mock stops playing, though the bridge leg stays up.
    expect((await agent.command(callId, 'hangup')).status).toBe(200);
    await until('silence after the call', mockLeg, (leg) => leg?.playing === false);
    const events = await page.evaluate(() => (window as unknown as { omniTest: PageApi }).omniTest.events());
    expect(events.filter((e) => e.startsWith('error'))).toEqual([]);
    expect(events).toEqual(expect.arrayContaining(['registered', 'bridgeUp:live', 'hold:true', 'hold:false']));
  }, 60_000);
});
