/**
 * The customer model for messages, like the callee model for calls: what the customer at the other end of an
 * outbound message does — whether and when it is delivered or fails and with which error, whether the customer
 * reads it, replies (a seeded sentence, or `STOP`) or, by email, complains. Sources, first match wins: (1) the magic
 * addresses (`MAGIC_MESSAGE_ADDRESSES`, listed in `docs/messaging-addresses.md`), (2) a seeded default per channel.
 * Every draw comes from `rng.fork('message-customer/<message id>')` in a fixed order, so a message's plan depends
 * only on the system's seed and its id.
 *
 * @module
 */

import type { Rng } from '../rng.js';
import { CHANNEL_ERRORS, type ChannelError, type ChannelErrorName } from './channel-error.js';
import { customerReplySentence } from './customer-reply.js';
import { type MessagingChannel, normalizeAddress } from './messaging-channel.js';

export type MessageOutcome = 'delivered' | 'never' | 'failed' | 'undelivered';

export interface MessageCustomerPlan {
  /** Send → the provider has it (`sent`). */
  sentAfterMs: number;
  outcome: MessageOutcome;
  /** Send → `delivered`, `failed` or `undelivered`; null when nothing follows `sent` (`never`). */
  outcomeAfterMs: number | null;
  /** The provider's error of a `failed` or `undelivered` message. */
  error: ChannelError | null;
  /** Delivered → read (WhatsApp, Messenger) or opened (email); null: never (and always on SMS). */
  readAfterMs: number | null;
  /** Delivered → the customer's reply and its text; null: no reply. */
  reply: { afterMs: number; body: string } | null;
  /** Delivered → a spam complaint (email only); null: none. */
  complaintAfterMs: number | null;
  source: 'magic' | 'default';
}

/** The fixed times of the magic addresses: sent 0.5 s after the send, the outcome 1.5 s after it. */
export const MAGIC_TIMES = {
  sentAfterMs: 500,
  outcomeAfterMs: 1_500,
  readAfterMs: 5_000,
  replyAfterMs: 10_000,
} as const;

type ReplyKind = 'sentence' | 'stop';

export interface MagicMessageBehaviour {
  /** The three digits that end the magic phone numbers and PSIDs. */
  code: string;
  /** The local part of the magic email address at example.com; null: no email address. */
  emailLocalPart: string | null;
  channels: readonly MessagingChannel[];
  outcome: MessageOutcome;
  error: ChannelErrorName | null;
  read: boolean;
  reply: ReplyKind | null;
  /** Delivered → spam complaint (email). */
  complaintAfterMs: number | null;
  /** What the row does, for the docs. */
  description: string;
}

const ALL: readonly MessagingChannel[] = ['sms', 'whatsapp', 'email', 'facebook'];

const row = (
  code: string,
  emailLocalPart: string | null,
  channels: readonly MessagingChannel[],
  outcome: MessageOutcome,
  rest: Partial<Pick<MagicMessageBehaviour, 'error' | 'read' | 'reply' | 'complaintAfterMs'>> & { description: string },
): MagicMessageBehaviour => ({
  code,
  emailLocalPart,
  channels,
  outcome,
  error: rest.error ?? null,
  read: rest.read ?? false,
  reply: rest.reply ?? null,
  complaintAfterMs: rest.complaintAfterMs ?? null,
  description: rest.description,
});

