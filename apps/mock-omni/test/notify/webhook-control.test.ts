/**
 * Webhook delivery from a running mock (B.7) and its control routes: the outbox's view with every attempt, retries on
 * the system's clock, the endpoint's type filter, replays, the test notification and the chaos switches. The receiver
 * is a real HTTP server on 127.0.0.1.
 *
 * @module
 */

import { NOTIFICATION_HEADERS, type Notification } from '@omnikit/contracts';
import { deliveryList, deliveryView, testDeliveryResult } from '@omnikit/contracts/control';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { verifyNotificationSignature } from '../../src/notify/sign-notification.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';
import { agentOf, freshSystem, label, recorded } from '../support/telephony.js';
import { until } from '../support/until.js';
import { type Answer, type ReceivedRequest, type Receiver, startReceiver } from './support/receiver.js';

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

async function receiver(answer?: (r: ReceivedRequest) => Answer): Promise<Receiver> {
  const r = await startReceiver(answer);
  receivers.push(r);
  return r;
}

async function withEndpoint(c: OmniTestClient, url: string, extra: Record<string, unknown> = {}) {
  const token = await c.login('agent5');
  const res = await c.request('POST', '/omni/notification/endpoint', { token, body: { url, ...extra } });
  expect(res.status).toBe(200);
}

/**
 * The delivery view of one notification once `settled` holds. A receiver sees a request before the
 * mock has its answer (the response still has to travel back and its batch be written), so a test
 * that reads the outbox after the receiver saw something waits for the outbox itself.
 */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert each field.
async function viewWhen(c: OmniTestClient, id: string | undefined, what: string, settled: (view: any) => boolean) {
  const path = `/__mock/webhook/deliveries/${id}`;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  let view: any;
  await until(what, async () => {
    view = (await c.request('GET', path)).body;
    return settled(view);
  });
  return view;
}

/** The system's recorded notifications once the worker has settled every one of them (none pending). */
async function settledRecords(c: OmniTestClient, what: string, query: Record<string, string> = {}) {
  let rows: Awaited<ReturnType<typeof recorded>> = [];
  await until(what, async () => {
    rows = await recorded(c, query);
    return rows.length > 0 && rows.every((d) => d.state !== 'pending');
  });
  return rows;
}

const bodies = (rx: Receiver) => rx.received.map((r) => JSON.parse(r.body) as Notification);

