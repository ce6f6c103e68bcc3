/**
 * The control API's side of delivery (routes come at integration): list a system's deliveries with every attempt and
 * response, replay one notification or all of a call's, and send a test notification. Unknown ids answer NOT_FOUND; a
 * replay with nothing to replay or no endpoint, INVALID_STATE.
 *
 * @module
 */

import { randomUUID } from 'node:crypto';
import { formatDateTime, type Notification, type NotificationType, notification } from '@omnikit/contracts';
import type { DeliveryAttemptView, DeliveryState, DeliveryView } from '@omnikit/contracts/control';
import { DomainError } from '../engine/domain-error.js';
import { CONVERSATION_ORDER_KEY_BASE, callIdOfOrderKey } from '../engine/messaging/conversation-order-key.js';
import { ACK_TIMEOUT_MS, attemptDelivery, attemptRecords } from './attempt-delivery.js';
import type { Sender } from './http-sender.js';
import { DEFAULT_WIRE, type NotificationWire, signs, wireBody } from './notification-wire.js';
import type { NotifySettings } from './notify-settings.js';
import type { AttemptRecord, OutboxPort, OutboxRow } from './outbox-port.js';

export interface DeliveryControlDeps {
  outbox: OutboxPort;
  settings: NotifySettings;
  /** The system's clock, now. */
  nowOf(systemId: number): number;
  /** Wakes the delivery worker after a replay. */
  kick?: () => void;
  /** The system's variation and time zone (a test notification is written and signed as deliveries are). */
  wireOf?: (systemId: number) => NotificationWire;
}

function attemptView(a: AttemptRecord): DeliveryAttemptView {
  return {
    attempt: a.attempt,
    round: a.round,
    outcome: a.outcome,
    url: a.url,
    status: a.status,
    error: a.error,
    response_body: a.responseBody,
    duration_ms: a.durationMs,
    sent_at: formatDateTime(a.sentAt),
    virtual_at: formatDateTime(a.virtualAt),
  };
}

export function deliveryView(outbox: OutboxPort, row: OutboxRow): DeliveryView {
  return {
    notification_id: row.id,
    type: row.type,
    call_id: callIdOfOrderKey(row.callId),
    state: row.state,
    attempts: row.attempts,
    next_attempt_at: row.state === 'pending' ? formatDateTime(row.nextAttemptAt) : null,
    created_at: formatDateTime(row.createdAt),
    notification: JSON.parse(row.body) as Notification,
    attempt_log: outbox.attempts(row.id).map(attemptView),
  };
}

export function listDeliveries(
  outbox: OutboxPort,
  systemId: number,
  query: { call_id?: number; state?: DeliveryState; type?: NotificationType; limit?: number } = {},
): { deliveries: DeliveryView[]; total: number } {
  // A conversation's order key is stored where a call id is, but is no call: no call id finds it.
  if (query.call_id !== undefined && callIdOfOrderKey(query.call_id) === null) return { deliveries: [], total: 0 };
  const { rows, total } = outbox.list({
    systemId,
    callId: query.call_id,
    state: query.state,
    type: query.type,
    limit: query.limit ?? 100,
  });
  return { deliveries: rows.map((r) => deliveryView(outbox, r)), total };
}

function ownRow(outbox: OutboxPort, systemId: number, id: string): OutboxRow {
  const row = outbox.get(id);
  if (!row || row.systemId !== systemId) throw DomainError.notFound('notification_id', 'Notification', id);
  return row;
}

export function getDelivery(outbox: OutboxPort, systemId: number, id: string): DeliveryView {
  return deliveryView(outbox, ownRow(outbox, systemId, id));
}

function requireEndpoint(deps: DeliveryControlDeps, systemId: number): void {
  if (!deps.settings.endpoint(systemId))
    throw DomainError.invalidState('no notification endpoint is set: set one before replaying or testing delivery');
}

