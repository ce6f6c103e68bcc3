/**
 * Notifications: the `{ type, payload }` envelope Omni posts to the system's webhook (A.4, B.7).
 * Durations are milliseconds. `dispostion_code` is misspelt in the real API and kept so. `cdr` and
 * `inbound` are documented (A.4); the other four types are this project's (B.7), so each payload
 * carries its source. The messaging types (B.12.6) are defined in `messaging/` and registered here, so
 * the outbox, the signature, the variants and the drift check cover them like the voice ones.
 *
 * @module
 */

import { z } from 'zod';
import { dateTimeOut, id, idOrZero } from './common.js';
import {
  agentState,
  callDirection,
  callState,
  callType,
  recordingState,
  shotgunLegOutcome,
  shotgunState,
} from './enums.js';
import {
  conversationAssignedNotification,
  conversationEndNotification,
  conversationWindowNotification,
  messageReceivedNotification,
  messageStatusNotification,
  messagingNotificationPayloads,
} from './messaging/messaging-notifications.js';
import { source } from './source.js';

const ms = z.number().int().nonnegative();

/** `cdr` (page 2157838444): sent at the end of every inbound or outbound call. */
export const cdrPayload = z
  .object({
    call_id: id,
    phone_number: z.string(),
    caller_id: z.string(),
    unique_id: z
      .string()
      .meta({ description: 'The integrator’s reference (the wiki’s table calls it `reference_id`).' }),
    call_direction: callDirection,
    dispostion_code: z.string().meta({ description: 'Misspelt in the real API; kept.' }),
    sip_code: z.number().int(),
    user_id: idOrZero,
    campaign_id: idOrZero,
    list_id: idOrZero,
    call_type: callType,
    recording_url: z.string().meta({ description: 'The recording’s file name; empty when the call was not recorded.' }),
    start_date_time: dateTimeOut,
    end_date_time: dateTimeOut,
    ivr_time: ms,
    ring_time: ms,
    talk_time: ms,
    user_time: ms,
    hold_time: ms,
    wrap_time: ms,
  })
  .meta({ id: 'CdrPayload', ...source('documented', '2157838444') });
export type CdrPayload = z.infer<typeof cdrPayload>;

/** `inbound` (page 2164523009): sent when an inbound call reaches an agent. */
export const inboundPayload = z
  .object({
    call_id: id,
    phone_number: z.string().meta({ description: 'The caller.' }),
    DNIS: z.string().meta({ description: 'The number the customer dialled.' }),
    reference_id: z.string(),
    call_direction: callDirection,
    user_id: idOrZero,
    campaign_id: idOrZero,
    list_id: idOrZero,
    call_type: callType,
  })
  .meta({ id: 'InboundPayload', ...source('documented', '2164523009') });
export type InboundPayload = z.infer<typeof inboundPayload>;

export const callStatePayload = z
  .object({
    call_id: id,
    user_id: idOrZero,
    campaign_id: idOrZero,
    lead_id: idOrZero,
    phone_number: z.string(),
    call_direction: callDirection,
    call_type: callType,
    unique_id: z.string(),
    call_state: callState,
    previous_state: z.union([callState, z.literal('')]),
    sip_code: z.number().int(),
    shotgun_id: idOrZero,
    timestamp: dateTimeOut,
  })
  .meta({ id: 'CallStatePayload', ...source('inferred') });
export type CallStatePayload = z.infer<typeof callStatePayload>;

export const agentStatePayload = z
  .object({
    user_id: id,
    campaign_id: idOrZero,
    extension: z.string(),
    agent_state: agentState,
    previous_state: agentState,
    pause_code: z.string(),
    reason: z
      .string()
      .meta({ description: 'Why the state changed, e.g. `login`, `api`, `call_start`, `phone_dropped`.' }),
    timestamp: dateTimeOut,
  })
  .meta({ id: 'AgentStatePayload', ...source('inferred') });
export type AgentStatePayload = z.infer<typeof agentStatePayload>;

