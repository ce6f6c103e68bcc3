/**
 * The retry rule. A telephone system must never dial twice because a reply was lost, so:
 *
 * - A route the contracts mark `idempotent: true` (reads, PUT campaign, state, logout, the
 *   notification endpoint…) is retried on a connection error, a timeout, a 429 and any 5xx.
 * - Any other route (authorize, login, a call, a shotgun, hold, dispose, an upload, archive…) is
 *   retried only when the failure proves the request never reached Omni: the connection was
 *   refused or the host did not resolve, before a byte was sent. A timeout, a reset, a 429 or a
 *   5xx on such a route is thrown to the caller, who alone knows whether to repeat it.
 * - A redirect (a RedirectError) is never retried, on any route: it would answer the same again.
 *
 * Delays grow exponentially with jitter (between half and all of `baseMs · 2^attempt`, capped at
 * `maxMs`); a 429's or 503's `Retry-After` is honoured as given, and a wait longer than
 * `maxRetryAfterMs` is not worth holding the caller for: the error is thrown instead.
 *
 * @module
 */

import { ConnectionError, RateLimitError, ServerError } from '../omni-error.js';

/** How many retries and how long between them; which failures qualify is the rule in the header. */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseMs: number;
  readonly maxMs: number;
  readonly maxRetryAfterMs: number;
  readonly random: () => number;
}

export const DEFAULT_RETRY_DELAY = { baseMs: 500, maxMs: 8_000, maxRetryAfterMs: 60_000 } as const;

/** Whether this failure may be retried on a route of this kind (ignores the attempt budget). */
export function isRetryable(idempotent: boolean, error: unknown): boolean {
  if (error instanceof ConnectionError) return idempotent || error.neverSent;
  if (!idempotent) return false;
  // By class, not status: a `200 { success: false }` rate limit or server failure is retried too.
  return error instanceof RateLimitError || error instanceof ServerError;
}

/**
 * The delay before retry number `attempt + 1` (attempt counts from 0), or undefined when the
 * failure is not retried: not retryable, budget spent, or a `Retry-After` beyond the limit.
 */
export function retryDelay(
  policy: RetryPolicy,
  idempotent: boolean,
  error: unknown,
  attempt: number,
  now: number,
): number | undefined {
  // Written so that a maxRetries of NaN (unchecked, a bug) stops rather than retrying forever.
  if (!(attempt < policy.maxRetries) || !isRetryable(idempotent, error)) return undefined;
  const retryAfter = retryAfterOf(error, now);
  if (retryAfter !== undefined) {
    const ms = retryAfter * 1000;
    return ms <= policy.maxRetryAfterMs ? ms : undefined;
  }
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(ceiling * (0.5 + 0.5 * policy.random()));
}

function retryAfterOf(error: unknown, now: number): number | undefined {
  if (error instanceof RateLimitError) return error.retryAfter;
  if (error instanceof ServerError) return parseRetryAfter(error.headers.get('retry-after'), now);
  return undefined;
}

/**
 * `Retry-After` in seconds: either delta-seconds or an HTTP date (then measured from `now`, in
 * epoch ms). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
