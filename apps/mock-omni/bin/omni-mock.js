#!/usr/bin/env node
/**
 * Runs the built mock (dist/main.js). Build it first: npm run build -w @omnikit/mock-omni
 *
 * @module
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('omni-mock: dist/main.js is missing; build first: npm run build -w @omnikit/mock-omni');
  process.exit(1);
}
await import(main.href);
