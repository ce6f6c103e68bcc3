// Writes docs/variants.md (the variation axes) from the contracts.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderVariantsDoc } from './variants-doc.js';

const out = fileURLToPath(new URL('../docs/variants.md', import.meta.url));
writeFileSync(out, renderVariantsDoc());
console.log(`wrote ${out}`);
