import { describe, expect, it } from 'vitest';
import { CHANNEL_ERRORS } from '../../../src/engine/messaging/channel-error.js';
import {
  droppedError,
  SENDGRID_EVENT_STATUS,
  SENDGRID_EVENTS,
  sendgridBounceType,
  sendgridEventFor,
  suppressionAfter,
} from '../../../src/engine/messaging/email-events.js';

describe("SendGrid's event names", () => {
  it('the six events and the status each moves a message to', () => {
    expect([...SENDGRID_EVENTS]).toEqual(['processed', 'delivered', 'open', 'bounce', 'dropped', 'spamreport']);
    expect(SENDGRID_EVENT_STATUS).toEqual({
      processed: 'sent',
      delivered: 'delivered',
      open: 'opened',
      bounce: 'undelivered',
      dropped: 'failed',
      spamreport: null,
    });
  });

  it.each([
    ['sent', 'processed'],
    ['delivered', 'delivered'],
    ['opened', 'open'],
    ['undelivered', 'bounce'],
    ['failed', 'dropped'],
    ['queued', null],
    ['read', null],
  ] as const)('status %s is reported as %s', (status, event) => {
    expect(sendgridEventFor(status)).toBe(event);
  });
});

describe('bounces, complaints and suppression', () => {
  it('a refusal for policy (5.7.x) is a blocked bounce; a bad or full mailbox a bounce', () => {
    expect(sendgridBounceType(CHANNEL_ERRORS.emailBlocked)).toBe('blocked');
    expect(sendgridBounceType(CHANNEL_ERRORS.emailUserUnknown)).toBe('bounce');
    expect(sendgridBounceType(CHANNEL_ERRORS.emailMailboxFull)).toBe('bounce');
  });

  it('a hard bounce and a spam report suppress the address; a block, a delivery or an open do not', () => {
    expect(suppressionAfter('bounce', CHANNEL_ERRORS.emailUserUnknown)).toBe('bounce');
    expect(suppressionAfter('spamreport')).toBe('spamreport');
    expect(suppressionAfter('bounce', CHANNEL_ERRORS.emailBlocked)).toBeNull();
    expect(suppressionAfter('delivered')).toBeNull();
    expect(suppressionAfter('open')).toBeNull();
    expect(suppressionAfter('dropped')).toBeNull();
  });

  it('a message to a suppressed address is dropped with SendGrid reason', () => {
    expect(droppedError('bounce')).toMatchObject({ channel: 'email', title: 'Bounced Address' });
    expect(droppedError('spamreport')).toMatchObject({ channel: 'email', title: 'Spam Reporting Address' });
  });
});
