/**
 * The customer model for messages, like the callee model for calls: what the customer at the other end of an
 * outbound message does — whether and when it is delivered or fails and with which provider error, whether the
 * customer reads it, replies (a seeded sentence, or `STOP`) or, by email, reports it as spam. Sources, first match
 * wins: (1) the magic addresses (`MAGIC_MESSAGE_ADDRESSES`, listed in `docs/messaging-addresses.md`), (2) a seeded
 * default. Every draw comes from `rng.fork('message-customer/<message id>')` in a fixed order, so a message's plan
 * depends only on the system's seed and its id.
 *
 * @module
 */

import type { Rng } from '../rng.js';
import { CHANNEL_ERRORS, type ChannelError, type ChannelErrorName } from './channel-error.js';
import { customerReplySentence } from './customer-reply.js';
import { MESSAGING_CHANNELS, type MessagingChannel, normalizeAddress } from './messaging-channel.js';

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
  /** Delivered → a spam report (email only); null: none. */
  complaintAfterMs: number | null;
  /** The failure leaves the address opted out on the channel (Twilio's 21610: unsubscribed at the carrier). */
  optsOut: boolean;
  source: 'magic' | 'default';
}

/** The fixed times of the magic addresses: `sent` 0.5 s after the send, the outcome 1 s after it. */
export const MAGIC_TIMES = { sentAfterMs: 500, outcomeAfterMs: 1_000 } as const;

/** What one magic address does on one channel; times after delivery. */
export interface MagicChannelBehaviour {
  outcome: MessageOutcome;
  error?: ChannelErrorName;
  readAfterMs?: number;
  reply?: { kind: 'sentence' | 'stop'; afterMs: number };
  complaintAfterMs?: number;
  optsOut?: boolean;
}

export interface MagicMessageBehaviour {
  /** Three digits: the end of the magic phone number (`0800666` + code) and PSID (`666` + 0 + code). */
  code: string;
  /** The local part of the magic email address at `omnikit.test`; null when the row has no email behaviour. */
  emailLocalPart: string | null;
  /** The behaviour on each channel the row has an address on. */
  channels: Partial<Record<MessagingChannel, MagicChannelBehaviour>>;
}

const delivered: MagicChannelBehaviour = { outcome: 'delivered' };
const on = (b: MagicChannelBehaviour): Record<MessagingChannel, MagicChannelBehaviour> => ({
  sms: b,
  whatsapp: b,
  email: b,
  facebook: b,
});

/** The magic addresses' behaviours (inferred, in the style of B.10). */
export const MAGIC_MESSAGE_ADDRESSES: readonly MagicMessageBehaviour[] = [
  { code: '001', emailLocalPart: 'delivers', channels: on(delivered) },
  { code: '002', emailLocalPart: 'reads', channels: on({ outcome: 'delivered', readAfterMs: 5_000 }) },
  {
    code: '003',
    emailLocalPart: 'replies',
    channels: on({ outcome: 'delivered', readAfterMs: 2_000, reply: { kind: 'sentence', afterMs: 10_000 } }),
  },
  {
    code: '004',
    emailLocalPart: null,
    channels: {
      sms: { outcome: 'delivered', reply: { kind: 'stop', afterMs: 5_000 } },
      whatsapp: { outcome: 'delivered', reply: { kind: 'stop', afterMs: 5_000 } },
    },
  },
  {
    code: '005',
    emailLocalPart: 'bounces',
    channels: {
      sms: { outcome: 'undelivered', error: 'smsUnreachable' },
      whatsapp: { outcome: 'failed', error: 'whatsappUndeliverable' },
      email: { outcome: 'undelivered', error: 'emailUserUnknown' },
      facebook: { outcome: 'failed', error: 'facebookUnavailable' },
    },
  },
  {
    code: '006',
    emailLocalPart: 'dropped',
    channels: {
      sms: { outcome: 'undelivered', error: 'smsUnknownDestination' },
      whatsapp: { outcome: 'failed', error: 'whatsappReengagement' },
      email: { outcome: 'failed', error: 'emailDropped' },
    },
  },
  {
    code: '007',
    emailLocalPart: 'complains',
    channels: {
      sms: { outcome: 'undelivered', error: 'smsFiltered' },
      whatsapp: { outcome: 'failed', error: 'whatsappTemplateMissing' },
      email: { outcome: 'delivered', complaintAfterMs: 5_000 },
      facebook: { outcome: 'failed', error: 'facebookOutsideWindow' },
    },
  },
  { code: '008', emailLocalPart: 'never', channels: on({ outcome: 'never' }) },
  {
    code: '009',
    emailLocalPart: null,
    channels: { sms: { outcome: 'failed', error: 'smsUnsubscribed', optsOut: true } },
  },
  {
    code: '010',
    emailLocalPart: 'mailbox-full',
    channels: {
      sms: { outcome: 'undelivered', error: 'smsLandline' },
      whatsapp: { outcome: 'failed', error: 'whatsappEcosystemLimit' },
      email: { outcome: 'undelivered', error: 'emailMailboxFull' },
      facebook: { outcome: 'failed', error: 'facebookTemporary' },
    },
  },
  {
    code: '011',
    emailLocalPart: 'blocked',
    channels: {
      sms: { outcome: 'failed', error: 'smsUnknown' },
      whatsapp: { outcome: 'failed', error: 'whatsappMarketingOptOut' },
      email: { outcome: 'undelivered', error: 'emailBlocked' },
    },
  },
  { code: '012', emailLocalPart: null, channels: { whatsapp: { outcome: 'failed', error: 'whatsappUnknown' } } },
];

