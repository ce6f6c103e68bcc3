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
  optsOut: false,
  source: 'default',
};

describe('the steps of a message (magic addresses)', () => {
  it.each([
    ['whatsapp', '0800666003', ['0 queued', '500 sent', '1000 delivered', '3000 read', '11000 reply sentence']],
    ['facebook', '6660002', ['0 queued', '500 sent', '1000 delivered', '6000 read']],
    ['sms', '0800666002', ['0 queued', '500 sent', '1000 delivered']],
    ['sms', '0800666004', ['0 queued', '500 sent', '1000 delivered', '6000 reply STOP']],
    ['sms', '0800666005', ['0 queued', '500 sent', '1000 undelivered 30003']],
    ['sms', '0800666009', ['0 queued', '500 sent', '1000 failed 21610']],
    ['whatsapp', '0800666006', ['0 queued', '500 sent', '1000 failed 131047']],
    ['whatsapp', '0800666008', ['0 queued', '500 sent']],
    ['facebook', '6660005', ['0 queued', '500 sent', '1000 failed 551']],
    ['email', 'reads@omnikit.test', ['0 queued', '500 sent processed', '1000 delivered delivered', '6000 opened open']],
    ['email', 'bounces@omnikit.test', ['0 queued', '500 sent processed', '1000 undelivered bounce bounce']],
    ['email', 'dropped@omnikit.test', ['0 queued', '500 sent processed', '1000 failed dropped dropped']],
    [
      'email',
      'complains@omnikit.test',
      ['0 queued', '500 sent processed', '1000 delivered delivered', '6000 complained spamreport spamreport'],
    ],
  ] as const)('%s %s', (channel, to, expected) => {
    expect(lines(steps(channel, to))).toEqual(expected);
  });

  it('a spam report ends the message: a later open is not reported, an earlier one is', () => {
    const later = { ...base, readAfterMs: 9_000, complaintAfterMs: 5_000 };
    expect(lines(planOutboundSteps({ channel: 'email', plan: later }))).toEqual([
      '0 queued',
      '500 sent processed',
      '1500 delivered delivered',
      '6500 complained spamreport spamreport',
    ]);
    const earlier = { ...base, readAfterMs: 2_000, complaintAfterMs: 5_000 };
    expect(lines(planOutboundSteps({ channel: 'email', plan: earlier })).slice(3)).toEqual([
      '3500 opened open',
      '6500 complained spamreport spamreport',
    ]);
  });

  it('an email to a suppressed address is processed, then dropped with the reason, whatever the customer', () => {
    expect(lines(steps('email', 'reads@omnikit.test', 'bounce'))).toEqual([
      '0 queued',
      '500 sent processed',
      '501 failed dropped dropped',
    ]);
    const dropped = steps('email', 'replies@omnikit.test', 'spamreport').at(-1);
    expect(dropped).toMatchObject({ kind: 'status', status: 'failed', error: CHANNEL_ERRORS.emailDropped });
  });

  it('suppression is an email matter: other channels ignore it', () => {
    expect(lines(steps('sms', '0800666001', 'bounce'))).toEqual(['0 queued', '500 sent', '1000 delivered']);
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
