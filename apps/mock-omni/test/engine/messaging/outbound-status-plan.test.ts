import { describe, expect, it } from 'vitest';
import { CHANNEL_ERRORS } from '../../../src/engine/messaging/channel-error.js';
import { type MessageCustomerPlan, planMessageCustomer } from '../../../src/engine/messaging/message-customer-model.js';
import { canMoveMessageStatus, type MessageStatus } from '../../../src/engine/messaging/message-status.js';
import { MESSAGING_CHANNELS, type MessagingChannel } from '../../../src/engine/messaging/messaging-channel.js';
import { type OutboundStep, planOutboundSteps } from '../../../src/engine/messaging/outbound-status-plan.js';
import { Rng } from '../../../src/engine/rng.js';

const rng = Rng.fromSeed(9);
const steps = (channel: MessagingChannel, to: string, suppression: 'bounce' | 'spamreport' | null = null) =>
  planOutboundSteps({ channel, plan: planMessageCustomer({ rng, messageId: 1, channel, to }), suppression });

/** Steps in one line each: "time kind/status [error] [sendgrid event]". */
const lines = (s: OutboundStep[]): string[] =>
  s.map((x) => {
    if (x.kind === 'reply') return `${x.atMs} reply ${x.body === 'STOP' ? 'STOP' : 'sentence'}`;
    if (x.kind === 'complaint') return `${x.atMs} complaint ${x.sendgridEvent}`;
    return [x.atMs, x.status, x.error ? x.error.code : null, x.sendgridEvent].filter((v) => v !== null).join(' ');
  });

const base: MessageCustomerPlan = {
  sentAfterMs: 500,
  outcome: 'delivered',
  outcomeAfterMs: 1_500,
  error: null,
  readAfterMs: null,
  reply: null,
  complaintAfterMs: null,
  source: 'default',
};

describe('the steps of a message (magic addresses)', () => {
  it.each([
    ['whatsapp', '0800556003', ['0 queued', '500 sent', '1500 delivered', '6500 read', '11500 reply sentence']],
    ['facebook', '5550000000000002', ['0 queued', '500 sent', '1500 delivered', '6500 read']],
    ['sms', '0800556002', ['0 queued', '500 sent', '1500 delivered']],
    ['sms', '0800556004', ['0 queued', '500 sent', '1500 delivered', '11500 reply STOP']],
    ['sms', '0800556010', ['0 queued', '500 sent', '1500 undelivered 30003']],
    ['sms', '0800556014', ['0 queued', '500 sent', '1500 failed 30008']],
    ['whatsapp', '0800556020', ['0 queued', '500 sent', '1500 failed 131026']],
    ['whatsapp', '0800556005', ['0 queued', '500 sent']],
    ['facebook', '5550000000000030', ['0 queued', '500 sent', '1500 failed 551']],
    ['email', 'reads@example.com', ['0 queued', '500 sent processed', '1500 delivered delivered', '6500 opened open']],
    ['email', 'bounces@example.com', ['0 queued', '500 sent processed', '1500 undelivered 550 bounce']],
    [
      'email',
      'complains@example.com',
      ['0 queued', '500 sent processed', '1500 delivered delivered', '6500 opened open', '31500 complaint spamreport'],
    ],
  ] as const)('%s %s', (channel, to, expected) => {
    expect(lines(steps(channel, to))).toEqual(expected);
  });

  it('an email to a suppressed address is processed, then dropped with the reason, whatever the customer', () => {
    expect(lines(steps('email', 'reads@example.com', 'bounce'))).toEqual([
      '0 queued',
      '500 sent processed',
      '501 failed 550 dropped',
    ]);
    const dropped = steps('email', 'replies@example.com', 'spamreport').at(-1);
    expect(dropped).toMatchObject({ kind: 'status', status: 'failed', error: CHANNEL_ERRORS.emailSuppressedComplaint });
  });

  it('suppression is an email matter: other channels ignore it', () => {
    expect(lines(steps('sms', '0800556001', 'bounce'))).toEqual(['0 queued', '500 sent', '1500 delivered']);
  });
});

describe('ordering', () => {
  it('a read due with the reply comes first; equal times are pushed 1 ms apart', () => {
    const plan = { ...base, readAfterMs: 5_000, reply: { afterMs: 5_000, body: 'Hi.' } };
    expect(lines(planOutboundSteps({ channel: 'whatsapp', plan }))).toEqual([
      '0 queued',
      '500 sent',
      '1500 delivered',
      '6500 read',
      '6501 reply sentence',
    ]);
  });

  it('a reply before the read (SMS has none; a quick reply on a slow receipt) keeps its own time', () => {
    const plan = { ...base, readAfterMs: 9_000, reply: { afterMs: 2_000, body: 'Hi.' } };
    expect(lines(planOutboundSteps({ channel: 'facebook', plan }))).toEqual([
      '0 queued',
      '500 sent',
      '1500 delivered',
      '3500 reply sentence',
      '10500 read',
    ]);
  });

  it('a zero delay still comes after the step before it', () => {
    const plan = { ...base, sentAfterMs: 0, outcomeAfterMs: 0, readAfterMs: 0 };
    expect(lines(planOutboundSteps({ channel: 'whatsapp', plan }))).toEqual([
      '0 queued',
      '1 sent',
      '2 delivered',
      '3 read',
    ]);
  });

  it.each(MESSAGING_CHANNELS)(
    'over 2000 default messages on %s: times strictly increase and statuses only move forward',
    (channel) => {
      const root = Rng.fromSeed(`order-${channel}`);
      const bad: string[] = [];
      for (let id = 1; id <= 2_000; id++) {
        const plan = planMessageCustomer({ rng: root, messageId: id, channel, to: 'customer' });
        const s = planOutboundSteps({
          channel,
          plan,
          suppression: channel === 'email' && id % 50 === 0 ? 'bounce' : null,
        });
        let prev: MessageStatus | null = null;
        s.forEach((step, i) => {
          if (i > 0 && step.atMs <= (s[i - 1] as OutboundStep).atMs) bad.push(`${id}: time ${step.atMs}`);
          if (step.kind !== 'status') return;
          if (prev === null ? step.status !== 'queued' : !canMoveMessageStatus(channel, prev, step.status))
            bad.push(`${id}: ${prev} → ${step.status}`);
          if ((step.status === 'failed' || step.status === 'undelivered') !== (step.error !== null))
            bad.push(`${id}: ${step.status} with error ${step.error?.code}`);
          prev = step.status;
        });
        if (s.some((x) => x.kind === 'reply') && !s.some((x) => x.kind === 'status' && x.status === 'delivered'))
          bad.push(`${id}: reply without delivery`);
      }
      expect(bad).toEqual([]);
    },
  );
});
