/**
 * B.7's retry schedule: after a failed attempt n (1-based), attempt n+1 is due `NOTIFICATION_RETRY_SECONDS[n-1]` after
 * the FIRST attempt, each offset with ±10% jitter; after the 10th failure the notification is dead-lettered. Offsets
 * grow at least 1.5× per step, so a jittered schedule still only moves forward.
 *
 * @module
 */

import { NOTIFICATION_RETRY_SECONDS } from '@omnikit/contracts';
import type { Rng } from '../engine/rng.js';

export const MAX_ATTEMPTS = NOTIFICATION_RETRY_SECONDS.length + 1;
export const RETRY_JITTER = 0.1;

/**
 * When attempt `failedAttempt + 1` is due (system clock ms), or null when `failedAttempt` was the
 * last one. `jitterRng` gives the jitter (a fork per notification and attempt keeps it reproducible).
 */
export function nextAttemptAt(firstAttemptAt: number, failedAttempt: number, jitterRng: Rng): number | null {
  const offsetSeconds = NOTIFICATION_RETRY_SECONDS[failedAttempt - 1];
  if (offsetSeconds === undefined) return null;
  const factor = 1 + jitterRng.uniform(-RETRY_JITTER, RETRY_JITTER);
  return firstAttemptAt + Math.round(offsetSeconds * 1000 * factor);
}
