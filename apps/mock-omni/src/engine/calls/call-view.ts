import { type CallView, formatDateTime } from '@omnikit/contracts';
import { callStartedAt } from '../notifications/notification-payloads.js';
import type { StoredCall } from './call-store.js';

/**
 * A call as `GET /omni/voice/{user_id}/call/{call_id}` shows it (B.5); times not reached yet are null. Inferred: once
 * the agent disposed it, the agent's disposition, the dispose notes and a `CALLBK`'s callback time read back (absent
 * before).
 */
export function callView(call: StoredCall): CallView {
  const at = (event: StoredCall['timeline'][number]['event']) => call.timeline.find((e) => e.event === event)?.at;
  const answered = at('answered');
  const ended = at('ended');
  return {
    call_id: call.callId,
    phone_number: call.phoneNumber,
    call_state: call.machine.call,
    call_direction: call.direction,
    call_type: call.callType,
    campaign_id: call.campaignId,
    lead_id: call.leadId,
    unique_id: call.uniqueId,
    agent_leg_state: call.machine.agentLeg,
    recording_state: call.machine.recording,
    call_start_time: formatDateTime(callStartedAt(call)),
    answer_time: answered === undefined ? null : formatDateTime(answered),
    end_time: ended === undefined ? null : formatDateTime(ended),
    ...(call.machine.wrap === 'disposed' && call.dispositionCode !== null
      ? { disposition_code: call.dispositionCode, notes: call.notes, ...callback(call) }
      : {}),
  };
}

/** A `CALLBK`'s callback time, the one disposition that has one. */
function callback(call: StoredCall): { callback_date_time?: string } {
  return call.dispositionCode === 'CALLBK' && call.callbackAt !== null
    ? { callback_date_time: formatDateTime(call.callbackAt) }
    : {};
}

/**
 * How long the call's recording has run at `now` (pauses excluded): the recorded span so far plus
 * the running one. The WAV served for the recording has this length.
 */
export function recordedMs(call: StoredCall, now: number): number {
  return call.recordedMs + (call.recordingSince === null ? 0 : Math.max(0, now - call.recordingSince));
}

/** The recording's running time after a step moved its state from `before` to the call's current one. */
export function trackRecording(call: StoredCall, before: StoredCall['machine']['recording'], at: number): StoredCall {
  const now = call.machine.recording;
  if (before !== 'recording' && now === 'recording') return { ...call, recordingSince: at };
  if (before === 'recording' && now !== 'recording')
    return { ...call, recordedMs: recordedMs(call, at), recordingSince: null };
  return call;
}
