/**
 * What an application must do because webhooks may arrive out of order (two notifications of a
 * call swapped in flight, a retry landing after a later notification): keep, per `call_id`, the
 * newest `call_state` it has seen and the `cdr` once it came, and ignore anything older. No
 * receiver can restore the order itself; this helper applies the rule.
 *
 * @module
 */

import type { CallState, CdrPayload, Notification } from '@omnikit/contracts';

/**
 * What is known of one call, from its notifications.
 *
 * @example
 * ```ts
 * import { createCallTracker, type TrackedCall } from '@omnikit/sdk';
 *
 * const calls = createCallTracker();
 * const show = (call: TrackedCall | undefined) => console.log(call?.call_state, call?.cdr?.dispostion_code);
 * show(calls.get(41));
 * ```
 */
export interface TrackedCall {
  readonly call_id: number;
  /** The newest state seen (`ended` once the CDR came). */
  readonly call_state: CallState;
  /** The `timestamp` of the newest `call_state` applied, or the CDR's `end_date_time`. */
  readonly timestamp: string;
  /** The call's CDR: once it came, the call is final and later `call_state`s are older news. */
  readonly cdr: CdrPayload | undefined;
}

/**
 * What `apply` made of a notification: `applied` (it is the newest news of its call), `stale` (an
 * older state, or a second CDR: ignore it), `other` (not about a call's state: `agent_state`,
 * `recording`, `inbound`, `shotgun_result`).
 *
 * @example
 * ```ts
 * import { type CallUpdate, createCallTracker, parseNotification } from '@omnikit/sdk';
 *
 * const calls = createCallTracker();
 * export function receive(body: string): CallUpdate {
 *   return calls.apply(parseNotification(body)); // 'stale': older than what is known
 * }
 * ```
 */
export type CallUpdate = 'applied' | 'stale' | 'other';

/**
 * Keeps the newest state of each call from notifications in any order.
 *
 * @example
 * ```ts
 * import { createCallTracker, createNotificationHandler } from '@omnikit/sdk';
 *
 * const calls = createCallTracker();
 * const handler = createNotificationHandler({
 *   secret: process.env.OMNI_WEBHOOK_SECRET,
 *   onNotification: (n) => {
 *     if (calls.apply(n) === 'stale') return; // older than what we know: ignore it
 *     if (n.type === 'call_state') console.log(n.payload.call_id, 'is now', n.payload.call_state);
 *     if (n.type === 'cdr') console.log(n.payload.call_id, 'is final', n.payload.dispostion_code);
 *   },
 * });
 * ```
 */
export interface CallTracker {
  apply(notification: Notification): CallUpdate;
  get(callId: number): TrackedCall | undefined;
  /**
   * Forgets a call (e.g. once its CDR is stored). A call that had its CDR is still remembered as
   * finished (its id only), so that a late `call_state` or a repeated CDR of it stays `stale`.
   */
  forget(callId: number): void;
  readonly size: number;
}

/**
 * A tracker in memory, bounded: past `maxCalls` (default 10 000) the call heard of least recently
 * is forgotten; the ids of up to `maxCalls` finished calls (forgotten or pushed out after their
 * CDR) are kept apart, so that they stay final. The rule: a CDR is final; a `call_state` is newer
 * than the one known when its `timestamp` is later, or, at the same instant (dates in whole seconds
 * often share one), when it follows it (its `previous_state` is the known state) or is further
 * along the call's course (`initiated` → `ringing` → `answered` or `on_hold` → `ended`).
 *
 * @example
 * ```ts
 * import { createCallTracker } from '@omnikit/sdk';
 *
 * const calls = createCallTracker({ maxCalls: 50_000 });
 * ```
 */
export function createCallTracker(options: { maxCalls?: number } = {}): CallTracker {
  const maxCalls = options.maxCalls ?? 10_000;
  if (!Number.isInteger(maxCalls) || maxCalls < 1) throw new RangeError('maxCalls must be a positive integer');
  const calls = new Map<number, TrackedCall>();
  // Calls known to be over that are no longer in `calls`: without them, a retry landing after the
  // application forgot a finished call would bring it back as news.
  const finished = new Set<number>();
  const remove = (callId: number) => {
    const call = calls.get(callId);
    if (!call) return;
    calls.delete(callId);
    if (!call.cdr) return;
    finished.add(callId);
    if (finished.size > maxCalls) {
      const oldest = finished.values().next().value;
      if (oldest !== undefined) finished.delete(oldest);
    }
  };
  const put = (call: TrackedCall) => {
    // Re-inserting moves the call to the end: a Map iterates in insertion order.
    calls.delete(call.call_id);
    calls.set(call.call_id, call);
    if (calls.size > maxCalls) {
      const oldest = calls.keys().next().value;
      if (oldest !== undefined) remove(oldest);
    }
  };
  return {
    apply(n) {
      if (n.type === 'cdr') {
        const known = calls.get(n.payload.call_id);
        if (known?.cdr || finished.has(n.payload.call_id)) return 'stale';
        put({ call_id: n.payload.call_id, call_state: 'ended', timestamp: n.payload.end_date_time, cdr: n.payload });
        return 'applied';
      }
      if (n.type !== 'call_state') return 'other';
      const p = n.payload;
      if (finished.has(p.call_id)) return 'stale';
      const known = calls.get(p.call_id);
      if (known && !isNewer(known, p.timestamp, p.call_state, p.previous_state)) return 'stale';
      put({ call_id: p.call_id, call_state: p.call_state, timestamp: p.timestamp, cdr: undefined });
      return 'applied';
    },
    get: (callId) => calls.get(callId),
    forget: (callId) => remove(callId),
    get size() {
      return calls.size;
    },
  };
}

/**
 * How far along its course a call is. `answered` and `on_hold` are one step: they alternate, and
 * only `previous_state` orders them.
 */
const COURSE: Readonly<Record<CallState, number>> = { initiated: 0, ringing: 1, answered: 2, on_hold: 2, ended: 3 };

function isNewer(known: TrackedCall, timestamp: string, state: CallState, previous: CallState | ''): boolean {
  if (known.cdr) return false;
  const at = Date.parse(timestamp);
  const knownAt = Date.parse(known.timestamp);
  if (at !== knownAt) return at > knownAt;
  return previous === known.call_state || COURSE[state] > COURSE[known.call_state];
}
