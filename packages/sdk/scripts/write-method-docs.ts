// Writes src/group-methods.ts (the generated methods' types with their docs) from the contracts.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderGroupMethods } from './method-docs.js';

const out = fileURLToPath(new URL('../src/group-methods.ts', import.meta.url));
writeFileSync(out, renderGroupMethods());
console.log(`wrote ${out}`);