/** The magic addresses' behaviours (inferred, in the style of B.10), one row per behaviour. */
export const MAGIC_MESSAGE_BEHAVIOURS: readonly MagicMessageBehaviour[] = [
  row('001', 'delivers', ALL, 'delivered', { description: 'delivered; never read, no reply' }),
  row('002', 'reads', ALL, 'delivered', { read: true, description: 'delivered, read (opened) 5 s later' }),
  row('003', 'replies', ALL, 'delivered', {
    read: true,
    reply: 'sentence',
    description: 'delivered, read 5 s later, replies with a seeded sentence 10 s after delivery',
  }),
  row('004', 'replies-stop', ALL, 'delivered', {
    read: true,
    reply: 'stop',
    description: 'delivered, read 5 s later, replies `STOP` 10 s after delivery (on SMS: opted out)',
  }),
  row('005', 'never-delivers', ALL, 'never', { description: 'sent, then nothing: never delivered' }),
  row('010', null, ['sms'], 'undelivered', { error: 'smsUnreachable', description: 'undelivered, 30003' }),
  row('011', null, ['sms'], 'undelivered', { error: 'smsUnknownDestination', description: 'undelivered, 30005' }),
  row('012', null, ['sms'], 'undelivered', { error: 'smsLandline', description: 'undelivered, 30006' }),
  row('013', null, ['sms'], 'undelivered', { error: 'smsFiltered', description: 'undelivered, 30007' }),
  row('014', null, ['sms'], 'failed', { error: 'smsUnknown', description: 'failed, 30008' }),
  row('020', null, ['whatsapp'], 'failed', { error: 'whatsappUndeliverable', description: 'failed, 131026' }),
  row('021', null, ['whatsapp'], 'failed', { error: 'whatsappEcosystemLimit', description: 'failed, 131049' }),
  row('022', null, ['whatsapp'], 'failed', { error: 'whatsappMarketingOptOut', description: 'failed, 131050' }),
  row('023', null, ['whatsapp'], 'failed', { error: 'whatsappUnknown', description: 'failed, 131000' }),
  row('030', null, ['facebook'], 'failed', {
    error: 'facebookUnavailable',
    description: 'failed, 551 (subcode 1545041)',
  }),
  row('031', null, ['facebook'], 'failed', { error: 'facebookTemporary', description: 'failed, 1200' }),
  row('040', 'bounces', ['email'], 'undelivered', {
    error: 'emailUserUnknown',
    description: 'bounce, 550 5.1.1 (the address is suppressed after it)',
  }),
  row('041', 'mailbox-full', ['email'], 'undelivered', {
    error: 'emailMailboxFull',
    description: 'bounce, 552 5.2.2 (suppressed after it)',
  }),
  row('042', 'blocked', ['email'], 'undelivered', {
    error: 'emailBlocked',
    description: 'bounce of type blocked, 554 5.7.1 (not suppressed)',
  }),
  row('043', 'complains', ['email'], 'delivered', {
    read: true,
    complaintAfterMs: 30_000,
    description: 'delivered, opened 5 s later, spam report 30 s after delivery (suppressed after it)',
  }),
];

/** The magic phone number (SMS, WhatsApp) of a row: `0800556` and its code. */
export const magicPhoneNumber = (code: string): string => `0800556${code}`;
/** The magic Messenger PSID of a row: 16 digits, `5550000000000` and its code. */
export const magicPsid = (code: string): string => `5550000000000${code}`;
/** The domain of the magic email addresses (reserved for examples by RFC 2606, so no real customer has it). */
export const MAGIC_EMAIL_DOMAIN = 'example.com';

/** "Read after N s" addresses: phone `0800557NNN`, PSID `5550000000001NNN`, email `reads-after-N@example.com`. */
export const READ_AFTER_PATTERNS: Readonly<Record<MessagingChannel, RegExp>> = {
  sms: /^0800557(\d{3})$/,
  whatsapp: /^0800557(\d{3})$/,
  facebook: /^5550000000001(\d{3})$/,
  email: /^reads-after-(\d{1,3})@example\.com$/,
};

function addressOf(b: MagicMessageBehaviour, channel: MessagingChannel): string | null {
  if (!b.channels.includes(channel)) return null;
  if (channel === 'email') return b.emailLocalPart === null ? null : `${b.emailLocalPart}@${MAGIC_EMAIL_DOMAIN}`;
  return channel === 'facebook' ? magicPsid(b.code) : magicPhoneNumber(b.code);
}

