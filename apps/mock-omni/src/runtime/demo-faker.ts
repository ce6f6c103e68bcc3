/**
 * faker's English build, the demo leads' source: a fifth of the mock's code by size and about 5 MB of its memory, so
 * it is loaded the first time a system's demo data is built (a new system or a reset), not at start-up — a mock on an
 * existing database never needs it. `preloadDemoFaker` loads it with `import()`, which every module loader runs (jest's
 * ES-module runtime included); what was not preloaded is loaded on first use with `require` (Node ≥ 20.19 requires an
 * ES module synchronously), so the registry's system creation stays synchronous.
 *
 * @module
 */

import { createRequire } from 'node:module';
import type { Faker } from '@faker-js/faker';

const require = createRequire(import.meta.url);
let loaded: Faker | undefined;

/** Loads faker ahead of its first use, through `import()`: what `createMockOmni` does unless told to defer it. */
export async function preloadDemoFaker(): Promise<void> {
  loaded ??= (await import('@faker-js/faker/locale/en')).faker;
}

/** The one shared English faker instance (each demo build re-seeds it). */
export function demoFaker(): Faker {
  loaded ??= (require('@faker-js/faker/locale/en') as typeof import('@faker-js/faker/locale/en')).faker;
  return loaded;
}
