/**
 * The `notifications` axis and the `dates`/`ids`/`extras` axes in notification payloads, as literal tables: a system
 * of a running mock plays one variation, a real receiver on 127.0.0.1 records what arrives (headers and bytes), the
 * clock is manual. Each value next to the default, so that every table can tell them apart.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Notification } from '@omnikit/contracts';
import { parseVary } from '@omnikit/contracts/variants';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { SWAP_HOLD_MS } from '../../src/notify/outbox-index.js';
import { verifyNotificationSignature } from '../../src/notify/sign-notification.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';
import { agentOf, freshSystem, label } from '../support/telephony.js';
import { until } from '../support/until.js';
import { type Answer, type ReceivedRequest, type Receiver, startReceiver } from './support/receiver.js';

const SECRET = 'variant-secret';
let mock: MockOmni;
let root: OmniTestClient;
const receivers: Receiver[] = [];
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});

/** A fresh system playing `vary`, its endpoint (with a secret) at a new receiver answering as told. */
async function playing(vary: string, answer?: (r: ReceivedRequest) => Answer) {
  const c = await freshSystem(root);
  const sys = mock.services.registry.get(c.key);
  if (!sys) throw new Error('no such system');
  sys.variation = parseVary(vary);
  const rx = await startReceiver(answer);
  receivers.push(rx);
  const token = await c.login('agent5');
  const set = await c.request('POST', '/omni/notification/endpoint', { token, body: { url: rx.url, secret: SECRET } });
  expect(set.status).toBe(200);
  return { c, rx };
}

const labelOf = (r: ReceivedRequest) => label(JSON.parse(r.body) as Notification);
/** Lets anything that would still arrive arrive (a duplicate, a retry), so that "nothing more" can be asserted. */
const settle = () => new Promise((r) => setTimeout(r, 80));

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert each field.
async function deliveryOf(c: OmniTestClient, id: string, settled: (v: any) => boolean) {
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  let view: any;
  await until(`delivery ${id}`, async () => {
    view = (await c.request('GET', `/__mock/webhook/deliveries/${id}`)).body;
    return settled(view);
  });
  return view;
}

