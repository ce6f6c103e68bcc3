import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MESSAGE_CUSTOMER,
  MAGIC_MESSAGE_ADDRESSES,
  type MessageCustomerPlan,
  magicMessageAddress,
  planMessageCustomer,
} from '../../../src/engine/messaging/message-customer-model.js';
import { MESSAGING_CHANNELS, type MessagingChannel } from '../../../src/engine/messaging/messaging-channel.js';
import { Rng } from '../../../src/engine/rng.js';

const rng = Rng.fromSeed(1);
const plan = (channel: MessagingChannel, to: string, messageId = 7, magicAddresses?: boolean): MessageCustomerPlan =>
  planMessageCustomer({ rng, messageId, channel, to, magicAddresses });

/** What a plan does, in one line: outcome and when, error code, read, reply, complaint, opt-out. */
const summary = (p: MessageCustomerPlan): string =>
  [
    `${p.outcome}@${p.outcomeAfterMs}`,
    p.error ? `error ${p.error.code}` : null,
    p.readAfterMs !== null ? `read +${p.readAfterMs}` : null,
    p.reply ? `reply +${p.reply.afterMs}${p.reply.body === 'STOP' ? ' STOP' : ''}` : null,
    p.complaintAfterMs !== null ? `complaint +${p.complaintAfterMs}` : null,
    p.optsOut ? 'opts out' : null,
  ]
    .filter((x) => x !== null)
    .join(', ');

describe('magic addresses (literal)', () => {
  // [channel, address, what it does]: every address of every row, written out by hand.
  const MAGIC: ReadonlyArray<readonly [MessagingChannel, string, string]> = [
    ['sms', '0800666001', 'delivered@1000'],
    ['whatsapp', '0800666001', 'delivered@1000'],
    ['email', 'delivers@omnikit.test', 'delivered@1000'],
    ['facebook', '6660001', 'delivered@1000'],
    ['sms', '0800666002', 'delivered@1000'],
    ['whatsapp', '0800666002', 'delivered@1000, read +5000'],
    ['email', 'reads@omnikit.test', 'delivered@1000, read +5000'],
    ['facebook', '6660002', 'delivered@1000, read +5000'],
    ['sms', '0800666003', 'delivered@1000, reply +10000'],
    ['whatsapp', '0800666003', 'delivered@1000, read +2000, reply +10000'],
    ['email', 'replies@omnikit.test', 'delivered@1000, read +2000, reply +10000'],
    ['facebook', '6660003', 'delivered@1000, read +2000, reply +10000'],
    ['sms', '0800666004', 'delivered@1000, reply +5000 STOP'],
    ['whatsapp', '0800666004', 'delivered@1000, reply +5000 STOP'],
    ['sms', '0800666005', 'undelivered@1000, error 30003'],
    ['whatsapp', '0800666005', 'failed@1000, error 131026'],
    ['email', 'bounces@omnikit.test', 'undelivered@1000, error bounce'],
    ['facebook', '6660005', 'failed@1000, error 551'],
    ['sms', '0800666006', 'undelivered@1000, error 30005'],
    ['whatsapp', '0800666006', 'failed@1000, error 131047'],
    ['email', 'dropped@omnikit.test', 'failed@1000, error dropped'],
    ['sms', '0800666007', 'undelivered@1000, error 30007'],
    ['whatsapp', '0800666007', 'failed@1000, error 132001'],
    ['email', 'complains@omnikit.test', 'delivered@1000, complaint +5000'],
    ['facebook', '6660007', 'failed@1000, error 10'],
    ['sms', '0800666008', 'never@null'],
    ['whatsapp', '0800666008', 'never@null'],
    ['email', 'never@omnikit.test', 'never@null'],
    ['facebook', '6660008', 'never@null'],
    ['sms', '0800666009', 'failed@1000, error 21610, opts out'],
    ['sms', '0800666010', 'undelivered@1000, error 30006'],
    ['whatsapp', '0800666010', 'failed@1000, error 131049'],
    ['email', 'mailbox-full@omnikit.test', 'undelivered@1000, error bounce'],
    ['facebook', '6660010', 'failed@1000, error 1200'],
    ['sms', '0800666011', 'failed@1000, error 30008'],
    ['whatsapp', '0800666011', 'failed@1000, error 131050'],
    ['email', 'blocked@omnikit.test', 'undelivered@1000, error bounce'],
    ['whatsapp', '0800666012', 'failed@1000, error 131000'],
  ];

  it.each(MAGIC.map(([channel, to, what]) => ({ channel, to, what })))(
    '$channel $to → $what',
    ({ channel, to, what }) => {
      const p = plan(channel, to);
      expect(p.source).toBe('magic');
      expect(p.sentAfterMs).toBe(500);
      expect(summary(p)).toBe(what);
    },
  );

  it('the literal table holds every address of every row, and nothing else', () => {
    const fromModel = MAGIC_MESSAGE_ADDRESSES.flatMap((row) =>
      MESSAGING_CHANNELS.flatMap((c) => {
        const a = magicMessageAddress(row, c);
        return a === null ? [] : [`${c}:${a}`];
      }),
    );
    expect(fromModel.sort()).toEqual(MAGIC.map(([c, a]) => `${c}:${a}`).sort());
  });

  it('the bounces carry their SMTP status', () => {
    expect(plan('email', 'bounces@omnikit.test').error?.smtpStatus).toBe('5.1.1');
    expect(plan('email', 'mailbox-full@omnikit.test').error?.smtpStatus).toBe('5.2.2');
    expect(plan('email', 'blocked@omnikit.test').error?.smtpStatus).toBe('5.7.1');
    expect(plan('facebook', '6660007').error?.subcode).toBe(2018278);
  });

  it('failures carry their channel’s own error, and only failures do', () => {
    for (const [c, to] of MAGIC) {
      const p = plan(c, to);
      if (p.error !== null) expect(p.error.channel).toBe(c);
      expect(p.error === null).toBe(p.outcome === 'delivered' || p.outcome === 'never');
    }
  });

  it('"read after N s" addresses', () => {
    expect(summary(plan('whatsapp', '0800667042'))).toBe('delivered@1000, read +42000');
    expect(summary(plan('whatsapp', '0800667000'))).toBe('delivered@1000, read +0');
    expect(summary(plan('sms', '0800667042'))).toBe('delivered@1000');
    expect(summary(plan('facebook', '6671120'))).toBe('delivered@1000, read +120000');
    expect(summary(plan('email', 'reads-after-7@omnikit.test'))).toBe('delivered@1000, read +7000');
    expect(plan('email', 'reads-after-7@omnikit.test').source).toBe('magic');
  });

  it('a row is magic only on its channels, and only its exact addresses are', () => {
    expect(plan('facebook', '6660006').source).toBe('default');
    expect(plan('whatsapp', '0800666009').source).toBe('default');
    expect(plan('email', 'delivers@omnikit.example').source).toBe('default');
    expect(plan('email', 'reads-after-1000@omnikit.test').source).toBe('default');
    expect(plan('whatsapp', '08006670420').source).toBe('default');
    expect(plan('sms', '0800666013').source).toBe('default');
  });

  it('addresses are compared as the channel writes them', () => {
    expect(summary(plan('sms', '+0800666005'))).toBe('undelivered@1000, error 30003');
    expect(summary(plan('whatsapp', ' 080-066 (6005) '))).toBe('failed@1000, error 131026');
    expect(summary(plan('email', 'Bounces@OmniKit.TEST'))).toBe('undelivered@1000, error bounce');
  });

  it('strict mode turns them off', () => {
    expect(plan('sms', '0800666005', 7, false).source).toBe('default');
    expect(plan('email', 'bounces@omnikit.test', 7, false).source).toBe('default');
  });

  it('the reply sentence is seeded: the same per seed and message, others for other messages', () => {
    const a = plan('whatsapp', '0800666003', 1).reply?.body;
    expect(plan('whatsapp', '0800666003', 1).reply?.body).toBe(a);
    expect(
      planMessageCustomer({ rng: Rng.fromSeed(1), messageId: 1, channel: 'whatsapp', to: '0800666003' }).reply?.body,
    ).toBe(a);
    const others = new Set([2, 3, 4, 5, 6].map((id) => plan('whatsapp', '0800666003', id).reply?.body));
    expect(others.size).toBeGreaterThan(1);
    expect(a).toMatch(/^[A-Z].*[.?!]$/);
    expect(a).not.toBe('STOP');
  });
});

