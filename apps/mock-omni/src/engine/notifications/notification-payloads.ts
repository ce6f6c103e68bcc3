/**
 * Builds the notifications' payloads (A.4, B.7) from a call record. Shapes come from the contracts; date-times are
 * formatted by the contracts' `formatDateTime`; absent ids are 0; the CDR keeps the real API's `dispostion_code`
 * spelling.
 *
 * @module
 */

import {
  type AgentState,
  type AgentStatePayload,
  type CallState,
  type CallStatePayload,
  type CdrPayload,
  formatDateTime,
  type InboundPayload,
  type Notification,
  type NotificationOf,
  type RecordingPayload,
} from '@omnikit/contracts';
import { callDisposition } from '../calls/call-disposition.js';
import type { CallRecord } from '../calls/call-record.js';
import { callTimings } from '../calls/call-timing.js';

function markAt(record: CallRecord, event: CallRecord['timeline'][number]['event']): number | undefined {
  return record.timeline.find((e) => e.event === event)?.at;
}

/** When the call started: its `initiated` mark. */
export function callStartedAt(record: CallRecord): number {
  const at = markAt(record, 'initiated') ?? record.timeline[0]?.at;
  if (at === undefined) throw new Error(`call ${record.callId} has no timeline: it was never started`);
  return at;
}

/**
 * The call's one CDR (B.5). Only for a complete call (`isCallComplete`): its durations are final
 * then. `end_date_time` is when the customer call ended.
 */
export function buildCdrPayload(record: CallRecord): CdrPayload {
  const endedAt = markAt(record, 'ended');
  if (endedAt === undefined) throw new Error(`call ${record.callId} has not ended: no CDR yet`);
  const t = callTimings(record.timeline, { direction: record.direction });
  return {
    call_id: record.callId,
    phone_number: record.phoneNumber,
    caller_id: record.callerId,
    unique_id: record.uniqueId,
    call_direction: record.direction,
    dispostion_code: callDisposition(record),
    sip_code: record.sipCode,
    user_id: record.userId,
    campaign_id: record.campaignId,
    list_id: record.listId,
    call_type: record.callType,
    recording_url: record.recordingFile,
    start_date_time: formatDateTime(callStartedAt(record)),
    end_date_time: formatDateTime(endedAt),
    ivr_time: t.ivrMs,
    ring_time: t.ringMs,
    talk_time: t.talkMs,
    user_time: t.userMs,
    hold_time: t.holdMs,
    wrap_time: t.wrapMs,
  };
}

/** A `call_state` change (`from` is '' for the first one). */
export function buildCallStatePayload(
  record: CallRecord,
  change: { from: CallState | ''; to: CallState; at: number },
): CallStatePayload {
  return {
    call_id: record.callId,
    user_id: record.userId,
    campaign_id: record.campaignId,
    lead_id: record.leadId,
    phone_number: record.phoneNumber,
    call_direction: record.direction,
    call_type: record.callType,
    unique_id: record.uniqueId,
    call_state: change.to,
    previous_state: change.from,
    sip_code: record.sipCode,
    shotgun_id: record.shotgunId,
    timestamp: formatDateTime(change.at),
  };
}

/** The call's recording state as it is now. */
export function buildRecordingPayload(record: CallRecord, at: number): RecordingPayload {
  return {
    call_id: record.callId,
    user_id: record.userId,
    recording_state: record.machine.recording,
    recording_url: record.recordingFile,
    timestamp: formatDateTime(at),
  };
}

/** The inbound call object (A.4), when an inbound call reaches an agent. */
export function buildInboundPayload(record: CallRecord): InboundPayload {
  return {
    call_id: record.callId,
    phone_number: record.phoneNumber,
    DNIS: record.dnis,
    reference_id: record.uniqueId,
    call_direction: record.direction,
    user_id: record.userId,
    campaign_id: record.campaignId,
    list_id: record.listId,
    call_type: record.callType,
  };
}

export interface AgentStateChange {
  userId: number;
  /** 0 when not logged in to a campaign. */
  campaignId: number;
  extension: string;
  to: AgentState;
  from: AgentState;
  /** '' unless paused with a code. */
  pauseCode?: string;
  /** Why: `login`, `logout`, `api`, `call_start`, `call_end`, `disposed`, `wrap_up_timeout`, `call_routed`… */
  reason: string;
  at: number;
}

export function buildAgentStatePayload(change: AgentStateChange): AgentStatePayload {
  return {
    user_id: change.userId,
    campaign_id: change.campaignId,
    extension: change.extension,
    agent_state: change.to,
    previous_state: change.from,
    pause_code: change.pauseCode ?? '',
    reason: change.reason,
    timestamp: formatDateTime(change.at),
  };
}

/** The `{ type, payload }` envelope (A.4). */
export function notificationEnvelope<T extends Notification['type']>(
  type: T,
  payload: NotificationOf<T>['payload'],
): NotificationOf<T> {
  return { type, payload } as NotificationOf<T>;
}
