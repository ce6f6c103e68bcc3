/**
 * The table of magic message addresses as Markdown, written from the customer model's own data, for the API
 * document (B.12) and `docs/messaging-addresses.md`; a test keeps that file equal to it.
 *
 * @module
 */

import {
  MAGIC_EMAIL_DOMAIN,
  MAGIC_MESSAGE_BEHAVIOURS,
  MAGIC_TIMES,
  magicPhoneNumber,
  magicPsid,
} from './message-customer-model.js';

const cell = (value: string | null): string => (value === null ? '—' : `\`${value}\``);

/** The Markdown section: the table, the "read after N s" addresses and what every other address does. */
export function messagingAddressesMarkdown(): string {
  const s = (ms: number): string => `${ms / 1_000} s`;
  const lines = [
    '# Magic message addresses (the mock only, inferred)',
    '',
    'An outbound message to one of these addresses behaves as the table says, on the system clock. Times: `sent`',
    `${s(MAGIC_TIMES.sentAfterMs)} after the send, the outcome (\`delivered\`, \`failed\`, \`undelivered\`) ${s(MAGIC_TIMES.outcomeAfterMs)} after it;`,
    `"read" means \`read\` on WhatsApp and Messenger and \`opened\` on email ${s(MAGIC_TIMES.readAfterMs)} after delivery (SMS reports no`,
    `reads); a reply comes ${s(MAGIC_TIMES.replyAfterMs)} after delivery. Phone numbers serve SMS and WhatsApp; a row names the`,
    'channels it applies to, and on any other channel its address is an ordinary one.',
    '',
    '| code | phone (SMS, WhatsApp) | Messenger PSID | email | channels | behaviour |',
    '|---|---|---|---|---|---|',
    ...MAGIC_MESSAGE_BEHAVIOURS.map((b) => {
      const phone = b.channels.includes('sms') || b.channels.includes('whatsapp') ? magicPhoneNumber(b.code) : null;
      const psid = b.channels.includes('facebook') ? magicPsid(b.code) : null;
      const email = b.emailLocalPart === null ? null : `${b.emailLocalPart}@${MAGIC_EMAIL_DOMAIN}`;
      return `| ${b.code} | ${cell(phone)} | ${cell(psid)} | ${cell(email)} | ${b.channels.join(', ')} | ${b.description} |`;
    }),
    '',
    'Read after N seconds (N from 0 to 999): phone `0800557NNN` (WhatsApp; on SMS simply delivered), PSID',
    '`5550000000001NNN`, email `reads-after-N@example.com` — delivered as above, then read (opened) N s after delivery.',
    '',
    'Phone numbers are compared without spaces, dashes, brackets or a leading `+`; email addresses in any case.',
    'Strict mode turns the magic addresses off. Any other address follows a seeded default per channel (the',
    "system's seed and the message id decide): most messages are delivered within seconds, a few fail with the",
    "channel's usual errors; WhatsApp and Messenger customers mostly read, some reply with a short sentence; a few",
    'SMS replies are `STOP`; a rare email draws a spam report.',
    '',
  ];
  return lines.join('\n');
}
