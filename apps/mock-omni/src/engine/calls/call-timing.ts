/**
 * Timing accounting (B.5, A.4): the CDR's durations in milliseconds on the system's clock, computed
 * from the marks the call machine asks to be written on the call's timeline. Definitions:
 * - ring: from the dial to the answer (outbound), or to the end when nobody answered; inbound, from
 *   joining the queue (after the IVR) to reaching the agent;
 * - user: the time the customer was connected to the agent (first `agent_connected` to
 *   `agent_leg_ended`), holds included — so `user = talk + hold`;
 * - hold: every hold summed (a hold still open when the agent's part ends closes there);
 * - talk: user minus hold;
 * - wrap: from the end of the agent's part to dispose or the wrap-up timeout;
 * - ivr: inbound only, from arrival to joining the queue; 0 outbound.
 * Marks not reached yet are counted up to `now` when given (a live view), else as not reached.
 *
 * @module
 */

import type { TimelineEvent } from './call-machine.js';

export interface TimelineEntry {
  /** Virtual epoch ms on the system's clock. */
  at: number;
  event: TimelineEvent;
}

export interface CallTimings {
  ringMs: number;
  talkMs: number;
  holdMs: number;
  wrapMs: number;
  ivrMs: number;
  userMs: number;
}

export function callTimings(
  timeline: readonly TimelineEntry[],
  options: { direction?: 'inbound' | 'outbound'; now?: number } = {},
): CallTimings {
  const first = (event: TimelineEvent): number | undefined => timeline.find((e) => e.event === event)?.at;
  const start = first('initiated') ?? timeline[0]?.at;
  if (start === undefined) return { ringMs: 0, talkMs: 0, holdMs: 0, wrapMs: 0, ivrMs: 0, userMs: 0 };
  const inbound = options.direction === 'inbound';
  const ended = first('ended');
  const connected = first('agent_connected');
  const legEnded = first('agent_leg_ended');
  const queued = first('queued');
  const upTo = (at: number | undefined, fallback: number | undefined): number | undefined => at ?? fallback;
  const span = (from: number | undefined, to: number | undefined): number =>
    from === undefined || to === undefined ? 0 : Math.max(0, to - from);

  const ringFrom = inbound ? (queued ?? start) : start;
  const ringTo = inbound ? upTo(connected, ended) : upTo(first('answered'), ended);
  const ringMs = span(ringFrom, upTo(ringTo, options.now));
  const ivrMs = inbound ? span(start, upTo(queued, upTo(connected, upTo(ended, options.now)))) : 0;

  const userEnd = upTo(legEnded, upTo(ended, options.now));
  const userMs = span(connected, userEnd);

  let holdMs = 0;
  let heldSince: number | undefined;
  for (const e of timeline) {
    if (e.event === 'hold' && heldSince === undefined) heldSince = e.at;
    else if (
      (e.event === 'retrieve' || e.event === 'agent_leg_ended' || e.event === 'ended') &&
      heldSince !== undefined
    ) {
      holdMs += Math.max(0, e.at - heldSince);
      heldSince = undefined;
    }
  }
  if (heldSince !== undefined && options.now !== undefined) holdMs += Math.max(0, options.now - heldSince);
  holdMs = Math.min(holdMs, userMs);

  const wrapMs = span(legEnded, upTo(first('wrap_ended'), legEnded === undefined ? undefined : options.now));
  return { ringMs, talkMs: userMs - holdMs, holdMs, wrapMs, ivrMs, userMs };
}
