/**
 * The mock's version, read from its own package.json (found from `src/`, `dist/` and the CLI's bundle alike), so a
 * release that bumps the package (changesets) cannot leave a copy behind.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './package-root.js';

/** The version of `@omnikit/mock-omni` this mock is. */
export const MOCK_VERSION: string = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
