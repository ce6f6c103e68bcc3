/**
 * The mock's version, read from its own package.json (one level up from both `src/` and `dist/`), so a
 * release that bumps the package (changesets) cannot leave a copy behind.
 *
 * @module
 */

import { readFileSync } from 'node:fs';

/** The version of `@omnikit/mock-omni` this mock is. */
export const MOCK_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
