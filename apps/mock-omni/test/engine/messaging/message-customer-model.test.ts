import { describe, expect, it } from 'vitest';
import { CHANNEL_ERRORS } from '../../../src/engine/messaging/channel-error.js';
import {
  DEFAULT_MESSAGE_CUSTOMER,
  MAGIC_MESSAGE_BEHAVIOURS,
  type MessageCustomerPlan,
  magicMessageAddress,
  planMessageCustomer,
} from '../../../src/engine/messaging/message-customer-model.js';
import { MESSAGING_CHANNELS, type MessagingChannel } from '../../../src/engine/messaging/messaging-channel.js';
import { Rng } from '../../../src/engine/rng.js';

const rng = Rng.fromSeed(1);
const plan = (channel: MessagingChannel, to: string, messageId = 7, magicAddresses?: boolean): MessageCustomerPlan =>
  planMessageCustomer({ rng, messageId, channel, to, magicAddresses });

/** What a plan does, in one line: outcome, error code, read, reply, complaint. */
const summary = (p: MessageCustomerPlan): string =>
  [
    `${p.outcome}@${p.outcomeAfterMs}`,
    p.error ? `error ${p.error.code}` : null,
    p.readAfterMs !== null ? `read +${p.readAfterMs}` : null,
    p.reply ? `reply +${p.reply.afterMs}${p.reply.body === 'STOP' ? ' STOP' : ''}` : null,
    p.complaintAfterMs !== null ? `complaint +${p.complaintAfterMs}` : null,
  ]
    .filter((x) => x !== null)
    .join(', ');

