/**
 * The console's version, read from its own package.json (two levels up from both `src/server/` and
 * `dist/server/`), so a release that bumps the package (changesets) cannot leave a copy behind.
 *
 * @module
 */

import { readFileSync } from 'node:fs';

/** The version of the console (shown by /health and /api/info). */
export const CONSOLE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
