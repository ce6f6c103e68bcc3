import { type Notification, notification as notificationSchema } from '@omnikit/contracts';
import type { NotificationSink } from '../engine/notifications/notification-sink.js';
import { enqueueNotification } from './enqueue-notification.js';
import type { NotifySettings } from './notify-settings.js';
import type { OutboxPort } from './outbox-port.js';

export interface OutboxSinkOptions {
  outbox: OutboxPort;
  settings: NotifySettings;
  /** Wakes the delivery worker; called once the current transaction has committed. */
  kick: () => void;
  /** Resolves once the writes made so far are committed (the store's group commit). */
  durable: () => Promise<void>;
  /** Check every notification against its contract before it is recorded (tests and development). */
  validate?: boolean;
  newId?: () => string;
}

/**
 * The engine's notifications into the outbox: each is recorded in the caller's transaction with
 * the system's endpoint as it is now (no endpoint: recorded, never delivered later, B.7). The
 * worker is woken once the transaction that wrote the rows has committed (the outbox never hands
 * out a row before that anyway).
 */
export function createOutboxNotificationSink(options: OutboxSinkOptions): NotificationSink {
  let kickQueued = false;
  return {
    emit(systemId: number, callId: number | null, notification: Notification, at: number): void {
      if (options.validate) {
        const checked = notificationSchema.safeParse(notification);
        if (!checked.success)
          throw new Error(`a ${notification.type} notification broke its contract: ${checked.error.message}`);
      }
      enqueueNotification(options.outbox, {
        systemId,
        callId,
        notification,
        now: at,
        endpoint: options.settings.endpoint(systemId),
        ...(options.newId ? { newId: options.newId } : {}),
      });
      if (kickQueued) return;
      kickQueued = true;
      const wake = () => {
        kickQueued = false;
        options.kick();
      };
      options.durable().then(wake, wake);
    },
  };
}
