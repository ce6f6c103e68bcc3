/**
 * The table of magic message addresses as Markdown, written from the customer model's own data, for the API
 * document (B.12) and `docs/messaging-addresses.md`; a test keeps that file equal to it.
 *
 * @module
 */

import { CHANNEL_ERRORS } from './channel-error.js';
import {
  DEFAULT_MESSAGE_CUSTOMER,
  MAGIC_MESSAGE_ADDRESSES,
  MAGIC_TIMES,
  type MagicChannelBehaviour,
  magicMessageAddress,
} from './message-customer-model.js';
import { MESSAGING_CHANNELS, type MessagingChannel } from './messaging-channel.js';

const CHANNEL_NAMES: Readonly<Record<MessagingChannel, string>> = {
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  email: 'email',
  facebook: 'Messenger',
};

const s = (ms: number): string => `${ms / 1_000} s`;

/** One channel's behaviour in words. */
export function describeMagicBehaviour(b: MagicChannelBehaviour, channel?: MessagingChannel): string {
  const parts: string[] = [];
  if (b.outcome === 'delivered') parts.push(`delivered after ${s(MAGIC_TIMES.outcomeAfterMs)}`);
  else if (b.outcome === 'never') parts.push('`sent`, never delivered');
  else {
    const error = b.error === undefined ? undefined : CHANNEL_ERRORS[b.error];
    const smtp = error !== undefined && 'smtpStatus' in error ? ` (${error.smtpStatus})` : '';
    parts.push(`\`${error?.code}\`${smtp} ${b.outcome}`);
  }
  if (b.readAfterMs !== undefined && channel !== 'sms')
    parts.push(
      `${channel === 'email' ? 'opened' : channel === undefined ? 'read (email: opened)' : 'read'} ${s(b.readAfterMs)} later`,
    );
  if (b.reply !== undefined)
    parts.push(
      b.reply.kind === 'stop'
        ? `replies \`STOP\` ${s(b.reply.afterMs)} after delivery (the address opts out)`
        : `replies ${s(b.reply.afterMs)} after delivery with a seeded sentence`,
    );
  if (b.complaintAfterMs !== undefined)
    parts.push(`\`spamreport\` (complained) ${s(b.complaintAfterMs)} after delivery`);
  if (b.optsOut) parts.push('the address is opted out');
  return parts.join('; ');
}

function describeRow(channels: Partial<Record<MessagingChannel, MagicChannelBehaviour>>): string {
  const present = MESSAGING_CHANNELS.filter((c) => channels[c] !== undefined);
  const texts = present.map((c) => describeMagicBehaviour(channels[c] as MagicChannelBehaviour, c));
  const generic = describeMagicBehaviour(channels[present[0] as MessagingChannel] as MagicChannelBehaviour);
  const same = present.every(
    (c) => JSON.stringify(channels[c]) === JSON.stringify(channels[present[0] as MessagingChannel]),
  );
  if (same && present.length === MESSAGING_CHANNELS.length) return generic;
  if (same) return `${present.map((c) => CHANNEL_NAMES[c]).join(', ')}: ${texts[0]}`;
  return present.map((c, i) => `${CHANNEL_NAMES[c]}: ${texts[i]}`).join('; ');
}

const cell = (value: string | null): string => (value === null ? '—' : `\`${value}\``);

/** The Markdown section: the table, the "read after N s" addresses and what every other address does. */
export function messagingAddressesMarkdown(): string {
  const d = DEFAULT_MESSAGE_CUSTOMER;
  const lines = [
    '# Magic message addresses (the mock only, inferred)',
    '',
    'Like the magic numbers of B.10: an outbound message to one of these addresses behaves as the table says,',
    `on the system clock. \`sent\` comes ${s(MAGIC_TIMES.sentAfterMs)} after the send, the outcome (\`delivered\`, \`failed\` or`,
    `\`undelivered\`, with its \`channel_error_code\`) ${s(MAGIC_TIMES.outcomeAfterMs)} after it; SMS reports no reads. Phone numbers serve`,
    'SMS and WhatsApp; email addresses are matched case-insensitively; on a channel a row does not name, its',
    'address is an ordinary one.',
    '',
    '| SMS / WhatsApp | email | Messenger (PSID) | behaviour |',
    '|---|---|---|---|',
    ...MAGIC_MESSAGE_ADDRESSES.map((row) => {
      const phone = magicMessageAddress(row, 'sms') ?? magicMessageAddress(row, 'whatsapp');
      return `| ${cell(phone)} | ${cell(magicMessageAddress(row, 'email'))} | ${cell(magicMessageAddress(row, 'facebook'))} | ${describeRow(row.channels)} |`;
    }),
    '',
    'Read after N seconds (N from 0 to 999): phone `0800667NNN`, PSID `6671NNN`, email',
    '`reads-after-N@omnikit.test` — delivered as above, then read (email: opened) N s after delivery; on SMS',
    'simply delivered.',
    '',
    'A reply by email answers like a mail client: its `in_reply_to` is the `email_message_id` of the message it',
    'answers and its `references` that message’s references followed by that id, so it lands on that message’s',
    'thread (once the thread is closed, in a new conversation under `Re:` its subject; B.12.7).',
    '',
    `Any other address: \`sent\` after ${s(d.sentAfterMs)}, delivered ${s(d.deliveredAfterSentMs[0])}–${s(d.deliveredAfterSentMs[1])} later; WhatsApp and Messenger read`,
    `${s(d.readAfterMs[0])}–${s(d.readAfterMs[1])} after delivery with probability ${d.read.whatsapp}, email opened with probability ${d.read.email}; no reply — all from the`,
    "system's seeded rng and the message id. Strict mode turns the magic addresses off.",
    '',
  ];
  return lines.join('\n');
}