/** Each channel's magic addresses → behaviour. */
const MAGIC_BY_ADDRESS: ReadonlyMap<string, MagicMessageBehaviour> = new Map(
  MAGIC_MESSAGE_BEHAVIOURS.flatMap((b) =>
    ALL.map((c) => [c, addressOf(b, c)] as const)
      .filter((e): e is readonly [MessagingChannel, string] => e[1] !== null)
      .map(([c, a]) => [`${c}:${a}`, b] as const),
  ),
);

/** The magic address of a behaviour on a channel, or null when the row has none there. */
export function magicMessageAddress(code: string, channel: MessagingChannel): string | null {
  const b = MAGIC_MESSAGE_BEHAVIOURS.find((r) => r.code === code);
  return b === undefined ? null : addressOf(b, channel);
}

/** Probabilities of the default customer, per channel. */
export const DEFAULT_MESSAGE_CUSTOMER: Readonly<
  Record<
    MessagingChannel,
    {
      /** Outcome weights (sum to 1). */
      outcomes: Readonly<Record<Exclude<MessageOutcome, 'never'>, number>>;
      /** The errors a failure or non-delivery picks from, equally. */
      failedErrors: readonly ChannelErrorName[];
      undeliveredErrors: readonly ChannelErrorName[];
      /** Send → delivered, uniform (ms). */
      deliverMs: readonly [number, number];
      read: number;
      reply: number;
      /** Share of the replies that are STOP. */
      stop: number;
      complaint: number;
    }
  >
> = {
  sms: {
    outcomes: { delivered: 0.93, undelivered: 0.05, failed: 0.02 },
    failedErrors: ['smsUnknown'],
    undeliveredErrors: ['smsUnreachable', 'smsUnknownDestination', 'smsLandline', 'smsFiltered'],
    deliverMs: [1_000, 8_000],
    read: 0,
    reply: 0.15,
    stop: 0.05,
    complaint: 0,
  },
  whatsapp: {
    outcomes: { delivered: 0.95, undelivered: 0, failed: 0.05 },
    failedErrors: ['whatsappUndeliverable', 'whatsappEcosystemLimit'],
    undeliveredErrors: [],
    deliverMs: [500, 3_000],
    read: 0.85,
    reply: 0.3,
    stop: 0,
    complaint: 0,
  },
  facebook: {
    outcomes: { delivered: 0.97, undelivered: 0, failed: 0.03 },
    failedErrors: ['facebookUnavailable'],
    undeliveredErrors: [],
    deliverMs: [500, 3_000],
    read: 0.8,
    reply: 0.3,
    stop: 0,
    complaint: 0,
  },
  email: {
    // SendGrid drops (fails) a message only to a suppressed address, which the planner decides, not the customer.
    outcomes: { delivered: 0.95, undelivered: 0.05, failed: 0 },
    failedErrors: [],
    undeliveredErrors: ['emailUserUnknown', 'emailMailboxFull', 'emailBlocked'],
    deliverMs: [1_000, 10_000],
    read: 0.35,
    reply: 0.1,
    stop: 0,
    complaint: 0.005,
  },
};

/** Delays a person takes (log-normal, ms): to read after delivery, to reply after reading. */
export const DEFAULT_HUMAN_DELAYS = {
  read: { medianMs: 60_000, sigma: 1.2, minMs: 1_000, maxMs: 6 * 3_600_000 },
  reply: { medianMs: 120_000, sigma: 1, minMs: 5_000, maxMs: 2 * 3_600_000 },
  complaint: { minMs: 10_000, maxMs: 3_600_000 },
} as const;

export interface PlanMessageCustomerInput {
  /** The system's root stream (forked per message here). */
  rng: Rng;
  messageId: number;
  channel: MessagingChannel;
  /** The customer's address: phone number, email address or PSID. */
  to: string;
  /** false in strict mode: magic addresses are ordinary addresses then. */
  magicAddresses?: boolean;
}

