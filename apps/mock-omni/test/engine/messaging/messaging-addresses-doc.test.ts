import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAGIC_MESSAGE_BEHAVIOURS, magicMessageAddress } from '../../../src/engine/messaging/message-customer-model.js';
import { messagingAddressesMarkdown } from '../../../src/engine/messaging/messaging-addresses-doc.js';
import { MESSAGING_CHANNELS } from '../../../src/engine/messaging/messaging-channel.js';

/** docs/messaging-addresses.md is written from the customer model's table: stale when a row changes. */
describe('docs/messaging-addresses.md', () => {
  const file = readFileSync(new URL('../../../docs/messaging-addresses.md', import.meta.url), 'utf8');

  it('is what the generator writes now (run `npm run docs:messaging-addresses -w @omnikit/mock-omni`)', () => {
    expect(file).toBe(messagingAddressesMarkdown());
  });

  it('lists every magic address of every row', () => {
    for (const b of MAGIC_MESSAGE_BEHAVIOURS) {
      expect(file).toContain(`| ${b.code} |`);
      for (const c of MESSAGING_CHANNELS) {
        const address = magicMessageAddress(b.code, c);
        if (address !== null) expect(file).toContain(`\`${address}\``);
      }
    }
  });
});
