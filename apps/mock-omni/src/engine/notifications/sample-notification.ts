import { formatDateTime, type Notification, type NotificationType } from '@omnikit/contracts';

/**
 * A realistic notification of each type for "send a test notification" (control API): a receiver
 * can check its parsing and signature handling against every shape without placing a call. Ids
 * are fixed and recognisable (call 900001, message 900101, conversation 900201, user 1, campaign 1);
 * `reason` / `unique_id` / a message's body say `test`.
 */
export function sampleNotification(type: NotificationType, at: number): Notification {
  const ts = formatDateTime(at);
  const callId = 900_001;
  switch (type) {
    case 'cdr':
      return {
        type,
        payload: {
          call_id: callId,
          phone_number: '0800555001',
          caller_id: '0215550100',
          unique_id: 'test',
          call_direction: 'outbound',
          dispostion_code: 'SALE',
          sip_code: 200,
          user_id: 1,
          campaign_id: 1,
          list_id: 0,
          call_type: 1,
          recording_url: '',
          start_date_time: formatDateTime(at - 95_000),
          end_date_time: formatDateTime(at - 5_000),
          ivr_time: 0,
          ring_time: 3_000,
          talk_time: 80_000,
          user_time: 87_000,
          hold_time: 7_000,
          wrap_time: 5_000,
        },
      };
    case 'inbound':
      return {
        type,
        payload: {
          call_id: callId,
          phone_number: '0825550199',
          DNIS: '0861000004',
          reference_id: 'test',
          call_direction: 'inbound',
          user_id: 1,
          campaign_id: 4,
          list_id: 0,
          call_type: 3,
        },
      };
    case 'call_state':
      return {
        type,
        payload: {
          call_id: callId,
          user_id: 1,
          campaign_id: 1,
          lead_id: 0,
          phone_number: '0800555001',
          call_direction: 'outbound',
          call_type: 1,
          unique_id: 'test',
          call_state: 'answered',
          previous_state: 'ringing',
          sip_code: 200,
          shotgun_id: 0,
          timestamp: ts,
        },
      };
    case 'recording':
      return {
        type,
        payload: {
          call_id: callId,
          user_id: 1,
          recording_state: 'recording',
          recording_url: `${callId}_20260105080000.wav`,
          timestamp: ts,
        },
      };
    case 'shotgun_result':
      return {
        type,
        payload: {
          shotgun_id: 1,
          user_id: 1,
          state: 'won',
          winner_call_id: callId,
          legs: [
            { call_id: callId, phone_number: '0800555001', call_state: 'answered', outcome: 'won', sip_code: 200 },
            { call_id: callId + 1, phone_number: '0800555002', call_state: 'ended', outcome: 'busy', sip_code: 486 },
          ],
          timestamp: ts,
        },
      };
    case 'agent_state':
      return {
        type,
        payload: {
          user_id: 1,
          campaign_id: 1,
          extension: '1001',
          agent_state: 'ready',
          previous_state: 'paused',
          pause_code: '',
          reason: 'test',
          timestamp: ts,
        },
      };
    case 'message_received':
      return {
        type,
        payload: {
          message_id: 900_101,
          conversation_id: 900_201,
          channel: 'whatsapp',
          from: '0800666003',
          to: '0861000100',
          body: 'test',
          media: [],
          subject: '',
          email_message_id: '',
          in_reply_to: '',
          references: '',
          campaign_id: 1,
          user_id: 1,
          timestamp: ts,
        },
      };
    case 'message_status':
      return {
        type,
        payload: {
          message_id: 900_102,
          conversation_id: 900_201,
          channel: 'whatsapp',
          direction: 'outbound',
          user_id: 1,
          message_status: 'delivered',
          previous_status: 'sent',
          channel_error_code: '',
          channel_error_detail: '',
          timestamp: ts,
        },
      };
    case 'conversation_assigned':
      return {
        type,
        payload: {
          conversation_id: 900_201,
          channel: 'whatsapp',
          customer_address: '0800666003',
          campaign_id: 1,
          user_id: 1,
          previous_user_id: 0,
          reason: 'offer',
          timestamp: ts,
        },
      };
    case 'conversation_window':
      return {
        type,
        payload: {
          conversation_id: 900_201,
          channel: 'whatsapp',
          customer_address: '0800666003',
          user_id: 1,
          window_state: 'closed',
          window_expires_at: ts,
          timestamp: ts,
        },
      };
    case 'conversation_end':
      return {
        type,
        payload: {
          conversation_id: 900_201,
          channel: 'whatsapp',
          customer_address: '0800666003',
          business_address: '0861000100',
          campaign_id: 1,
          user_id: 1,
          disposition_code: 'SALE',
          notes: 'test',
          start_date_time: formatDateTime(at - 600_000),
          end_date_time: ts,
          messages_in: 3,
          messages_out: 2,
          first_response_time: 45_000,
          handle_time: 590_000,
        },
      };
  }
}