/** What the customer does with one outbound message. */
export function planMessageCustomer(input: PlanMessageCustomerInput): MessageCustomerPlan {
  const rng = input.rng.fork(`message-customer/${input.messageId}`);
  const address = normalizeAddress(input.channel, input.to);
  if (input.magicAddresses !== false) {
    const magic = MAGIC_BY_ADDRESS.get(`${input.channel}:${address}`);
    if (magic) return planMagic(rng, input.channel, magic);
    const readAfter = READ_AFTER_PATTERNS[input.channel].exec(address);
    if (readAfter)
      return {
        sentAfterMs: MAGIC_TIMES.sentAfterMs,
        outcome: 'delivered',
        outcomeAfterMs: MAGIC_TIMES.outcomeAfterMs,
        error: null,
        readAfterMs: input.channel === 'sms' ? null : Number(readAfter[1]) * 1_000,
        reply: null,
        complaintAfterMs: null,
        source: 'magic',
      };
  }
  return planDefault(rng, input.channel);
}

function planMagic(rng: Rng, channel: MessagingChannel, b: MagicMessageBehaviour): MessageCustomerPlan {
  const delivered = b.outcome === 'delivered';
  return {
    sentAfterMs: MAGIC_TIMES.sentAfterMs,
    outcome: b.outcome,
    outcomeAfterMs: b.outcome === 'never' ? null : MAGIC_TIMES.outcomeAfterMs,
    error: b.error === null ? null : CHANNEL_ERRORS[b.error],
    readAfterMs: delivered && b.read && channel !== 'sms' ? MAGIC_TIMES.readAfterMs : null,
    reply:
      delivered && b.reply !== null
        ? { afterMs: MAGIC_TIMES.replyAfterMs, body: b.reply === 'stop' ? 'STOP' : customerReplySentence(rng) }
        : null,
    complaintAfterMs: delivered && channel === 'email' ? b.complaintAfterMs : null,
    source: 'magic',
  };
}

function clampedLogNormal(rng: Rng, d: { medianMs: number; sigma: number; minMs: number; maxMs: number }): number {
  return Math.round(Math.min(d.maxMs, Math.max(d.minMs, rng.logNormal(d.medianMs, d.sigma))));
}

/** Draws everything in a fixed order, used or not, so that one decision never shifts another's numbers. */
function planDefault(rng: Rng, channel: MessagingChannel): MessageCustomerPlan {
  const p = DEFAULT_MESSAGE_CUSTOMER[channel];
  const sentAfterMs = rng.int(200, 1_500);
  const outcome = rng.weighted(p.outcomes);
  const outcomeAfterMs = sentAfterMs + rng.int(p.deliverMs[0], p.deliverMs[1]);
  const failedDraw = rng.next();
  const reads = rng.chance(p.read);
  const readDelay = clampedLogNormal(rng, DEFAULT_HUMAN_DELAYS.read);
  const replies = rng.chance(p.reply);
  const replyDelay = clampedLogNormal(rng, DEFAULT_HUMAN_DELAYS.reply);
  const stop = rng.chance(p.stop);
  const complains = rng.chance(p.complaint);
  const complaintDelay = rng.int(DEFAULT_HUMAN_DELAYS.complaint.minMs, DEFAULT_HUMAN_DELAYS.complaint.maxMs);
  const sentence = customerReplySentence(rng);

  const errors = outcome === 'failed' ? p.failedErrors : outcome === 'undelivered' ? p.undeliveredErrors : [];
  const errorName = errors.length === 0 ? null : errors[Math.floor(failedDraw * errors.length)];
  const delivered = outcome === 'delivered';
  const readAfterMs = delivered && reads && channel !== 'sms' ? readDelay : null;
  // A reply comes after the customer has read the message (from delivery on SMS, which reports no reads).
  const reply =
    delivered && replies ? { afterMs: (readAfterMs ?? 0) + replyDelay, body: stop ? 'STOP' : sentence } : null;
  return {
    sentAfterMs,
    outcome,
    outcomeAfterMs,
    error: errorName === null || errorName === undefined ? null : CHANNEL_ERRORS[errorName],
    readAfterMs,
    reply,
    complaintAfterMs: delivered && channel === 'email' && complains ? complaintDelay : null,
    source: 'default',
  };
}
