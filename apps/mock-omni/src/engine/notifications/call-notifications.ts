import type { Notification } from '@omnikit/contracts';
import type { CallEffect } from '../calls/call-machine.js';
import type { CallRecord } from '../calls/call-record.js';
import {
  buildCallStatePayload,
  buildCdrPayload,
  buildRecordingPayload,
  notificationEnvelope,
} from './notification-payloads.js';

/**
 * A notification to record in the system's outbox (B.7). `callId` keys its place in the call's
 * order of delivery (`enqueueNotification`); null for notifications of no call (`shotgun_result`).
 */
export interface NotifyEffect {
  type: 'notify';
  callId: number | null;
  notification: Notification;
}

/**
 * The notifications a call step asks for (`call_state`, `recording`, `cdr`), built from the record
 * as it stands after the step (so a `call_state` carries the SIP code the same step recorded).
 */
export function callNotifications(record: CallRecord, effects: readonly CallEffect[], at: number): NotifyEffect[] {
  const out: NotifyEffect[] = [];
  for (const e of effects) {
    if (e.type === 'call_state')
      out.push({
        type: 'notify',
        callId: record.callId,
        notification: notificationEnvelope('call_state', buildCallStatePayload(record, { from: e.from, to: e.to, at })),
      });
    else if (e.type === 'recording')
      out.push({
        type: 'notify',
        callId: record.callId,
        notification: notificationEnvelope('recording', buildRecordingPayload(record, at)),
      });
    else if (e.type === 'cdr')
      out.push({
        type: 'notify',
        callId: record.callId,
        notification: notificationEnvelope('cdr', buildCdrPayload(record)),
      });
  }
  return out;
}
