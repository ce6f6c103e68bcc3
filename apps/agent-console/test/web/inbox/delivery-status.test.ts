import { describe, expect, it } from 'vitest';
import { deliveryStatus, failureReason } from '../../../src/web/inbox/delivery-status.js';
import { fillTemplate } from '../../../src/web/inbox/fill-template.js';

describe('an outbound message’s ticks and words', () => {
  it('moves queued → sent → delivered → read (opened on email)', () => {
    expect(['queued', 'sent', 'delivered', 'read'].map((s) => deliveryStatus('whatsapp', s))).toEqual([
      { level: 'pending', label: 'Queued', words: 'Queued' },
      { level: 'sent', label: 'Sent', words: 'Sent' },
      { level: 'delivered', label: 'Delivered', words: 'Delivered' },
      { level: 'seen', label: 'Read', words: 'Read' },
    ]);
    expect(deliveryStatus('email', 'opened')).toEqual({ level: 'seen', label: 'Opened', words: 'Opened' });
  });

  it('says each channel’s failure code in words, with the code', () => {
    expect(deliveryStatus('sms', 'failed', '21610').words).toBe(
      'Not delivered: the customer opted out (they replied STOP), so no SMS may go to them until they reply START (error 21610).',
    );
    expect(deliveryStatus('sms', 'undelivered', '30003')).toEqual({
      level: 'failed',
      label: 'Failed',
      words: 'Not delivered: the customer’s phone is unreachable (switched off or out of coverage) (error 30003).',
    });
    expect(failureReason('whatsapp', '131047')).toMatch(/24 hours .* only an approved template/);
    expect(failureReason('facebook', '551')).toMatch(/not available on Messenger/);
    expect(failureReason('email', 'bounce')).toMatch(/^Not delivered: the email bounced/);
    expect(deliveryStatus('email', 'complained', 'spamreport')).toMatchObject({
      level: 'failed',
      label: 'Reported as spam',
      words: expect.stringMatching(/^Delivered, then the customer marked the email as spam/),
    });
  });

  it('an unknown code keeps the code and Omni’s detail; no code at all still reads as a sentence', () => {
    expect(failureReason('sms', '30010', 'Message price exceeds max price.')).toBe(
      'Not delivered (error 30010): Message price exceeds max price.',
    );
    expect(failureReason('whatsapp', '')).toBe('Not delivered.');
    // The same code means different things on different channels.
    expect(failureReason('email', '10')).toBe('Not delivered (error 10).');
  });
});

describe('a template’s preview', () => {
  it('puts each value in its placeholder and leaves the missing ones as written', () => {
    expect(fillTemplate('Hi {{1}}, order {{2}} ships {{ 1 }}.', ['Sam', ' '])).toBe('Hi Sam, order {{2}} ships Sam.');
  });
});
