import type { Notification } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { callTypeName } from '../../../src/web/components/call-type-name.js';
import { campaignLabel, campaignTypeName } from '../../../src/web/components/campaign-type-name.js';
import { describeNotification, notificationTime } from '../../../src/web/components/describe-notification.js';
import { formatDuration } from '../../../src/web/hooks/use-call-timers.js';

const at = '2026-01-05T08:01:02.000Z';

describe('the feed’s words', () => {
  it('describes each notification type', () => {
    const cases: [Notification, RegExp][] = [
      [
        {
          type: 'call_state',
          payload: {
            call_id: 5,
            user_id: 1,
            campaign_id: 1,
            lead_id: 0,
            phone_number: '0800555002',
            call_direction: 'outbound',
            call_type: 1,
            unique_id: '',
            call_state: 'ended',
            previous_state: 'ringing',
            sip_code: 486,
            shotgun_id: 0,
            timestamp: at,
          },
        },
        /^Call 5 to 0800555002: ringing → ended \(SIP 486\)$/,
      ],
      [
        {
          type: 'agent_state',
          payload: {
            user_id: 1,
            campaign_id: 1,
            extension: '1001',
            agent_state: 'paused',
            previous_state: 'on_call',
            pause_code: 'LUNCH',
            reason: 'phone_dropped',
            timestamp: at,
          },
        },
        /^Your phone’s bridge call dropped: you are paused \(LUNCH\)$/,
      ],
      [
        {
          type: 'inbound',
          payload: {
            call_id: 9,
            phone_number: '0215550123',
            DNIS: '0861000005',
            reference_id: '',
            call_direction: 'inbound',
            user_id: 1,
            campaign_id: 5,
            list_id: 3,
            call_type: 3,
          },
        },
        /^Inbound call 9 from 0215550123, dialled 0861000005$/,
      ],
      [
        {
          type: 'recording',
          payload: {
            call_id: 5,
            user_id: 1,
            recording_state: 'stopped',
            recording_url: '5_20260105080102.wav',
            timestamp: at,
          },
        },
        /^Recording of call 5: stopped \(5_20260105080102\.wav\)$/,
      ],
      [
        {
          type: 'shotgun_result',
          payload: { shotgun_id: 2, user_id: 1, state: 'won', winner_call_id: 12, legs: [], timestamp: at },
        },
        /^Shotgun 2 won by call 12 \(0 legs\)$/,
      ],
    ];
    for (const [n, words] of cases) expect(describeNotification(n)).toMatch(words);
    expect(notificationTime(cases[0]![0])).toBe('08:01:02');
    expect(notificationTime(cases[2]![0])).toBe('');
  });

  it('formats durations as m:ss, and h:mm:ss past an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(9_999)).toBe('0:09');
    expect(formatDuration(61_000)).toBe('1:01');
    expect(formatDuration(3_600_000 + 5 * 60_000 + 7_000)).toBe('1:05:07');
  });

  it('names campaign and call types, and says so for an unknown one', () => {
    expect(campaignTypeName(2)).toBe('Preview');
    expect(campaignTypeName(42)).toBe('type 42');
    expect(callTypeName(4)).toBe('shotgun call');
    expect(callTypeName(0)).toBe('type 0');
  });
});

describe('campaignLabel', () => {
  it('adds the kind only when the name does not say it', () => {
    expect(campaignLabel({ campaign_name: 'Click-2-Dial', campaign_type: 3 })).toBe('Click-2-Dial');
    expect(campaignLabel({ campaign_name: 'Spring sale', campaign_type: 2 })).toBe('Spring sale — Preview');
    expect(campaignLabel({ campaign_name: 'Progressive blended', campaign_type: 1, is_blended: true })).toBe(
      'Progressive blended',
    );
    expect(campaignLabel({ campaign_name: 'Winter', campaign_type: 1, is_blended: true })).toBe(
      'Winter — Progressive, blended',
    );
  });
});

describe('the feed’s words for messaging', () => {
  it('says who wrote, each status with its code, offers, windows and the close', () => {
    const cases: [Notification, string][] = [
      [
        {
          type: 'message_received',
          payload: {
            message_id: 3,
            conversation_id: 2,
            channel: 'whatsapp',
            from: '0800666002',
            to: '0860000000',
            body: 'Hi',
            media: [],
            subject: '',
            email_message_id: '',
            in_reply_to: '',
            references: '',
            campaign_id: 1,
            user_id: 2,
            timestamp: at,
          },
        },
        'WhatsApp message from 0800666002 in conversation 2',
      ],
      [
        {
          type: 'message_status',
          payload: {
            message_id: 4,
            conversation_id: 2,
            channel: 'sms',
            direction: 'outbound',
            user_id: 2,
            message_status: 'undelivered',
            previous_status: 'sent',
            channel_error_code: '30003',
            channel_error_detail: 'Unreachable destination handset',
            timestamp: at,
          },
        },
        'SMS message 4: sent → undelivered (error 30003)',
      ],
      [
        {
          type: 'conversation_assigned',
          payload: {
            conversation_id: 2,
            channel: 'facebook',
            customer_address: '6660002',
            campaign_id: 1,
            user_id: 2,
            previous_user_id: 0,
            reason: 'offer',
            timestamp: at,
          },
        },
        'Conversation 2 (Messenger, 6660002) offered to you',
      ],
      [
        {
          type: 'conversation_window',
          payload: {
            conversation_id: 2,
            channel: 'whatsapp',
            customer_address: '0800666002',
            user_id: 2,
            window_state: 'closed',
            window_expires_at: at,
            timestamp: at,
          },
        },
        'Conversation 2: the 24-hour reply window closed',
      ],
      [
        {
          type: 'conversation_end',
          payload: {
            conversation_id: 2,
            channel: 'email',
            customer_address: 'reads@omnikit.test',
            business_address: 'support@omnikit.test',
            campaign_id: 1,
            user_id: 2,
            disposition_code: 'SALE',
            notes: '',
            start_date_time: '2026-01-05T08:00:00.000Z',
            end_date_time: at,
            messages_in: 2,
            messages_out: 1,
            first_response_time: 1000,
            handle_time: 60000,
          },
        },
        'Conversation 2 closed: SALE, 2 in, 1 out',
      ],
    ];
    for (const [n, text] of cases) expect(describeNotification(n)).toBe(text);
    // The close has no timestamp of its own: its end time orders it in the feed.
    expect(notificationTime(cases[4]![0])).toBe('08:01:02');
  });
});