describe('delivery from the outbox', () => {
  it('with no endpoint, events are recorded and never delivered later; once set, new ones are', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1);
    const rx = await receiver();
    expect((await settledRecords(c, 'the login, settled')).map((d) => d.state)).toEqual(['no_endpoint']);
    await withEndpoint(c, rx.url, { secret: 's3cret-key' });
    await a.state('ready');
    await until('the ready notification', () => rx.received.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(bodies(rx).map(label)).toEqual(['agent_state:ready']);
    const [got] = rx.received;
    expect(got?.signature).toBeDefined();
    expect(verifyNotificationSignature('s3cret-key', got?.timestamp ?? '', got?.body ?? '', got?.signature ?? '')).toBe(
      true,
    );
    await viewWhen(c, got?.id, 'the ready notification, settled', (v) => v.attempts === 1);
    const list = (await c.request('GET', '/__mock/webhook/deliveries')).body;
    expect(deliveryList.safeParse(list).success).toBe(true);
    expect(list.deliveries.map((d: { state: string }) => d.state)).toEqual(['delivered', 'no_endpoint']);
    expect(list.deliveries[0]).toMatchObject({
      notification_id: got?.id,
      attempts: 1,
      attempt_log: [{ attempt: 1, round: 0, outcome: 'acknowledged', status: 200, response_body: 'ok', url: rx.url }],
    });
  });

  it('a failing notification is retried at +10 s and +30 s on the system clock and holds back its call', async () => {
    const c = await freshSystem(root);
    let failures = 0;
    const rx = await receiver((r) => {
      const n = JSON.parse(r.body) as Notification;
      if (n.type === 'call_state' && n.payload.call_state === 'initiated' && failures < 2) {
        failures++;
        return { status: 503, body: 'busy here' };
      }
      return { status: 200 };
    });
    await withEndpoint(c, rx.url);
    const a = await agentOf(c, 1);
    const { call_id } = (await a.dial('0800555008')).body;
    await c.advance(1_000); // ringing, answered: held back behind the failing initiated
    await until('the first attempt', () => failures === 1);
    await new Promise((r) => setTimeout(r, 50));
    const callSeen = () =>
      bodies(rx)
        .filter((n) => n.type === 'call_state')
        .map(label);
    expect(callSeen()).toEqual(['call_state:initiated']);
    const initiated = (await recorded(c, { call_id: String(call_id) }))[0];
    const path = `/__mock/webhook/deliveries/${initiated?.notification_id}`;
    const dueOf = async () => Date.parse((await c.request('GET', path)).body.next_attempt_at);
    const t0 = Date.parse('2026-01-05T08:00:00.000Z');
    // B.7: the 2nd attempt 10 s after the first (±10%), the 3rd 30 s after it; due on the system clock.
    await until('the first attempt, settled', async () => (await c.request('GET', path)).body.attempts === 1);
    const second = await dueOf();
    expect(second - t0).toBeGreaterThanOrEqual(9_000);
    expect(second - t0).toBeLessThanOrEqual(11_000);
    const clockNow = async () => (await c.request('GET', '/__mock/clock')).body.now_ms as number;
    await c.advance(second - (await clockNow()) - 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(failures).toBe(1);
    await c.advance(1);
    await until('the second attempt, settled', async () => (await c.request('GET', path)).body.attempts === 2);
    expect(failures).toBe(2);
    const third = await dueOf();
    expect(third - t0).toBeGreaterThanOrEqual(27_000);
    expect(third - t0).toBeLessThanOrEqual(33_000);
    await c.advance(third - (await clockNow()) - 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(callSeen()).toHaveLength(2);
    await c.advance(1);
    await until('all of the call', () => callSeen().length === 5);
    expect(callSeen()).toEqual([
      'call_state:initiated',
      'call_state:initiated',
      'call_state:initiated',
      'call_state:ringing',
      'call_state:answered',
    ]);
    const view = (await c.request('GET', path)).body;
    expect(deliveryView.safeParse(view).success).toBe(true);
    expect(view.attempt_log.map((x: { outcome: string; status: number }) => [x.outcome, x.status])).toEqual([
      ['rejected', 503],
      ['rejected', 503],
      ['acknowledged', 200],
    ]);
    expect(view.attempt_log.map((x: { virtual_at: string }) => Date.parse(x.virtual_at) - t0)).toEqual([
      0,
      second - t0,
      third - t0,
    ]);
  });

  it('a changed endpoint, chaos switch or removed endpoint applies to the very next notification', async () => {
    const c = await freshSystem(root);
    const first = await receiver();
    const second = await receiver();
    await withEndpoint(c, first.url);
    const a = await agentOf(c, 1);
    await until('the login at the first endpoint', () => first.received.length === 1);
    await withEndpoint(c, second.url);
    await a.state('ready');
    await until('ready at the second endpoint', () => second.received.length === 1);
    expect(bodies(second).map(label)).toEqual(['agent_state:ready']);
    await c.request('PUT', '/__mock/webhook/chaos', { body: { drop_first_attempts: 1 } });
    await a.state('paused');
    const paused = (await recorded(c)).at(-1);
    expect(paused && label(paused.notification)).toBe('agent_state:paused');
    const dropped = await viewWhen(c, paused?.notification_id, 'the dropped attempt', (v) => v.attempts === 1);
    expect(dropped.attempt_log.map((x: { outcome: string }) => x.outcome)).toEqual(['dropped']);
    await c.request('PUT', '/__mock/webhook/chaos', { body: {} });
    await c.advance(11_000);
    await until('paused, retried', () => second.received.length === 2);
    const token = await c.login('agent5');
    expect((await c.request('DELETE', '/omni/notification/endpoint', { token })).status).toBe(200);
    await a.state('ready');
    const latest = (await recorded(c)).at(-1);
    expect([latest && label(latest.notification), latest?.state]).toEqual(['agent_state:ready', 'no_endpoint']);
    expect(first.received).toHaveLength(1);
    expect(bodies(second).map(label)).toEqual(['agent_state:ready', 'agent_state:paused']);
  });

  it('the endpoint’s notification_types leaves the others out (recorded as filtered)', async () => {
    const c = await freshSystem(root);
    const rx = await receiver();
    await withEndpoint(c, rx.url, { notification_types: ['cdr'] });
    const a = await agentOf(c, 1);
    const { call_id } = (await a.dial('0800555002')).body;
    await c.advance(1_000);
    await a.command(call_id, 'dispose', { disposition_code: 'B' });
    await until('the cdr', () => rx.received.length === 1);
    expect(bodies(rx).map(label)).toEqual(['cdr']);
    const states = new Set(
      (await settledRecords(c, 'every notification, settled'))
        .filter((d) => d.notification.type !== 'cdr')
        .map((d) => d.state),
    );
    expect([...states]).toEqual(['filtered']);
  });
});

describe('replays', () => {
  it('one notification again (same id and body, round 1); a pending one → 409; an unknown id → 404', async () => {
    const c = await freshSystem(root);
    const rx = await receiver();
    await withEndpoint(c, rx.url);
    await agentOf(c, 1);
    await until('login', () => rx.received.length === 1);
    // Replaying needs the first round settled, which comes after the receiver saw the request.
    const [login] = await settledRecords(c, 'the login, settled');
    const replay = await c.request('POST', `/__mock/webhook/deliveries/${login?.notification_id}/replay`);
    expect(replay.body).toEqual({
      success: true,
      detail: '1 notification queued again',
      notification_ids: [login?.notification_id],
    });
    await until('the replay', () => rx.received.length === 2);
    expect(rx.received[1]?.id).toBe(rx.received[0]?.id);
    expect(rx.received[1]?.body).toBe(rx.received[0]?.body);
    const view = await viewWhen(c, login?.notification_id, 'the replay, settled', (v) => v.attempt_log.length === 2);
    expect(view.attempt_log.map((x: { round: number; attempt: number }) => [x.round, x.attempt])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    const unknown = await c.request('POST', '/__mock/webhook/deliveries/nope-123/replay');
    expect([unknown.status, unknown.body.errors[0].field]).toEqual([404, 'notification_id']);
    // Another system's id is unknown here.
    const other = await freshSystem(root);
    expect((await other.request('GET', `/__mock/webhook/deliveries/${login?.notification_id}`)).status).toBe(404);
  });

  it('all of a call’s notifications again, in their order; no endpoint → 409; unknown call → 404', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1);
    const { call_id } = (await a.dial('0800555005')).body;
    await c.advance(1_000);
    const noEndpoint = await c.request('POST', `/__mock/webhook/calls/${call_id}/replay`);
    expect([noEndpoint.status, noEndpoint.body.error_code]).toEqual([409, 'INVALID_STATE']);
    // Settled as no_endpoint before one is set: a row still pending then would go out in its own
    // first round and not be replayed.
    await settledRecords(c, 'the call, settled', { call_id: String(call_id) });
    const rx = await receiver();
    await withEndpoint(c, rx.url);
    const replay = await c.request('POST', `/__mock/webhook/calls/${call_id}/replay`);
    expect(replay.status).toBe(200);
    // The wrap-up is still running: no CDR yet.
    expect(replay.body.notification_ids).toHaveLength(4);
    await until('the call again', () => rx.received.length === 4);
    expect(bodies(rx).map(label)).toEqual([
      'call_state:initiated',
      'agent_state:on_call',
      'call_state:ended',
      'agent_state:wrap_up',
    ]);
  });

  it('unknown call → 404 naming call_id', async () => {
    const c = await freshSystem(root);
    const res = await c.request('POST', '/__mock/webhook/calls/4242/replay');
    expect([res.status, res.body.errors[0].field]).toEqual([404, 'call_id']);
  });
});