export const recordingPayload = z
  .object({
    call_id: id,
    user_id: idOrZero,
    recording_state: recordingState,
    recording_url: z.string(),
    timestamp: dateTimeOut,
  })
  .meta({ id: 'RecordingPayload', ...source('inferred') });
export type RecordingPayload = z.infer<typeof recordingPayload>;

export const shotgunResultPayload = z
  .object({
    shotgun_id: id,
    user_id: id,
    state: shotgunState,
    winner_call_id: idOrZero,
    legs: z.array(
      z.object({
        call_id: id,
        phone_number: z.string(),
        call_state: callState,
        outcome: shotgunLegOutcome,
        sip_code: z.number().int(),
      }),
    ),
    timestamp: dateTimeOut,
  })
  .meta({ id: 'ShotgunResultPayload', ...source('inferred') });
export type ShotgunResultPayload = z.infer<typeof shotgunResultPayload>;

export const cdrNotification = z.object({ type: z.literal('cdr'), payload: cdrPayload });
export const inboundNotification = z.object({ type: z.literal('inbound'), payload: inboundPayload });
export const callStateNotification = z.object({ type: z.literal('call_state'), payload: callStatePayload });
export const agentStateNotification = z.object({ type: z.literal('agent_state'), payload: agentStatePayload });
export const recordingNotification = z.object({ type: z.literal('recording'), payload: recordingPayload });
export const shotgunResultNotification = z.object({ type: z.literal('shotgun_result'), payload: shotgunResultPayload });

/** Every notification the server sends, as one discriminated union on `type`. */
export const notification = z
  .discriminatedUnion('type', [
    cdrNotification,
    inboundNotification,
    callStateNotification,
    agentStateNotification,
    recordingNotification,
    shotgunResultNotification,
    messageReceivedNotification,
    messageStatusNotification,
    conversationAssignedNotification,
    conversationWindowNotification,
    conversationEndNotification,
  ])
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notification>;
export type NotificationOf<T extends Notification['type']> = Extract<Notification, { type: T }>;

/** The payload schema of each type, for code that picks by type. */
export const notificationPayloads = {
  cdr: cdrPayload,
  inbound: inboundPayload,
  call_state: callStatePayload,
  agent_state: agentStatePayload,
  recording: recordingPayload,
  shotgun_result: shotgunResultPayload,
  ...messagingNotificationPayloads,
} as const;

/** Delivery headers (B.7). */
export const NOTIFICATION_HEADERS = {
  id: 'X-Omni-Notification-Id',
  timestamp: 'X-Omni-Timestamp',
  signature: 'X-Omni-Signature',
} as const;

/** The retry schedule after the first attempt, in seconds (B.7): 10 attempts in all, ±10% jitter each. */
export const NOTIFICATION_RETRY_SECONDS = [10, 30, 60, 120, 300, 600, 1200, 1800, 3600] as const;

/**
 * The documented variants a receiver must accept (B.1): the CDR's `reference_id`,
 * `end_time_time` and `wrapup_time`; the inbound object's `unique_id` and `number_called`.
 * Normalises them to the emitted names, leaving everything else as it came.
 */
export function normalizeNotificationVariants(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const envelope = input as { type?: unknown; payload?: unknown };
  if (typeof envelope.payload !== 'object' || envelope.payload === null) return input;
  const p: Record<string, unknown> = { ...(envelope.payload as Record<string, unknown>) };
  const rename = (from: string, to: string) => {
    if (p[to] === undefined && p[from] !== undefined) p[to] = p[from];
    if (from !== to) delete p[from];
  };
  if (envelope.type === 'cdr') {
    rename('reference_id', 'unique_id');
    rename('end_time_time', 'end_date_time');
    rename('wrapup_time', 'wrap_time');
  } else if (envelope.type === 'inbound') {
    rename('unique_id', 'reference_id');
    rename('number_called', 'DNIS');
  }
  return { ...envelope, payload: p };
}

/** Accepts what a receiver may get from Omni (variants included) and yields the typed union. */
export const notificationInput = z.preprocess(normalizeNotificationVariants, notification);
