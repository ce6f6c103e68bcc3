import { CHANNEL_ERRORS as B12_CHANNEL_ERRORS } from '@omnikit/contracts/messaging';
import { describe, expect, it } from 'vitest';
import { CHANNEL_ERRORS } from '../../../src/engine/messaging/channel-error.js';
import { MAGIC_MESSAGE_ADDRESSES } from '../../../src/engine/messaging/message-customer-model.js';
import { MESSAGING_CHANNELS } from '../../../src/engine/messaging/messaging-channel.js';

const B12 = B12_CHANNEL_ERRORS as Readonly<Record<string, Readonly<Record<string, { status: string }>>>>;

describe('the channel errors against B.12.3', () => {
  it('every code B.12.3 lists is one the rules can produce, on its channel', () => {
    const ours = new Set(Object.values(CHANNEL_ERRORS).map((e) => `${e.channel}:${e.code}`));
    for (const channel of MESSAGING_CHANNELS)
      for (const code of Object.keys(B12[channel] ?? {}))
        expect(ours, `${channel} ${code}`).toContain(`${channel}:${code}`);
  });

  it('a magic address fails with a B.12.3 code in the status B.12.3 gives it', () => {
    let checked = 0;
    for (const row of MAGIC_MESSAGE_ADDRESSES)
      for (const channel of MESSAGING_CHANNELS) {
        const b = row.channels[channel];
        if (b?.error === undefined) continue;
        const listed = B12[channel]?.[CHANNEL_ERRORS[b.error].code];
        if (listed === undefined) continue;
        expect(b.outcome, `${row.code} ${channel}`).toBe(listed.status);
        checked++;
      }
    expect(checked).toBe(13);
  });

  it('codes are the providers’ own: digits for Twilio and Meta, SendGrid event names for email', () => {
    for (const e of Object.values(CHANNEL_ERRORS)) {
      if (e.channel === 'email') expect(['dropped', 'bounce', 'spamreport']).toContain(e.code);
      else expect(e.code).toMatch(/^[0-9]+$/);
      expect(e.detail.length).toBeGreaterThan(5);
    }
  });
});