describe('the endpoint URL', () => {
  it('refuses credentials, an empty host, port 0 and control characters: 400 naming url, nothing stored or echoed', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent5');
    for (const url of [
      'http://crm:s3cret-pass@127.0.0.1:9/hook',
      'http://crm@127.0.0.1:9/hook',
      'http:///path',
      'http://127.0.0.1:0/hook',
      'http://127.0.0.1:9/hook\u0000',
    ]) {
      const res = await c.request('POST', '/omni/notification/endpoint', { token, body: { url } });
      expect([res.status, res.body.error_code, res.body.errors?.[0]?.field], url).toEqual([
        400,
        'VALIDATION_FAILED',
        'url',
      ]);
      expect(JSON.stringify(res.body)).not.toContain('s3cret-pass');
    }
    expect((await c.request('GET', '/omni/notification/endpoint', { token })).body.url).toBeNull();
  });
});

describe('retries passed by one clock advance', () => {
  it('are all made, and leave no timer behind due in the past', async () => {
    const c = await freshSystem(root);
    const rx = await receiver(() => ({ status: 503 }));
    await withEndpoint(c, rx.url);
    await agentOf(c, 1); // the login's agent_state
    let login: string | undefined;
    await until('the login recorded', async () => {
      login = (await recorded(c))[0]?.notification_id;
      return login !== undefined;
    });
    await viewWhen(c, login, 'its first attempt', (v) => v.attempts === 1);
    await c.advance(2 * 60 * 60 * 1000);
    await viewWhen(c, login, 'dead after 10 attempts', (v) => v.state === 'dead');
    expect(rx.received).toHaveLength(10);
    const clock = (await c.request('GET', '/__mock/clock')).body;
    if (clock.next_timer_at !== null) expect(Date.parse(clock.next_timer_at)).toBeGreaterThanOrEqual(clock.now_ms);
  });
});