/** The domain of the magic email addresses (`.test` is reserved by RFC 2606: no real customer has it). */
export const MAGIC_EMAIL_DOMAIN = 'omnikit.test';

/** A row's address on a channel, or null when the row has no behaviour there. */
export function magicMessageAddress(row: MagicMessageBehaviour, channel: MessagingChannel): string | null {
  if (row.channels[channel] === undefined) return null;
  if (channel === 'email') return row.emailLocalPart === null ? null : `${row.emailLocalPart}@${MAGIC_EMAIL_DOMAIN}`;
  return channel === 'facebook' ? `6660${row.code}` : `0800666${row.code}`;
}

/** "Read after N seconds" (N 0–999): phone `0800667NNN`, PSID `6671NNN`, email `reads-after-N@omnikit.test`. */
export const READ_AFTER_PATTERNS: Readonly<Record<MessagingChannel, RegExp>> = {
  sms: /^0800667(\d{3})$/,
  whatsapp: /^0800667(\d{3})$/,
  facebook: /^6671(\d{3})$/,
  email: /^reads-after-(\d{1,3})@omnikit\.test$/,
};

const MAGIC_BY_ADDRESS: ReadonlyMap<string, MagicChannelBehaviour> = new Map(
  MAGIC_MESSAGE_ADDRESSES.flatMap((row) =>
    MESSAGING_CHANNELS.flatMap((c) => {
      const address = magicMessageAddress(row, c);
      const b = row.channels[c];
      return address === null || b === undefined ? [] : [[`${c}:${address}`, b] as const];
    }),
  ),
);

/** The seeded default: every message delivered; WhatsApp and Messenger often read, email sometimes opened. */
export const DEFAULT_MESSAGE_CUSTOMER = {
  sentAfterMs: 1_000,
  /** Sent → delivered, uniform. */
  deliveredAfterSentMs: [1_000, 3_000],
  /** The chance a delivered message is read (opened), per channel. */
  read: { sms: 0, whatsapp: 0.8, facebook: 0.8, email: 0.5 } as Readonly<Record<MessagingChannel, number>>,
  /** Delivered → read, uniform. */
  readAfterMs: [5_000, 60_000],
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
      return planMagic(rng, input.channel, { outcome: 'delivered', readAfterMs: Number(readAfter[1]) * 1_000 });
  }
  return planDefault(rng, input.channel);
}

function planMagic(rng: Rng, channel: MessagingChannel, b: MagicChannelBehaviour): MessageCustomerPlan {
  const isDelivered = b.outcome === 'delivered';
  return {
    sentAfterMs: MAGIC_TIMES.sentAfterMs,
    outcome: b.outcome,
    outcomeAfterMs: b.outcome === 'never' ? null : MAGIC_TIMES.outcomeAfterMs,
    error: b.error === undefined ? null : CHANNEL_ERRORS[b.error],
    readAfterMs: isDelivered && channel !== 'sms' ? (b.readAfterMs ?? null) : null,
    reply:
      isDelivered && b.reply !== undefined
        ? { afterMs: b.reply.afterMs, body: b.reply.kind === 'stop' ? 'STOP' : customerReplySentence(rng) }
        : null,
    complaintAfterMs: isDelivered && channel === 'email' ? (b.complaintAfterMs ?? null) : null,
    optsOut: b.optsOut ?? false,
    source: 'magic',
  };
}

/** Draws in a fixed order, used or not, so that one decision never shifts another's numbers. */
function planDefault(rng: Rng, channel: MessagingChannel): MessageCustomerPlan {
  const d = DEFAULT_MESSAGE_CUSTOMER;
  const deliveredAfterSent = rng.int(d.deliveredAfterSentMs[0], d.deliveredAfterSentMs[1]);
  const reads = rng.chance(d.read[channel]);
  const readAfterMs = rng.int(d.readAfterMs[0], d.readAfterMs[1]);
  return {
    sentAfterMs: d.sentAfterMs,
    outcome: 'delivered',
    outcomeAfterMs: d.sentAfterMs + deliveredAfterSent,
    error: null,
    readAfterMs: reads ? readAfterMs : null,
    reply: null,
    complaintAfterMs: null,
    optsOut: false,
    source: 'default',
  };
}