describe('the seeded default', () => {
  it('depends only on the seed and the message id', () => {
    const root = Rng.fromSeed('s');
    const first = planMessageCustomer({ rng: root, messageId: 12, channel: 'whatsapp', to: '0821234567' });
    for (let i = 0; i < 100; i++) root.next();
    expect(planMessageCustomer({ rng: root, messageId: 12, channel: 'whatsapp', to: '0821234567' })).toEqual(first);
    expect(
      planMessageCustomer({ rng: Rng.fromSeed('s'), messageId: 12, channel: 'whatsapp', to: '0829999999' }),
    ).toEqual(first);
    const differs = [13, 14, 15, 16, 17].some(
      (id) =>
        JSON.stringify(planMessageCustomer({ rng: root, messageId: id, channel: 'whatsapp', to: 'x' })) !==
        JSON.stringify(first),
    );
    expect(differs).toBe(true);
  });

  describe.each(MESSAGING_CHANNELS)('on %s, over 4000 messages', (channel) => {
    const root = Rng.fromSeed(`dist-${channel}`);
    const to =
      channel === 'email' ? 'someone@customer.test' : channel === 'facebook' ? '1234567890123456' : '0821234567';
    const plans = Array.from({ length: 4_000 }, (_, i) =>
      planMessageCustomer({ rng: root, messageId: i + 1, channel, to }),
    );
    const d = DEFAULT_MESSAGE_CUSTOMER;

    it('every message is sent after 1 s and delivered 1–3 s later, no error, no reply, no complaint', () => {
      const wrong = plans.filter(
        (x) =>
          x.source !== 'default' ||
          x.outcome !== 'delivered' ||
          x.error !== null ||
          x.sentAfterMs !== d.sentAfterMs ||
          x.outcomeAfterMs === null ||
          x.outcomeAfterMs < d.sentAfterMs + d.deliveredAfterSentMs[0] ||
          x.outcomeAfterMs > d.sentAfterMs + d.deliveredAfterSentMs[1] ||
          x.reply !== null ||
          x.complaintAfterMs !== null ||
          x.optsOut,
      );
      expect(wrong).toEqual([]);
      // The delivery time spreads over its range.
      expect(new Set(plans.map((x) => x.outcomeAfterMs)).size).toBeGreaterThan(1_000);
    });

    it('reads with the channel’s probability, 5–60 s after delivery', () => {
      const read = plans.filter((x) => x.readAfterMs !== null);
      expect(Math.abs(read.length / plans.length - d.read[channel])).toBeLessThan(0.025);
      expect(read.filter((x) => (x.readAfterMs as number) < 5_000 || (x.readAfterMs as number) > 60_000)).toEqual([]);
    });
  });
});
