import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TYPES, notification, notificationPayloads } from '../../src/index.js';
import { MESSAGING_NOTIFICATION_TYPES } from '../../src/messaging/index.js';
import { checkFields, type FieldTable, failsAt, req, sampleObject } from '../support/field-table.js';

/** B.12.6: every messaging notification with its payload fields, transcribed from the spec. */

const CHANNELS = ['sms', 'whatsapp', 'email', 'facebook'];
const STATUSES = ['queued', 'sent', 'delivered', 'read', 'opened', 'failed', 'undelivered', 'complained', 'received'];
const media = [
  { url: 'https://cdn.example.com/a.jpg', content_type: 'image/jpeg', file_name: 'a.jpg', size_bytes: 2048 },
];

const messageReceived: FieldTable = {
  message_id: req('id'),
  conversation_id: req('id'),
  channel: req({ enum: CHANNELS }),
  from: req('string', { sample: '0821234567' }),
  to: req('string', { sample: '0800100200' }),
  body: req('string', { sample: 'Hello' }),
  media: req('objectArray', { sample: media }),
  subject: req('string'),
  email_message_id: req('string'),
  in_reply_to: req('string'),
  references: req('string'),
  campaign_id: req('id0'),
  user_id: req('id0'),
  timestamp: req('dateTimeOut'),
};

const messageStatus: FieldTable = {
  message_id: req('id'),
  conversation_id: req('id'),
  channel: req({ enum: CHANNELS }),
  direction: req({ enum: ['inbound', 'outbound'] }),
  user_id: req('id0'),
  message_status: req({ enum: STATUSES }),
  previous_status: req({ enum: [...STATUSES, ''] }),
  channel_error_code: req('string', { sample: '30003' }),
  channel_error_detail: req('string'),
  timestamp: req('dateTimeOut'),
};

const conversationAssigned: FieldTable = {
  conversation_id: req('id'),
  channel: req({ enum: CHANNELS }),
  customer_address: req('string', { sample: '0821234567' }),
  campaign_id: req('id0'),
  user_id: req('id0'),
  previous_user_id: req('id0'),
  reason: req({ enum: ['offer', 'assign', 'transfer', 'requeue'] }),
  timestamp: req('dateTimeOut'),
};

const conversationWindow: FieldTable = {
  conversation_id: req('id'),
  channel: req({ enum: CHANNELS }),
  customer_address: req('string', { sample: '0821234567' }),
  user_id: req('id0'),
  window_state: req({ enum: ['open', 'closed'] }),
  window_expires_at: req('dateTimeOut'),
  timestamp: req('dateTimeOut'),
};

const conversationEnd: FieldTable = {
  conversation_id: req('id'),
  channel: req({ enum: CHANNELS }),
  customer_address: req('string', { sample: '0821234567' }),
  business_address: req('string', { sample: '0800100200' }),
  campaign_id: req('id0'),
  user_id: req('id0'),
  disposition_code: req('string', { sample: 'SALE' }),
  notes: req('string'),
  start_date_time: req('dateTimeOut'),
  end_date_time: req('dateTimeOut'),
  messages_in: req('count'),
  messages_out: req('count'),
  first_response_time: req('count'),
  handle_time: req('count'),
};

const PAYLOADS = {
  message_received: messageReceived,
  message_status: messageStatus,
  conversation_assigned: conversationAssigned,
  conversation_window: conversationWindow,
  conversation_end: conversationEnd,
} as const;

for (const [type, table] of Object.entries(PAYLOADS)) {
  checkFields(`notification ${type}`, notification, table, {
    io: 'output',
    wrap: (payload) => ({ type, payload }),
    at: 'payload',
    keysOf: notificationPayloads[type as keyof typeof notificationPayloads],
  });
}

describe('the messaging notifications in the one union (B.12.6)', () => {
  it('registers the five types beside the voice ones', () => {
    expect([...MESSAGING_NOTIFICATION_TYPES].sort()).toEqual(Object.keys(PAYLOADS).sort());
    for (const type of MESSAGING_NOTIFICATION_TYPES) expect(NOTIFICATION_TYPES).toContain(type);
    expect(notification.options.map((o) => o.shape.type.value)).toEqual([...NOTIFICATION_TYPES]);
  });

  it('refuses a message_status whose status is not a message status', () => {
    const payload = { ...sampleObject(messageStatus), message_status: 'answered' };
    expect(failsAt(notification.safeParse({ type: 'message_status', payload }), 'payload.message_status')).toBe(true);
  });

  it('refuses a message_received whose media item has no URL', () => {
    const payload = { ...sampleObject(messageReceived), media: [{ content_type: 'image/jpeg' }] };
    expect(failsAt(notification.safeParse({ type: 'message_received', payload }), 'payload.media.0.url')).toBe(true);
  });

  it('refuses a conversation_end with a duration in seconds as a fraction', () => {
    const payload = { ...sampleObject(conversationEnd), handle_time: 12.5 };
    expect(failsAt(notification.safeParse({ type: 'conversation_end', payload }), 'payload.handle_time')).toBe(true);
  });

  it('refuses a cdr payload sent as conversation_end (discriminated on type)', () => {
    const payload = sampleObject(messageStatus);
    expect(notification.safeParse({ type: 'conversation_end', payload }).success).toBe(false);
  });
});
