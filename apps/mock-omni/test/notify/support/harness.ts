/**
 * The delivery side on its own for the notify tests: sample notifications, and a harness of the in-memory outbox and
 * settings, a manual clock and the delivery worker.
 *
 * @module
 */

import type { Notification } from '@omnikit/contracts';
import { parseVary } from '@omnikit/contracts/variants';
import { VirtualClock } from '../../../src/engine/clock.js';
import { Rng } from '../../../src/engine/rng.js';
import { createDeliveryWorker, type DeliveryWorker } from '../../../src/notify/delivery-worker.js';
import { enqueueNotification } from '../../../src/notify/enqueue-notification.js';
import { createMemoryOutbox } from '../../../src/notify/memory-outbox.js';
import { DEFAULT_WIRE } from '../../../src/notify/notification-wire.js';
import { createMemoryNotifySettings, type MemoryNotifySettings } from '../../../src/notify/notify-settings.js';
import type { OutboxPort, OutboxRow } from '../../../src/notify/outbox-port.js';

export const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
export const SYSTEM = 1;

/** A valid `call_state` notification of a call; `n` tells them apart. */
export function callStateNote(callId: number, n: number): Notification {
  return {
    type: 'call_state',
    payload: {
      call_id: callId,
      user_id: 1,
      campaign_id: 3,
      lead_id: 0,
      phone_number: '0800555001',
      call_direction: 'outbound',
      call_type: 1,
      unique_id: `n${n}`,
      call_state: 'ringing',
      previous_state: 'initiated',
      sip_code: 0,
      shotgun_id: 0,
      timestamp: new Date(T0 + n).toISOString(),
    },
  };
}

export function agentNote(n: number): Notification {
  return {
    type: 'agent_state',
    payload: {
      user_id: 2,
      campaign_id: 3,
      extension: '1002',
      agent_state: 'ready',
      previous_state: 'paused',
      pause_code: '',
      reason: `api-${n}`,
      timestamp: new Date(T0 + n).toISOString(),
    },
  };
}

export interface Harness {
  outbox: OutboxPort;
  settings: MemoryNotifySettings;
  clock: VirtualClock;
  worker: DeliveryWorker;
  enqueue(callId: number | null, notification: Notification): OutboxRow;
  /** Moves the manual clock to `at` and delivers whatever fell due. */
  advanceTo(at: number): Promise<void>;
  row(id: string): OutboxRow;
}

export function harness(options: {
  url?: string;
  secret?: string | null;
  seed?: number;
  timeoutMs?: number;
  concurrency?: number;
  wallNow?: () => number;
  /** The variation the system plays (`--vary` text), in UTC. */
  vary?: string;
  onHold?: (systemId: number, id: string, until: number) => void;
}): Harness {
  const outbox = createMemoryOutbox();
  const settings = createMemoryNotifySettings();
  const wallNow = options.wallNow ?? Date.now;
  const clock = VirtualClock.start(wallNow, { mode: 'manual', scale: 1 }, T0);
  const rng = Rng.fromSeed(options.seed ?? 7);
  if (options.url)
    settings.setEndpoint(SYSTEM, { url: options.url, notificationTypes: [], secret: options.secret ?? null });
  const worker = createDeliveryWorker({
    outbox,
    settings,
    clockOf: () => clock,
    rngOf: () => rng,
    wireOf: () => (options.vary ? { ...DEFAULT_WIRE, variation: parseVary(options.vary) } : DEFAULT_WIRE),
    ...(options.onHold ? { onHold: options.onHold } : {}),
    wallNow,
    timeoutMs: options.timeoutMs,
    concurrency: options.concurrency,
  });
  let n = 0;
  return {
    outbox,
    settings,
    clock,
    worker,
    enqueue: (callId, notification) =>
      enqueueNotification(outbox, {
        systemId: SYSTEM,
        callId,
        notification,
        now: clock.now(),
        endpoint: settings.endpoint(SYSTEM),
        newId: () => `ntf-${++n}`,
      }),
    async advanceTo(at) {
      clock.advanceTo(at);
      await worker.drain();
    },
    row(id) {
      const r = outbox.get(id);
      if (!r) throw new Error(`no row ${id}`);
      return r;
    },
  };
}
