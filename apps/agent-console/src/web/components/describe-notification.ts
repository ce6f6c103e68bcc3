import type { Notification } from '@omnikit/contracts';
import { CHANNEL_LABELS } from '../inbox/channel-labels.js';
import { agentStateSentence } from './agent-state-sentence.js';

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** One line of the live feed for a notification, in words. */
export function describeNotification(n: Notification): string {
  switch (n.type) {
    case 'call_state': {
      const p = n.payload;
      const from = p.previous_state ? `${p.previous_state} → ` : '';
      return `Call ${p.call_id} ${p.call_direction === 'inbound' ? 'from' : 'to'} ${p.phone_number}: ${from}${p.call_state}${
        p.sip_code ? ` (SIP ${p.sip_code})` : ''
      }`;
    }
    case 'agent_state':
      return agentStateSentence(n.payload);
    case 'inbound': {
      const p = n.payload;
      return `Inbound call ${p.call_id} from ${p.phone_number}, dialled ${p.DNIS}`;
    }
    case 'recording': {
      const p = n.payload;
      return `Recording of call ${p.call_id}: ${p.recording_state}${p.recording_url ? ` (${p.recording_url})` : ''}`;
    }
    case 'shotgun_result': {
      const p = n.payload;
      return p.state === 'won'
        ? `Shotgun ${p.shotgun_id} won by call ${p.winner_call_id} (${p.legs.length} legs)`
        : `Shotgun ${p.shotgun_id} ${p.state} (${p.legs.length} legs)`;
    }
    case 'cdr': {
      const p = n.payload;
      return `Call ${p.call_id} finished: ${p.dispostion_code || 'no disposition'}, talk ${seconds(p.talk_time)}, hold ${seconds(
        p.hold_time,
      )}`;
    }
    case 'message_received': {
      const p = n.payload;
      return `${CHANNEL_LABELS[p.channel]} message from ${p.from} in conversation ${p.conversation_id}`;
    }
    case 'message_status': {
      const p = n.payload;
      const from = p.previous_status ? `${p.previous_status} → ` : '';
      const code = p.channel_error_code ? ` (error ${p.channel_error_code})` : '';
      return `${CHANNEL_LABELS[p.channel]} message ${p.message_id}: ${from}${p.message_status}${code}`;
    }
    case 'conversation_assigned': {
      const p = n.payload;
      const who = `Conversation ${p.conversation_id} (${CHANNEL_LABELS[p.channel]}, ${p.customer_address})`;
      if (p.reason === 'requeue') return `${who} went back to the queue`;
      return p.reason === 'offer' ? `${who} offered to you` : `${who} assigned to you (${p.reason})`;
    }
    case 'conversation_window': {
      const p = n.payload;
      return `Conversation ${p.conversation_id}: the 24-hour reply window ${p.window_state === 'open' ? 'opened' : 'closed'}`;
    }
    case 'conversation_end': {
      const p = n.payload;
      return `Conversation ${p.conversation_id} closed: ${p.disposition_code || 'no disposition'}, ${p.messages_in} in, ${p.messages_out} out`;
    }
  }
}

/** The notification's own instant as Omni wrote it (the Omni system's clock), '' when it has none. */
export function notificationInstant(n: Notification): string {
  if (n.type === 'cdr' || n.type === 'conversation_end') return n.payload.end_date_time;
  return 'timestamp' in n.payload ? n.payload.timestamp : '';
}

/** The notification's own instant as `HH:MM:SS` (the Omni system's clock). */
export function notificationTime(n: Notification): string {
  const iso = notificationInstant(n);
  return iso ? iso.slice(11, 19) : '';
}
