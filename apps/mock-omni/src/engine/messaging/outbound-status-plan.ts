/**
 * The timed steps of one outbound message, from the customer's plan: each status in the channel's order (`queued`
 * at the send, then `sent`, then `delivered` and `read`/`opened`, or `failed`/`undelivered` with the provider's
 * error), the customer's reply and, by email, a spam complaint. The service sets a timer per step; the times are
 * offsets from the send and strictly increasing, so that the steps of one message can never be reordered, even by
 * timers that fall due together. An email to a suppressed address is `processed` then `dropped` whatever the
 * customer would do, as SendGrid does.
 *
 * @module
 */

import type { ChannelError } from './channel-error.js';
import { droppedError, type EmailSuppression, type SendgridEvent, sendgridEventFor } from './email-events.js';
import type { MessageCustomerPlan } from './message-customer-model.js';
import { engagementStatus, type MessageStatus } from './message-status.js';
import type { MessagingChannel } from './messaging-channel.js';

export type OutboundStep =
  | {
      atMs: number;
      kind: 'status';
      status: MessageStatus;
      error: ChannelError | null;
      /** The SendGrid event that reports it (email only). */
      sendgridEvent: SendgridEvent | null;
    }
  | { atMs: number; kind: 'reply'; body: string }
  | { atMs: number; kind: 'complaint'; sendgridEvent: 'spamreport' };

export interface PlanOutboundInput {
  channel: MessagingChannel;
  plan: MessageCustomerPlan;
  /** The email address's suppression, if SendGrid has one (email only). */
  suppression?: EmailSuppression | null;
}

/** The steps of one message, in the order they happen. */
export function planOutboundSteps(input: PlanOutboundInput): OutboundStep[] {
  const { channel, plan } = input;
  const steps: OutboundStep[] = [];
  let last = -1;
  // Each step at least 1 ms after the one before, so that order and time agree.
  const at = (ms: number): number => {
    last = Math.max(ms, last + 1);
    return last;
  };
  const status = (ms: number, s: MessageStatus, error: ChannelError | null = null): void => {
    steps.push({
      atMs: at(ms),
      kind: 'status',
      status: s,
      error,
      sendgridEvent: channel === 'email' ? sendgridEventFor(s) : null,
    });
  };

  status(0, 'queued');
  status(plan.sentAfterMs, 'sent');
  const suppression = channel === 'email' ? (input.suppression ?? null) : null;
  if (suppression !== null) {
    status(plan.sentAfterMs, 'failed', droppedError(suppression));
    return steps;
  }
  if (plan.outcomeAfterMs === null || plan.outcome === 'never') return steps;
  if (plan.outcome !== 'delivered') {
    status(plan.outcomeAfterMs, plan.outcome, plan.error);
    return steps;
  }
  status(plan.outcomeAfterMs, 'delivered');
  const deliveredAt = last;
  const engagement = engagementStatus(channel);
  const later: OutboundStep[] = [];
  if (engagement !== null && plan.readAfterMs !== null)
    later.push({
      atMs: deliveredAt + plan.readAfterMs,
      kind: 'status',
      status: engagement,
      error: null,
      sendgridEvent: channel === 'email' ? 'open' : null,
    });
  if (plan.reply !== null) later.push({ atMs: deliveredAt + plan.reply.afterMs, kind: 'reply', body: plan.reply.body });
  if (channel === 'email' && plan.complaintAfterMs !== null)
    later.push({ atMs: deliveredAt + plan.complaintAfterMs, kind: 'complaint', sendgridEvent: 'spamreport' });
  // Stable: a read due with the reply comes first, as a person reads before answering.
  later.sort((a, b) => a.atMs - b.atMs);
  for (const step of later) steps.push({ ...step, atMs: at(step.atMs) });
  return steps;
}