describe('test notification', () => {
  it('sends a sample of the type asked (or the one given) once, and says how it was taken', async () => {
    const c = await freshSystem(root);
    const noEndpoint = await c.request('POST', '/__mock/webhook/test', { body: {} });
    expect([noEndpoint.status, noEndpoint.body.error_code]).toEqual([409, 'INVALID_STATE']);
    const rx = await receiver((r) =>
      JSON.parse(r.body).type === 'recording' ? { status: 418, body: 'teapot' } : { status: 204 },
    );
    await withEndpoint(c, rx.url, { secret: 'k-secret-1' });
    const res = await c.request('POST', '/__mock/webhook/test', { body: { type: 'cdr' } });
    expect(testDeliveryResult.safeParse(res.body).success).toBe(true);
    expect(res.body).toMatchObject({ success: true, attempt: { outcome: 'acknowledged', status: 204 } });
    expect(JSON.parse(rx.received[0]?.body ?? '{}')).toMatchObject({ type: 'cdr', payload: { unique_id: 'test' } });
    const refused = await c.request('POST', '/__mock/webhook/test', { body: { type: 'recording' } });
    expect(refused.body).toMatchObject({
      success: false,
      detail: expect.stringContaining('418'),
      attempt: { status: 418 },
    });
    const given: Notification = {
      type: 'agent_state',
      payload: {
        user_id: 3,
        campaign_id: 2,
        extension: '1003',
        agent_state: 'ready',
        previous_state: 'paused',
        pause_code: '',
        reason: 'mine',
        timestamp: '2026-01-05T08:00:00.000Z',
      },
    };
    expect((await c.request('POST', '/__mock/webhook/test', { body: { notification: given } })).body.success).toBe(
      true,
    );
    expect(JSON.parse(rx.received[2]?.body ?? '{}')).toEqual(given);
    const both = await c.request('POST', '/__mock/webhook/test', { body: { type: 'cdr', notification: given } });
    expect([both.status, both.body.errors[0].field]).toEqual([400, 'notification']);
    const wrong = await c.request('POST', '/__mock/webhook/test', {
      body: { notification: { type: 'cdr', payload: {} } },
    });
    expect(wrong.status).toBe(400);
    expect((await recorded(c)).map((d) => d.state)).toEqual(['delivered', 'dead', 'delivered']);
  });
});