/** Sends one notification again, as a new round of attempts (same id, same body). */
export function replayNotification(deps: DeliveryControlDeps, systemId: number, id: string): string[] {
  const row = ownRow(deps.outbox, systemId, id);
  requireEndpoint(deps, systemId);
  if (row.state === 'pending')
    throw DomainError.invalidState(
      `notification ${id} is pending (attempt ${row.attempts + 1} due at ${formatDateTime(row.nextAttemptAt)}): nothing to replay`,
    );
  deps.outbox.requeue([id], deps.nowOf(systemId));
  deps.kick?.();
  return [id];
}

/** Sends every settled notification of a call again, in their original order. */
export function replayCall(deps: DeliveryControlDeps, systemId: number, callId: number): string[] {
  const { rows } =
    callId >= CONVERSATION_ORDER_KEY_BASE
      ? { rows: [] }
      : deps.outbox.list({ systemId, callId, limit: Number.MAX_SAFE_INTEGER });
  if (rows.length === 0) throw DomainError.notFound('call_id', 'Call', callId);
  requireEndpoint(deps, systemId);
  const ids = rows
    .filter((r) => r.state !== 'pending')
    .sort((a, b) => a.seq - b.seq)
    .map((r) => r.id);
  if (ids.length === 0)
    throw DomainError.invalidState(`every notification of call ${callId} is still pending: nothing to replay`);
  deps.outbox.requeue(ids, deps.nowOf(systemId));
  deps.kick?.();
  return ids;
}

export interface TestNotificationDeps extends DeliveryControlDeps {
  sender: Sender;
  wallNow?: () => number;
  timeoutMs?: number;
  newId?: () => string;
}

/**
 * Sends `notification` to the system's endpoint once, now, and says how the endpoint took it — a
 * probe, so no retries: it is recorded as `delivered` or `dead` with its one attempt. The caller
 * builds the notification (e.g. an `agent_state` of the requesting user with reason `test`).
 */
export async function sendTestNotification(
  deps: TestNotificationDeps,
  systemId: number,
  input: Notification,
): Promise<{ success: boolean; detail: string; notification_id: string; attempt: DeliveryAttemptView }> {
  const endpoint = deps.settings.endpoint(systemId);
  if (!endpoint) throw DomainError.invalidState('no notification endpoint is set: set one before testing delivery');
  const parsed = notification.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['notification', ...(issue?.path ?? [])].join('.');
    throw DomainError.validation(field, issue?.message ?? 'is not a valid notification');
  }
  const body = JSON.stringify(parsed.data);
  const id = (deps.newId ?? randomUUID)();
  const virtualAt = deps.nowOf(systemId);
  const wire = deps.wireOf?.(systemId) ?? DEFAULT_WIRE;
  const result = await attemptDelivery({
    sender: deps.sender,
    endpoint: signs(wire) ? endpoint : { ...endpoint, secret: null },
    notificationId: id,
    body: wireBody(body, wire),
    wallNow: deps.wallNow ?? Date.now,
    timeoutMs: deps.timeoutMs ?? ACK_TIMEOUT_MS,
  });
  const ok = result.outcome === 'acknowledged';
  const state = ok ? 'delivered' : 'dead';
  deps.outbox.insert({ id, systemId, callId: null, type: input.type, body, state, createdAt: virtualAt });
  // A first send on a connection that closed under it is recorded before its resend.
  const attempts = attemptRecords(id, 0, 1, result, virtualAt);
  deps.outbox.complete([
    { update: { id, state, attempts: 1, nextAttemptAt: virtualAt, firstAttemptAt: virtualAt }, attempts },
  ]);
  const detail = ok
    ? `the endpoint acknowledged with ${result.status} in ${result.durationMs} ms`
    : result.status !== null
      ? `the endpoint answered ${result.status}: only a 2xx acknowledges`
      : `the endpoint did not answer: ${result.error ?? 'no response'}`;
  return {
    success: ok,
    detail,
    notification_id: id,
    attempt: attemptView(attempts[attempts.length - 1] as AttemptRecord),
  };
}
