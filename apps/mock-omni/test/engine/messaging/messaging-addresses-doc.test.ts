import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAGIC_MESSAGE_ADDRESSES, magicMessageAddress } from '../../../src/engine/messaging/message-customer-model.js';
import { messagingAddressesMarkdown } from '../../../src/engine/messaging/messaging-addresses-doc.js';
import { MESSAGING_CHANNELS } from '../../../src/engine/messaging/messaging-channel.js';

/** docs/messaging-addresses.md is written from the customer model's table: stale when a row changes. */
describe('docs/messaging-addresses.md', () => {
  const file = readFileSync(new URL('../../../docs/messaging-addresses.md', import.meta.url), 'utf8');

  it('is what the generator writes now (run `npm run docs:messaging-addresses -w @omnikit/mock-omni`)', () => {
    expect(file).toBe(messagingAddressesMarkdown());
  });

  it('lists every magic address of every row', () => {
    for (const row of MAGIC_MESSAGE_ADDRESSES)
      for (const c of MESSAGING_CHANNELS) {
        const address = magicMessageAddress(row, c);
        if (address !== null) expect(file).toContain(`\`${address}\``);
      }
  });

  it('says each row in words a reader can check', () => {
    expect(file).toContain(
      '| `0800666005` | `bounces@omnikit.test` | `6660005` | SMS: `30003` undelivered; WhatsApp: `131026` failed; email: `bounce` (5.1.1) undelivered; Messenger: `551` failed |',
    );
    expect(file).toContain('| `0800666001` | `delivers@omnikit.test` | `6660001` | delivered after 1 s |');
    expect(file).toContain(
      '| `0800666004` | — | — | SMS, WhatsApp: delivered after 1 s; replies `STOP` 5 s after delivery',
    );
  });
});
