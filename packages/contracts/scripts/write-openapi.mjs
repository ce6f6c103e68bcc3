// Writes the OpenAPI document generated from the built route objects and prints where it went.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { omniOpenApiDocument } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'dist', 'openapi.json');
mkdirSync(dirname(out), { recursive: true });
const doc = omniOpenApiDocument();
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
console.log(`OpenAPI document: ${relative(process.cwd(), out)} (${ops.length} operations)`);
