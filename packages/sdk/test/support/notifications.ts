/** One valid notification of each type, as Omni emits them (B.7), for the receiver's tests. */
export const CDR = {
  type: 'cdr',
  payload: {
    call_id: 41,
    phone_number: '0800555001',
    caller_id: '442071234567',
    unique_id: 'crm-41',
    call_direction: 'outbound',
    dispostion_code: 'SALE',
    sip_code: 200,
    user_id: 1,
    campaign_id: 3,
    list_id: 0,
    call_type: 1,
    recording_url: '41_20260105080312.wav',
    start_date_time: '2026-01-05T08:00:00.000Z',
    end_date_time: '2026-01-05T08:03:12.000Z',
    ivr_time: 0,
    ring_time: 3000,
    talk_time: 180000,
    user_time: 189000,
    hold_time: 9000,
    wrap_time: 12000,
  },
} as const;

export const INBOUND = {
  type: 'inbound',
  payload: {
    call_id: 42,
    phone_number: '447700900123',
    DNIS: '448001234567',
    reference_id: 'in-42',
    call_direction: 'inbound',
    user_id: 2,
    campaign_id: 5,
    list_id: 0,
    call_type: 3,
  },
} as const;

export const CALL_STATE = {
  type: 'call_state',
  payload: {
    call_id: 41,
    user_id: 1,
    campaign_id: 3,
    lead_id: 0,
    phone_number: '0800555001',
    call_direction: 'outbound',
    call_type: 1,
    unique_id: 'crm-41',
    call_state: 'answered',
    previous_state: 'ringing',
    sip_code: 200,
    shotgun_id: 0,
    timestamp: '2026-01-05T08:00:03.000Z',
  },
} as const;

export const AGENT_STATE = {
  type: 'agent_state',
  payload: {
    user_id: 1,
    campaign_id: 3,
    extension: '1001',
    agent_state: 'ready',
    previous_state: 'paused',
    pause_code: '',
    reason: 'api',
    timestamp: '2026-01-05T08:00:00.000Z',
  },
} as const;

export const RECORDING = {
  type: 'recording',
  payload: {
    call_id: 41,
    user_id: 1,
    recording_state: 'recording',
    recording_url: '41_20260105080003.wav',
    timestamp: '2026-01-05T08:00:03.000Z',
  },
} as const;

export const SHOTGUN_RESULT = {
  type: 'shotgun_result',
  payload: {
    shotgun_id: 7,
    user_id: 1,
    state: 'won',
    winner_call_id: 51,
    legs: [
      { call_id: 51, phone_number: '0800555008', call_state: 'answered', outcome: 'won', sip_code: 200 },
      { call_id: 52, phone_number: '0800555002', call_state: 'ended', outcome: 'busy', sip_code: 486 },
    ],
    timestamp: '2026-01-05T08:00:01.000Z',
  },
} as const;

export const MESSAGE_RECEIVED = {
  type: 'message_received',
  payload: {
    message_id: 61,
    conversation_id: 9,
    channel: 'whatsapp',
    from: '0821234567',
    to: '0215550100',
    body: 'Is my order on its way?',
    media: [
      {
        url: 'https://cdn.example.com/receipt.jpg',
        content_type: 'image/jpeg',
        file_name: 'receipt.jpg',
        size_bytes: 48213,
      },
    ],
    subject: '',
    email_message_id: '',
    in_reply_to: '',
    references: '',
    campaign_id: 2,
    user_id: 0,
    timestamp: '2026-01-05T08:00:00.000Z',
  },
} as const;

export const MESSAGE_STATUS = {
  type: 'message_status',
  payload: {
    message_id: 62,
    conversation_id: 9,
    channel: 'whatsapp',
    direction: 'outbound',
    user_id: 1,
    message_status: 'delivered',
    previous_status: 'sent',
    channel_error_code: '',
    channel_error_detail: '',
    timestamp: '2026-01-05T08:01:02.000Z',
  },
} as const;

export const CONVERSATION_ASSIGNED = {
  type: 'conversation_assigned',
  payload: {
    conversation_id: 9,
    channel: 'whatsapp',
    customer_address: '0821234567',
    campaign_id: 2,
    user_id: 1,
    previous_user_id: 0,
    reason: 'offer',
    timestamp: '2026-01-05T08:00:00.000Z',
  },
} as const;

export const CONVERSATION_WINDOW = {
  type: 'conversation_window',
  payload: {
    conversation_id: 9,
    channel: 'whatsapp',
    customer_address: '0821234567',
    user_id: 1,
    window_state: 'closed',
    window_expires_at: '2026-01-06T08:00:00.000Z',
    timestamp: '2026-01-06T08:00:00.000Z',
  },
} as const;

export const CONVERSATION_END = {
  type: 'conversation_end',
  payload: {
    conversation_id: 9,
    channel: 'whatsapp',
    customer_address: '0821234567',
    business_address: '0215550100',
    campaign_id: 2,
    user_id: 1,
    disposition_code: 'SALE',
    notes: 'order confirmed',
    start_date_time: '2026-01-05T08:00:00.000Z',
    end_date_time: '2026-01-05T08:05:00.000Z',
    messages_in: 2,
    messages_out: 3,
    first_response_time: 60000,
    handle_time: 300000,
  },
} as const;

export const MESSAGING = [
  MESSAGE_RECEIVED,
  MESSAGE_STATUS,
  CONVERSATION_ASSIGNED,
  CONVERSATION_WINDOW,
  CONVERSATION_END,
] as const;

export const ALL = [CDR, INBOUND, CALL_STATE, AGENT_STATE, RECORDING, SHOTGUN_RESULT, ...MESSAGING] as const;