describe('magic addresses (literal)', () => {
  // [channel, address, what it does]
  const MAGIC: ReadonlyArray<readonly [MessagingChannel, string, string]> = [
    ['sms', '0800556001', 'delivered@1500'],
    ['whatsapp', '0800556001', 'delivered@1500'],
    ['facebook', '5550000000000001', 'delivered@1500'],
    ['email', 'delivers@example.com', 'delivered@1500'],
    ['sms', '0800556002', 'delivered@1500'],
    ['whatsapp', '0800556002', 'delivered@1500, read +5000'],
    ['facebook', '5550000000000002', 'delivered@1500, read +5000'],
    ['email', 'reads@example.com', 'delivered@1500, read +5000'],
    ['sms', '0800556003', 'delivered@1500, reply +10000'],
    ['whatsapp', '0800556003', 'delivered@1500, read +5000, reply +10000'],
    ['facebook', '5550000000000003', 'delivered@1500, read +5000, reply +10000'],
    ['email', 'replies@example.com', 'delivered@1500, read +5000, reply +10000'],
    ['sms', '0800556004', 'delivered@1500, reply +10000 STOP'],
    ['whatsapp', '0800556004', 'delivered@1500, read +5000, reply +10000 STOP'],
    ['email', 'replies-stop@example.com', 'delivered@1500, read +5000, reply +10000 STOP'],
    ['sms', '0800556005', 'never@null'],
    ['whatsapp', '0800556005', 'never@null'],
    ['facebook', '5550000000000005', 'never@null'],
    ['email', 'never-delivers@example.com', 'never@null'],
    ['sms', '0800556010', 'undelivered@1500, error 30003'],
    ['sms', '0800556011', 'undelivered@1500, error 30005'],
    ['sms', '0800556012', 'undelivered@1500, error 30006'],
    ['sms', '0800556013', 'undelivered@1500, error 30007'],
    ['sms', '0800556014', 'failed@1500, error 30008'],
    ['whatsapp', '0800556020', 'failed@1500, error 131026'],
    ['whatsapp', '0800556021', 'failed@1500, error 131049'],
    ['whatsapp', '0800556022', 'failed@1500, error 131050'],
    ['whatsapp', '0800556023', 'failed@1500, error 131000'],
    ['facebook', '5550000000000030', 'failed@1500, error 551'],
    ['facebook', '5550000000000031', 'failed@1500, error 1200'],
    ['email', 'bounces@example.com', 'undelivered@1500, error 550'],
    ['email', 'mailbox-full@example.com', 'undelivered@1500, error 552'],
    ['email', 'blocked@example.com', 'undelivered@1500, error 554'],
    ['email', 'complains@example.com', 'delivered@1500, read +5000, complaint +30000'],
    ['whatsapp', '0800557042', 'delivered@1500, read +42000'],
    ['whatsapp', '0800557000', 'delivered@1500, read +0'],
    ['sms', '0800557042', 'delivered@1500'],
    ['facebook', '5550000000001120', 'delivered@1500, read +120000'],
    ['email', 'reads-after-7@example.com', 'delivered@1500, read +7000'],
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

  it('every row is in the literal table above, on every channel it names', () => {
    const listed = new Set(MAGIC.map(([c, to]) => `${c}:${to}`));
    for (const b of MAGIC_MESSAGE_BEHAVIOURS)
      for (const c of b.channels) {
        const address = magicMessageAddress(b.code, c);
        // The generic rows are listed for the channels that differ; the rest must still be magic.
        if (address !== null && !listed.has(`${c}:${address}`)) expect(plan(c, address).source).toBe('magic');
      }
    expect(magicMessageAddress('040', 'sms')).toBeNull();
    expect(magicMessageAddress('999', 'sms')).toBeNull();
  });

  it('failures carry their channel’s own error', () => {
    for (const b of MAGIC_MESSAGE_BEHAVIOURS)
      for (const c of b.channels) {
        const p = plan(c, magicMessageAddress(b.code, c) as string);
        if (p.error !== null) expect(p.error.channel).toBe(c);
        expect(p.error === null).toBe(p.outcome === 'delivered' || p.outcome === 'never');
      }
  });

  it('a row is magic only on its channels: an SMS error number on WhatsApp is an ordinary number', () => {
    expect(plan('whatsapp', '0800556010').source).toBe('default');
    expect(plan('sms', '0800556020').source).toBe('default');
    expect(plan('email', 'delivers@example.org').source).toBe('default');
    expect(plan('email', 'reads-after-1000@example.com').source).toBe('default');
    expect(plan('whatsapp', '08005570420').source).toBe('default');
  });

  it('addresses are compared as the channel writes them', () => {
    expect(summary(plan('sms', '+0800556010'))).toBe('undelivered@1500, error 30003');
    expect(summary(plan('whatsapp', ' 080-055 (6020) '))).toBe('failed@1500, error 131026');
    expect(summary(plan('email', 'Bounces@Example.COM'))).toBe('undelivered@1500, error 550');
  });

  it('strict mode turns them off', () => {
    expect(plan('sms', '0800556010', 7, false).source).toBe('default');
    expect(plan('email', 'bounces@example.com', 7, false).source).toBe('default');
  });

  it('the reply sentence is seeded: the same per seed and message, another for another message', () => {
    const a = plan('whatsapp', '0800556003', 1).reply?.body;
    expect(plan('whatsapp', '0800556003', 1).reply?.body).toBe(a);
    expect(
      planMessageCustomer({ rng: Rng.fromSeed(1), messageId: 1, channel: 'whatsapp', to: '0800556003' }).reply?.body,
    ).toBe(a);
    const others = new Set([2, 3, 4, 5, 6].map((id) => plan('whatsapp', '0800556003', id).reply?.body));
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
    const share = (f: (p: MessageCustomerPlan) => boolean): number => plans.filter(f).length / plans.length;
    const p = DEFAULT_MESSAGE_CUSTOMER[channel];

    it('outcomes follow the channel weights', () => {
      expect(share((x) => x.outcome === 'delivered')).toBeCloseTo(p.outcomes.delivered, 1);
      expect(Math.abs(share((x) => x.outcome === 'undelivered') - p.outcomes.undelivered)).toBeLessThan(0.015);
      expect(Math.abs(share((x) => x.outcome === 'failed') - p.outcomes.failed)).toBeLessThan(0.015);
      expect(plans.every((x) => x.source === 'default' && x.outcome !== 'never')).toBe(true);
    });

    it('every failure carries one of the channel’s errors, every delivery none', () => {
      const allowed: number[] = [...p.failedErrors, ...p.undeliveredErrors].map((n) => CHANNEL_ERRORS[n].code);
      const wrong = plans.filter((x) =>
        x.outcome === 'delivered' ? x.error !== null : !allowed.includes(x.error?.code as number),
      );
      expect(wrong).toEqual([]);
    });

    it('times are in range: sent first, then the outcome', () => {
      const outside = plans.filter(
        (x) =>
          x.sentAfterMs < 200 ||
          x.sentAfterMs > 1_500 ||
          x.outcomeAfterMs === null ||
          x.outcomeAfterMs < x.sentAfterMs + p.deliverMs[0] ||
          x.outcomeAfterMs > x.sentAfterMs + p.deliverMs[1],
      );
      expect(outside).toEqual([]);
    });

    it('reads, replies and complaints only where the channel has them, a reply after the read', () => {
      const delivered = plans.filter((x) => x.outcome === 'delivered');
      const readShare = delivered.filter((x) => x.readAfterMs !== null).length / delivered.length;
      expect(Math.abs(readShare - (channel === 'sms' ? 0 : p.read))).toBeLessThan(0.03);
      const replyShare = delivered.filter((x) => x.reply !== null).length / delivered.length;
      expect(Math.abs(replyShare - p.reply)).toBeLessThan(0.03);
      const wrong = plans.filter(
        (x) =>
          (x.outcome !== 'delivered' && (x.readAfterMs !== null || x.reply !== null || x.complaintAfterMs !== null)) ||
          (x.reply !== null && x.readAfterMs !== null && x.reply.afterMs <= x.readAfterMs) ||
          (channel !== 'email' && x.complaintAfterMs !== null) ||
          (p.stop === 0 && x.reply?.body === 'STOP'),
      );
      expect(wrong).toEqual([]);
      if (channel === 'email') expect(plans.some((x) => x.complaintAfterMs !== null)).toBe(true);
    });
  });

  it('some SMS replies are STOP', () => {
    const root = Rng.fromSeed('stops');
    const replies = Array.from({ length: 20_000 }, (_, i) =>
      planMessageCustomer({ rng: root, messageId: i, channel: 'sms', to: '0821234567' }),
    ).flatMap((x) => (x.reply ? [x.reply.body] : []));
    const stops = replies.filter((b) => b === 'STOP').length / replies.length;
    expect(Math.abs(stops - DEFAULT_MESSAGE_CUSTOMER.sms.stop)).toBeLessThan(0.02);
  });
});
