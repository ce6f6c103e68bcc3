import {
  deliveryList,
  deliveryView as deliveryViewSchema,
  replayResult,
  testDeliveryResult,
} from '@omnikit/contracts/control';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/engine/domain-error.js';
import { conversationOrderKey } from '../../src/engine/messaging/conversation-order-key.js';
import {
  getDelivery,
  listDeliveries,
  replayCall,
  replayNotification,
  sendTestNotification,
} from '../../src/notify/delivery-control.js';
import { createHttpSender, type Sender } from '../../src/notify/http-sender.js';
import { agentNote, callStateNote, type Harness, harness, SYSTEM, T0 } from './support/harness.js';
import { type ReceivedRequest, type Receiver, startReceiver } from './support/receiver.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(
  answer?: (r: ReceivedRequest) => { status: number },
): Promise<{ h: Harness; rx: Receiver; sender: Sender }> {
  const rx = await startReceiver(answer);
  const h = harness({ url: rx.url, secret: 'control-secret' });
  const sender = createHttpSender();
  cleanups.push(
    () => rx.close(),
    () => h.worker.stop(),
    () => sender.close(),
  );
  return { h, rx, sender };
}

function deps(h: Harness) {
  return { outbox: h.outbox, settings: h.settings, nowOf: () => h.clock.now(), kick: () => h.worker.kick() };
}
function probeDeps(h: Harness, sender: Sender) {
  return { ...deps(h), sender, newId: () => 'test-1' };
}

function expectDomainError(fn: () => unknown, code: string, detail: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(code);
    expect((e as DomainError).detail).toMatch(detail);
    return;
  }
  throw new Error('expected a DomainError');
}

describe('listing deliveries', () => {
  it('shows each notification with every attempt and the receiver’s answers, in the contract’s shape', async () => {
    const { h } = await setup((r) => ({ status: r.nth === 0 ? 502 : 200 }));
    const a = h.enqueue(7, callStateNote(7, 1));
    h.enqueue(null, agentNote(2));
    await h.worker.drain();
    await h.advanceTo(h.row(a.id).nextAttemptAt);

    const list = deliveryList.parse(listDeliveries(h.outbox, SYSTEM));
    expect(list.total).toBe(2);
    const view = list.deliveries.find((d) => d.notification_id === a.id);
    expect(view).toMatchObject({
      type: 'call_state',
      call_id: 7,
      state: 'delivered',
      attempts: 2,
      next_attempt_at: null,
      created_at: '2026-01-05T08:00:00.000Z',
      notification: callStateNote(7, 1),
    });
    expect(view?.attempt_log.map((x) => [x.attempt, x.round, x.outcome, x.status, x.response_body])).toEqual([
      [1, 0, 'rejected', 502, 'nope'],
      [2, 0, 'acknowledged', 200, 'ok'],
    ]);
    expect(view?.attempt_log[0]?.virtual_at).toBe('2026-01-05T08:00:00.000Z');
    // Filters.
    expect(listDeliveries(h.outbox, SYSTEM, { call_id: 7 }).deliveries.map((d) => d.notification_id)).toEqual([a.id]);
    expect(listDeliveries(h.outbox, SYSTEM, { type: 'agent_state' }).total).toBe(1);
    expect(listDeliveries(h.outbox, SYSTEM + 1).total).toBe(0);
    expect(deliveryViewSchema.parse(getDelivery(h.outbox, SYSTEM, a.id)).notification_id).toBe(a.id);
  });

  it('a pending notification shows when its next attempt is due', async () => {
    const { h } = await setup(() => ({ status: 500 }));
    const a = h.enqueue(7, callStateNote(7, 1));
    await h.worker.drain();
    const view = getDelivery(h.outbox, SYSTEM, a.id);
    expect(view.state).toBe('pending');
    expect(view.next_attempt_at).toBe(new Date(h.row(a.id).nextAttemptAt).toISOString());
  });

  it('an unknown id, or another system’s, is NOT_FOUND', async () => {
    const { h } = await setup();
    const a = h.enqueue(7, callStateNote(7, 1));
    expectDomainError(() => getDelivery(h.outbox, SYSTEM, 'nope'), 'NOT_FOUND', /nope/);
    expectDomainError(() => getDelivery(h.outbox, SYSTEM + 1, a.id), 'NOT_FOUND', /does not exist/);
  });
});

