import type { NotificationSink } from '../engine/notifications/notification-sink.js';
import type { Transactor } from '../engine/ports.js';
import { Rng } from '../engine/rng.js';
import type { MockServices, WebhookServices } from '../mock-services.js';
import { createDeliveryWorker, type DeliveryWorker, type WorkerClock } from '../notify/delivery-worker.js';
import { createHttpSender } from '../notify/http-sender.js';
import { systemWire } from '../notify/notification-wire.js';
import { createOutboxNotificationSink } from '../notify/outbox-notification-sink.js';
import type { OpenDb } from '../store/create-db.js';
import { createNotifySettingsRepository } from '../store/notify-settings-repository.js';
import { createOutboxRepository } from '../store/outbox-repository.js';

/** The timer that brings a failed notification's retry due on its system's clock. */
export const WEBHOOK_RETRY_TIMER = 'webhook_retry';

/** A system that no longer exists: its rows fall due at once, are found gone and leave the index. */
const GONE: WorkerClock = { now: () => Number.MAX_SAFE_INTEGER, wallDelayUntil: () => 0 };

export interface WebhookDelivery extends WebhookServices {
  sink: NotificationSink;
  /** Registers the retry timer and starts the delivery worker (before stored timers are re-armed). */
  start(services: MockServices): void;
  /** Finishes the attempts in flight and stops. */
  stop(): Promise<void>;
  worker(): DeliveryWorker | undefined;
}

/**
 * Durable webhook notifications (B.7) for a mock: the SQLite outbox the engine writes into, the
 * delivery settings, and the delivery worker on each system's clock. A retry is both a row's
 * `next_attempt_at` and a durable timer at that instant: on a manual clock
 * `POST /__mock/clock/advance` runs the timer, which wakes the worker, so the retry goes out as
 * the clock passes it; on running clocks the wall-clock driver does the same. On start, the
 * pending rows of a previous run (a crash included) are sent.
 */
export function createWebhookDelivery(
  open: OpenDb,
  options: { transactor: Transactor; validate: boolean; wallNow: () => number; onError: (error: unknown) => void },
): WebhookDelivery {
  let services: MockServices | undefined;
  let worker: DeliveryWorker | undefined;
  const kick = () => worker?.kick();
  const forget = (systemId: number) => worker?.forget(systemId);
  const outbox = createOutboxRepository(open.sqlite, {
    onRetryScheduled: (systemId, at, id) => {
      // A retry already due (a clock advance passed it) is taken by the worker as soon as it is settled: a timer for
      // it would only be left behind, due in the past, until the next advance.
      const clock = services?.registry.getById(systemId)?.clock;
      if (clock && at <= clock.now()) return;
      services?.timers.schedule(systemId, at, WEBHOOK_RETRY_TIMER, { notification_id: id }, `notification:${id}`);
    },
    transactor: options.transactor,
    onCommitted: kick,
  });
  const settings = createNotifySettingsRepository(open.sqlite);
  const sender = createHttpSender();
  const sink = createOutboxNotificationSink({
    outbox,
    settings,
    kick,
    durable: () => options.transactor.durable(),
    validate: options.validate,
  });
  return {
    outbox,
    settings,
    sender,
    kick,
    forget,
    sink,
    start(s) {
      services = s;
      // The retry's row is already known to the outbox: waking the worker is enough.
      s.timers.register(WEBHOOK_RETRY_TIMER, () => queueMicrotask(kick));
      worker = createDeliveryWorker({
        outbox,
        settings,
        clockOf: (systemId) => s.registry.getById(systemId)?.clock ?? GONE,
        rngOf: (systemId) => s.registry.getById(systemId)?.rng ?? Rng.fromSeed(0),
        wireOf: (systemId) => systemWire(s.registry.getById(systemId)),
        // A call's first notification held for its second (`notifications=swapped`): a durable timer brings the
        // end of the hold due on the system's clock, as a retry's does.
        onHold: (systemId, id, until) =>
          s.transaction(() =>
            s.timers.schedule(systemId, until, WEBHOOK_RETRY_TIMER, { notification_id: id }, `notification:${id}`),
          ),
        wallNow: options.wallNow,
        onError: options.onError,
      });
      worker.start();
    },
    async stop() {
      await worker?.stop();
      sender.close();
    },
    worker: () => worker,
  };
}
