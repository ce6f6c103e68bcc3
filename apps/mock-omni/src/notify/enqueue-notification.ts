import type { Notification } from '@omnikit/contracts';
import { newNotificationId } from './notification-id.js';
import { endpointAccepts, type NotifyEndpoint } from './notify-settings.js';
import type { OutboxPort, OutboxRow } from './outbox-port.js';

export interface EnqueueInput {
  systemId: number;
  /** The call whose order it keeps (B.7); null for notifications of no call (agent_state, shotgun_result). */
  callId: number | null;
  notification: Notification;
  /** The system's clock. */
  now: number;
  /** The system's endpoint as it is now. */
  endpoint: NotifyEndpoint | undefined;
  newId?: () => string;
}

/**
 * Records a notification in the outbox — call it inside the transaction of the state change that
 * caused it, then kick the worker once the transaction commits. With no endpoint set it is still
 * recorded (visible through the control API) and never delivered later (B.7); a type the endpoint
 * filters out is recorded as `filtered`.
 */
export function enqueueNotification(outbox: OutboxPort, input: EnqueueInput): OutboxRow {
  const state = !input.endpoint
    ? 'no_endpoint'
    : endpointAccepts(input.endpoint, input.notification.type)
      ? 'pending'
      : 'filtered';
  return outbox.insert({
    id: (input.newId ?? newNotificationId)(),
    systemId: input.systemId,
    callId: input.callId,
    type: input.notification.type,
    body: JSON.stringify(input.notification),
    state,
    createdAt: input.now,
  });
}