describe('notifications: signed and unsigned', () => {
  it.each([
    // vary, X-Omni-Signature present, verifies over the bytes received
    ['notifications=signed', true],
    ['notifications=unsigned', false],
  ] as const)('%s: one login notification, signature header %s', async (vary, signed) => {
    const { c, rx } = await playing(vary);
    await agentOf(c, 1);
    await until('the login notification', () => rx.received.length === 1);
    await settle();
    const [got] = rx.received as [ReceivedRequest];
    expect(rx.received.map(labelOf)).toEqual(['agent_state:paused']);
    expect(got.signature !== undefined).toBe(signed);
    if (signed) expect(verifyNotificationSignature(SECRET, got.timestamp, got.body, got.signature ?? '')).toBe(true);
    expect(got.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('notifications=twice', () => {
  it.each([
    // vary, what the receiver sees (label, the how-manyth arrival of its id), the outcomes recorded
    ['notifications=signed', [['agent_state:paused', 0]], ['acknowledged']],
    [
      'notifications=twice',
      [
        ['agent_state:paused', 0],
        ['agent_state:paused', 1],
      ],
      ['acknowledged', 'duplicate'],
    ],
  ] as const)('%s: the receiver sees %j', async (vary, seen, outcomes) => {
    const { c, rx } = await playing(vary);
    await agentOf(c, 1);
    await until('the deliveries', () => rx.received.length === seen.length);
    await settle();
    expect(rx.received.map((r) => [labelOf(r), r.nth])).toEqual(seen);
    const [first, second] = rx.received;
    if (second && first) {
      expect([second.id, second.body]).toEqual([first.id, first.body]);
      // The copy went once the first was answered (the receiver answers at once; the copy is a new request).
      expect(second.at).toBeGreaterThanOrEqual(first.at);
      expect(verifyNotificationSignature(SECRET, second.timestamp, second.body, second.signature ?? '')).toBe(true);
    }
    const view = await deliveryOf(c, first?.id ?? '', (v) => v.state === 'delivered');
    expect(view.attempt_log.map((a: { attempt: number; outcome: string }) => [a.attempt, a.outcome])).toEqual(
      outcomes.map((o) => [1, o]),
    );
  });

  it('a call’s notifications each arrive twice, in the call’s order', async () => {
    const { c, rx } = await playing('notifications=twice');
    const a = await agentOf(c, 1);
    await until('the login, twice', () => rx.received.length === 2);
    await a.dial('0800555008'); // answers after 1 s, never hangs up
    await c.advance(1_000);
    await until('the call so far, twice', () => rx.received.length === 10);
    await settle();
    expect(rx.received.slice(2).map((r) => `${labelOf(r)}#${r.nth}`)).toEqual([
      'call_state:initiated#0',
      'call_state:initiated#1',
      'agent_state:on_call#0',
      'agent_state:on_call#1',
      'call_state:ringing#0',
      'call_state:ringing#1',
      'call_state:answered#0',
      'call_state:answered#1',
    ]);
  });
});

describe('notifications=swapped', () => {
  it.each([
    // vary, the call's notifications as the receiver sees them
    [
      'notifications=signed',
      ['call_state:initiated', 'agent_state:on_call', 'call_state:ringing', 'call_state:answered'],
    ],
    [
      'notifications=swapped',
      ['agent_state:on_call', 'call_state:initiated', 'call_state:ringing', 'call_state:answered'],
    ],
  ] as const)('%s: %j', async (vary, seen) => {
    const { c, rx } = await playing(vary);
    const a = await agentOf(c, 1);
    await until('the login', () => rx.received.length === 1);
    await a.dial('0800555008');
    await until('the first two of the call', () => rx.received.length === 3);
    await c.advance(1_000);
    await until('ringing and answered', () => rx.received.length === 5);
    await settle();
    expect(rx.received.slice(1).map(labelOf)).toEqual(seen);
    expect(new Set(rx.received.map((r) => r.id)).size).toBe(5);
  });

  it(`a call's lone first notification waits ${SWAP_HOLD_MS} ms of the system's clock, then goes alone`, async () => {
    const { c, rx } = await playing('notifications=swapped');
    const a = await agentOf(c, 1);
    await until('the login', () => rx.received.length === 1);
    const { call_id } = (await a.dial('0800555008')).body;
    await until('the call’s first two', () => rx.received.length === 3);
    await c.advance(1_000);
    await until('ringing and answered', () => rx.received.length === 5);
    // A conference leg's first notification (its own call, `initiated`) has no successor until its callee's first
    // event: busy after 10 s here.
    const rule = { rules: [{ number: '0215550009', behaviour: { outcome: 'busy', ring_ms: 10_000 } }] };
    expect((await c.request('PUT', '/__mock/callee-rules', { body: rule })).status).toBe(200);
    const leg = await a.command(call_id, 'conference', { phone_number: '0215550009' });
    expect(leg.status).toBe(200);
    await settle();
    expect(rx.received.map(labelOf)).toHaveLength(5);
    await c.advance(SWAP_HOLD_MS - 1);
    await settle();
    expect(rx.received.map(labelOf)).toHaveLength(5);
    await c.advance(1);
    await until('the held notification', () => rx.received.length === 6);
    const held = JSON.parse(rx.received[5]?.body ?? '{}') as Notification;
    expect([label(held), held.type === 'call_state' && held.payload.call_id]).toEqual([
      'call_state:initiated',
      leg.body.call_id,
    ]);
  });
});

describe('notifications=at-most-once', () => {
  it.each([
    // vary, arrivals after a 500 and 11 s of the system's clock, the state recorded
    ['notifications=signed', ['500', '200'], 'delivered'],
    ['notifications=at-most-once', ['500'], 'dead'],
  ] as const)('%s: a receiver that fails once sees %j; the notification is %s', async (vary, arrivals, state) => {
    let answered = 0;
    const { c, rx } = await playing(vary, () => ({ status: answered++ === 0 ? 500 : 200 }));
    await agentOf(c, 1);
    await until('the first attempt', () => rx.received.length === 1);
    const id = rx.received[0]?.id ?? '';
    await deliveryOf(c, id, (v) => v.attempts === 1 && v.attempt_log.length === 1);
    await c.advance(11_000); // past the first retry (10 s ±10%)
    if (arrivals.length > 1) await until('the retry', () => rx.received.length === 2);
    await settle();
    expect(rx.received.map((r, i) => [r.id, i === 0 ? '500' : '200'])).toEqual(arrivals.map((a) => [id, a]));
    const view = await deliveryOf(c, id, (v) => v.state === state);
    expect(view.attempt_log.map((a: { outcome: string; status: number }) => [a.outcome, a.status])).toEqual(
      arrivals.map((a) => (a === '500' ? ['rejected', 500] : ['acknowledged', 200])),
    );
    expect((await c.request('GET', '/__mock/webhook/deliveries?state=dead')).body.total).toBe(state === 'dead' ? 1 : 0);
  });
});

describe('dates, ids and extras in notification payloads', () => {
  it.each([
    [
      'default',
      'UTC',
      '{"type":"agent_state","payload":{"user_id":1,"campaign_id":1,"extension":"1001","agent_state":"paused","previous_state":"logged_out","pause_code":"","reason":"login","timestamp":"2026-01-05T08:00:00.000Z"}}',
    ],
    [
      'dates=vicidial,ids=strings,extras=extra-fields',
      'Africa/Johannesburg',
      '{"type":"agent_state","payload":{"user_id":"1","campaign_id":"1","extension":"1001","agent_state":"paused","previous_state":"logged_out","pause_code":"","reason":"login","timestamp":"2026-01-05 10:00:00","server_node":"omni-app-01"},"server_node":"omni-app-01","api_version":"3.4.2","request_ms":3}',
    ],
    [
      'dates=iso-offset',
      'America/New_York',
      '{"type":"agent_state","payload":{"user_id":1,"campaign_id":1,"extension":"1001","agent_state":"paused","previous_state":"logged_out","pause_code":"","reason":"login","timestamp":"2026-01-05T03:00:00.000-05:00"}}',
    ],
  ])('%s in %s: the bytes received, signed over exactly those bytes', async (vary, timeZone, bytes) => {
    const { c, rx } = await playing(vary === 'default' ? '' : vary);
    const hours = await c.request('PUT', '/__mock/office-hours', { body: { time_zone: timeZone, windows: [] } });
    expect(hours.status).toBe(200);
    await agentOf(c, 1);
    await until('the login notification', () => rx.received.length === 1);
    const [got] = rx.received as [ReceivedRequest];
    expect(got.body).toBe(bytes);
    expect(verifyNotificationSignature(SECRET, got.timestamp, got.body, got.signature ?? '')).toBe(true);
    // The control API shows the contracts' own shape: what the outbox keeps, the sent bytes' source.
    const view = await deliveryOf(c, got.id, (v) => v.state === 'delivered');
    expect(view.notification.payload).toMatchObject({ user_id: 1, timestamp: '2026-01-05T08:00:00.000Z' });
    expect(view.notification).not.toHaveProperty('api_version');
  });

  it('the control API’s test notification is written and signed as deliveries are', async () => {
    const { c, rx } = await playing('notifications=unsigned,ids=strings');
    const token = await c.login('agent1');
    const sent = await c.request('POST', '/__mock/webhook/test', { token, body: {} });
    expect(sent.status).toBe(200);
    expect(sent.body.success).toBe(true);
    const [got] = rx.received as [ReceivedRequest];
    expect(got.signature).toBeUndefined();
    expect((JSON.parse(got.body) as { payload: { user_id: unknown } }).payload.user_id).toBe('1');
  });
});

describe('a restart in the middle (file database) loses and repeats nothing beyond the variant', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omni-variants-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function endpointAt(c: OmniTestClient, url: string) {
    const token = await c.login('agent5');
    const set = await c.request('POST', '/omni/notification/endpoint', { token, body: { url, secret: SECRET } });
    expect(set.status).toBe(200);
  }

  it('twice: closed between the first copy and the second, the second is sent after the restart, once', async () => {
    const db = join(dir, 'twice.db');
    let first = await startMock({ db, vary: 'notifications=twice' });
    let closing: Promise<void> | undefined;
    // The mock closes while it waits for the first copy's answer: that copy completes, the second is not sent yet.
    const rx = await startReceiver((r) => {
      if (r.nth === 0 && labelOf(r) === 'agent_state:paused') closing = first.mock.close();
      return { status: 200, delayMs: 50 };
    });
    receivers.push(rx);
    await endpointAt(first.client, rx.url);
    await agentOf(first.client, 1);
    await until('the mock closing', () => closing !== undefined);
    await closing;
    expect(rx.received.map((r) => [labelOf(r), r.nth])).toEqual([['agent_state:paused', 0]]);
    first = await startMock({ db, vary: 'notifications=twice' });
    try {
      await until('the second copy', () => rx.received.length === 2);
      await settle();
      expect(rx.received.map((r) => [labelOf(r), r.nth])).toEqual([
        ['agent_state:paused', 0],
        ['agent_state:paused', 1],
      ]);
      expect(rx.received[1]?.body).toBe(rx.received[0]?.body);
      const view = await deliveryOf(first.client, rx.received[0]?.id ?? '', (v) => v.state === 'delivered');
      expect(view.attempt_log.map((a: { outcome: string }) => a.outcome)).toEqual(['acknowledged', 'duplicate']);
    } finally {
      await first.mock.close();
    }
  });

  it('swapped: the call’s first, failed after its second went, goes after the restart, then the rest in order', async () => {
    const db = join(dir, 'swapped.db');
    let failed = false;
    const rx = await startReceiver((r) => {
      if (!failed && labelOf(r) === 'call_state:initiated') {
        failed = true;
        return { status: 500 };
      }
      return { status: 200 };
    });
    receivers.push(rx);
    let run = await startMock({ db, vary: 'notifications=swapped' });
    await endpointAt(run.client, rx.url);
    const a = await agentOf(run.client, 1);
    await until('the login', () => rx.received.length === 1);
    await a.dial('0800555008');
    await until('on_call, then the failed initiated', () => rx.received.length === 3);
    const initiated = rx.received[2]?.id ?? '';
    await deliveryOf(run.client, initiated, (v) => v.attempts === 1 && v.state === 'pending');
    await run.mock.close();
    run = await startMock({ db, vary: 'notifications=swapped' });
    try {
      await run.client.advance(11_000); // the retry (10 s ±10%); the call rings and is answered meanwhile
      await until('the rest of the call', () => rx.received.length === 6);
      await settle();
      expect(rx.received.map((r) => `${labelOf(r)}#${r.nth}`)).toEqual([
        'agent_state:paused#0',
        'agent_state:on_call#0',
        'call_state:initiated#0',
        'call_state:initiated#1',
        'call_state:ringing#0',
        'call_state:answered#0',
      ]);
      expect(rx.received[3]?.id).toBe(initiated);
    } finally {
      await run.mock.close();
    }
  });
});
