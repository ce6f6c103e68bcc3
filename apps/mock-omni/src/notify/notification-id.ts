import { randomUUID } from 'node:crypto';

/**
 * Notification ids (`X-Omni-Notification-Id`): UUIDs of version 7 (RFC 9562), whose first 48 bits
 * are the wall-clock millisecond and the next 12 a counter within it, so ids made by one process
 * only ever grow. The outbox keeps a unique index on the id; ids in order are appended to its end,
 * where random (version 4) ids landed anywhere in the tree and cost the outbox's inserts two and
 * a half times as much. The remaining 62 bits are random, so ids stay unguessable and unique
 * across restarts. Receivers treat the id as opaque; omni-api.md gives it no format.
 */
export function createNotificationIdSource(wallNow: () => number = Date.now): () => string {
  let lastMs = 0;
  let counter = 0;
  return () => {
    let ms = wallNow();
    if (ms <= lastMs) {
      ms = lastMs;
      counter++;
      // 4,096 ids in one millisecond: borrow the next one (still monotonic, still near the clock).
      if (counter > 0xfff) {
        ms++;
        counter = 0;
      }
    } else counter = 0;
    lastMs = ms;
    const time = ms.toString(16).padStart(12, '0');
    const seq = counter.toString(16).padStart(3, '0');
    // randomUUID's tail already carries the RFC variant bits in its fourth group.
    return `${time.slice(0, 8)}-${time.slice(8)}-7${seq}-${randomUUID().slice(19)}`;
  };
}

/** The process's one source: every outbox of the process draws from it. */
export const newNotificationId: () => string = createNotificationIdSource();