describe('chaos switches', () => {
  it('off by default; set replaces them; out-of-range values → 400', async () => {
    const c = await freshSystem(root);
    const off = { delay_ms: 0, duplicate_rate: 0, drop_first_attempts: 0, reorder: false };
    expect((await c.request('GET', '/__mock/webhook/chaos')).body).toEqual(off);
    const set = await c.request('PUT', '/__mock/webhook/chaos', { body: { drop_first_attempts: 2 } });
    expect(set.body).toEqual({ ...off, drop_first_attempts: 2 });
    expect((await c.request('PUT', '/__mock/webhook/chaos', { body: { duplicate_rate: 2 } })).status).toBe(400);
    expect((await c.request('PUT', '/__mock/webhook/chaos', { body: { surprise: true } })).status).toBe(400);
    expect((await c.request('GET', '/__mock/webhook/chaos')).body).toEqual({ ...off, drop_first_attempts: 2 });
    expect((await c.request('PUT', '/__mock/webhook/chaos', { body: {} })).body).toEqual(off);
  });

  it('drop the first attempt: it is not sent, counts as failed, and the retry delivers it', async () => {
    const c = await freshSystem(root);
    const rx = await receiver();
    await withEndpoint(c, rx.url);
    await c.request('PUT', '/__mock/webhook/chaos', { body: { drop_first_attempts: 1, duplicate_rate: 1 } });
    await agentOf(c, 1);
    // The row is pending before its first attempt too: wait for the attempt itself, or the clock
    // below would move before it and the retry would fall due 10 s after the advance instead.
    const [login] = await recorded(c);
    const dropped = await viewWhen(c, login?.notification_id, 'the dropped attempt', (v) => v.attempts === 1);
    expect([dropped.state, dropped.attempt_log.map((x: { outcome: string }) => x.outcome)]).toEqual([
      'pending',
      ['dropped'],
    ]);
    expect(rx.received).toEqual([]);
    await c.advance(11_000);
    await until('the retry and its duplicate', () => rx.received.length === 2);
    expect(rx.received[1]?.id).toBe(rx.received[0]?.id);
    const view = await viewWhen(c, login?.notification_id, 'the retry, settled', (v) => v.state !== 'pending');
    expect(view.attempt_log.map((x: { outcome: string }) => x.outcome)).toEqual([
      'dropped',
      'acknowledged',
      'duplicate',
    ]);
  });
});

describe('a reset system', () => {
  it('forgets its deliveries', async () => {
    const c = await freshSystem(root);
    await agentOf(c, 1);
    expect(await recorded(c)).toHaveLength(1);
    await c.request('POST', '/__mock/system/reset', { body: {} });
    expect(await recorded(c)).toEqual([]);
    expect((await c.request('GET', '/__mock/phones')).body.phones).toEqual([]);
  });

  it('sends none of the notifications it recorded before, even to an endpoint set at once after it', async () => {
    const c = await freshSystem(root);
    const r = await receiver();
    await withEndpoint(c, r.url);
    // Chaos holds each attempt 400 ms (wall clock): the login's notification is claimed and waiting at the reset.
    await c.request('PUT', '/__mock/webhook/chaos', { body: { delay_ms: 400 } });
    await agentOf(c, 1);
    const [before] = await recorded(c);
    await c.request('POST', '/__mock/system/reset', { body: {} });
    await withEndpoint(c, r.url);
    await agentOf(c, 1);
    const after = (await recorded(c)).map((n) => n.notification_id);
    expect(after).toHaveLength(1);
    await until('the notification recorded after the reset', () => r.received.some((x) => x.id === after[0]));
    await new Promise((resolve) => setTimeout(resolve, 600)); // the held one's delay is long over
    // Before: the notification wiped by the reset went to the new endpoint once its delay was over.
    expect(r.received.map((x) => x.id)).not.toContain(before?.notification_id);
    expect(r.received.map((x) => x.id)).toEqual(after);
  });
});

describe('headers', () => {
  it('each attempt carries the id and a wall-clock timestamp; a signature only with a secret', async () => {
    const c = await freshSystem(root);
    const rx = await receiver();
    await withEndpoint(c, rx.url);
    await agentOf(c, 1);
    await until('login', () => rx.received.length === 1);
    const [got] = rx.received;
    expect(got?.signature).toBeUndefined();
    expect(got?.contentType).toBe('application/json');
    expect(Math.abs(Number(got?.timestamp) - Date.now() / 1000)).toBeLessThan(30);
    expect(NOTIFICATION_HEADERS.id.toLowerCase()).toBe('x-omni-notification-id');
  });
});
