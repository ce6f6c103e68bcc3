/**
 * The mock's view of webhook delivery (control API): every notification recorded in a
 * system's outbox with its attempts and the receiver's responses, and the chaos switches that
 * make delivery misbehave on purpose so that a receiver can be tested.
 *
 * @module
 */

import { z } from 'zod';
import { dateTimeOut, id } from '../common.js';
import { notificationType } from '../enums.js';
import { notification } from '../notifications.js';

/**
 * Where a notification stands: `pending` (waiting for its first attempt or a retry), `delivered`
 * (a 2xx acknowledged it), `dead` (every attempt failed), `no_endpoint` (no webhook was set when it
 * was recorded: never delivered later, B.7), `filtered` (the endpoint's `notification_types` left it out).
 */
export const DELIVERY_STATES = ['pending', 'delivered', 'dead', 'no_endpoint', 'filtered'] as const;
export const deliveryState = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof deliveryState>;

/**
 * How one attempt went: `acknowledged` (2xx within the 5 s), `rejected` (another status),
 * `timeout` (no answer within 5 s wall clock), `network_error` (refused, reset, DNS…), `dropped`
 * (chaos: never sent, counted as a failed attempt), `duplicate` (chaos: an extra copy sent after an acknowledgement).
 */
export const ATTEMPT_OUTCOMES = [
  'acknowledged',
  'rejected',
  'timeout',
  'network_error',
  'dropped',
  'duplicate',
] as const;
export const attemptOutcome = z.enum(ATTEMPT_OUTCOMES);
export type AttemptOutcome = z.infer<typeof attemptOutcome>;

export const deliveryAttemptView = z
  .object({
    attempt: z
      .number()
      .int()
      .positive()
      .meta({ description: 'Counts from 1 in each round (a replay starts a new round).' }),
    round: z.number().int().nonnegative().meta({ description: '0 for the original delivery, then 1 per replay.' }),
    outcome: attemptOutcome,
    url: z.string(),
    status: z.number().int().nullable().meta({ description: 'The receiver’s HTTP status; null when none came.' }),
    error: z.string().nullable(),
    response_body: z.string().meta({ description: 'The start of the receiver’s answer (at most 1 KiB).' }),
    duration_ms: z.number().int().nonnegative().meta({ description: 'Wall-clock milliseconds.' }),
    sent_at: dateTimeOut.meta({ description: 'Wall clock (the `X-Omni-Timestamp` side).' }),
    virtual_at: dateTimeOut.meta({ description: 'The system’s clock (the retry schedule’s side).' }),
  })
  .meta({ id: 'MockDeliveryAttempt' });
export type DeliveryAttemptView = z.infer<typeof deliveryAttemptView>;

export const deliveryView = z
  .object({
    notification_id: z.string(),
    type: notificationType,
    call_id: id.nullable().meta({ description: 'The call whose order it keeps; null for notifications of no call.' }),
    state: deliveryState,
    attempts: z.number().int().nonnegative().meta({ description: 'Attempts in the current round.' }),
    next_attempt_at: dateTimeOut.nullable().meta({ description: 'System clock; null unless pending.' }),
    created_at: dateTimeOut.meta({ description: 'System clock.' }),
    notification,
    attempt_log: z.array(deliveryAttemptView),
  })
  .meta({ id: 'MockDelivery' });
export type DeliveryView = z.infer<typeof deliveryView>;

export const deliveryListQuery = z.object({
  call_id: z
    .string()
    .regex(/^[0-9]{1,15}$/, 'must be a positive integer')
    .transform(Number)
    .optional(),
  state: deliveryState.optional(),
  type: notificationType.optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,4}$/, 'must be an integer from 1 to 1000')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, 'must be an integer from 1 to 1000')
    .optional(),
});

export const deliveryList = z
  .object({ deliveries: z.array(deliveryView), total: z.number().int().nonnegative() })
  .meta({ id: 'MockDeliveryList' });

/** Chaos switches for testing receivers; all off by default. Setting them replaces the earlier ones. */
export const webhookChaos = z
  .object({
    delay_ms: z
      .number()
      .int()
      .min(0)
      .max(60_000)
      .default(0)
      .meta({ description: 'Wall-clock delay before each attempt is sent.' }),
    duplicate_rate: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .meta({ description: 'Share of acknowledged notifications sent a second time (same id).' }),
    drop_first_attempts: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(0)
      .meta({ description: 'The first N attempts of every notification are not sent and count as failed.' }),
    reorder: z
      .boolean()
      .default(false)
      .meta({ description: 'Ignore per-call order and shuffle what is due (seeded).' }),
  })
  .strict()
  .meta({ id: 'MockWebhookChaos' });
export type WebhookChaos = z.infer<typeof webhookChaos>;
export type WebhookChaosInput = z.input<typeof webhookChaos>;

/** The answer to "send a test notification": how the endpoint took it. */
export const testDeliveryResult = z
  .object({
    success: z.boolean(),
    detail: z.string(),
    notification_id: z.string(),
    attempt: deliveryAttemptView,
  })
  .meta({ id: 'MockTestDelivery' });

/** The answer to a replay: which notifications were queued again. */
export const replayResult = z
  .object({ success: z.boolean(), detail: z.string(), notification_ids: z.array(z.string()) })
  .meta({ id: 'MockReplay' });

/** A notification in a control path: the id sent as `X-Omni-Notification-Id`. */
export const notificationIdParams = z.object({
  notification_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, - or _'),
});

/**
 * "Send a test notification": a sample of `type` (default `agent_state`) built by the mock, or
 * the `notification` given, sent once to the system's endpoint now.
 */
export const testNotificationBody = z
  .object({
    type: notificationType.optional().meta({ description: 'The kind of sample to send (default `agent_state`).' }),
    notification: notification.optional().meta({ description: 'Send exactly this notification instead of a sample.' }),
  })
  .strict()
  .refine((b) => b.type === undefined || b.notification === undefined, {
    message: 'give type or notification, not both',
    path: ['notification'],
  });
export type TestNotificationBody = z.infer<typeof testNotificationBody>;
