#!/usr/bin/env node
/**
 * Runs the built mock: the CLI's bundle (dist/bundle/omni-mock.js, a few files Node loads far faster than the hundreds
 * of modules of dist/). Build it first: npm run build -w @omnikit/mock-omni
 *
 * @module
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/bundle/omni-mock.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('omni-mock: dist/bundle/omni-mock.js is missing; build first: npm run build -w @omnikit/mock-omni');
  process.exit(1);
}
await import(main.href);