describe('replay', () => {
  it('replays one notification: same id and body, a new round', async () => {
    const { h, rx } = await setup();
    const a = h.enqueue(7, callStateNote(7, 1));
    await h.worker.drain();
    const ids = replayNotification(deps(h), SYSTEM, a.id);
    expect(replayResult.parse({ success: true, detail: 'queued', notification_ids: ids }).notification_ids).toEqual([
      a.id,
    ]);
    await h.worker.drain();
    expect(rx.received.map((r) => r.id)).toEqual([a.id, a.id]);
    expect(rx.received[1]?.body).toBe(rx.received[0]?.body);
    expect(h.outbox.attempts(a.id).map((x) => [x.round, x.attempt])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(h.row(a.id)).toMatchObject({ state: 'delivered', round: 1 });
  });

  it('replays all of a call’s notifications in their order, dead ones included', async () => {
    const { h, rx } = await setup((r) => ({ status: r.id === 'ntf-1' && r.nth < 10 ? 500 : 200 }));
    const rows = [
      h.enqueue(8, callStateNote(8, 1)),
      h.enqueue(8, callStateNote(8, 2)),
      h.enqueue(9, callStateNote(9, 3)),
    ];
    await h.worker.drain();
    for (let i = 0; i < 9; i++) await h.advanceTo(h.row('ntf-1').nextAttemptAt);
    expect(h.row('ntf-1').state).toBe('dead');
    expect(h.row('ntf-2').state).toBe('delivered');
    rx.received.length = 0;
    expect(replayCall(deps(h), SYSTEM, 8)).toEqual([rows[0]?.id, rows[1]?.id]);
    await h.worker.drain();
    expect(rx.received.map((r) => r.id)).toEqual([rows[0]?.id, rows[1]?.id]);
  });

  it('refuses what cannot be replayed, saying why', async () => {
    const { h } = await setup(() => ({ status: 500 }));
    const a = h.enqueue(7, callStateNote(7, 1));
    await h.worker.drain();
    expectDomainError(
      () => replayNotification(deps(h), SYSTEM, a.id),
      'INVALID_STATE',
      /is pending \(attempt 2 due at/,
    );
    expectDomainError(() => replayCall(deps(h), SYSTEM, 7), 'INVALID_STATE', /still pending/);
    expectDomainError(() => replayCall(deps(h), SYSTEM, 70), 'NOT_FOUND', /Call 70/);
    expectDomainError(() => replayNotification(deps(h), SYSTEM, 'zzz'), 'NOT_FOUND', /zzz/);
    h.settings.setEndpoint(SYSTEM, undefined);
    expectDomainError(() => replayNotification(deps(h), SYSTEM, a.id), 'INVALID_STATE', /no notification endpoint/);
  });
});

describe('a conversation’s order key is no call', () => {
  it('no call filter lists its notifications, and no call replay sends them', async () => {
    const { h, rx } = await setup();
    const key = conversationOrderKey(4);
    const rows = [h.enqueue(key, agentNote(1)), h.enqueue(key, agentNote(2))];
    await h.worker.drain();
    expect(rows.map((r) => h.row(r.id).state)).toEqual(['delivered', 'delivered']);
    expect(listDeliveries(h.outbox, SYSTEM, { call_id: key })).toEqual({ deliveries: [], total: 0 });
    rx.received.length = 0;
    expectDomainError(() => replayCall(deps(h), SYSTEM, key), 'NOT_FOUND', new RegExp(`Call ${key}`));
    await h.worker.drain();
    expect(rx.received).toHaveLength(0);
  });
});

describe('test notification', () => {
  it('sends once, now, signed, and reports how the endpoint took it', async () => {
    const { h, rx, sender } = await setup();
    const result = await sendTestNotification(probeDeps(h, sender), SYSTEM, agentNote(1));
    expect(testDeliveryResult.parse(result)).toMatchObject({
      success: true,
      notification_id: 'test-1',
      attempt: { attempt: 1, round: 0, outcome: 'acknowledged', status: 200, url: rx.url },
    });
    expect(result.detail).toMatch(/^the endpoint acknowledged with 200 in \d+ ms$/);
    expect(rx.received).toHaveLength(1);
    expect(rx.received[0]?.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(h.row('test-1')).toMatchObject({ state: 'delivered', attempts: 1, callId: null, createdAt: T0 });
    // A probe is not retried.
    await h.advanceTo(T0 + 3_600_000);
    expect(rx.received).toHaveLength(1);
  });

  it('a failing endpoint: success false with its status, recorded dead', async () => {
    const { h, sender } = await setup(() => ({ status: 401 }));
    const result = await sendTestNotification(probeDeps(h, sender), SYSTEM, agentNote(1));
    expect(result).toMatchObject({ success: false, detail: 'the endpoint answered 401: only a 2xx acknowledges' });
    expect(h.row('test-1').state).toBe('dead');
  });

  it('refuses with no endpoint, and an invalid notification with the field named', async () => {
    const { h, sender } = await setup();
    const bad = { type: 'agent_state', payload: { ...agentNote(1).payload, user_id: 0 } } as never;
    await expect(sendTestNotification(probeDeps(h, sender), SYSTEM, bad)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'notification.payload.user_id', message: expect.any(String) }],
    });
    h.settings.setEndpoint(SYSTEM, undefined);
    await expect(sendTestNotification(probeDeps(h, sender), SYSTEM, agentNote(1))).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });
});
