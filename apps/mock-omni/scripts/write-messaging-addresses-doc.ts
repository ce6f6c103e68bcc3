// Writes docs/messaging-addresses.md (the magic message addresses) from the customer model's table.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { messagingAddressesMarkdown } from '../src/engine/messaging/messaging-addresses-doc.js';

const out = fileURLToPath(new URL('../docs/messaging-addresses.md', import.meta.url));
writeFileSync(out, messagingAddressesMarkdown());
console.log(`wrote ${out}`);
