import { describe, expect, it } from 'vitest';
import { CHANNEL_ERRORS } from '../../../src/engine/messaging/channel-error.js';
import {
  emailSuppressionRefusal,
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
      spamreport: 'complained',
    });
  });

  it.each([
    ['sent', 'processed'],
    ['delivered', 'delivered'],
    ['opened', 'open'],
    ['undelivered', 'bounce'],
    ['failed', 'dropped'],
    ['complained', 'spamreport'],
    ['queued', null],
    ['read', null],
  ] as const)('status %s is reported as %s', (status, event) => {
    expect(sendgridEventFor(status)).toBe(event);
  });

  it('the email errors carry SendGrid event names as their codes, a bounce its SMTP reply', () => {
    expect(CHANNEL_ERRORS.emailUserUnknown).toMatchObject({ code: 'bounce', smtpStatus: '5.1.1' });
    expect(CHANNEL_ERRORS.emailUserUnknown.detail).toMatch(/^550 5\.1\.1 /);
    expect(CHANNEL_ERRORS.emailDropped.code).toBe('dropped');
    expect(CHANNEL_ERRORS.emailSpamReport.code).toBe('spamreport');
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
    expect(suppressionAfter('bounce')).toBeNull();
    expect(suppressionAfter('delivered')).toBeNull();
    expect(suppressionAfter('open')).toBeNull();
    expect(suppressionAfter('dropped')).toBeNull();
  });

  it('an email to a suppressed address is refused (RECIPIENT_OPTED_OUT, SendGrid would drop it) with the reason', () => {
    expect(emailSuppressionRefusal(null, 'a@b.test')).toBeNull();
    const bounced = emailSuppressionRefusal('bounce', 'a@b.test');
    expect(bounced).toMatchObject({ code: 'RECIPIENT_OPTED_OUT', field: 'to', error: { code: 'dropped' } });
    expect(bounced?.detail).toContain('Bounced Address');
    expect(emailSuppressionRefusal('spamreport', 'a@b.test')?.detail).toContain('Spam Reporting Address');
  });
});
